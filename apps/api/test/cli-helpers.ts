import { randomBytes } from "node:crypto";
import type { DbHandle } from "@shopreg/db";
import type { CliIo } from "../src/cli/io.ts";
import { runCli } from "../src/cli/run.ts";

/** A command run in-process: its output, and the database it reaches (a test database, left open). */
export function cli(env: Record<string, string | undefined>, opts: { db?: DbHandle; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo & { openDatabase?: () => Promise<DbHandle> } = {
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readSecret: async () => opts.stdin ?? "",
  };
  if (opts.db) {
    const handle = opts.db;
    io.openDatabase = async () => ({ ...handle, close: async () => {} });
  }
  return {
    run: (...argv: string[]) => runCli(argv, io),
    out: () => out.join("\n"),
    err: () => err.join("\n"),
  };
}

export const hex = () => randomBytes(32).toString("hex");
export const serverEnv = (keys: Record<string, string | undefined>): Record<string, string | undefined> => ({
  CONVERSIONS_SECRET: "a-real-conversions-secret-0123456789abcdef",
  WEBHOOK_SECRET_KEY: hex(),
  TWO_FACTOR_KEY: hex(),
  INCENTIVE_SIGNING_KEY: hex(),
  GATEWAY_VISITOR_HASH_SECRET: hex(),
  DATABASE_URL: "postgres://shopreg@127.0.0.1:5432/shopreg",
  ...keys,
});
