import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as accept from "./accept.ts";
import * as create from "./create.ts";
import * as list from "./list.ts";
import * as resend from "./resend.ts";
import * as revoke from "./revoke.ts";

// accept before the {id} routes, so "accept" is never read as an id.
export const invitationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
invitationRoutes.openapi(accept.route, accept.handler);
invitationRoutes.openapi(create.route, create.handler);
invitationRoutes.openapi(list.route, list.handler);
invitationRoutes.openapi(resend.route, resend.handler);
invitationRoutes.openapi(revoke.route, revoke.handler);
