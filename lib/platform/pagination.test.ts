import { describe, expect, it } from "vitest";
import { pageOf, pageParam } from "@/lib/platform/pagination";

describe("pagination", () => {
  it("slices a page, clamping out-of-range pages", () => {
    const items = Array.from({ length: 53 }, (_, i) => i);
    expect(pageOf(items, 1, 25)).toMatchObject({ items: items.slice(0, 25), page: 1, pageCount: 3, total: 53 });
    expect(pageOf(items, 3, 25).items).toEqual([50, 51, 52]);
    expect(pageOf(items, 9, 25).page).toBe(3);
    expect(pageOf([], 2, 25)).toMatchObject({ items: [], page: 1, pageCount: 1, total: 0 });
  });

  it("reads the page parameter, 1 for anything but a positive integer", () => {
    expect([pageParam("2"), pageParam(["4", "5"]), pageParam("0"), pageParam("-1"), pageParam("1.5"), pageParam("x"), pageParam(undefined)]).toEqual([
      2, 4, 1, 1, 1, 1, 1,
    ]);
  });
});
