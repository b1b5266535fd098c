import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Same-origin /v1 in development, as `pnpm start` does in production, so the session cookie just works.
export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.ADMIN_DEV_PORT ?? 5173),
    proxy: { "/v1": { target: process.env.API_URL ?? "http://127.0.0.1:4000", changeOrigin: false } },
  },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
