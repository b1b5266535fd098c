import { operations } from "../factory.ts";
import * as create from "./create.ts";
import * as deactivate from "./deactivate.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as publish from "./publish.ts";
import * as referralLinks from "./referral-links.ts";
import * as update from "./update.ts";

export const serviceRoutes = operations(create, list, get, update, publish, deactivate, referralLinks);
