import { z } from "@hono/zod-openapi";
import { page } from "../../../schemas/common.ts";
import type { MailMessage } from "../../../usecases/staff-mail.ts";

const ts = z.string().openapi({ format: "date-time" });

/** A mail message as staff see it: never its content or the link token it carries. */
export const MailMessageSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: "The account mail (invitation, password_reset...) or the event type it is about." }),
    recipient: z.string().nullable(),
    status: z.enum(["pending", "sent", "dead", "skipped"]),
    attempts: z.number().int(),
    last_error: z.string().nullable().openapi({ description: "The SMTP server's last answer, or why it could not be reached." }),
    next_attempt_at: ts.nullable(),
    last_attempt_at: ts.nullable(),
    created_at: ts,
  })
  .openapi("MailMessage");
export const MailMessagePage = page(MailMessageSchema, "MailMessagePage");

export const toMailMessage = (m: MailMessage): z.infer<typeof MailMessageSchema> => ({
  id: m.id,
  kind: m.kind,
  recipient: m.recipient,
  status: m.status,
  attempts: m.attempts,
  last_error: m.last_error,
  next_attempt_at: m.next_attempt_at?.toISOString() ?? null,
  last_attempt_at: m.last_attempt_at?.toISOString() ?? null,
  created_at: m.created_at.toISOString(),
});
