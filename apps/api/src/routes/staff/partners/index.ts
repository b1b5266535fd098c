import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as memberDisable from "./member-disable.ts";
import * as memberEnable from "./member-enable.ts";
import * as members from "./members.ts";

export const staffPartnerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
staffPartnerRoutes.openapi(list.route, list.handler);
staffPartnerRoutes.openapi(get.route, get.handler);
staffPartnerRoutes.openapi(members.route, members.handler);
staffPartnerRoutes.openapi(memberDisable.route, memberDisable.handler);
staffPartnerRoutes.openapi(memberEnable.route, memberEnable.handler);
