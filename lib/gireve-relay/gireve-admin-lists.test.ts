import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { listGireveCalls } from "@/lib/gireve-relay/list-gireve-calls";
import { exportUnknownEvses, listUnknownEvses } from "@/lib/gireve-relay/list-unknown-evses";
import { formatUnknownEvsesCsv, unknownEvsesExportTitle } from "@/lib/gireve-relay/format-unknown-evses-csv";

// What the admin reads of the GIREVE channel: the door's journal (submission rows of door GIREVE)
// and the EVSEs no dossier declares, newest first, paginated, with operator and relay names.
// The rows are written here as the door writes them. They are dated a few minutes ahead, so that
// they are the newest of a database shared with other test files (and with earlier runs, whose
// rows are dated ahead of an earlier clock).

const ahead = (seconds: number) => new Date(Date.now() + 5 * 60_000 + seconds * 1000);

describe("listGireveCalls", () => {
  it("lists the door's calls only, newest first, with the operator's name, the relay's username and the errors", async () => {
    const prisma = await db();
    const operator = await makeOperator();
    const relay = await createRelayAccount({ env: "production" }, { actor: "test" });
    const common = { door: "GIREVE" as const, endpoint: "/api/gireve/emip", method: "POST", relayAccountId: relay.id };
    const error = { chemin: "evseId", message: `EVSE inconnu FRXYZE${uniqueSuffix()}` };
    await prisma.submission.createMany({
      data: [
        { ...common, env: "production", operatorId: operator.id, httpStatus: 200, outcome: "OK", received: 1, stored: 1, receivedAt: ahead(1) },
        { ...common, env: "production", operatorId: null, httpStatus: 200, outcome: "ECHEC", errors: [error], receivedAt: ahead(3) },
        // Another door's call, newer still, is not the channel's.
        { door: "ADVENIR", endpoint: "/api/operation/put", method: "POST", operatorId: operator.id, httpStatus: 200, outcome: "OK", receivedAt: ahead(4) },
        { ...common, env: "sandbox", operatorId: operator.id, httpStatus: 401, outcome: "ECHEC", relayAccountId: null, receivedAt: ahead(2) },
      ],
    });

    const first = await listGireveCalls({ page: 1, pageSize: 2 });
    expect(first.page).toBe(1);
    expect(first.total).toBeGreaterThanOrEqual(3);
    expect(first.pageCount).toBe(Math.ceil(first.total / 2));
    expect(first.items.map((c) => [c.outcome, c.env, c.httpStatus])).toEqual([
      ["ECHEC", "production", 200],
      ["ECHEC", "sandbox", 401],
    ]);
    expect(first.items[0]).toMatchObject({ operatorId: null, operatorName: null, relayUsername: relay.username, errors: [error], warnings: [] });
    expect(first.items[1]).toMatchObject({ operatorName: operator.name, relayUsername: null, errors: [] });
    const second = await listGireveCalls({ page: 2, pageSize: 2 });
    expect(second.items[0]).toMatchObject({ outcome: "OK", operatorName: operator.name, relayUsername: relay.username, received: 1, stored: 1 });
    expect(second.items[0].id).not.toBe(first.items[0].id);
    // A page beyond the last is the last one.
    const beyond = await listGireveCalls({ page: 10_000, pageSize: 2 });
    expect(beyond.page).toBe(beyond.pageCount);
    // Never the raw body.
    expect(Object.keys(first.items[0])).not.toContain("rawBody");
  });
});

describe("unknown EVSEs", () => {
  it("lists them most recently seen first with the operator's name, paginated, and exports them as CSV", async () => {
    const prisma = await db();
    const operator = await makeOperator();
    const s = uniqueSuffix().toUpperCase();
    const [older, newer] = [`FRXYZE${s}1`, `FRXYZE${s}2`];
    await prisma.gireveUnknownEvse.createMany({
      data: [
        {
          env: "production",
          evseId: older,
          rawEvseId: `FR*XYZ*E${s}1`,
          operatorCode: "FRXYZ",
          operatorId: operator.id,
          reason: "aucun dossier consentant ne déclare ce point",
          messages: 3,
          firstSeenAt: ahead(-60),
          lastSeenAt: ahead(1),
        },
        {
          env: "sandbox",
          evseId: newer,
          rawEvseId: `=FR*XYZ*E${s}2`,
          operatorCode: "FRABC",
          operatorId: null,
          reason: "opérateur inconnu",
          lastSeenAt: ahead(2),
        },
      ],
    });

    const first = await listUnknownEvses({ page: 1, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ evseId: newer, env: "sandbox", operatorCode: "FRABC", operatorName: null, messages: 1 });
    const second = await listUnknownEvses({ page: 2, pageSize: 1 });
    expect(second.items[0]).toMatchObject({ evseId: older, operatorName: operator.name, messages: 3, reason: "aucun dossier consentant ne déclare ce point" });
    expect(second.pageCount).toBe(first.total);

    const exported = await exportUnknownEvses();
    expect(exported.items.slice(0, 2).map((e) => e.evseId)).toEqual([newer, older]);
    const csv = formatUnknownEvsesCsv(exported.items.slice(0, 2), 2, "standard");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe('"Points (EVSE) inconnus du canal GIREVE — 2 point(s), du plus récemment vu au plus ancien"'); // quoted: it holds a comma
    expect(lines[1]).toBe(
      "Environnement,EVSE (forme IRVE),EVSE reçu,Code opérateur,Opérateur du portail,Motif,Messages,Vu la première fois,Vu la dernière fois",
    );
    const newerRow = exported.items[0];
    // A received value that a spreadsheet would run as a formula is quoted with an apostrophe.
    expect(lines[2]).toBe(
      `bac à sable,${newer},'=FR*XYZ*E${s}2,FRABC,,opérateur inconnu,1,${newerRow.firstSeenAt.toISOString()},${newerRow.lastSeenAt.toISOString()}`,
    );
    expect(lines[3]).toContain(`production,${older},FR*XYZ*E${s}1,FRXYZ,${operator.name},aucun dossier consentant ne déclare ce point,3,`);
    // French Excel: byte-order mark and semicolons.
    expect(formatUnknownEvsesCsv(exported.items.slice(0, 1), 1, "excel-fr")).toMatch(/^\uFEFF.*\r\nEnvironnement;EVSE \(forme IRVE\);/);
    expect(unknownEvsesExportTitle(12, 10)).toBe(
      "Points (EVSE) inconnus du canal GIREVE — 12 point(s), du plus récemment vu au plus ancien, les 10 plus récents exportés",
    );
  });
});
