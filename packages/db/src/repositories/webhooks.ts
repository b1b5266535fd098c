import { type Insertable, sql, type Updateable } from "kysely";
import type {
  EventsTable,
  Executor,
  WebhookDeliveriesTable,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointsTable,
} from "../schema.ts";
import { type Page, type PageParams, toPage } from "./page.ts";

export const insertEvent = (db: Executor, row: Insertable<EventsTable>) =>
  db.insertInto("events").values(row).returningAll().executeTakeFirstOrThrow();

export const findEvent = (db: Executor, id: string) =>
  db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst();

export const insertWebhookEndpoint = (db: Executor, row: Insertable<WebhookEndpointsTable>) =>
  db.insertInto("webhook_endpoints").values(row).returningAll().executeTakeFirstOrThrow();

export const updateWebhookEndpoint = (db: Executor, id: string, patch: Updateable<WebhookEndpointsTable>) =>
  db.updateTable("webhook_endpoints").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

/** A live (not deleted) endpoint; `lock` takes a row lock for a change. */
export const findWebhookEndpoint = (db: Executor, id: string, lock = false) => {
  const q = db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).where("deleted_at", "is", null);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export async function listWebhookEndpoints(db: Executor, partnerId: string, params: PageParams): Promise<Page<WebhookEndpoint>> {
  let query = db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("deleted_at", "is", null)
    .orderBy("id", "desc")
    .limit(params.limit + 1);
  if (params.cursor) query = query.where("id", "<", params.cursor.id);
  return toPage(await query.execute(), params.limit, (r) => ({ k: null, id: r.id }));
}

/** The partner's enabled endpoints that subscribe to an event type (an empty list means every type). */
export const subscribedEndpoints = (db: Executor, partnerId: string, type: string) =>
  db
    .selectFrom("webhook_endpoints")
    .select(["id"])
    .where("partner_id", "=", partnerId)
    .where("deleted_at", "is", null)
    .where("enabled", "=", true)
    .where((eb) =>
      eb.or([
        eb(eb.fn("jsonb_array_length", [eb.ref("event_types")]), "=", 0),
        eb.fn<boolean>("jsonb_exists", [eb.ref("event_types"), eb.val(type)]),
      ]),
    )
    .execute();

export const insertWebhookDeliveries = (db: Executor, rows: Insertable<WebhookDeliveriesTable>[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insertInto("webhook_deliveries").values(rows).returningAll().execute();

/**
 * Deliveries of the partner not yet settled (the fair-share priority of its next ones), counted up
 * to `cap`: past it every partner is as far behind, and a deep backlog costs no more to count.
 */
export const pendingDeliveries = async (db: Executor, partnerId: string, cap = 1_000) =>
  Number(
    (
      await db
        .selectFrom((eb) =>
          eb
            .selectFrom("webhook_deliveries")
            .select("id")
            .where("partner_id", "=", partnerId)
            // A literal, not a parameter: a generic plan can then use the partial index (status = 'pending').
            .where("status", "=", sql.lit("pending"))
            .limit(cap)
            .as("p"),
        )
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Live endpoints of the partner (the per-partner cap). In a transaction, `lock` first takes the
 * partner's row, so two creations racing for the last place are counted one after the other.
 */
export const countWebhookEndpoints = async (db: Executor, partnerId: string, lock = false) => {
  if (lock) await db.selectFrom("partners").select("id").where("id", "=", partnerId).forUpdate().execute();
  return Number(
    (
      await db
        .selectFrom("webhook_endpoints")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("partner_id", "=", partnerId)
        .where("deleted_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );
};

export const findWebhookDelivery = (db: Executor, id: string) =>
  db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();

export const updateWebhookDelivery = (db: Executor, id: string, patch: Updateable<WebhookDeliveriesTable>) =>
  db.updateTable("webhook_deliveries").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

export type DeliveryWithEvent = WebhookDelivery & { event_type: string };

export async function listWebhookDeliveries(
  db: Executor,
  endpointId: string,
  params: PageParams & { status?: WebhookDelivery["status"] | undefined },
): Promise<Page<DeliveryWithEvent>> {
  let query = db
    .selectFrom("webhook_deliveries as d")
    // partner_id too: on Citus both are distributed by it, and a join on it stays on one node.
    .innerJoin("events as e", (j) => j.onRef("e.id", "=", "d.event_id").onRef("e.partner_id", "=", "d.partner_id"))
    .selectAll("d")
    .select("e.type as event_type")
    .where("d.endpoint_id", "=", endpointId)
    .orderBy("d.id", "desc")
    .limit(params.limit + 1);
  if (params.status) query = query.where("d.status", "=", params.status);
  if (params.cursor) query = query.where("d.id", "<", params.cursor.id);
  return toPage(await query.execute(), params.limit, (r) => ({ k: null, id: r.id }));
}

/** One delivery with its endpoint and event: what an attempt needs, in one read. */
export const findDeliveryForAttempt = (db: Executor, deliveryId: string) =>
  db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as w", "w.id", "d.endpoint_id")
    // On partner_id too: on Citus both tables are distributed by it, and only a join on it is colocated.
    .innerJoin("events as e", (j) => j.onRef("e.id", "=", "d.event_id").onRef("e.partner_id", "=", "d.partner_id"))
    .select([
      "d.id",
      "d.status",
      "d.attempts",
      "d.event_id",
      "w.id as endpoint_id",
      "w.partner_id",
      "w.url",
      "w.enabled",
      "w.deleted_at",
      "w.secret_ciphertext",
      "w.previous_secret_ciphertext",
      "w.previous_secret_expires_at",
      "w.failing_since",
      "w.slow_streak",
      "e.type",
      "e.api_version",
      "e.occurred_at",
      "e.partner_id as event_partner_id",
      "e.payload",
    ])
    .where("d.id", "=", deliveryId)
    .executeTakeFirst();

/**
 * Records attempt `attempt` of a delivery with a compare-and-set on the attempt number, so two runs
 * of one job record (and reschedule) once; undefined when another run recorded it first.
 */
export const recordDeliveryAttempt = (
  db: Executor,
  id: string,
  attempt: number,
  patch: Omit<Updateable<WebhookDeliveriesTable>, "attempts">,
) =>
  db
    .updateTable("webhook_deliveries")
    .set({ ...patch, attempts: attempt })
    .where("id", "=", id)
    .where("attempts", "=", attempt - 1)
    .returning("id")
    .executeTakeFirst();

// The endpoint's health is kept with single conditional updates (no lock held across statements),
// so busy endpoints do not queue on their row.

/** One more slow attempt in a row (`slow`), or the streak broken by a fast one. */
export async function trackEndpointSpeed(db: Executor, id: string, slow: boolean, streak: number) {
  if (slow) {
    await db.updateTable("webhook_endpoints").set({ slow_streak: sql<number>`slow_streak + 1` }).where("id", "=", id).execute();
  } else if (streak > 0) {
    await db.updateTable("webhook_endpoints").set({ slow_streak: 0 }).where("id", "=", id).execute();
  }
}

/** The endpoint answered: it is not failing any more. */
export const clearEndpointFailing = (db: Executor, id: string) =>
  db
    .updateTable("webhook_endpoints")
    .set({ failing_since: null })
    .where("id", "=", id)
    .where("failing_since", "is not", null)
    .execute();

/** The endpoint's first failure since its last success starts the clock. */
export const markEndpointFailing = (db: Executor, id: string, at: Date) =>
  db
    .updateTable("webhook_endpoints")
    .set({ failing_since: at })
    .where("id", "=", id)
    .where("failing_since", "is", null)
    .execute();

/** Disables the endpoint if it is enabled and has been failing since `failingSince` or earlier; the row when it did. */
export const disableEndpointFailingSince = (db: Executor, id: string, failingSince: Date, reason: string, now: Date) =>
  db
    .updateTable("webhook_endpoints")
    .set({ enabled: false, disabled_reason: reason, updated_at: now })
    .where("id", "=", id)
    .where("enabled", "=", true)
    .where("failing_since", "<=", failingSince)
    .returningAll()
    .executeTakeFirst();
