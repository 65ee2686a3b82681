// Legend classes of the committee's choropleth (issue 15): quantile classes of the published
// values, their limits rounded to as few significant digits as keep them apart. Every class holds
// at least one value and no two classes share their limits; a single distinct value is one class.
// Withheld ("secret statistique") and missing cells are not values: they never shape the classes.

export interface LegendCell {
  value: number | null;
  withheld: boolean;
}

export interface MapClass {
  /** Lower limit (inclusive); the smallest value for the first class. */
  from: number;
  /** Upper limit (exclusive), or null for the last class (which holds the largest value). */
  to: number | null;
  /** Values in the class. */
  count: number;
}

export interface MapLegend {
  classes: MapClass[];
  /** How many published values the classes were computed from. */
  valueCount: number;
}

function roundSignificant(v: number, digits: number): number {
  if (v === 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(v))) - digits + 1;
  const f = 10 ** magnitude;
  // Rounded through toPrecision so that 0.1-style steps do not leave float noise in the labels.
  return Number((Math.round(v / f) * f).toPrecision(15));
}

function classesFor(sorted: number[], breaks: number[]): MapClass[] {
  const limits = [...new Set(breaks)].filter((b) => b > sorted[0] && b <= sorted[sorted.length - 1]).sort((a, b) => a - b);
  const classes: MapClass[] = [];
  let from = sorted[0];
  for (const to of [...limits, null]) {
    const count = sorted.filter((v) => v >= from && (to === null || v < to)).length;
    if (count === 0) continue; // merged into the next class, which keeps this lower limit
    classes.push({ from, to, count });
    if (to !== null) from = to;
  }
  return classes;
}

/** Quantile classes (at most `maxClasses`) of the published values among `cells`. */
export function mapLegend(cells: LegendCell[], maxClasses = 5): MapLegend {
  const sorted = cells
    .filter((c) => !c.withheld && c.value !== null && Number.isFinite(c.value))
    .map((c) => c.value as number)
    .sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { classes: [], valueCount: 0 };
  const distinct = new Set(sorted).size;
  if (distinct === 1) return { classes: [{ from: sorted[0], to: null, count: n }], valueCount: n };
  const k = Math.min(maxClasses, distinct);
  // Quantile limits, each moved up to the next distinct value when ties would leave a class empty.
  const raw: number[] = [];
  let last = sorted[0];
  for (let i = 1; i < k; i++) {
    let b = sorted[Math.floor((i * n) / k)];
    if (b <= last) b = sorted.find((v) => v > last) ?? b;
    if (b > last) raw.push((last = b));
  }
  const exact = classesFor(sorted, raw);
  // The roundest limits that keep as many classes as the exact quantiles.
  for (let digits = 1; digits <= 15; digits++) {
    const rounded = classesFor(
      sorted,
      raw.map((b) => roundSignificant(b, digits)),
    );
    if (rounded.length >= exact.length) return { classes: rounded, valueCount: n };
  }
  return { classes: exact, valueCount: n };
}

/** The class of a value (index), or -1 outside every class. */
export function classOf(value: number, classes: MapClass[]): number {
  return classes.findIndex((c, i) => (i === 0 || value >= c.from) && (c.to === null || value < c.to));
}

/** French label of a class: "moins de 10 kWh", "de 10 à moins de 20 kWh", "20 kWh ou plus", or the one value. */
export function classLabel(c: MapClass, index: number, classes: MapClass[], format: (v: number) => string): string {
  if (classes.length === 1) return format(c.from);
  if (index === 0) return `moins de ${format(c.to as number)}`;
  if (c.to === null) return `${format(c.from)} ou plus`;
  return `de ${format(c.from)} à moins de ${format(c.to)}`;
}

export const LEGEND_METHOD =
  "Classes par quantiles : chaque classe regroupe à peu près autant de zones publiées, bornes arrondies ; les zones en secret statistique et sans données n'entrent pas dans le calcul.";
