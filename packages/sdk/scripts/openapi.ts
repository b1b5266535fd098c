import { createApp, createLogger, type JobQueue, testConfig } from "@shopreg/api";
import { createDb } from "@shopreg/db";
import openapiTS, { astToString } from "openapi-typescript";

export const GENERATED_FILE = new URL("../src/openapi.gen.ts", import.meta.url);

const HEADER = `/**
 * Generated from the shopreg Partner API's OpenAPI document by \`pnpm --filter @shopreg/sdk generate\`.
 * Do not edit: test/openapi-drift.test.ts fails when this file differs from what the API serves.
 */

`;

/** The document exactly as the API serves it, from the app in-process (no server, an empty memory database). */
export async function fetchOpenApiDocument(): Promise<Record<string, unknown>> {
  const handle = await createDb({ dataDir: "memory://" });
  try {
    // Serving the document enqueues nothing, so no job queue is started for it.
    const jobs = undefined as unknown as JobQueue;
    const app = createApp({ db: handle.db, config: testConfig(), clock: () => new Date(), logger: createLogger("silent"), jobs });
    const res = await app.request("/openapi.json");
    if (res.status !== 200) throw new Error(`GET /openapi.json: ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await handle.close();
  }
}

/** The TypeScript types of a document, as committed in src/openapi.gen.ts. */
export async function renderTypes(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as never, { alphabetize: false, exportType: true });
  return HEADER + astToString(ast);
}
