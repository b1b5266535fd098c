import { operations } from "../../factory.ts";
import * as list from "./list.ts";

export const auditRoutes = operations(list);
