import type { RouteHandler } from "@hono/zod-openapi";
import { staffCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { createStaffUser } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "createStaffUser",
  method: "post",
  path: "/users",
  tags: ["Staff"],
  summary: "Create a reviewer, analyst or admin (admin)",
  request: { headers: IdempotencyHeader, ...jsonBody(staffCreateInput) },
  responses: { 201: json(StaffUserSchema, "Created."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await createStaffUser(useCase(c, staffOf(c)), c.req.valid("json"))), 201);
