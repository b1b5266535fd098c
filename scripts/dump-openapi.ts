/** Prints the API's OpenAPI document exactly as it serves it: the app in-process, no server, an empty memory database. */
import { createApp, createJobQueue, createLogger, testConfig } from "@shopreg/api";
import { createDb } from "@shopreg/db";

const handle = await createDb({ dataDir: "memory://" });
const jobs = await createJobQueue(handle);
try {
  const app = createApp({ db: handle.db, config: testConfig(), clock: () => new Date(), logger: createLogger("silent"), jobs });
  const res = await app.request("/openapi.json");
  if (res.status !== 200) throw new Error(`GET /openapi.json: ${res.status}`);
  process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
} finally {
  await jobs.stop();
  await handle.close();
}
