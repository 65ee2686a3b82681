import { describe, expect, it } from "vitest";
import type { FeatureCollection, Geometry } from "geojson";
import { getBoundaries } from "@/lib/reference-data/get-boundaries";
import { MAP_HEIGHT, MAP_WIDTH, projectMap } from "@/lib/map/project-map";

const boundaries = (level: "departement" | "region") => getBoundaries(level) as unknown as FeatureCollection<Geometry, { code: string; nom: string }>;

/** Every coordinate pair of an SVG path as d3 writes it ("M x,y L x,y … Z"). */
function points(d: string): [number, number][] {
  return [...d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe("projectMap", () => {
  it("draws every département, overseas ones in insets, inside the map, in a few hundred kB", () => {
    const map = projectMap(boundaries("departement"), "departement");
    expect(map.metro).toHaveLength(96);
    expect(map.insets.map((i) => i.label).sort()).toEqual(["Guadeloupe", "Guyane", "La Réunion", "Martinique", "Mayotte"]);
    const shapes = [...map.metro, ...map.insets.map((i) => i.shape)];
    expect(new Set(shapes.map((s) => s.code)).size).toBe(101);
    let chars = 0;
    for (const s of shapes) {
      const pts = points(s.d);
      expect(pts.length, s.code).toBeGreaterThanOrEqual(3);
      for (const [x, y] of pts) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(MAP_WIDTH);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
      }
      // One decimal at most.
      expect(s.d).not.toMatch(/\.\d\d/);
      chars += s.d.length;
    }
    expect(chars).toBeLessThan(600_000);
    // Paris (75) is small and inside the Hauts-de-Seine/Seine-Saint-Denis/Val-de-Marne ring.
    const box = (code: string) => {
      const pts = points(map.metro.find((s) => s.code === code)!.d);
      return {
        x0: Math.min(...pts.map((p) => p[0])),
        x1: Math.max(...pts.map((p) => p[0])),
        y0: Math.min(...pts.map((p) => p[1])),
        y1: Math.max(...pts.map((p) => p[1])),
      };
    };
    const paris = box("75");
    const petiteCouronne = ["92", "93", "94"].map(box);
    expect(paris.x1 - paris.x0).toBeLessThan(10);
    expect(paris.x0).toBeGreaterThan(Math.min(...petiteCouronne.map((b) => b.x0)));
    expect(paris.x1).toBeLessThan(Math.max(...petiteCouronne.map((b) => b.x1)));
  });

  it("computes each boundary set once", () => {
    expect(projectMap(boundaries("region"), "region")).toBe(projectMap(boundaries("region"), "region"));
    expect(projectMap(boundaries("region"), "region").metro).toHaveLength(13);
  });
});
