import { operations } from "../../factory.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";

export const staffServiceRoutes = operations(list, get);
