import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as applicationForm from "./application-form.ts";
import * as categories from "./categories.ts";

export const catalogRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
catalogRoutes.openapi(categories.route, categories.handler);
catalogRoutes.openapi(applicationForm.route, applicationForm.handler);
