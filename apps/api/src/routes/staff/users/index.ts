import { operations } from "../../factory.ts";
import * as changeRole from "./change-role.ts";
import * as create from "./create.ts";
import * as disable from "./disable.ts";
import * as enable from "./enable.ts";
import * as list from "./list.ts";
import * as passwordReset from "./password-reset.ts";

export const staffUserRoutes = operations(list, create, disable, enable, changeRole, passwordReset);
