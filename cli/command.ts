import type { OptionSpec, OptionValues } from "@/cli/args";

// What an admin command is (cli/commands.ts lists them; each family lives in its own file).

/** Who the audit log names for what the CLI does. */
export const ACTOR = "cli";

export interface CommandResult {
  lines: string[];
  /** Non-zero when the command ran but did not do what was asked (e.g. demo seed refused). */
  exitCode?: number;
}

export interface Command {
  name: string;
  aliases: string[];
  summary: string;
  example: string;
  options: Record<string, OptionSpec>;
  /** Field paths of the lib's errors that are not the kebab-case of an option. */
  fieldOptions?: Record<string, string>;
  run(values: OptionValues): Promise<CommandResult>;
}
