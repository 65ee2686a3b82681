import { queryRows, type RawQueryClient } from "@/lib/platform/db/sql";
import { parisMidnight } from "@/lib/platform/time/paris-time";
import { suppressSmallGroups, type Group } from "@/lib/anonymity/suppress-small-groups";
import { cellsSql, yearPassSql, type CellRow } from "@/lib/quality-of-service/qos-cells-sql";
import { periodContaining, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import { figuresOf, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import type { OperatorMapLevel } from "@/lib/schemas/quality-of-service";
import { exposedZoneCells, type ZoneCell, type ZoneEdge } from "@/lib/quality-of-service/zone-hierarchy-audit";

// Each operator's cells by région or by département for the committee's map of one operator
// (issue 19), coded "<operator>|<zone>". They are the cells of a table of operators × zones whose
// margins are published elsewhere:
// - by région: the régions' cells (all operators) and each operator's national cell (the ranking);
// - by département: the départements' cells (all operators) and the operator's cell of the
//   département's région, published by the table by région (computed first), so that one
//   operator's départements add up to a margin of the same kind as its régions do.
// So a withheld cell must not be the difference of a margin and the published cells of its row or
// of its column:
// - a cell is withheld when it covers fewer than `minStations` stations (operators are
//   companies: no owner threshold), when a margin it adds up to is withheld (so a withheld
//   operator × région has all its départements withheld, and never comes out as their sum), or
//   when its code was too small in another month of the year;
// - then, in every column (the operators in one zone) and every row (one operator's zones within
//   one parent), the withheld cells are never alone and together pass the threshold
//   (lib/anonymity), repeated until no row or column asks for more. A cell the margins alone give
//   (alone in a line, or the last unknown one of a line) is known already: it is never withheld
//   to protect another.
// - then an exact linear audit of the table against its margins (all rows and columns solved
//   together) withholds more until it gives nothing the margins alone do not give: no withheld
//   cell, and no withheld margin (an operator's région withheld by the table by région).
// Limit: each table is audited against its own margins; it is not a linear audit of every
// published table together (an operator present in one département only is, by
// its national cell, already that département's cell: the map adds nothing to what the ranking
// and the département map publish, and cannot take it back).

export interface OperatorMapMargins {
  /** The published cells of the zones (all operators), by zone code. */
  zones: ReadonlyMap<string, QosCell>;
  /**
   * The published parent of each row, by its code: each operator's national cell (by région),
   * or its cell of one région "<operator>|<région>" (by département).
   */
  parents: ReadonlyMap<string, QosCell>;
}

export async function operatorMapCellsIn(
  tx: RawQueryClient,
  input: {
    level: OperatorMapLevel;
    period: QosPeriod;
    minStations: number;
    zoneLabels: ReadonlyMap<string, string>;
    /** By département: each département's région (its row's parent is the operator's cell there). */
    regionOf?: ReadonlyMap<string, string>;
  },
  margins: OperatorMapMargins,
): Promise<QosCell[]> {
  const { period, minStations, level } = input;
  const cellLevel = level === "region" ? "operateur_region" : "operateur_departement";
  const range = { ...period, start: parisMidnight(period.fromDay), end: parisMidnight(period.toDay) };
  const zoneOf = (code: string) => code.slice(code.indexOf("|") + 1);
  const rows = (await queryRows<CellRow>(tx, cellsSql(cellLevel, range, null))).map((r) =>
    level === "region" ? r : { ...r, parent: `${r.parent}|${input.regionOf?.get(zoneOf(r.code)) ?? "?"}` },
  );
  const year = periodContaining("year", period.fromDay);
  const passes = new Map(
    (await queryRows<{ code: string; passes: boolean }>(tx, yearPassSql(cellLevel, year, "month", minStations, 1))).map((r) => [r.code, r.passes]),
  );
  const withheld = suppressOperatorMatrix(rows, margins, { minStations, passesYear: (code) => passes.get(code) === true });
  return rows.map((r) => {
    const base = { code: r.code, label: input.zoneLabels.get(zoneOf(r.code)) ?? zoneOf(r.code), parent: r.parent };
    const reason = withheld.get(r.code);
    return reason ? { ...base, secret: true, reason } : { ...base, secret: false, figures: figuresOf(r) };
  });
}

export interface MatrixCell {
  /** "<operator>|<zone>". */
  code: string;
  /** The operator's code (its national cell). */
  parent: string;
  points: number;
  stations: string[];
}

/** The withheld cells of the operators × zones table and why (the rules above). Pure. */
export function suppressOperatorMatrix(
  rows: MatrixCell[],
  margins: OperatorMapMargins,
  rule: { minStations: number; passesYear: (code: string) => boolean },
): Map<string, "primaire" | "secondaire"> {
  const { minStations } = rule;
  const zoneOf = (code: string) => code.slice(code.indexOf("|") + 1);
  const withheld = new Map<string, "primaire" | "secondaire">();
  for (const r of rows) {
    const zone = margins.zones.get(zoneOf(r.code));
    const parent = margins.parents.get(r.parent);
    if (r.stations.length < minStations || !rule.passesYear(r.code) || !zone || zone.secret || !parent || parent.secret) withheld.set(r.code, "primaire");
  }
  const groupOf = (r: MatrixCell): Group => ({ key: r.code, count: r.points, stations: new Set(r.stations), beneficiaries: new Set(["operator"]) });
  const columns = [...groupBy(rows, (r) => zoneOf(r.code))].map(([zone, line]) => ({ margin: margins.zones.get(zone), line }));
  const rowsOf = [...groupBy(rows, (r) => r.parent)].map(([parent, line]) => ({ margin: margins.parents.get(parent), line }));
  // Cells the margins alone give (a line's margin minus its other cells, when these are known,
  // starting with a cell alone in its line) are known without the map: they protect nothing and
  // are left out of their lines (the margin minus them is what can be deduced).
  const known = knownFromMargins([...columns, ...rowsOf]);
  const lines = [...columns, ...rowsOf].map(({ line }) => line.filter((r) => !known.has(r.code)));
  const applyLineRules = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        const first = new Set(line.filter((r) => withheld.has(r.code)).map((r) => r.code));
        for (const v of suppressSmallGroups(line.map(groupOf), { minStations, minBeneficiaries: 1 }, first))
          if (v.secret && !withheld.has(v.key)) {
            withheld.set(v.key, "secondaire");
            changed = true;
          }
      }
    }
  };
  applyLineRules();
  // The line rules protect each line; rows and columns solved together can still give a withheld
  // cell (one joining two otherwise protected groups of withheld cells). While the exact audit
  // finds one, the smallest published cell of its row or column is withheld too, and the line
  // rules run again. It ends: all cells withheld, only what the margins alone give is given.
  // A withheld margin (an operator's withheld région, by département) is audited too: its cells
  // are all withheld, but its rows and columns solved together may still give their sum.
  const audit = matrixAudit(rows, margins);
  for (let exposed = audit.exposed(withheld); exposed.length > 0; exposed = audit.exposed(withheld)) {
    const [level, code] = exposed[0].split("\t");
    const lineOf = (r: MatrixCell) => (level === "row" ? r.parent : level === "zone" ? zoneOf(r.code) : r.code);
    const around = rows.filter((r) => lineOf(r) === code);
    const open = rows.filter((r) => !withheld.has(r.code) && !audit.givenByMargins.has(r.code));
    const beside = open.filter((r) => around.some((a) => r.parent === a.parent || zoneOf(r.code) === zoneOf(a.code)));
    const next = smallestCell(beside.length > 0 ? beside : open);
    if (!next) break;
    withheld.set(next.code, "secondaire");
    applyLineRules();
  }
  return withheld;
}

const EDGES: readonly ZoneEdge[] = [
  { parent: "zone", child: "cell" },
  { parent: "row", child: "cell" },
];

/**
 * The exact linear audit of an operators × zones table (zone-hierarchy-audit.ts's elimination):
 * the withheld cells and withheld margins ("<level>\t<code>", level cell, row or zone) its
 * published margins and cells give, beyond those the margins alone give (known without the map:
 * it cannot take them back). `givenByMargins`: the cells' codes the margins alone give.
 */
function matrixAudit(rows: MatrixCell[], margins: OperatorMapMargins) {
  const zoneOf = (code: string) => code.slice(code.indexOf("|") + 1);
  const cell = (code: string, parents: Record<string, string>): ZoneCell => ({
    code,
    parents,
    count: 0,
    stations: new Set(),
    owners: new Set(),
    withheld: false,
  });
  const levels = new Map<string, ZoneCell[]>([
    ["zone", [...margins.zones.keys()].map((code) => cell(code, {}))],
    ["row", [...margins.parents.keys()].map((code) => cell(code, {}))],
    ["cell", rows.map((r) => cell(r.code, { zone: zoneOf(r.code), row: r.parent }))],
  ]);
  const withheldMargins = [
    ...[...margins.zones].filter(([, c]) => c.secret).map(([code]) => `zone\t${code}`),
    ...[...margins.parents].filter(([, c]) => c.secret).map(([code]) => `row\t${code}`),
  ];
  const given = (withheldCells: Iterable<string>) =>
    exposedZoneCells(levels, EDGES, new Set([...withheldMargins, ...[...withheldCells].map((code) => `cell\t${code}`)]));
  const givenAlone = new Set(given(rows.map((r) => r.code)));
  return {
    givenByMargins: new Set([...givenAlone].filter((k) => k.startsWith("cell\t")).map((k) => k.slice(5))),
    exposed: (withheld: ReadonlyMap<string, unknown>) =>
      given(withheld.keys())
        .filter((k) => !givenAlone.has(k))
        .sort(),
  };
}

function smallestCell(cells: MatrixCell[]): MatrixCell | undefined {
  return [...cells].sort((a, b) => a.points - b.points || a.stations.length - b.stations.length || (a.code < b.code ? -1 : 1))[0];
}

/** The cells deducible from the published margins alone, by repeated difference. */
export function knownFromMargins(lines: { margin: QosCell | undefined; line: MatrixCell[] }[]): Set<string> {
  const known = new Set<string>();
  const published = lines.filter((l) => l.margin && !l.margin.secret);
  for (let changed = true; changed;) {
    changed = false;
    for (const { line } of published) {
      const unknown = line.filter((r) => !known.has(r.code));
      if (unknown.length === 1) {
        known.add(unknown[0].code);
        changed = true;
      }
    }
  }
  return known;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
