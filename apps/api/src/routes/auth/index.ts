import { operations } from "../factory.ts";
import * as confirmEmail from "./email-verification-confirm.ts";
import * as getSession from "./get-session.ts";
import * as logIn from "./log-in.ts";
import * as logOut from "./log-out.ts";
import * as checkReset from "./password-reset-check.ts";
import * as confirmReset from "./password-reset-confirm.ts";
import * as requestReset from "./password-reset-request.ts";
import * as signUp from "./sign-up.ts";

export const authRoutes = operations(signUp, logIn, logOut, getSession, requestReset, checkReset, confirmReset, confirmEmail);
