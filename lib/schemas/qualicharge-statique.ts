import { z } from "zod";
import { isValidSiren } from "@/lib/schemas/operators";
import { ACCESSIBILITES_PMR, CONDITIONS_ACCES, IMPLANTATIONS, IRVE_COLUMNS, RACCORDEMENTS, type IrveColumn } from "@/lib/schemas/irve";
import { EMAIL, EMI3_POINT, EMI3_STATION, INSEE_CODE, emi3Prefix, parseCoordinates } from "@/lib/schemas/irve-validators";

// QualiCharge's Statique (../shared/docs/QUALICHARGE.md, "Models"; MTES-MCT/qualicharge
// models/static.py): one charge point with its station, the IRVE static schema v2.3 flattened,
// as QualiCharge's JSON carries it (booleans and numbers as JSON, coordonneesXY a "[lon, lat]"
// string). Values are read as pydantic's lax mode reads them ("true", "22" are accepted) and
// messages are pydantic's, in English: QualiCharge clients read them. The IRVE rules shared with
// the portal's CSV and form (lib/schemas/irve.ts) come from the same constants.

const NON_CONCERNE = "Non concerné";
/** pydantic's lax booleans. */
const TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

const laxBool = z.unknown().transform((v, ctx) => {
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  // expected: pydantic's type name, so that the 422 says "bool_type" as QualiCharge.
  ctx.addIssue({ code: "invalid_type", expected: "bool", input: v, message: v === undefined ? "Field required" : "Input should be a valid boolean" } as never);
  return z.NEVER;
});

const laxNumber = (integer: boolean) =>
  z.unknown().transform((v, ctx) => {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : NaN;
    if (Number.isFinite(n) && (!integer || Number.isInteger(n))) return n;
    const message = v === undefined ? "Field required" : integer ? "Input should be a valid integer" : "Input should be a valid number";
    ctx.addIssue({ code: "invalid_type", expected: integer ? "int" : "float", input: v, message } as never);
    return z.NEVER;
  });

const str = () => z.string({ error: (i) => (i.input === undefined ? "Field required" : "Input should be a valid string") }).trim();
const requiredStr = () => str().min(1, { error: "String should have at least 1 character" });
/** An optional text: absent, null or blank → null. */
const optionalStr = () =>
  str()
    .nullish()
    .transform((v) => (v ? v : null));
const optionalBool = () => z.union([z.null(), z.undefined(), laxBool]).transform((v) => v ?? null);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (i) => (i.input === undefined ? "Field required" : `Input should be ${values.map((v) => `'${v}'`).join(", ")}`) });

const itinerance = (pattern: RegExp) =>
  requiredStr().refine((v) => v === NON_CONCERNE || pattern.test(v), {
    error: `String should match pattern '${pattern.source}' (or be '${NON_CONCERNE}')`,
  });

const email = () => requiredStr().refine((v) => EMAIL.test(v), { error: "value is not a valid email address" });

/**
 * A French phone number, written as QualiCharge answers it (RFC 3966, as pydantic's
 * PhoneNumber): "01 84 71 00 62", "+33 1 84 71 00 62" → "tel:+33-1-84-71-00-62". Overseas
 * départements keep their country code (+262, +590, +594, +596).
 */
export function frenchPhone(value: string): string | null {
  const compact = value
    .trim()
    .replace(/^tel:/i, "")
    .replace(/[\s\u00a0.\-()/]/g, "");
  const m = /^(?:(?:\+|00)(33|262|590|594|596)0?|0)([1-9]\d{8})$/.exec(compact);
  if (!m) return null;
  const code = m[1] ?? "33";
  const n = m[2];
  const groups =
    code === "33" ? [n.slice(0, 1), n.slice(1, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7)] : [n.slice(0, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7)];
  return `tel:+${code}-${groups.join("-")}`;
}

/** "[lon, lat]" (or QualiCharge's "POINT(lon lat)") → numbers. */
function readCoordinates(value: string): { lon: number; lat: number } | null {
  const point = /^(?:SRID=\d{4};)?POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i.exec(value);
  return point ? { lon: Number(point[1]), lat: Number(point[2]) } : parseCoordinates(value);
}

const isoDay = (today: string) =>
  str()
    .refine(
      (v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      },
      { error: "Input should be a valid date in the format YYYY-MM-DD" },
    )
    .refine((v) => v <= today, { error: (i) => `Value error, ${String(i.input)} is in the future` });

export interface StatiqueSchemaOptions {
  /** Today (Paris, "AAAA-MM-JJ"): later dates are refused. */
  today: string;
  /** Whether a WGS84 point lies in metropolitan France, Corse or a DROM (lib/reference-data/is-in-france.ts). */
  isInFrance: (lon: number, lat: number) => boolean;
}

export function statiqueSchema(options: StatiqueSchemaOptions) {
  return z
    .object({
      nom_amenageur: requiredStr(),
      siren_amenageur: str().refine((v) => v !== "000000000" && isValidSiren(v), {
        error: (i) => `Value error, ${String(i.input)} is not a valid SIREN number`,
      }),
      contact_amenageur: email(),
      nom_operateur: requiredStr(),
      contact_operateur: email(),
      telephone_operateur: str().transform((v, ctx) => {
        const phone = frenchPhone(v);
        if (!phone) {
          ctx.addIssue({ code: "custom", message: "value is not a valid phone number" });
          return z.NEVER;
        }
        return phone;
      }),
      nom_enseigne: requiredStr(),
      id_station_itinerance: itinerance(EMI3_STATION),
      id_station_local: optionalStr(),
      nom_station: requiredStr(),
      implantation_station: oneOf(IMPLANTATIONS),
      adresse_station: requiredStr(),
      code_insee_commune: str().regex(INSEE_CODE, { error: `String should match pattern '${INSEE_CODE.source}'` }),
      coordonneesXY: str().transform((v, ctx) => {
        const c = readCoordinates(v);
        if (!c) {
          ctx.addIssue({ code: "custom", message: "Value error, coordonneesXY should be a '[longitude, latitude]' array string" });
          return z.NEVER;
        }
        if (!options.isInFrance(c.lon, c.lat)) {
          ctx.addIssue({ code: "custom", message: `Value error, [${c.lon}, ${c.lat}] is not in France (metropole, Corse or DROM; longitude first)` });
          return z.NEVER;
        }
        return `[${c.lon}, ${c.lat}]`;
      }),
      nbre_pdc: laxNumber(true).pipe(z.number().gt(0, { error: "Input should be greater than 0" })),
      id_pdc_itinerance: itinerance(EMI3_POINT),
      id_pdc_local: optionalStr(),
      puissance_nominale: laxNumber(false).pipe(
        z.number().gte(1.3, { error: "Input should be greater than or equal to 1.3" }).lte(4000, { error: "Input should be less than or equal to 4000" }),
      ),
      prise_type_ef: laxBool,
      prise_type_2: laxBool,
      prise_type_combo_ccs: laxBool,
      prise_type_chademo: laxBool,
      prise_type_autre: laxBool,
      gratuit: optionalBool(),
      paiement_acte: laxBool,
      paiement_cb: optionalBool(),
      paiement_autre: optionalBool(),
      tarification: optionalStr(),
      condition_acces: oneOf(CONDITIONS_ACCES),
      reservation: laxBool,
      // QualiCharge's own (lenient) rule, searched anywhere in the text.
      horaires: str().regex(/(\d{1,2}:\d{2})-(\d{1,2}:\d{2})|24\/7/, {
        error: "String should match pattern '(.*?)((\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})|24/7)'",
      }),
      accessibilite_pmr: oneOf(ACCESSIBILITES_PMR),
      restriction_gabarit: str().min(2, { error: "String should have at least 2 characters" }),
      station_deux_roues: laxBool,
      raccordement: oneOf(RACCORDEMENTS),
      // Required but nullable, as QualiCharge: the key must be sent.
      num_pdl: str()
        .max(64, { error: "String should have at most 64 characters" })
        .nullable()
        .transform((v) => (v ? v : null)),
      date_mise_en_service: z.union([z.null(), z.undefined(), isoDay(options.today)]).transform((v) => v ?? null),
      observations: optionalStr(),
      date_maj: isoDay(options.today),
      cable_t2_attache: optionalBool(),
    })
    .superRefine((s, ctx) => {
      if (emi3Prefix(s.id_pdc_itinerance) !== emi3Prefix(s.id_station_itinerance))
        ctx.addIssue({ code: "custom", path: [], message: "Value error, AFIREV prefixes from id_station_itinerance and id_pdc_itinerance do not match" });
      if (s.raccordement === "Direct" && !s.num_pdl)
        ctx.addIssue({ code: "custom", path: ["num_pdl"], message: "Value error, num_pdl is required when raccordement is Direct" });
    });
}

/** A validated Statique, as QualiCharge answers it. */
export type Statique = z.output<ReturnType<typeof statiqueSchema>>;

/** The bulk: 1 to `max` items (QUALICHARGE_BULK_MAX). */
export function statiqueBulkSchema(options: StatiqueSchemaOptions & { max: number }) {
  return z
    .array(statiqueSchema(options), { error: (i) => (i.input === undefined ? "Field required" : "Input should be a valid list") })
    .min(1, { error: "List should have at least 1 item after validation, not 0" })
    .max(options.max, { error: (i) => `List should have at most ${options.max} items after validation, not ${(i.input as unknown[]).length}` });
}

/** Fields carried by the station (and its aménageur, operator, brand and place) rather than the point. */
export const STATION_FIELDS = [
  "nom_amenageur",
  "siren_amenageur",
  "contact_amenageur",
  "nom_operateur",
  "contact_operateur",
  "telephone_operateur",
  "nom_enseigne",
  "id_station_local",
  "nom_station",
  "implantation_station",
  "adresse_station",
  "code_insee_commune",
  "coordonneesXY",
  "nbre_pdc",
  "condition_acces",
  "horaires",
  "station_deux_roues",
  "raccordement",
  "num_pdl",
  "date_mise_en_service",
  "date_maj",
] as const satisfies readonly IrveColumn[];

/**
 * The Statique as the portal stores a point's IRVE data (charge_point.irve, and each
 * declaration): the schema's 40 columns as normalised text, as the CSV import writes them
 * (lib/irve/parse-irve-csv.ts), so that both doors' declarations of a point compare field by field.
 */
export function statiqueToIrve(s: Statique): Record<IrveColumn, string> {
  const out = {} as Record<IrveColumn, string>;
  for (const column of IRVE_COLUMNS) {
    const v = s[column];
    out[column] = v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "true" : "false") : String(v);
  }
  return out;
}

const BOOLEAN_COLUMNS = new Set<IrveColumn>([
  "prise_type_ef",
  "prise_type_2",
  "prise_type_combo_ccs",
  "prise_type_chademo",
  "prise_type_autre",
  "gratuit",
  "paiement_acte",
  "paiement_cb",
  "paiement_autre",
  "reservation",
  "station_deux_roues",
  "cable_t2_attache",
]);
const NUMBER_COLUMNS = new Set<IrveColumn>(["nbre_pdc", "puissance_nominale"]);

export type StatiqueAnswer = Record<IrveColumn, string | number | boolean | null>;

/** A stored point's IRVE text back in QualiCharge's JSON (whichever door declared it): blanks are null. */
export function irveToStatique(irve: Partial<Record<string, string>>): StatiqueAnswer {
  const out = {} as StatiqueAnswer;
  for (const column of IRVE_COLUMNS) {
    const v = (irve[column] ?? "").trim();
    if (v === "") out[column] = null;
    else if (BOOLEAN_COLUMNS.has(column)) out[column] = v === "true";
    else if (NUMBER_COLUMNS.has(column)) out[column] = Number(v);
    else out[column] = v;
  }
  return out;
}
