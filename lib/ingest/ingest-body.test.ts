import { describe, expect, it } from "vitest";
import { isRetryable } from "@/lib/ingest/ingest-body";

describe("isRetryable", () => {
  it("recognises deadlocks and serialization failures from both driver adapters, nothing else", () => {
    const raw = (cause: object) => ({ code: "P2010", meta: { driverAdapterError: { cause } } });
    expect(isRetryable(raw({ originalCode: "40P01", kind: "TransactionWriteConflict" }))).toBe(true);
    expect(isRetryable(raw({ originalCode: "40001", kind: "postgres", code: "40001" }))).toBe(true);
    expect(isRetryable({ code: "P2034" })).toBe(true);
    expect(isRetryable(raw({ originalCode: "23505" }))).toBe(false);
    expect(isRetryable(new Error("40P01"))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});
