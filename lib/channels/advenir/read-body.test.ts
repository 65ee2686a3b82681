import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readBody } from "@/lib/channels/advenir/read-body";
import { IngestError } from "@/lib/channels/advenir/errors";

const limits = { maxBytes: 100, maxInflatedBytes: 1000 };

async function* chunksOf(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}

function source(parts: string[], headers: Record<string, string> = {}) {
  return { headers: new Headers(headers), body: chunksOf(...parts) };
}

async function statusOf(promise: Promise<unknown>): Promise<number | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof IngestError ? e.status : -1),
  );
}

describe("readBody", () => {
  it("assembles the chunks whatever the declared length says", async () => {
    const parts = ['{"a":', "[1,2,", "3]}"];
    const text = parts.join("");
    expect((await readBody(source(parts, { "content-length": String(text.length) }), limits)).text).toBe(text);
    expect((await readBody(source(parts), limits)).text).toBe(text);
    // A declared length that is wrong either way (a proxy's mistake) still yields the bytes received.
    expect((await readBody(source(parts, { "content-length": "5" }), limits)).text).toBe(text);
    expect((await readBody(source(parts, { "content-length": "90" }), limits)).text).toBe(text);
  });

  it("refuses with 413 a declared or actual size over the limit", async () => {
    expect(await statusOf(readBody(source(["{}"], { "content-length": "101" }), limits))).toBe(413);
    expect(await statusOf(readBody(source(["x".repeat(60), "x".repeat(60)]), limits))).toBe(413);
    expect(await statusOf(readBody(source(["x".repeat(100)]), limits))).toBeNull();
  });

  it("inflates gzip within its own limit, and refuses bytes that are not UTF-8", async () => {
    const zipped = gzipSync(Buffer.from("é".repeat(300))).toString("latin1");
    const gz = {
      headers: new Headers({ "content-encoding": "gzip" }),
      body: (async function* () {
        yield Buffer.from(zipped, "latin1");
      })(),
    };
    expect((await readBody(gz, limits)).text).toBe("é".repeat(300));
    const bomb = {
      headers: new Headers({ "content-encoding": "gzip" }),
      body: (async function* () {
        yield gzipSync(Buffer.alloc(5000, 32));
      })(),
    };
    expect(await statusOf(readBody(bomb, limits))).toBe(413);
    const latin1 = {
      headers: new Headers(),
      body: (async function* () {
        yield Buffer.from([0x7b, 0xe9, 0x7d]);
      })(),
    };
    expect(await statusOf(readBody(latin1, limits))).toBe(400);
  });
});

describe("readBody, interrupted", () => {
  it("answers 400 (not a server error) when the stream breaks before the end", async () => {
    const broken = {
      headers: new Headers({ "content-length": "50" }),
      body: (async function* () {
        yield Buffer.from('{"a":');
        throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
      })(),
    };
    expect(await statusOf(readBody(broken, limits))).toBe(400);
  });
});
