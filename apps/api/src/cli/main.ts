#!/usr/bin/env node
/** `shopreg`: the operator's command (see run.ts and commands.ts). */
import { nodeIo } from "./node-io.ts";
import { runCli } from "./run.ts";

try {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo());
} catch (error) {
  process.stderr.write(`shopreg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
