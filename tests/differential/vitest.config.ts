import { defineConfig } from "vitest/config";

/** `pnpm test:citus` only (under scripts/with-citus.sh): the same traffic on single-node PostgreSQL and on Citus. */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ["*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
