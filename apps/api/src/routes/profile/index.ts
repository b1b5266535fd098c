import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as get from "./get.ts";
import * as update from "./update.ts";

export const profileRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
profileRoutes.openapi(get.route, get.handler);
profileRoutes.openapi(update.route, update.handler);
