import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/platform/db/database";
import { makeSiren, uniqueSuffix } from "@/cli/demo/factories";
import { parseStationSpec, parseStationsCsv } from "@/cli/station-specs";
import { CliUsageError } from "@/cli/args";

// The CLI as an administrator runs it: a separate process. It uses PostgreSQL when
// TEST_DATABASE_URL is set, else its own PGlite directory (one process at a time).
const exec = promisify(execFile);
let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "advenir-cli-"));
  databaseUrl = process.env.TEST_DATABASE_URL || `pglite:${path.join(dir, "db")}`;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await exec("npx", ["tsx", "cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, npm_config_loglevel: "error" },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

describe("admin CLI (spawned)", () => {
  it("--help lists every command with its options", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    for (const command of [
      "user:create",
      "utilisateur:creer",
      "operator:create",
      "credential:rotate",
      "beneficiary:create",
      "dossier:create",
      "stations:register",
      "attestation:sign",
      "demo:seed",
    ])
      expect(r.stdout).toContain(command);
    expect(r.stdout).toContain("--signer-capacity");
  });

  it("refuses an unknown command, in French", async () => {
    const r = await cli("user:delete");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Commande inconnue : user:delete");
  });

  it("refuses a missing --email, naming the option", async () => {
    const r = await cli("user:create", "--name", "Jeanne", "--role", "admin", "--password", "un mot de passe long");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Option obligatoire manquante : --email");
  });

  it("refuses an invalid role and an unknown option, naming them", async () => {
    const role = await cli("user:create", "--email", "x@test.advenir.fr", "--name", "X", "--role", "chef", "--password", "un mot de passe long");
    expect(role.code).toBe(1);
    expect(role.stderr).toContain("--role : Rôle : choisissez l'un des rôles proposés");
    const unknown = await cli("operator:create", "--nom", "X");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Option inconnue : --nom");
  });

  it("creates an operator, a dossier, its stations from a CSV and signs on behalf, audited as such", async () => {
    const operator = await cli("operator:create", "--name", "Recharge CLI", "--siren", makeSiren());
    expect(operator.code).toBe(0);
    expect(operator.stdout).toContain("ne seront plus jamais affichés");
    const operatorId = /UserID ADVENIR : ([0-9a-f-]{36})/.exec(operator.stdout)?.[1];
    expect(operator.stdout.match(/secret {6}: \S{20,}/g)).toHaveLength(2);
    const beneficiary = await cli("beneficiary:create", "--name", "Copropriété CLI");
    const beneficiaryId = /id ([0-9a-f-]{36})/.exec(beneficiary.stdout)?.[1];
    expect(operatorId && beneficiaryId).toBeTruthy();
    const reference = `ADV-CLI-${uniqueSuffix()}`;
    const dossier = await cli(
      "dossier:create",
      "--reference",
      reference,
      "--beneficiary-id",
      beneficiaryId!,
      "--operator-id",
      operatorId!,
      "--site-name",
      "Parking",
      "--address",
      "1 rue de la République, 69001 Lyon",
      "--insee-code",
      "69381",
      "--site-type",
      "residentiel_collectif",
      "--channel",
      "ADVENIR",
    );
    expect(dossier.code).toBe(0);
    const csv = path.join(dir, "stations.csv");
    await writeFile(csv, `station_code;point_count;nominal_power_kw\n${reference}-1;2;7,4\n${reference}-2;1;22\n`);
    const stations = await cli("stations:register", "--dossier", reference, "--csv", csv);
    expect(stations.stdout).toContain("2 station(s) enregistrée(s)");
    const again = await cli("stations:register", "--dossier", reference, "--station", `${reference}-2:1:22`);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`StationID ${reference}-2 : déjà enregistré sur votre dossier ${reference}`);

    const noConsent = await cli("attestation:sign", "--dossier", reference, "--signer-name", "Jeanne Martin", "--signer-capacity", "Syndic");
    expect(noConsent.code).toBe(2);
    expect(noConsent.stderr).toContain("--consent");
    const signed = await cli("attestation:sign", "--dossier", reference, "--signer-name", "Jeanne Martin", "--signer-capacity", "Syndic", "--consent");
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain("signée pour le compte du bénéficiaire");

    const database = await openDatabase(databaseUrl, { migrate: false });
    try {
      const found = await database.prisma.dossier.findUniqueOrThrow({ where: { reference }, select: { id: true, stations: true } });
      expect(found.stations).toHaveLength(2);
      const audits = await database.prisma.auditLog.findMany({ where: { targetId: found.id, action: { startsWith: "attestation." } } });
      expect(audits.map((a) => [a.action, a.actor])).toEqual([["attestation.signed_on_behalf", "cli"]]);
    } finally {
      await database.close();
    }
    // Eight CLI processes, each starting tsx and opening the database: slow on a loaded machine.
  }, 240_000);
});

describe("station options", () => {
  it("parses CODE:points:kW, splitting on the last two colons", () => {
    expect(parseStationSpec("FR*ABC*P1:2:7,4")).toEqual({ stationCode: "FR*ABC*P1", pointCount: 2, nominalPowerKw: 7.4 });
    expect(parseStationSpec("a:b:2:22").stationCode).toBe("a:b");
    expect(() => parseStationSpec("ST-1:2")).toThrow(CliUsageError);
    expect(() => parseStationSpec("ST-1:deux:22")).toThrow(/nombre de points « deux » invalide/);
  });

  it("reads a CSV with or without insee_code, and says which line is wrong", () => {
    expect(parseStationsCsv("\uFEFFstation_code,point_count,nominal_power_kw,insee_code\r\nA,1,22,2A004\r\n\r\nB,2,7.4,\r\n")).toEqual([
      { stationCode: "A", pointCount: 1, nominalPowerKw: 22, inseeCode: "2A004" },
      { stationCode: "B", pointCount: 2, nominalPowerKw: 7.4 },
    ]);
    expect(() => parseStationsCsv("code,points\nA,1")).toThrow(/en-tête attendu/);
    expect(() => parseStationsCsv("station_code,point_count,nominal_power_kw\nA,1,22\nB,x,22", "s.csv")).toThrow(
      /s\.csv, ligne 3 : point_count « x » invalide/,
    );
  });
});
