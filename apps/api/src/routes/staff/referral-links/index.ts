import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as list from "./list.ts";

export const staffLinkRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffLinkRoutes.openapi(list.route, list.handler);
