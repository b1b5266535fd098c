import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as list from "./list.ts";

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
auditRoutes.openapi(list.route, list.handler);
