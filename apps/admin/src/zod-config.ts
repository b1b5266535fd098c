import { config } from "zod/v4/core";

// Before any schema runs: zod's fast path compiles with Function(), which the app's
// Content-Security-Policy (script-src 'self') refuses, and even its probe logs a violation.
config({ jitless: true });
