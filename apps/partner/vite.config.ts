import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, parseAst } from "vite";
import { pureDomainSchemas } from "../../scripts/vite-pure-schemas.ts";
import { errorWordsByLanguage } from "./words-by-language.ts";

const WORKSPACE_SOURCES = /\/packages\/(domain|analytics-ui|web-api)\/src\//;
const BROWSERS = ["chrome120", "edge120", "firefox121", "safari17"];

export default defineConfig({
  base: "/",
  plugins: [
    errorWordsByLanguage(),
    pureDomainSchemas(parseAst),
    tanstackRouter({ target: "react", autoCodeSplitting: true }),
    react(),
  ],
  server: {
    port: 5173,
    // Same origin as the page, so the HttpOnly session cookie just works (as in `pnpm start`).
    proxy: { "/v1": "http://127.0.0.1:4000" },
  },
  // The manifest lets scripts/first-load.ts sum what the first page downloads; the target is the
  // current evergreen browsers (package.json's browserslist).
  build: {
    outDir: "dist",
    manifest: true,
    target: BROWSERS,
    chunkSizeWarningLimit: 600,
    // The workspace packages' modules only declare things (no side effects), so a page gets the few
    // it uses of @shopreg/domain rather than every schema in its barrel (and zod with them).
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: WORKSPACE_SOURCES, sideEffects: false }] },
      // What the entry needs in one file rather than a dozen small ones (each gzipped on its own).
      output: { codeSplitting: { groups: [{ name: "start", tags: ["$initial"] }] } },
    },
  },
});
