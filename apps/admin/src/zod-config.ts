// Before any schema runs: zod's fast path compiles with Function(), which the app's
// Content-Security-Policy (script-src 'self') refuses, and even its probe logs a violation.
// zod (4.1 and later) reads its settings from this global, so setting it here keeps zod itself out
// of the first page (only the screens with forms load it); `config({ jitless: true })` would import it.
const zodGlobal = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
