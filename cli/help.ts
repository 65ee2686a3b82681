import { allCommands } from "@/cli/commands";
import type { Command } from "@/cli/command";

function optionLines(command: Command): string[] {
  return Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const tags = [spec.required ? "obligatoire" : "", spec.multiple ? "répétable" : ""].filter(Boolean).join(", ");
    return `      ${flag.padEnd(34)} ${spec.description}${tags ? ` (${tags})` : ""}`;
  });
}

export function commandHelp(command: Command): string {
  return [
    `  ${command.name}${command.aliases.length ? `  (alias : ${command.aliases.join(", ")})` : ""}`,
    `      ${command.summary}`,
    ...optionLines(command),
    `      exemple : npm run cli -- ${command.example}`,
  ].join("\n");
}

export function usage(): string {
  return [
    "Administration du portail ADVENIR",
    "",
    "Usage : npm run cli -- <commande> [--options]",
    "        npm run cli -- <commande> --help",
    "",
    "Commandes :",
    ...allCommands().map((c) => `${commandHelp(c)}\n`),
    "La base utilisée est celle de DATABASE_URL (PGlite .data/pglite par défaut).",
  ].join("\n");
}
