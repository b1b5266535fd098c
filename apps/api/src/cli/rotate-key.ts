import type { DbHandle } from "@shopreg/db";
import { type RawBuilder, sql } from "kysely";
import { currentKeyPattern, type Keyring, open, seal } from "../auth/sealer.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { connect, requireCurrentSchema } from "./database.ts";
import { CliError, type Command, UsageError } from "./io.ts";

export const ROTATABLE_KEYS = ["WEBHOOK_SECRET_KEY", "TWO_FACTOR_KEY"] as const;
export type RotatableKey = (typeof ROTATABLE_KEYS)[number];

/** A place sealed secrets are stored: `value` reads the sealed text of a row, `set` writes a new one. */
type Target = { table: string; label: string; value: string; set(sealed: string): RawBuilder<unknown> };

/** Where each key's secrets live. */
const TARGETS: Record<RotatableKey, Target[]> = {
  WEBHOOK_SECRET_KEY: [
    {
      table: "webhook_endpoints",
      label: "webhook signing secrets",
      value: "secret_ciphertext",
      set: (v) => sql`secret_ciphertext = ${v}`,
    },
    {
      table: "webhook_endpoints",
      label: "previous webhook signing secrets",
      value: "previous_secret_ciphertext",
      set: (v) => sql`previous_secret_ciphertext = ${v}`,
    },
    // Mail not yet sent carries a single-use token sealed under the same key (usecases/mail.ts).
    {
      table: "mail_messages",
      label: "tokens in queued mail",
      value: "job->>'sealed_token'",
      set: (v) => sql`job = jsonb_set(job, '{sealed_token}', to_jsonb(${v}::text))`,
    },
  ],
  TWO_FACTOR_KEY: [
    { table: "users", label: "two-factor secrets", value: "totp_secret_enc", set: (v) => sql`totp_secret_enc = ${v}` },
  ],
};

export type RotationReport = {
  resealed: number;
  /** Rows no key of the ring opens (sealed under a key that is neither current nor previous). */
  unreadable: { where: string; id: string; error: string }[];
  /** True when shouldStop ended the rotation early. */
  stopped: boolean;
};

export type RotationOptions = {
  batchSize?: number;
  /** Called after each committed batch (progress; tests interrupt the rotation here). */
  onBatch?(progress: { where: string; batch: number; total: number }): void | Promise<void>;
  /** Checked between batches: an interrupted rotation stops after the batch it is in. */
  shouldStop?(): boolean;
};

/**
 * Re-seals every stored secret of `key` that the current key did not seal, in batches of
 * `batchSize` rows, each batch in its own transaction. Safe to interrupt and to run again (what is
 * done carries the current key's id and is skipped), and safe beside running servers: a row is
 * only rewritten if it still holds the value read (a secret rotated meanwhile is left alone).
 */
export async function rotateSealedSecrets(
  handle: DbHandle,
  key: RotatableKey,
  ring: Keyring,
  opts: RotationOptions = {},
): Promise<RotationReport> {
  const batchSize = opts.batchSize ?? 200;
  const report: RotationReport = { resealed: 0, unreadable: [], stopped: false };
  const pattern = currentKeyPattern(ring);
  for (const target of TARGETS[key]) {
    const exists = await sql<{ t: string | null }>`SELECT to_regclass(${target.table})::text AS t`.execute(handle.db);
    if (!exists.rows[0]?.t) continue;
    const where = `${target.label} (${target.table})`;
    const table = sql.raw(target.table);
    const value = sql.raw(target.value);
    let after = "";
    for (;;) {
      if (opts.shouldStop?.()) return { ...report, stopped: true };
      const { rows } = await sql<{ id: string; v: string }>`
        SELECT id::text AS id, ${value} AS v FROM ${table}
        WHERE ${value} IS NOT NULL AND ${value} NOT LIKE ${pattern} AND id::text > ${after}
        ORDER BY id::text LIMIT ${batchSize}`.execute(handle.db);
      if (rows.length === 0) break;
      const batch = await handle.db.transaction().execute(async (trx) => {
        let n = 0;
        for (const row of rows) {
          let plain: string;
          try {
            plain = open(ring, row.v);
          } catch (error) {
            report.unreadable.push({ where, id: row.id, error: error instanceof Error ? error.message : String(error) });
            continue;
          }
          const res = await sql`UPDATE ${table} SET ${target.set(seal(ring, plain))}
            WHERE id::text = ${row.id} AND ${value} = ${row.v}`.execute(trx);
          n += Number(res.numAffectedRows ?? 0);
        }
        return n;
      });
      report.resealed += batch;
      after = rows[rows.length - 1]?.id ?? after;
      await opts.onBatch?.({ where, batch, total: report.resealed });
      if (rows.length < batchSize) break;
    }
  }
  return report;
}

const normalise = (name: string) => name.toUpperCase().replaceAll("-", "_");

export const rotateKey: Command = {
  name: "rotate-key",
  summary: "re-encrypt every stored secret under a new WEBHOOK_SECRET_KEY or TWO_FACTOR_KEY",
  help: `Usage: shopreg rotate-key <WEBHOOK_SECRET_KEY|TWO_FACTOR_KEY> [--batch-size <n>]

Rotating a key, without downtime:
  1. Generate the new key (\`openssl rand -hex 32\`). Give every API process the new key as <KEY>
     and the old one as <KEY>_PREVIOUS, and restart them: they seal with the new key and still
     read what the old one sealed.
  2. Run this command with the same environment. It re-encrypts every stored secret the new key did
     not seal (webhook signing secrets and tokens in queued mail for WEBHOOK_SECRET_KEY; two-factor
     secrets for TWO_FACTOR_KEY), in batches of --batch-size rows (200), one transaction each.
     Interrupting it (Ctrl+C stops after the current batch) loses nothing: run it again to go on.
  3. When it reports that nothing is left, remove <KEY>_PREVIOUS and restart the API processes.

Exits 0 when every secret is sealed under the new key, 1 when a secret could not be read with
either key (each is listed) or the rotation was interrupted.`,
  options: { "batch-size": { type: "string" } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(`name one key: ${ROTATABLE_KEYS.join(" or ")}.`);
    const key = normalise(positionals[0] as string) as RotatableKey;
    if (!ROTATABLE_KEYS.includes(key)) throw new UsageError(`unknown key "${positionals[0]}" (${ROTATABLE_KEYS.join(" or ")}).`);
    const batchSize = values["batch-size"] === undefined ? 200 : Number(values["batch-size"]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
      throw new UsageError("--batch-size: a whole number from 1 to 10000.");
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(io.env);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`rotate-key: ${error.message}`);
      throw error;
    }
    const ring = key === "WEBHOOK_SECRET_KEY" ? config.webhookSecretKey : config.twoFactorKey;
    if (ring.previous.length === 0)
      io.out(`rotate-key: no ${key}_PREVIOUS set; re-sealing only what ${key} can read (older formats).`);
    const handle = await connect(io);
    let stopping = false;
    const stop = () => {
      stopping = true;
      io.err("rotate-key: stopping after this batch; run the command again to go on.");
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await requireCurrentSchema(handle);
      io.out(`rotate-key: ${key}: sealing under key ${ring.current.id}.`);
      const report = await rotateSealedSecrets(handle, key, ring, {
        batchSize,
        shouldStop: () => stopping,
        onBatch: ({ where, batch, total }) => io.out(`  ${where}: ${batch} re-sealed (${total} in all)`),
      });
      for (const u of report.unreadable) io.err(`  cannot read ${u.where} row ${u.id}: ${u.error}`);
      if (report.stopped) {
        io.err(`rotate-key: interrupted after ${report.resealed} secrets; run it again to re-seal the rest.`);
        return 1;
      }
      if (report.unreadable.length > 0) {
        io.err(
          `rotate-key: ${report.resealed} re-sealed, ${report.unreadable.length} unreadable with ${key} or ${key}_PREVIOUS; keep ${key}_PREVIOUS until they are dealt with.`,
        );
        return 1;
      }
      io.out(
        `rotate-key: done, ${report.resealed} secrets re-sealed; every ${key} secret is under the new key.${
          ring.previous.length > 0 ? ` Remove ${key}_PREVIOUS and restart the API.` : ""
        }`,
      );
      return 0;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await handle.close();
    }
  },
};
