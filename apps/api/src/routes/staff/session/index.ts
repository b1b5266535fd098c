import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as get from "./get.ts";
import * as logIn from "./log-in.ts";
import * as logOut from "./log-out.ts";

export const staffSessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffSessionRoutes.openapi(logIn.route, logIn.handler);
staffSessionRoutes.openapi(logOut.route, logOut.handler);
staffSessionRoutes.openapi(get.route, get.handler);
