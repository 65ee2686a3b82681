import { afterEach, describe, expect, it, vi } from "vitest";
import { issueToken, verifyToken } from "@/lib/channels/qualicharge/auth/tokens";

// Verified tokens are remembered until their expiry (the hot path checks a signature once):
// a remembered token still expires, and a forged one is never remembered.

afterEach(() => vi.useRealTimers());

describe("remembered tokens", () => {
  it("answers a remembered token until its expiry, then refuses it as expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-05T10:00:00Z"));
    const { token } = await issueToken({ id: "00000000-0000-4000-8000-000000000001", username: "memo" });
    expect(await verifyToken(token)).toEqual({ userId: "00000000-0000-4000-8000-000000000001", issuedAt: new Date("2026-12-05T10:00:00Z") });
    vi.setSystemTime(new Date("2026-12-05T10:29:59Z"));
    expect((await verifyToken(token)).userId).toBe("00000000-0000-4000-8000-000000000001");
    vi.setSystemTime(new Date("2026-12-05T10:30:01Z"));
    await expect(verifyToken(token)).rejects.toMatchObject({ status: 401, body: { message: "Authentication failed: Token has expired" } });
  });

  it("never remembers a token whose signature fails", async () => {
    const { token } = await issueToken({ id: "00000000-0000-4000-8000-000000000002", username: "forged" });
    const forged = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    for (let i = 0; i < 2; i++)
      await expect(verifyToken(forged)).rejects.toMatchObject({ status: 401, body: { message: "Authentication failed: Could not validate credentials" } });
    expect((await verifyToken(token)).userId).toBe("00000000-0000-4000-8000-000000000002");
  });
});
