import { operations } from "../factory.ts";
import * as disputesCreate from "./disputes-create.ts";
import * as disputesList from "./disputes-list.ts";
import * as programs from "./programs.ts";
import * as signed from "./signed.ts";
import * as signingKey from "./signing-key.ts";
import * as statement from "./statement.ts";
import * as statementCsv from "./statement-csv.ts";

export const incentiveRoutes = operations(programs, statement, statementCsv, signed, signingKey, disputesCreate, disputesList);
