import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as confirmEmail from "./email-verification-confirm.ts";
import * as getSession from "./get-session.ts";
import * as logIn from "./log-in.ts";
import * as logOut from "./log-out.ts";
import * as confirmReset from "./password-reset-confirm.ts";
import * as requestReset from "./password-reset-request.ts";
import * as signUp from "./sign-up.ts";

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
authRoutes.openapi(signUp.route, signUp.handler);
authRoutes.openapi(logIn.route, logIn.handler);
authRoutes.openapi(logOut.route, logOut.handler);
authRoutes.openapi(getSession.route, getSession.handler);
authRoutes.openapi(requestReset.route, requestReset.handler);
authRoutes.openapi(confirmReset.route, confirmReset.handler);
authRoutes.openapi(confirmEmail.route, confirmEmail.handler);
