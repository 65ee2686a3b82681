import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rawBodyForStorage } from "@/lib/ingest/record-submission";

describe("rawBodyForStorage", () => {
  it("gzips small and large bodies so that they inflate to the bytes received", async () => {
    for (const size of [0, 1, 300, 5_000, 64 * 1024, 64 * 1024 + 1, 400_000]) {
      const raw = Buffer.from("{\"a\":1}".repeat(Math.ceil(size / 7)).slice(0, size));
      const stored = await rawBodyForStorage({ raw, gzipped: false });
      expect(stored.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(stored).equals(raw)).toBe(true);
    }
  });

  it("keeps a body received gzipped as it came", async () => {
    const raw = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
    expect(await rawBodyForStorage({ raw, gzipped: true })).toBe(raw);
  });
});
