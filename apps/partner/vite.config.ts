import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  server: {
    port: 5173,
    // Same origin as the page, so the HttpOnly session cookie just works (as in `pnpm start`).
    proxy: { "/v1": "http://127.0.0.1:4000" },
  },
  build: { outDir: "dist", chunkSizeWarningLimit: 1000 },
});
