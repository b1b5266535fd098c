import { operations } from "../factory.ts";
import * as create from "./create.ts";

export const sellerEventRoutes = operations(create);
