import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { validationHook } from "../../errors.ts";
import * as getSession from "./get-session.ts";
import * as logIn from "./log-in.ts";
import * as logOut from "./log-out.ts";
import * as signUp from "./sign-up.ts";

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(signUp.route, signUp.handler)
  .openapi(logIn.route, logIn.handler)
  .openapi(logOut.route, logOut.handler)
  .openapi(getSession.route, getSession.handler);
