import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";

export const staffServiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffServiceRoutes.openapi(list.route, list.handler);
staffServiceRoutes.openapi(get.route, get.handler);
