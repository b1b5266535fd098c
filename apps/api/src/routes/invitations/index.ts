import { operations } from "../factory.ts";
import * as accept from "./accept.ts";
import * as create from "./create.ts";
import * as list from "./list.ts";
import * as resend from "./resend.ts";
import * as revoke from "./revoke.ts";

// accept before the {id} routes, so "accept" is never read as an id.
export const invitationRoutes = operations(accept, create, list, resend, revoke);
