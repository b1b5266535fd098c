import { operations } from "../../factory.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as memberDisable from "./member-disable.ts";
import * as memberEnable from "./member-enable.ts";
import * as members from "./members.ts";

export const staffPartnerRoutes = operations(list, get, members, memberDisable, memberEnable);
