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

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(signUp.route, signUp.handler)
  .openapi(logIn.route, logIn.handler)
  .openapi(logOut.route, logOut.handler)
  .openapi(getSession.route, getSession.handler)
  .openapi(requestReset.route, requestReset.handler)
  .openapi(confirmReset.route, confirmReset.handler)
  .openapi(confirmEmail.route, confirmEmail.handler);
