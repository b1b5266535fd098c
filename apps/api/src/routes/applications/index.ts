import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as create from "./create.ts";
import * as get from "./get.ts";
import * as history from "./history.ts";
import * as list from "./list.ts";
import * as resubmit from "./resubmit.ts";
import * as submit from "./submit.ts";
import * as update from "./update.ts";
import * as withdraw from "./withdraw.ts";

export const applicationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create.route, create.handler)
  .openapi(list.route, list.handler)
  .openapi(get.route, get.handler)
  .openapi(update.route, update.handler)
  .openapi(submit.route, submit.handler)
  .openapi(withdraw.route, withdraw.handler)
  .openapi(resubmit.route, resubmit.handler)
  .openapi(history.route, history.handler);
