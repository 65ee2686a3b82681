import { parseArgs } from "node:util";

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  /** Shown by --help, e.g. "<adresse>". */
  value?: string;
  description: string;
  required?: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** node's parseArgs, strict, with its English errors translated and required options checked. */
export function parseOptions(args: string[], options: Record<string, OptionSpec>): OptionValues {
  let values: OptionValues;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, multiple: spec.multiple ?? false }])),
    }) as { values: OptionValues });
  } catch (e) {
    throw new CliUsageError(translateParseError(e));
  }
  for (const [name, spec] of Object.entries(options)) {
    const v = values[name];
    if (spec.required && (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)))
      throw new CliUsageError(`Option obligatoire manquante : --${name}${spec.value ? ` ${spec.value}` : ""} (${spec.description}).`);
  }
  return values;
}

function translateParseError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Option inconnue : ${option ?? message}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return option && /argument missing/.test(message)
        ? `L'option ${option} attend une valeur.`
        : `Valeur inattendue pour l'option ${option ?? "?"} (c'est un drapeau sans valeur).`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const arg = /'([^']*)'/.exec(message)?.[1];
      return `Argument inattendu : ${arg ?? message} (les valeurs se donnent après leur option, ex. --nom "…").`;
    }
    default:
      return `Ligne de commande invalide : ${message}`;
  }
}

/** camelCase field path of a domain error → the option that carries it (operatorId → --operator-id). */
export function optionForField(path: string): string {
  return `--${path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
