import { operations } from "../../factory.ts";
import * as create from "./create.ts";
import * as createVersion from "./create-version.ts";
import * as disputeAccept from "./dispute-accept.ts";
import * as disputeReject from "./dispute-reject.ts";
import * as disputes from "./disputes.ts";
import * as get from "./get.ts";
import * as list from "./list.ts";
import * as preview from "./preview.ts";
import * as runJob from "./run-job.ts";
import * as statements from "./statements.ts";

export const staffProgramRoutes = operations(
  list,
  preview,
  create,
  get,
  createVersion,
  statements,
  runJob,
  disputes,
  disputeAccept,
  disputeReject,
);
