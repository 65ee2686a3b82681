import { z } from "zod";
import { datesInOrder, day } from "@/lib/schemas/audit-filters";

// Filters of the admin's security log (/admin/securite), read from the query string: a login and
// a client address (parts of them), and the same dates and page as the audit log's.

const part = (label: string) =>
  z
    .string()
    .trim()
    .max(200, { error: `${label} : 200 caractères au plus` })
    .optional()
    .transform((v) => v || undefined);

export const securityFiltersSchema = z
  .object({
    identifiant: part("Identifiant"),
    adresse: part("Adresse"),
    du: day("Du"),
    au: day("Au"),
    page: z.coerce.number<string>().int().min(1).catch(1).default(1),
  })
  .superRefine(datesInOrder);

export type SecurityFilters = z.output<typeof securityFiltersSchema>;
