import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as create from "./create.ts";
import * as current from "./current.ts";
import * as list from "./list.ts";
import * as revoke from "./revoke.ts";

export const apiKeyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
apiKeyRoutes.openapi(current.route, current.handler);
apiKeyRoutes.openapi(create.route, create.handler);
apiKeyRoutes.openapi(list.route, list.handler);
apiKeyRoutes.openapi(revoke.route, revoke.handler);
