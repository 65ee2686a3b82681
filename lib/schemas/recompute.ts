import { z } from "zod";

// The months an administrator types to recompute the indicators (/admin/indicateurs). Both are
// optional: the computation has its own defaults (lib/indicators/refresh-indicators.ts).

const month = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      const m = /^(\d{4})-(\d{2})$/.exec(v);
      if (!m) return void ctx.addIssue({ code: "custom", message: `${label} : format AAAA-MM attendu, par exemple 2023-01` });
      const [year, monthNumber] = [Number(m[1]), Number(m[2])];
      if (monthNumber < 1 || monthNumber > 12) ctx.addIssue({ code: "custom", message: `${label} : le mois va de 01 à 12 (« ${v} » n'existe pas)` });
      else if (year < 2000 || year > 2100) ctx.addIssue({ code: "custom", message: `${label} : année entre 2000 et 2100 attendue` });
    });

export const recomputeMonthsSchema = z.object({ from: month("Premier mois"), to: month("Mois de fin") }).superRefine((v, ctx) => {
  if (v.from && v.to && /^\d{4}-\d{2}$/.test(v.from) && /^\d{4}-\d{2}$/.test(v.to) && v.to <= v.from)
    ctx.addIssue({ code: "custom", path: ["to"], message: `Mois de fin : le mois de fin est exclu, il doit venir après le premier mois (${v.from})` });
});

export type RecomputeMonths = z.output<typeof recomputeMonthsSchema>;
