import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as create from "./create.ts";
import * as deactivate from "./deactivate.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as publish from "./publish.ts";
import * as referralLinks from "./referral-links.ts";
import * as update from "./update.ts";

export const serviceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
serviceRoutes.openapi(create.route, create.handler);
serviceRoutes.openapi(list.route, list.handler);
serviceRoutes.openapi(get.route, get.handler);
serviceRoutes.openapi(update.route, update.handler);
serviceRoutes.openapi(publish.route, publish.handler);
serviceRoutes.openapi(deactivate.route, deactivate.handler);
serviceRoutes.openapi(referralLinks.route, referralLinks.handler);
