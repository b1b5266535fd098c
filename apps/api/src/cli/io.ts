import type { ParseArgsConfig } from "node:util";
import type { DbHandle } from "@shopreg/db";

/** What a command reads and writes, so tests run commands in-process with their own input and output. */
export type CliIo = {
  env: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
  /** A secret typed at a prompt without echo on a terminal (twice when `confirm`), else all of stdin. */
  readSecret(prompt: string, opts?: { confirm?: boolean }): Promise<string>;
  /** The database; by default the one the environment names (tests hand theirs in). */
  openDatabase?(): Promise<DbHandle>;
};

export type CommandArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/**
 * One operator command (`shopreg <name>`). Exit codes: 0 done, 1 refused or failed (the message
 * says why), 2 the command line was wrong.
 */
export type Command = {
  name: string;
  summary: string;
  /** The text `shopreg <name> --help` prints. */
  help: string;
  options?: NonNullable<ParseArgsConfig["options"]>;
  positionals?: boolean;
  run(args: CommandArgs, io: CliIo): Promise<number>;
};

/** A refusal or failure with a message for the operator (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command-line mistake: exit code 2, with the command's help hint. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
