import { type RouteHandler, z } from "@hono/zod-openapi";
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_LABELS, AUDIT_ENTITY_LABELS } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { AuditEventPage } from "../../../schemas/resources.ts";
import { toAuditEvent } from "../../../serializers.ts";
import { listAudit } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

const q = (name: string) =>
  z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name, in: "query" } });

/** A filter that takes one word of the audit vocabulary (@shopreg/domain): a misspelt one is a 422, not an empty page. */
const oneOf = <T extends string>(name: string, labels: Record<T, string>) =>
  z
    .enum(Object.keys(labels) as [T, ...T[]])
    .optional()
    .openapi({ param: { name, in: "query" } });

export const route = staffRoute("any", {
  operationId: "listAuditEvents",
  method: "get",
  path: "/audit-events",
  tags: ["Oversight"],
  summary: "The audit log (newest first), filterable by actor, entity and action",
  request: {
    query: PageQuery.extend({
      actor_id: q("actor_id"),
      actor_type: oneOf("actor_type", AUDIT_ACTOR_LABELS),
      entity_type: oneOf("entity_type", AUDIT_ENTITY_LABELS),
      entity_id: q("entity_id"),
      action: oneOf("action", AUDIT_ACTION_LABELS),
      partner_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "partner_id", in: "query" } }),
    }),
  },
  responses: { 200: json(AuditEventPage, "A page of audit events."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const page = await listAudit(useCase(c, staffOf(c)), {
    ...pageParams(query),
    actorId: query.actor_id,
    actorType: query.actor_type,
    entityType: query.entity_type,
    entityId: query.entity_id,
    action: query.action,
    partnerId: query.partner_id,
  });
  return c.json({ data: page.data.map(toAuditEvent), next_cursor: page.next_cursor }, 200);
};
