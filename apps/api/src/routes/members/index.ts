import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as list from "./list.ts";
import * as remove from "./remove.ts";
import * as teamSettings from "./team-settings.ts";
import * as transfer from "./transfer.ts";
import * as update from "./update.ts";

export const memberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list.route, list.handler)
  .openapi(update.route, update.handler)
  .openapi(remove.route, remove.handler)
  .openapi(transfer.route, transfer.handler)
  .openapi(teamSettings.route, teamSettings.handler);
