// Admin CLI: `npm run cli -- <command> [--options]`; `npm run cli -- --help` lists the commands.
// Exit codes: 0 done, 1 refused or failed (French message), 2 bad command line.
import { isAppError, type AppError } from "@/lib/platform/errors";
import { CliUsageError, optionForField, parseOptions } from "@/cli/args";
import { allCommands, findCommand } from "@/cli/commands";
import type { Command } from "@/cli/command";
import { commandHelp, usage } from "@/cli/help";

const STATION_FIELDS: Record<string, string> = {
  stationCode: "code",
  pointCount: "nombre de points",
  nominalPowerKw: "puissance",
  inseeCode: "code INSEE",
};

/** A domain error with its fields named as the options the user typed. */
export function describeAppError(e: AppError, command: Command): string {
  if (e.fields.length === 0) return e.message;
  const head = e.code === "INVALID_INPUT" ? "Saisie invalide :" : e.message;
  const fields = e.fields.map((f) => {
    const station = /^stations\.(\d+)(?:\.(\w+))?$/.exec(f.path);
    const where = station
      ? `station n°${Number(station[1]) + 1}${station[2] ? ` (${STATION_FIELDS[station[2]] ?? station[2]})` : ""}`
      : (command.fieldOptions?.[f.path] ?? optionForField(f.path));
    return `  ${where} : ${f.message}`;
  });
  return [head, ...fields].join("\n");
}

/** "gireve-relay create …" is "gireve-relay:create …": a family's verb may also come as a second word. */
function commandWords(argv: string[]): string[] {
  const [family, verb, ...rest] = argv;
  if (family && verb && !verb.startsWith("-") && !findCommand(family) && findCommand(`${family}:${verb}`)) return [`${family}:${verb}`, ...rest];
  return argv;
}

export async function runCli(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [name, ...rest] = commandWords(argv);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out(usage());
    return name ? 0 : 2;
  }
  const command = findCommand(name);
  if (!command) {
    // A family without its verb ("gireve-relay --help"): its commands' help.
    const family = allCommands().filter((c) => c.name.startsWith(`${name}:`));
    if (family.length > 0) {
      const help = family.map(commandHelp).join("\n\n");
      if (rest.includes("--help") || rest.includes("-h")) out(help);
      else err(`Précisez la commande : ${family.map((c) => c.name.slice(name.length + 1)).join(", ")}.\n\n${help}`);
      return rest.includes("--help") || rest.includes("-h") ? 0 : 2;
    }
    err(`Commande inconnue : ${name}. Lancez « npm run cli -- --help » pour la liste des commandes.`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out(commandHelp(command));
    return 0;
  }
  try {
    const values = parseOptions(rest, command.options);
    const result = await command.run(values);
    result.lines.forEach((l) => (result.exitCode ? err(l) : out(l)));
    return result.exitCode ?? 0;
  } catch (e) {
    if (e instanceof CliUsageError) {
      err(`${e.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (isAppError(e)) {
      err(describeAppError(e, command));
      return 1;
    }
    err(`Échec inattendu de ${command.name} : ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function main(): Promise<void> {
  let code = 1;
  try {
    code = await runCli(
      process.argv.slice(2),
      (l) => console.log(l),
      (l) => console.error(l),
    );
  } finally {
    const { closeDb } = await import("@/lib/platform/db/database");
    await closeDb().catch(() => {});
  }
  process.exitCode = code;
}

// Run only as the entry point (tests import runCli / describeAppError).
if (process.argv[1] && /(^|[\\/])cli[\\/]main\.ts$/.test(process.argv[1])) void main();
