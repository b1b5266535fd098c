import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { HistorySchema } from "../../schemas/resources.ts";
import { toAuditEvent } from "../../serializers.ts";
import { applicationHistory } from "../../usecases/applications.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("applications:read", {
  operationId: "listApplicationHistory",
  method: "get",
  path: "/applications/{id}/history",
  tags: ["Applications"],
  summary: "An application's history, oldest first (who did what, when, and why)",
  request: { params: IdParam },
  responses: { 200: json(HistorySchema, "The history."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = partnerOf(c);
  const events = await applicationHistory(useCase(c, p), c.req.valid("param").id, p.partnerId);
  // Partners see that the review team decided, not which reviewer.
  const redacted = events.map((e) =>
    e.actor_label?.includes(":") ? { ...e, actor_id: null, actor_label: "TikTok Shop review team" } : e,
  );
  return c.json({ data: redacted.map(toAuditEvent) }, 200);
};
