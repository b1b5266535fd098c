import { distribute as distributeTables } from "@shopreg/db";
import { connect, requireCurrentSchema } from "./database.ts";
import { CliError, type Command, UsageError } from "./io.ts";

export const distribute: Command = {
  name: "distribute",
  summary: "on Citus: distribute the traffic tables by partner, the small ones as reference tables",
  help: `Usage: shopreg distribute [--shards N]

For a PostgreSQL server running Citus (docs/growth.md). Makes the traffic tables distributed by
partner_id and colocated, and the small tables reference tables, moving any rows they already hold
into the shards. Safe to run again: what is already distributed is left as it is. Run
\`shopreg migrate\` first. --shards sets the shard count of a first distribution (32 by default).

Environment: DATABASE_URL (the Citus coordinator).`,
  options: { shards: { type: "string" } },
  async run({ values }, io) {
    const shards = values.shards === undefined ? undefined : Number(values.shards);
    if (shards !== undefined && !(Number.isInteger(shards) && shards > 0))
      throw new UsageError("--shards: a positive whole number.");
    if (!io.env.DATABASE_URL && !io.openDatabase) throw new CliError("distribute: set DATABASE_URL to the Citus coordinator.");
    const handle = await connect(io);
    try {
      await requireCurrentSchema(handle);
      const report = await distributeTables(handle.db as never, shards ? { shardCount: shards } : {}).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        throw new CliError(
          `distribute: failed: ${message}${/citus/i.test(message) ? "" : " (is this a Citus coordinator with its workers added?)"}`,
        );
      });
      io.out(
        `distribute: ${report.distributed.length} tables distributed, ${report.reference.length} reference tables, ${report.already.length} already done; ${report.moved_rows} rows moved.`,
      );
      return 0;
    } finally {
      await handle.close();
    }
  },
};
