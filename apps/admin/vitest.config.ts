import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component tests: the dashboard in happy-dom, the staff API faked at the network boundary with msw.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    setupFiles: ["./test/setup.ts"],
    testTimeout: 30_000,
  },
});
