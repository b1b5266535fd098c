import { operations } from "../../factory.ts";
import * as create from "./create.ts";
import * as disable from "./disable.ts";
import * as enable from "./enable.ts";
import * as list from "./list.ts";

export const staffUserRoutes = operations(list, create, disable, enable);
