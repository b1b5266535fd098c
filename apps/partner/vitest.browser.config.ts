import { defineConfig } from "vitest/config";
import { errorWordsByLanguage } from "./words-by-language.ts";

/** The end-to-end test in a real Chromium: `pnpm test:browser` (after `vite build`). */
export default defineConfig({
  // The tests read the portal's dictionaries (their words, to find a raw key or a missing word).
  plugins: [errorWordsByLanguage()],
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["kysely"] } },
  },
});
