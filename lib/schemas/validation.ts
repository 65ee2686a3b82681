import { z } from "zod";
import { AppError, type FieldError } from "@/lib/platform/errors";

/** Zod issues as French field errors with their dotted path. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(racine)",
    message: issue.message,
  }));
}

/** Parses input or throws an AppError listing every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = toFieldErrors(parsed.error);
    const summary = fields.map((f) => `${f.path} : ${f.message}`).join(" ; ");
    throw new AppError("INVALID_INPUT", `Saisie invalide — ${summary}`, fields);
  }
  return parsed.data;
}
