import { z } from "@hono/zod-openapi";
import { ENTITY_TYPES, exactly, formFieldsFor } from "@shopreg/domain";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      request_id: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export const err = (description: string) => ({ content: { "application/json": { schema: ErrorSchema } }, description });

/** The errors any authenticated operation can return; routes add their own. */
export const commonErrors = {
  400: err("Malformed request (for example, invalid JSON)."),
  401: err("Not signed in, or the API key is invalid or revoked."),
  403: err("Signed in, but not allowed to do this."),
  404: err("Not found (or not yours)."),
  409: err("Conflicts with the current state: an illegal transition, a duplicate, or a reused idempotency key."),
  413: err("The body is larger than the limit."),
  422: err("Validation failed; details.fields lists each field."),
  429: err("Rate limited; see Retry-After."),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** An application's details: keys of the details form (GET /v1/application-forms/{entity_type}); others are refused. */
export const applicationDetails = (description: string) =>
  z.record(z.string(), z.unknown()).meta({
    description: `${description} Keys are the form's field names for your entity type; another key is a 422 naming it.`,
    propertyNames: { pattern: exactly([...new Set(ENTITY_TYPES.flatMap((t) => formFieldsFor(t).map((f) => f.name)))]) },
  });

export const IdParam = z.object({ id: z.uuid({ error: "Not a valid id." }).openapi({ param: { name: "id", in: "path" } }) });

/** One of a partner's members: /partners/{id}/members/{user_id}. */
export const PartnerMemberParams = IdParam.extend({
  user_id: z.uuid({ error: "Not a valid id." }).openapi({ param: { name: "user_id", in: "path" } }),
});

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: "limit", in: "query" }, example: 20 }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "next_cursor from the previous page." }),
});

export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);

export const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "Use 1-255 printable ASCII characters (no spaces).")
    .optional()
    .openapi({
      param: { name: "Idempotency-Key", in: "header" },
      description:
        "1-255 printable ASCII characters (U+0021-U+007E). Retries with the same key return the first response; " +
        "another value is a 400 invalid_idempotency_key.",
    }),
});
