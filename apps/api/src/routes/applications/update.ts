import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdParam, json, jsonBody, partnerSecurity } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { updateApplicationDetails } from "../../usecases/applications.ts";
import { useCase } from "../helpers.ts";

export const UpdateApplicationBody = z
  .strictObject({
    details: z.record(z.string(), z.unknown()).openapi({ description: "Fields to set; null removes a field. Others are kept." }),
  })
  .openapi("UpdateApplication");

export const route = createRoute({
  method: "patch",
  path: "/applications/{id}",
  tags: ["Applications"],
  summary: "Save details (Draft or Needs more info)",
  security: partnerSecurity,
  request: { params: IdParam, ...jsonBody(UpdateApplicationBody) },
  responses: { 200: json(ApplicationSchema, "The application with its new details."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const app = await updateApplicationDetails(
    useCase(c, requirePartner(c, "applications:write")),
    c.req.valid("param").id,
    c.req.valid("json").details,
  );
  return c.json(toApplication(app, "partner"), 200);
};
