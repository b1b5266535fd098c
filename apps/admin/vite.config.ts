import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, parseAst } from "vite";
import { pureDomainSchemas } from "../../scripts/vite-pure-schemas.ts";

const WORKSPACE_SOURCES = /\/packages\/(domain|analytics-ui|web-api)\/src\//;
const BROWSERS = ["chrome120", "edge120", "firefox121", "safari17"];
const here = createRequire(import.meta.url);
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// jsonexport is react-admin's dependency, found from there.
const fromRaCore = createRequire(createRequire(createRequire(import.meta.url).resolve("react-admin")).resolve("ra-core"));

// Same-origin /v1 in development, as `pnpm start` does in production, so the session cookie just works.
export default defineConfig({
  plugins: [pureDomainSchemas(parseAst), react()],
  // react-admin's default router, never used here (see src/no-react-router.ts).
  // Less on the first page: a polyfill tree the target browsers do not need, the CSV exporter on demand.
  // Preact's compat layer stands in for React in the built dashboard: the same components, ~53 KB
  // less JavaScript on every page (react-dom alone was 62 KB gzip); see docs/decisions/0010.
  resolve: {
    alias: [
      { find: /^react$/, replacement: here.resolve("preact/compat") },
      { find: /^react-dom\/client$/, replacement: here.resolve("preact/compat/client") },
      { find: /^react-dom$/, replacement: here.resolve("preact/compat") },
      { find: /^react\/jsx-runtime$/, replacement: here.resolve("preact/jsx-runtime") },
      { find: /^react\/jsx-dev-runtime$/, replacement: here.resolve("preact/jsx-dev-runtime") },
      { find: /^react-router-dom$/, replacement: src("src/no-react-router.ts") },
      { find: /^object\.entries$/, replacement: src("src/shims/object-entries.cjs") },
      { find: /^jsonexport\/dist\/index\.js$/, replacement: src("src/shims/jsonexport.ts") },
      { find: /^jsonexport-real$/, replacement: fromRaCore.resolve("jsonexport/dist/index.js") },
    ],
  },
  server: {
    port: Number(process.env.ADMIN_DEV_PORT ?? 5173),
    proxy: { "/v1": { target: process.env.API_URL ?? "http://127.0.0.1:4000", changeOrigin: false } },
  },
  // The manifest lets scripts/first-load.ts sum what the first page downloads; the target is the
  // current evergreen browsers (package.json's browserslist), so no class or Object.* transforms ship.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: BROWSERS,
    chunkSizeWarningLimit: 600,
    // The workspace packages' modules only declare things (no side effects), so a page gets the few
    // it uses of @shopreg/domain rather than every schema in its barrel.
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: WORKSPACE_SOURCES, sideEffects: false }] },
      // What the entry needs in one file rather than a dozen small ones (each gzipped on its own); the
      // react-admin, MUI and TanStack code that four screens or more share, in one file too, rather than
      // the thirty small ones that splitting by screen gives (the review queue loaded 37 files, 13 KB more).
      output: {
        codeSplitting: {
          groups: [
            { name: "start", tags: ["$initial"] },
            {
              name: "shared",
              test: /node_modules[\\/](ra-ui-materialui|ra-core|@mui[\\/](material|icons-material)|lodash|react-hook-form|@tanstack)[\\/]/,
              minShareCount: 4,
            },
          ],
        },
      },
    },
  },
});
