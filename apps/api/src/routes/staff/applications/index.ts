import { operations } from "../../factory.ts";
import { decisionOperations } from "./decisions.ts";
import * as get from "./get.ts";
import * as queue from "./queue.ts";

export const reviewRoutes = operations(queue, get, ...decisionOperations);
