import { checkConfig } from "./check-config.ts";
import { createAdmin } from "./create-admin.ts";
import { distribute } from "./distribute.ts";
import type { Command } from "./io.ts";
import { migrate } from "./migrate.ts";
import { rotateKey } from "./rotate-key.ts";

/** Every `shopreg` command, in the order `shopreg --help` lists them: add a command here. */
export const COMMANDS: Command[] = [migrate, createAdmin, checkConfig, rotateKey, distribute];
