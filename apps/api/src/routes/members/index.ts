import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as list from "./list.ts";
import * as remove from "./remove.ts";
import * as teamSettings from "./team-settings.ts";
import * as transfer from "./transfer.ts";
import * as update from "./update.ts";

export const memberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
memberRoutes.openapi(list.route, list.handler);
memberRoutes.openapi(update.route, update.handler);
memberRoutes.openapi(remove.route, remove.handler);
memberRoutes.openapi(transfer.route, transfer.handler);
memberRoutes.openapi(teamSettings.route, teamSettings.handler);
