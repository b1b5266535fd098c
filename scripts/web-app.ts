// The demo (scripts/start.ts) and the browser tests serve the built apps with the production web
// server's own code (apps/web), headers, caching and all.
export { CONTENT_SECURITY_POLICY, webApp } from "../apps/web/src/web-app.ts";
