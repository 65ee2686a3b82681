import { AppError } from "@/lib/platform/errors";
import { IRVE_COLUMNS, irveRowSchema, type IrveRowInput } from "@/lib/schemas/irve";
import { parseIrveCsv, type ParsedIrveRow } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { parisDay } from "@/lib/platform/time/paris-time";
import { isKnownCommune } from "@/lib/dossiers/commune-codes";

/**
 * One charge point typed in a form: validated by the same schema as a CSV line, and errors
 * raised with the column as field path, so each shows next to its input.
 */
export async function validateIrvePoint(values: Record<string, string>): Promise<ParsedIrveRow> {
  const input: IrveRowInput = Object.fromEntries(IRVE_COLUMNS.map((c) => [c, values[c] ?? ""]));
  const today = parisDay(new Date());
  // The very schema an imported line goes through (lib/irve/parse-irve-csv.ts), INSEE list included.
  const check = irveRowSchema({ today, isKnownCommune }).safeParse(input);
  if (!check.success) {
    const fields = check.error.issues.map((i) => ({ path: String(i.path[0] ?? "(ligne)"), message: i.message }));
    throw new AppError("INVALID_INPUT", "Le formulaire contient des erreurs.", fields);
  }
  // Same normalisation as an imported line (what is stored and exported).
  const parsed = await parseIrveCsv(formatIrveCsv([input as Record<(typeof IRVE_COLUMNS)[number], string>]), { today });
  return { ...parsed.valid[0], line: 1 };
}
