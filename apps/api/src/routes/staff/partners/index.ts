import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { validationHook } from "../../../errors.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as memberDisable from "./member-disable.ts";
import * as memberEnable from "./member-enable.ts";
import * as members from "./members.ts";

export const staffPartnerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list.route, list.handler)
  .openapi(get.route, get.handler)
  .openapi(members.route, members.handler)
  .openapi(memberDisable.route, memberDisable.handler)
  .openapi(memberEnable.route, memberEnable.handler);
