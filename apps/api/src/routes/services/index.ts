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

export const serviceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create.route, create.handler)
  .openapi(list.route, list.handler)
  .openapi(get.route, get.handler)
  .openapi(update.route, update.handler)
  .openapi(publish.route, publish.handler)
  .openapi(deactivate.route, deactivate.handler)
  .openapi(referralLinks.route, referralLinks.handler);
