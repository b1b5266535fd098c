/**
 * `pnpm --filter @shopreg/db distribute`: migrates the database at DATABASE_URL, then makes it
 * distributed (distribute.ts). Idempotent; prints what moved. CITUS_SHARD_COUNT sets the shards
 * of a first distribution (32 by default).
 */
import { createDb, migrateToLatest } from "./create-db.ts";
import { distribute } from "./distribute.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("distribute: set DATABASE_URL to the Citus coordinator's database");
  process.exit(2);
}
const handle = await createDb({ databaseUrl: url, maxConnections: 1 });
try {
  await migrateToLatest(handle.db);
  const shardCount = process.env.CITUS_SHARD_COUNT ? Number(process.env.CITUS_SHARD_COUNT) : undefined;
  const report = await distribute(handle.db as never, shardCount ? { shardCount } : {});
  console.log(JSON.stringify(report));
} finally {
  await handle.close();
}
