import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { listDeadLetters } from "../../../usecases/staff-mail.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";
import { MailMessagePage, toMailMessage } from "./schema.ts";

export const route = staffRoute(["admin"], {
  operationId: "listDeadMail",
  method: "get",
  path: "/mail/dead-letters",
  tags: ["Staff"],
  summary: "Mail given up on after its whole retry schedule (admin)",
  description:
    "Each message is retried with backoff for about 16 hours while the SMTP server refuses it or cannot be reached; " +
    "then it is listed here (and counted by the api_mail_dead_letters metric), newest first.",
  request: { query: PageQuery },
  responses: { 200: json(MailMessagePage, "A page of dead mail."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await listDeadLetters(useCase(c, staffOf(c)), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toMailMessage), next_cursor: page.next_cursor }, 200);
};
