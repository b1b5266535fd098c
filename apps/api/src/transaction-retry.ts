import { type Kysely, TransactionBuilder } from "kysely";
import type { AppServices } from "./context.ts";
import type { Logger } from "./logger.ts";

/**
 * SQLSTATEs after which the whole transaction can simply run again: serialization_failure and
 * deadlock_detected. On Citus, racing writes to reference tables (a publish against a revocation)
 * end in its distributed deadlock detection cancelling one side with 40P01 where one server would
 * have made it wait (docs/growth.md).
 */
const RETRYABLE = new Set(["40001", "40P01"]);

export const TRANSACTION_ATTEMPTS = 5;

export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE.has(code);
}

/**
 * The database handle the API gives its use cases, with every `db.transaction().execute(fn)`
 * redone from the start (fn included, on a new transaction) when it fails with a serialization
 * failure or a deadlock: at most TRANSACTION_ATTEMPTS runs, waiting a random 0-(10 x 2^n) ms in
 * between so the racers do not meet again. Safe because such an error means nothing committed:
 * Kysely runs fn then COMMIT, and a failed COMMIT rolled back; anything fn changed in the
 * database is undone with it, and use cases keep their other side effects (jobs, mail, events)
 * in the transaction. Errors fn throws itself (4xx) or any other SQLSTATE go straight through.
 * Every other method is the handle's own.
 */
export function withTransactionRetry<DB>(db: Kysely<DB>, logger: Logger): Kysely<DB> {
  const run = async <T>(execute: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await execute();
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        const waitMs = Math.round(Math.random() * 10 * 2 ** attempt);
        logger.warn("transaction retried", {
          code: (error as { code: string }).code,
          message: (error as Error).message,
          attempt,
          wait_ms: waitMs,
        });
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };
  const builder = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key) {
        const value = Reflect.get(t, key, t);
        if (typeof value !== "function") return value;
        if (key === "execute") return (fn: unknown) => run(() => value.call(t, fn));
        // setIsolationLevel / setAccessMode return a new builder: keep retrying through it.
        return (...args: unknown[]) => {
          const result = value.apply(t, args);
          return result instanceof TransactionBuilder ? builder(result) : result;
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      if (key === "transaction") return () => builder(value.call(target));
      return value.bind(target);
    },
  });
}

/**
 * `services` as the use cases see them: the same object, read live (a test may swap its clock),
 * with `db` retrying its transactions as above.
 */
export function withRetryingTransactions(services: AppServices): AppServices {
  let raw = services.db;
  let wrapped = withTransactionRetry(raw, services.logger);
  return new Proxy(services, {
    get(target, key, receiver) {
      if (key !== "db") return Reflect.get(target, key, receiver);
      if (target.db !== raw) {
        raw = target.db;
        wrapped = withTransactionRetry(raw, target.logger);
      }
      return wrapped;
    },
  });
}
