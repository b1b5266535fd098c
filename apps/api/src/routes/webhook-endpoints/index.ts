import { operations } from "../factory.ts";
import * as create from "./create.ts";
import * as del from "./delete.ts";
import * as deliveries from "./deliveries.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as redeliver from "./redeliver.ts";
import * as rotateSecret from "./rotate-secret.ts";
import * as test from "./test.ts";
import * as update from "./update.ts";

export const webhookEndpointRoutes = operations(create, list, get, update, del, rotateSecret, test, deliveries, redeliver);
