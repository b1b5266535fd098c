import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as create from "./create.ts";
import * as disable from "./disable.ts";
import * as enable from "./enable.ts";
import * as list from "./list.ts";

export const staffUserRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffUserRoutes.openapi(list.route, list.handler);
staffUserRoutes.openapi(create.route, create.handler);
staffUserRoutes.openapi(disable.route, disable.handler);
staffUserRoutes.openapi(enable.route, enable.handler);
