import { type RouteHandler, z } from "@hono/zod-openapi";
import { categoryId, marketCode, SHOP_REGISTRATION } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { applicationDetails, commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { createApplication } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const CreateApplicationBody = z
  .strictObject({
    category_id: categoryId.meta({ example: SHOP_REGISTRATION }),
    target_market: marketCode.meta({ example: "US" }),
    details: applicationDetails(
      "Any part of the details form of your entity type (GET /v1/application-forms/{entity_type}); complete it before submitting.",
    ).optional(),
  })
  .openapi("CreateApplication");

export const route = partnerRoute("applications:write", {
  operationId: "createApplication",
  method: "post",
  path: "/applications",
  tags: ["Applications"],
  summary: "Start an application for a service category and market (+ Category & market)",
  description:
    "Creates a Draft. At most one live application (Draft, Reviewing, Needs more info, Approved) per category and market.",
  request: { headers: IdempotencyHeader, ...jsonBody(CreateApplicationBody) },
  responses: { 201: json(ApplicationSchema, "The draft application."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await createApplication(ctx, c.req.valid("json"));
  return c.json(toApplication(app, await actionCallerOf(ctx)), 201);
};
