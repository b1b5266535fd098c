import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as create from "./create.ts";
import * as del from "./delete.ts";
import * as deliveries from "./deliveries.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as redeliver from "./redeliver.ts";
import * as rotateSecret from "./rotate-secret.ts";
import * as test from "./test.ts";
import * as update from "./update.ts";

export const webhookEndpointRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create.route, create.handler)
  .openapi(list.route, list.handler)
  .openapi(get.route, get.handler)
  .openapi(update.route, update.handler)
  .openapi(del.route, del.handler)
  .openapi(rotateSecret.route, rotateSecret.handler)
  .openapi(test.route, test.handler)
  .openapi(deliveries.route, deliveries.handler)
  .openapi(redeliver.route, redeliver.handler);
