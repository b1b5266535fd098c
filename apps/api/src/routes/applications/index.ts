import { operations } from "../factory.ts";
import * as create from "./create.ts";
import * as get from "./get.ts";
import * as history from "./history.ts";
import * as list from "./list.ts";
import * as resubmit from "./resubmit.ts";
import * as submit from "./submit.ts";
import * as update from "./update.ts";
import * as withdraw from "./withdraw.ts";

export const applicationRoutes = operations(create, list, get, update, submit, withdraw, resubmit, history);
