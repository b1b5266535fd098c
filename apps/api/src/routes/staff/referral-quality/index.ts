import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";

export const referralQualityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
referralQualityRoutes.openapi(get.route, get.handler);
referralQualityRoutes.openapi(list.route, list.handler);
