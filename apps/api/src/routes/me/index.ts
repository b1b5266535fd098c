import { type Operation, operations } from "../factory.ts";
import * as emailVerification from "./email-verification.ts";
import * as password from "./password.ts";
import * as recoveryCodes from "./recovery-codes.ts";
import * as sessionEnd from "./session-end.ts";
import * as endOthers from "./sessions-end-others.ts";
import * as sessions from "./sessions-list.ts";
import * as twoFactorConfirm from "./two-factor-confirm.ts";
import * as twoFactorDisable from "./two-factor-disable.ts";
import * as twoFactorGet from "./two-factor-get.ts";
import * as twoFactorStart from "./two-factor-start.ts";

const ops = [
  password,
  sessions,
  endOthers,
  sessionEnd,
  twoFactorGet,
  twoFactorStart,
  twoFactorConfirm,
  twoFactorDisable,
  recoveryCodes,
];

// The handlers are the same for both surfaces: the routes differ only in who may call them.
const build = (surface: "partner" | "staff", ...more: Operation[]) =>
  operations(...ops.map((op) => ({ route: op.routes[surface], handler: op.handler })), ...more);

/** /v1/me/...: a partner member's own account. */
export const meRoutes = build("partner", emailVerification);
/** /v1/staff/me/...: a staff user's own account (an admin enrols in two-factor here). */
export const staffMeRoutes = build("staff");
