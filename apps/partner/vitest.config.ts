import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { errorWordsByLanguage } from "./words-by-language.ts";

export default defineConfig({
  plugins: [react(), errorWordsByLanguage()],
  test: {
    environment: "happy-dom",
    environmentOptions: { happyDOM: { url: "http://localhost:3000/" } },
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    // Screens render the whole app; on a shared 2-core machine a test can take several seconds.
    testTimeout: 30_000,
  },
});
