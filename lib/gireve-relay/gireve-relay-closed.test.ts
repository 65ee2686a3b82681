import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { PROGRAMME_TARGET, PURGE_ACTION } from "@/lib/programme/programme-status";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { revokeRelayAccount } from "@/lib/gireve-relay/revoke-relay-account";
import { rotateRelaySecret } from "@/lib/gireve-relay/rotate-relay-secret";
import { setRelayCertificate } from "@/lib/gireve-relay/set-relay-certificate";

// Once the programme's individual data is purged, nothing opens the GIREVE door any more: no new
// account, secret or certificate; revoking and clearing a certificate still work. The purge's
// record closes the programme for everyone, so this file works on a database of its own.

let prisma: PrismaClient;
let close: () => Promise<void>;
beforeAll(async () => ({ prisma, close } = await openOwnDatabase("advenir_relay_closed")));
afterAll(async () => close());

const who = { actor: "test" };
const CLOSED = /^Le programme est clos : les données individuelles ont été purgées le /;

describe("relay accounts after the purge", () => {
  it("issues no account, secret or certificate; still revokes and clears", async () => {
    const fp = randomBytes(32).toString("hex");
    const account = await createRelayAccount({ env: "production", certFingerprint: fp }, who, { prisma });
    const other = await createRelayAccount({ env: "production" }, who, { prisma });
    await prisma.auditLog.create({ data: { ...PROGRAMME_TARGET, action: PURGE_ACTION, actor: "test" } });

    await expect(createRelayAccount({ env: "production" }, who, { prisma })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(CLOSED),
    });
    await expect(rotateRelaySecret({ accountId: account.id, ...who }, { prisma })).rejects.toMatchObject({ message: expect.stringMatching(CLOSED) });
    await expect(setRelayCertificate({ accountId: other.id, certFingerprint: randomBytes(32).toString("hex"), ...who }, { prisma })).rejects.toMatchObject({
      message: expect.stringMatching(CLOSED),
    });
    expect(await setRelayCertificate({ accountId: account.id, certFingerprint: null, ...who }, { prisma })).toMatchObject({
      changed: true,
      certFingerprint: null,
    });
    expect(await revokeRelayAccount({ accountId: other.id, ...who }, { prisma })).toMatchObject({ alreadyRevoked: false });
    expect(await prisma.gireveRelayAccount.count()).toBe(2);
  });
});
