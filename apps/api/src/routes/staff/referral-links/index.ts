import { operations } from "../../factory.ts";
import * as list from "./list.ts";

export const staffLinkRoutes = operations(list);
