import { type RouteHandler, z } from "@hono/zod-openapi";
import { APPLICATION_FORM_VERSION, ENTITY_TYPES, formFieldsFor } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { publicRoute } from "../factory.ts";

const FieldSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    required: z.boolean(),
    label: z.object({ en: z.string(), zh: z.string() }),
    help: z.object({ en: z.string(), zh: z.string() }).optional(),
    max_length: z.number().optional(),
    options: z.array(z.object({ value: z.string(), label: z.object({ en: z.string(), zh: z.string() }) })).optional(),
  })
  .openapi("FormField");

export const route = publicRoute({
  operationId: "getApplicationForm",
  method: "get",
  path: "/application-forms/{entity_type}",
  tags: ["Catalog"],
  summary: "The application details form for an entity type",
  description: "The same definition the API enforces on submission.",
  request: { params: z.object({ entity_type: z.enum(ENTITY_TYPES).openapi({ param: { name: "entity_type", in: "path" } }) }) },
  responses: {
    200: json(
      z
        .object({ version: z.number(), entity_type: z.enum(ENTITY_TYPES), fields: z.array(FieldSchema) })
        .openapi("ApplicationForm"),
      "The form.",
    ),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { entity_type } = c.req.valid("param");
  return c.json(
    {
      version: APPLICATION_FORM_VERSION,
      entity_type,
      fields: formFieldsFor(entity_type).map((f) => ({
        name: f.name,
        type: f.type,
        required: f.required,
        label: f.label,
        ...(f.help ? { help: f.help } : {}),
        ...(f.maxLength ? { max_length: f.maxLength } : {}),
        ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      })),
    },
    200,
  );
};
