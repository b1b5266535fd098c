import { operations } from "../../factory.ts";
import * as list from "./list.ts";
import * as retry from "./retry.ts";

export const staffMailRoutes = operations(list, retry);
