import { operations } from "../factory.ts";
import * as create from "./create.ts";

export const conversionRoutes = operations(create);
