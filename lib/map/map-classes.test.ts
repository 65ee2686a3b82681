import { describe, expect, it } from "vitest";
import { classLabel, classOf, mapLegend, type LegendCell } from "@/lib/map/map-classes";

const cells = (values: number[]): LegendCell[] => values.map((value) => ({ value, withheld: false }));
const fmt = (v: number) => `${v} kWh`;
const labels = (values: LegendCell[]) => {
  const { classes } = mapLegend(values);
  return classes.map((c, i) => classLabel(c, i, classes, fmt));
};

function expectSeparating(values: number[]) {
  const { classes } = mapLegend(cells(values));
  // Every class holds a value, limits strictly increase, every value falls in exactly one class.
  for (const c of classes) expect(c.count).toBeGreaterThan(0);
  for (let i = 1; i < classes.length; i++) expect(classes[i].from).toBeGreaterThan(classes[i - 1].from);
  expect(classes.reduce((a, c) => a + c.count, 0)).toBe(values.length);
  for (const v of values) expect(classOf(v, classes)).toBeGreaterThanOrEqual(0);
  expect(new Set(classes.map((c, i) => classLabel(c, i, classes, fmt))).size).toBe(classes.length);
  return classes;
}

describe("map legend classes", () => {
  it("makes one class of identical values, never 'x – x' four times", () => {
    expect(labels(cells([5283, 5283, 5283, 5283, 5283]))).toEqual(["5283 kWh"]);
  });

  it("separates few values: two distinct values give two classes, ties never leave a class empty", () => {
    expect(labels(cells([1, 1, 1, 1, 2]))).toEqual(["moins de 2 kWh", "2 kWh ou plus"]);
    const classes = expectSeparating([10, 20, 30]);
    expect(classes).toHaveLength(3);
    expect(classOf(10, classes)).toBe(0);
    expect(classOf(20, classes)).toBe(1);
    expect(classOf(30, classes)).toBe(2);
  });

  it("makes five quantile classes of many values, with round limits", () => {
    const values = Array.from({ length: 101 }, (_, i) => 1000 + i * 37.3);
    const classes = expectSeparating(values);
    expect(classes).toHaveLength(5);
    // Limits rounded to few significant digits: 1 000 + 20 × 37.3 = 1 746 → 1 700.
    for (const c of classes.slice(1)) expect(String(c.from)).toMatch(/^\d{1,2}0+$/);
    // Quantiles: counts close to a fifth each.
    for (const c of classes) expect(c.count).toBeGreaterThanOrEqual(15);
  });

  it("keeps close values apart by keeping more digits", () => {
    const classes = expectSeparating([5283, 5284, 5285, 5286, 5287, 5288]);
    expect(classes.length).toBe(5);
  });

  it("leaves withheld and missing cells out of the classes", () => {
    const legend = mapLegend([...cells([10, 20]), { value: null, withheld: true }, { value: 1_000_000, withheld: true }, { value: null, withheld: false }]);
    expect(legend.valueCount).toBe(2);
    expect(legend.classes.map((c) => c.count)).toEqual([1, 1]);
    expect(legend.classes[1].from).toBe(20);
    expect(mapLegend([{ value: 3, withheld: true }]).classes).toEqual([]);
  });
});
