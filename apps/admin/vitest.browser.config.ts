import { defineConfig } from "vitest/config";

// The end-to-end suite: the built dashboard in Debian's Chromium against the real API (run after vite build).
export default defineConfig({
  test: {
    include: ["e2e/**/*.browser.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
