import {
  deleteExpiredAccountTokens,
  deleteExpiredSessions,
  pruneConversionSignatures,
  pruneIdempotencyKeys,
  pruneRateLimits,
} from "@shopreg/db";
import { SIGNATURE_TOLERANCE_SECONDS } from "./auth/signatures.ts";
import type { AppServices } from "./context.ts";
import { runIncentiveJob } from "./usecases/incentives.ts";

/** Idempotency keys are honoured for a day: the window in which clients retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * Forgets what only matters for a while: expired sessions, idempotency records past their day,
 * and conversion signatures older than the freshness window (a request that old is refused as
 * stale anyway, so its signature no longer needs remembering), and rate-limit counters of windows
 * long over (a day keeps sign-in backoffs well past their 15 minutes), and mailed account links a day
 * past their expiry.
 */
export async function pruneExpired(services: Pick<AppServices, "db" | "clock">) {
  const now = services.clock();
  const [, , sessions, keys, signatures] = await Promise.all([
    pruneRateLimits(services.db, new Date(now.getTime() - 24 * 3_600_000)).then(() => undefined),
    // Mailed links a day past their expiry: their "expired" answer has had its day.
    deleteExpiredAccountTokens(services.db, new Date(now.getTime() - 24 * 3_600_000)).then(() => undefined),
    deleteExpiredSessions(services.db, now),
    pruneIdempotencyKeys(services.db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
    pruneConversionSignatures(services.db, new Date(now.getTime() - 2 * SIGNATURE_TOLERANCE_SECONDS * 1000)),
  ]);
  const count = (r: { numDeletedRows?: bigint }[]) => Number(r[0]?.numDeletedRows ?? 0n);
  return { sessions: count(sessions), idempotencyKeys: count(keys), conversionSignatures: count(signatures) };
}

/** Runs pruneExpired every interval (and once now) until the returned stop is called. */
export function startMaintenance(services: AppServices, intervalMs = 15 * 60_000): () => void {
  const run = () =>
    Promise.all([
      pruneExpired(services),
      // Decides pending incentive lines whose date passed and closes statements past their time.
      runIncentiveJob({ ...services, requestId: "maintenance" }),
    ]).catch((error) => services.logger.warn("maintenance failed", { error: String(error) }));
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
