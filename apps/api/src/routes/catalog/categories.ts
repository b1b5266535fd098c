import { type RouteHandler, z } from "@hono/zod-openapi";
import { CATEGORIES, isLeafCategory, MARKETS } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { CategorySchema } from "../../schemas/resources.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "getCatalog",
  method: "get",
  path: "/catalog",
  tags: ["Catalog"],
  summary: "Service categories and target markets",
  description: "The category tree (only open leaves can be applied for) and the markets (only open ones can be targeted).",
  responses: {
    200: json(
      z
        .object({
          categories: z.array(CategorySchema),
          markets: z.array(z.object({ code: z.string(), name: z.string(), name_zh: z.string(), open: z.boolean() })),
        })
        .openapi("Catalog"),
      "The catalog.",
    ),
    429: commonErrors[429],
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(
    {
      categories: CATEGORIES.map((n) => ({
        id: n.id,
        name: n.name,
        name_zh: n.nameZh,
        parent_id: n.parentId,
        open: n.open,
        leaf: isLeafCategory(n.id),
      })),
      markets: MARKETS.map((m) => ({ code: m.code, name: m.name, name_zh: m.nameZh, open: m.open })),
    },
    200,
  );
