import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { db } from "@/lib/platform/db/database";
import { call, countRows, makeTenant, operation } from "@/tests/support/advenir/ingest";

// Issue 13 §2: hostile or odd bytes never give a 500 nor overwrite another row, and every call is
// journaled whatever its bytes (the refusals' exact paths are in bad-requests.test.ts).

const T0 = 1_700_000_000;

async function lastSubmission(operatorId: string) {
  const prisma = await db();
  return prisma.submission.findFirstOrThrow({ where: { operatorId }, orderBy: { id: "desc" } });
}

describe("identifiers", () => {
  it("refuses lone surrogates (422) instead of storing U+FFFD over another TransactionID", async () => {
    const t = await makeTenant();
    // U+FFFD itself is a printable character: a TransactionID may hold it.
    expect((await call("operation", { [t.operatorId]: { R320: { "T\ufffd": operation(T0) } } }, { auth: t.auth })).status).toBe(200);
    const lone = await call("operation", { [t.operatorId]: { R320: { "T\ud800": operation(T0, 60, 1), "T\udbff": operation(T0, 60, 2) } } }, { auth: t.auth });
    expect(lone.status).toBe(422);
    expect(lone.json.erreurs).toEqual([
      {
        chemin: `${t.operatorId}/R320/T\\uD800`,
        message: "TransactionID invalide : \\uD800 (demi-paire de substitution UTF-16 isolée) n'est pas admis dans un identifiant",
      },
      {
        chemin: `${t.operatorId}/R320/T\\uDBFF`,
        message: "TransactionID invalide : \\uDBFF (demi-paire de substitution UTF-16 isolée) n'est pas admis dans un identifiant",
      },
    ]);
    const prisma = await db();
    const rows = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, select: { transactionId: true, stopWh: true, startWh: true } });
    expect(rows.map((r) => [r.transactionId, Number(r.stopWh - r.startWh)])).toEqual([["T\ufffd", 5000]]);
    expect((await lastSubmission(t.operatorId)).errors).toEqual(lone.json.erreurs);
  });

  it("journals an attempt with another operator's UserID written with a NUL and a lone surrogate", async () => {
    const t = await makeTenant();
    const b = await makeTenant();
    const res = await call("operation", { [`${b.operatorId}\u0000`]: { R320: { t1: operation(T0) } }, [`${b.operatorId}\udc00`]: {} }, { auth: t.auth });
    expect(res.status).toBe(403);
    expect(res.json.erreurs!.map((e) => e.chemin)).toEqual([`${b.operatorId}\\u0000`, `${b.operatorId}\\uDC00`]);
    const logged = await lastSubmission(t.operatorId);
    expect([logged.httpStatus, logged.outcome]).toEqual([403, "ECHEC"]);
    expect(logged.errors).toEqual(res.json.erreurs);
  });

  it("journals a body whose syntax error shows a NUL byte", async () => {
    const t = await makeTenant();
    const res = await call("operation", `{"${t.operatorId}": {"R320": \u0000}}`, { auth: t.auth });
    expect(res.status).toBe(400);
    expect(res.json.erreurs![0].message).toContain("\\u0000");
    expect((await lastSubmission(t.operatorId)).errors).toEqual(res.json.erreurs);
  });

  it("matches a decomposed StationID with its registered (composed) form, and a TransactionID whatever its normalisation", async () => {
    const { registerStations } = await import("@/lib/stations/register-stations");
    const t = await makeTenant({ stations: ["R320"] });
    const prisma = await db();
    const dossier = await prisma.station.findFirstOrThrow({ where: { id: t.stations.R320 }, select: { dossierId: true } });
    // Registered as typed on a system that decomposes accents (E + U+0301), stored composed.
    const [station] = await registerStations({
      dossierId: dossier.dossierId!,
      stations: [{ stationCode: "GARE-E\u0301LYSE\u0301E", pointCount: 2, nominalPowerKw: 22 }],
      actor: "test",
    });
    expect(station.stationCode).toBe("GARE-\u00c9LYS\u00c9E");
    const sent = (stationCode: string, tx: string) => ({ [t.operatorId]: { [stationCode]: { [tx]: operation(T0) } } });
    const composed = await call("operation", sent("GARE-\u00c9LYS\u00c9E", "caf\u00e9"), { auth: t.auth });
    expect(composed.json).toMatchObject({ statut: "OK", enregistres: 1 });
    const decomposed = await call("operation", sent("GARE-E\u0301LYSE\u0301E", "cafe\u0301"), { auth: t.auth });
    expect(decomposed.json).toMatchObject({ statut: "OK", recus: 1, enregistres: 0, inchanges: 1 });
    const rows = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, select: { stationId: true, transactionId: true } });
    expect(rows).toEqual([{ stationId: station.id, transactionId: "caf\u00e9" }]);
  });

  it("answers two spellings of one TransactionID in one object as one key: the same data counts once, other data is ambiguous (never a 500)", async () => {
    const t = await makeTenant();
    const nfc = "caf\u00e9";
    const nfd = "cafe\u0301";
    const same = await call("operation", { [t.operatorId]: { R320: { [nfc]: operation(T0), [nfd]: operation(T0) } } }, { auth: t.auth });
    expect(same.json).toEqual({
      statut: "OK",
      recus: 1,
      enregistres: 1,
      inchanges: 0,
      avertissements: [{ chemin: `${t.operatorId}/R320/${nfc}`, message: "clé répétée à l'identique dans le même objet JSON : prise en compte une fois" }],
    });
    const other = await call("operation", { [t.operatorId]: { R320: { [nfc]: operation(T0), [nfd]: operation(T0, 60) } } }, { auth: t.auth });
    expect(other.status).toBe(422);
    expect(other.json.erreurs).toEqual([{ chemin: `${t.operatorId}/R320/${nfc}`, message: expect.stringContaining("envoi ambigu") }]);
    // The same in the tolerated array form.
    const array = await call("operation", { [t.operatorId]: { R320: [{ [nfc]: operation(T0) }, { [nfd]: operation(T0, 60) }] } }, { auth: t.auth });
    expect(array.status).toBe(422);
    expect(await countRows(t.operatorId)).toEqual({ operations: 1, curves: 0 });
  });
});

describe("duplicate keys in one JSON object", () => {
  it("counts an identical repeat once with a warning, at every level", async () => {
    const t = await makeTenant();
    const op = JSON.stringify(operation(T0));
    const text = `{"${t.operatorId}": {"R320": {"t1": ${op}, "t1": {"StartTransaction": ${T0}, "StopTransaction":${T0 + 3600}, "StartValue": 1e3, "StopValue": 6000}}, "R320": {"t1": ${op}, "t1": ${op}}}}`;
    const res = await call("operation", text, { auth: t.auth });
    expect(res.json).toEqual({
      statut: "OK",
      recus: 1,
      enregistres: 1,
      inchanges: 0,
      avertissements: [
        // 1e3 and 1000 are the same number; spaces do not count.
        { chemin: `${t.operatorId}/R320/t1`, message: "clé répétée à l'identique dans le même objet JSON : prise en compte une fois" },
        { chemin: `${t.operatorId}/R320`, message: "clé répétée à l'identique dans le même objet JSON : prise en compte une fois" },
      ],
    });
  });

  it("refuses, with the path, a repeated key whose value differs, where JSON.parse would have kept the last one silently", async () => {
    const t = await makeTenant();
    const text = `{"${t.operatorId}": {"R320": {"t1": {"StartTransaction": ${T0}, "StopTransaction": ${T0 + 3600}, "StartValue": 1000, "StopValue": 6000, "StopValue": 600000}}}}`;
    const res = await call("operation", text, { auth: t.auth });
    expect(res.status).toBe(422);
    expect(res.json.erreurs).toEqual([
      {
        chemin: `${t.operatorId}/R320/t1/StopValue`,
        message: "clé répétée dans le même objet JSON avec une autre valeur : envoi ambigu (un analyseur JSON ne garderait que la dernière)",
      },
    ]);
    expect(await countRows(t.operatorId)).toEqual({ operations: 0, curves: 0 });
  });
});

describe("clearer messages", () => {
  it("says a number is too large, not that it has decimals", async () => {
    const t = await makeTenant();
    const res = await call("operation", { [t.operatorId]: { R320: { t1: { ...operation(T0), StopValue: 1e20, StopTransaction: 1e20 } } } }, { auth: t.auth });
    expect(res.json.erreurs).toEqual([
      { chemin: `${t.operatorId}/R320/t1/StopTransaction`, message: "StopTransaction : nombre trop grand pour un horodatage UNIX en secondes" },
      { chemin: `${t.operatorId}/R320/t1/StopValue`, message: "StopValue : nombre trop grand (9 007 199 254 740 991 Wh au plus)" },
    ]);
  });

  it("names the encoding of a UTF-16 or Latin-1 body, and hints at the header of a gzip body sent without it", async () => {
    const t = await makeTenant();
    const text = `{"${t.operatorId}": {"Gare-Élysée": {}}}`;
    const message = async (bytes: Buffer) => (await call("operation", "", { auth: t.auth, rawBytes: new Uint8Array(bytes) })).json.erreurs![0].message;
    expect(await message(Buffer.from(`\ufeff${text}`, "utf16le"))).toBe(
      "corps encodé en UTF-16 (petit-boutiste, avec BOM) : le corps doit être du JSON encodé en UTF-8",
    );
    expect(await message(Buffer.from(text, "utf16le"))).toBe("corps encodé en UTF-16 (petit-boutiste) : le corps doit être du JSON encodé en UTF-8");
    expect(await message(Buffer.from(text, "latin1"))).toBe(
      `corps illisible : octet 0xC9 à la position ${text.indexOf("É")} invalide en UTF-8 (encodage ISO-8859-1 / Latin-1 ou Windows-1252 ?) ; le corps doit être du JSON encodé en UTF-8`,
    );
    expect(await message(gzipSync(Buffer.from(text)))).toBe(
      "le corps semble compressé en gzip : ajoutez l'en-tête « Content-Encoding: gzip » (ou envoyez-le décompressé)",
    );
    // A UTF-8 byte-order mark is no error.
    expect((await call("operation", "", { auth: t.auth, rawBytes: new Uint8Array(Buffer.from(`\ufeff{"${t.operatorId}": {}}`)) })).status).toBe(200);
  });

  it("lists 1,000 errors at most for a body of 5,000 bad points, says how many more, and journals the same list", async () => {
    const t = await makeTenant();
    const points = Array.from({ length: 5000 }, (_, i) => ({ timestamp: T0 + i * 60, value: "x" }));
    const res = await call("courbe", { [t.operatorId]: { R320: { c1: points } } }, { auth: t.auth });
    expect(res.status).toBe(422);
    expect(res.json.erreurs!.length).toBe(1000);
    expect(res.json.erreurs![999]).toEqual({ chemin: "(corps)", message: "… et 4001 autres messages non listés" });
    expect((await lastSubmission(t.operatorId)).errors).toEqual(res.json.erreurs);
  });
});
