import { describe, expect, it } from "vitest";
import { CliUsageError } from "@/cli/args";
import { defaultStart, parseSimulateArgs } from "@/cli/gireve/simulate-args";

const now = new Date("2026-03-10T15:42:00Z");
const parse = (line: string) => parseSimulateArgs(line.split(" ").filter(Boolean), now);
const refusal = (line: string) => {
  try {
    parse(line);
  } catch (e) {
    if (e instanceof CliUsageError) return e.message;
    throw e;
  }
  throw new Error(`accepted: ${line}`);
};

describe("gireve:simulate command line", () => {
  it("reads a full command line", () => {
    expect(
      parse(
        "--points 20 --days 3 --url http://localhost:4000/ --user gireve-prod-a1 --secret s:e:c --operator fr*abc --concurrency 32 --start 2026-03-02T06:00:00 --seed 9 --summary-json /tmp/s.json",
      ),
    ).toEqual({
      mode: "send",
      points: 20,
      days: 3,
      url: "http://localhost:4000",
      user: "gireve-prod-a1",
      secret: "s:e:c",
      operator: "fr*abc",
      dossier: undefined,
      concurrency: 32,
      start: new Date("2026-03-02T06:00:00Z"),
      seed: 9,
      summaryJson: "/tmp/s.json",
      dryRun: false,
    });
  });

  it("defaults: one day from midnight UTC before today, 8 in flight, seed 1, operator FR*SIM, local portal", () => {
    expect(parse("--points 2 --user u --secret s")).toMatchObject({
      days: 1,
      start: new Date("2026-03-09T00:00:00Z"),
      concurrency: 8,
      seed: 1,
      operator: "FR*SIM",
      url: "http://127.0.0.1:3000",
    });
    expect(defaultStart(2.5, now)).toEqual(new Date("2026-03-07T00:00:00Z"));
  });

  it("takes the EVSEs from a dossier (all its points, or the first --points) and no operator then", () => {
    expect(parse("--dossier ADV-SIM-1 --user u --secret s")).toMatchObject({ mode: "send", dossier: "ADV-SIM-1", operator: undefined, points: undefined });
    expect(parse("--dossier ADV-SIM-1 --points 3 --dry-run")).toMatchObject({ points: 3, dryRun: true, user: undefined });
  });

  it("reads --prepare", () => {
    expect(parse("--prepare --points 50")).toEqual({ mode: "prepare", points: 50, operator: undefined });
    expect(parse("--prepare --points 5 --operator FR*XYZ")).toEqual({ mode: "prepare", points: 5, operator: "FR*XYZ" });
  });

  it("refuses what it cannot do, naming the option", () => {
    expect(refusal("--days 2 --user u --secret s")).toMatch(/--points <N>.*--dossier/);
    expect(refusal("--points 0 --dry-run")).toMatch(/^--points : un entier de 1 à 100000/);
    expect(refusal("--points 2.5 --dry-run")).toMatch(/^--points/);
    expect(refusal("--points 2 --days -1 --dry-run")).toMatch(/--days/);
    expect(refusal("--points 2 --days abc --dry-run")).toMatch(/^--days/);
    expect(refusal("--points 2 --days 400 --dry-run")).toMatch(/^--days/);
    expect(refusal("--points 2 --concurrency 0 --dry-run")).toMatch(/^--concurrency/);
    expect(refusal("--points 2 --operator FRANCE --dry-run")).toMatch(/^--operator/);
    expect(refusal("--points 2 --url http://h:1/api/gireve/emip --dry-run")).toMatch(/^--url/);
    expect(refusal("--points 2 --start demain --dry-run")).toMatch(/^--start/);
    expect(refusal("--points 2 --start 2026-13-45 --dry-run")).toMatch(/^--start/);
    expect(refusal("--points 2 --user u")).toMatch(/--user et --secret vont ensemble/);
    expect(refusal("--points 2")).toMatch(/--dry-run pour ne rien envoyer/);
    expect(refusal("--dossier D --operator FR*ABC --dry-run")).toMatch(/s'excluent/);
    expect(refusal("--prepare")).toMatch(/--points/);
    expect(refusal("--prepare --points 3 --dossier D")).toMatch(/--prepare ne se combine pas avec --dossier/);
    expect(refusal("--points 2 --dry-run --bogus")).toMatch(/^Option inconnue : --bogus/);
    expect(refusal("--points 2 --dry-run extra")).toMatch(/^Argument inattendu : extra/);
  });
});
