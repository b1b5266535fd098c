import { operations } from "../../factory.ts";
import * as get from "./get.ts";
import * as logIn from "./log-in.ts";
import * as logOut from "./log-out.ts";

export const staffSessionRoutes = operations(logIn, logOut, get);
