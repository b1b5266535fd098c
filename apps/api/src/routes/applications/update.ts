import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { applicationDetails, commonErrors, IdParam, json, jsonBody } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { updateApplicationDetails } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const UpdateApplicationBody = z
  .strictObject({
    details: applicationDetails("Fields to set; null removes a field. Others are kept."),
  })
  .openapi("UpdateApplication");

export const route = partnerRoute("applications:write", {
  operationId: "updateApplication",
  method: "patch",
  path: "/applications/{id}",
  tags: ["Applications"],
  summary: "Save details (Draft or Needs more info)",
  request: { params: IdParam, ...jsonBody(UpdateApplicationBody) },
  responses: { 200: json(ApplicationSchema, "The application with its new details."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await updateApplicationDetails(ctx, c.req.valid("param").id, c.req.valid("json").details);
  return c.json(toApplication(app, await actionCallerOf(ctx)), 200);
};
