import { operations } from "../../factory.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";

export const referralQualityRoutes = operations(get, list);
