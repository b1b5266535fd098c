import { operations } from "../factory.ts";
import * as list from "./list.ts";
import * as remove from "./remove.ts";
import * as teamSettings from "./team-settings.ts";
import * as transfer from "./transfer.ts";
import * as update from "./update.ts";

export const memberRoutes = operations(list, update, remove, transfer, teamSettings);
