import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as approve from "./approve.ts";
import * as get from "./get.ts";
import * as queue from "./queue.ts";
import * as reject from "./reject.ts";
import * as requestInfo from "./request-info.ts";
import * as revoke from "./revoke.ts";

export const reviewRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
reviewRoutes.openapi(queue.route, queue.handler);
reviewRoutes.openapi(get.route, get.handler);
reviewRoutes.openapi(approve.route, approve.handler);
reviewRoutes.openapi(reject.route, reject.handler);
reviewRoutes.openapi(requestInfo.route, requestInfo.handler);
reviewRoutes.openapi(revoke.route, revoke.handler);
