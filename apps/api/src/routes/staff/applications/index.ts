import { operations } from "../../factory.ts";
import * as approve from "./approve.ts";
import * as get from "./get.ts";
import * as queue from "./queue.ts";
import * as reject from "./reject.ts";
import * as requestInfo from "./request-info.ts";
import * as revoke from "./revoke.ts";

export const reviewRoutes = operations(queue, get, approve, reject, requestInfo, revoke);
