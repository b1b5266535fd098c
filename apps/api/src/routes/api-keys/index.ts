import { operations } from "../factory.ts";
import * as create from "./create.ts";
import * as current from "./current.ts";
import * as list from "./list.ts";
import * as revoke from "./revoke.ts";

export const apiKeyRoutes = operations(current, create, list, revoke);
