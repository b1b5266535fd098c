import { operations } from "../factory.ts";
import * as get from "./get.ts";
import * as update from "./update.ts";

export const profileRoutes = operations(get, update);
