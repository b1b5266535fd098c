import { defineConfig } from "vitest/config";

/** The end-to-end test in a real Chromium: `pnpm test:browser` (after `vite build`). */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["kysely"] } },
  },
});
