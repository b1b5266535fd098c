import type { Database } from "@shopreg/db";
import type { ApiKeyScope, MemberRole, StaffRole } from "@shopreg/domain";
import type { Kysely } from "kysely";
import type { ApiConfig } from "./config.ts";
import type { JobQueue } from "./jobs/queue.ts";
import type { Logger } from "./logger.ts";

/** Services injected once into every request through the Hono context. */
export type AppServices = {
  db: Kysely<Database>;
  config: ApiConfig;
  clock: () => Date;
  logger: Logger;
  /** The durable job queue (pg-boss): webhook deliveries and mail, enqueued in the change's transaction. */
  jobs: JobQueue;
};

export type Principal =
  | {
      kind: "partner_user";
      userId: string;
      partnerId: string;
      email: string;
      name: string;
      sessionId: string;
      /** The member's role, and the scopes it grants (scopesOfRole): routes check these as they check a key's. */
      role: MemberRole;
      scopes: ApiKeyScope[];
      twoFactor?: TwoFactorState;
    }
  | {
      kind: "api_key";
      keyId: string;
      partnerId: string;
      prefix: string;
      /** The key's own scopes narrowed to its maker's current role (authenticate.ts). */
      scopes: ApiKeyScope[];
      /** The member behind the key: a key it mints, an invitation or an endpoint it makes is theirs too. */
      makerId: string;
      makerRole: MemberRole;
    }
  | {
      kind: "staff";
      userId: string;
      role: StaffRole;
      email: string;
      name: string;
      sessionId: string;
      twoFactor?: TwoFactorState;
    };

/** Whether the user has two-factor on, and whether they must (staff admin, or the team requires it). */
export type TwoFactorState = { enabled: boolean; required: boolean };

export type PartnerPrincipal = Extract<Principal, { kind: "partner_user" | "api_key" }>;
export type StaffPrincipal = Extract<Principal, { kind: "staff" }>;

export type AppEnv = {
  Variables: {
    services: AppServices;
    requestId: string;
    principal: Principal | undefined;
  };
};

/** What a use-case verb receives: services plus who acts and for which request. */
export type UseCaseContext<P extends Principal = Principal> = AppServices & { principal: P; requestId: string };
