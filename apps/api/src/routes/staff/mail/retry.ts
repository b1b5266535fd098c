import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../../schemas/common.ts";
import { retryDeadLetter } from "../../../usecases/staff-mail.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";
import { MailMessageSchema, toMailMessage } from "./schema.ts";

export const route = staffRoute(["admin"], {
  operationId: "retryDeadMail",
  method: "post",
  path: "/mail/dead-letters/{id}/retry",
  tags: ["Staff"],
  summary: "Try a dead mail once more, now (admin)",
  description: "404 when the message is not dead (already retried, or sent).",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(MailMessageSchema, "The message, pending again."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toMailMessage(await retryDeadLetter(useCase(c, staffOf(c)), c.req.valid("param").id)), 200);
