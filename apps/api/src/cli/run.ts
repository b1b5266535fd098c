import { parseArgs } from "node:util";
import { COMMANDS } from "./commands.ts";
import { CliError, type CliIo, type Command, type CommandArgs, UsageError } from "./io.ts";

const overview = (commands: Command[]) =>
  [
    "Usage: shopreg <command> [options]",
    "",
    "The operator's commands for a shopreg deployment. They read the same environment as the servers",
    "(DATABASE_URL, the keys and secrets); `shopreg <command> --help` says more about each.",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    "",
    "Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong command line.",
  ].join("\n");

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? topic.help : overview(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`shopreg: unknown command "${name}".\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options ?? {},
        allowPositionals: command.positionals ?? false,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    // No option is declared `multiple`, so every value is a string or a boolean.
    return await command.run({ values: parsed.values as CommandArgs["values"], positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`shopreg ${command.name}: ${error.message}`);
      if (error instanceof UsageError) io.err(`See \`shopreg ${command.name} --help\`.`);
      return error.exitCode;
    }
    throw error;
  }
}
