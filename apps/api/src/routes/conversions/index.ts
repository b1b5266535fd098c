import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as create from "./create.ts";

export const conversionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
conversionRoutes.openapi(create.route, create.handler);
