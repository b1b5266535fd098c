import { defineConfig } from "vitest/config";

/** `pnpm test:multi` only: it starts its own processes and stops PostgreSQL, so it never runs in `pnpm test`. */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ["*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
