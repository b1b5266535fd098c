import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./2026_11_24_0001_initial.ts";

/** In-code provider: works the same under tsx, vitest and bundlers (no directory scanning). */
export const migrations: Record<string, Migration> = {
  "2026_11_24_0001_initial": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
