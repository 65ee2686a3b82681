import { describe, expect, it } from "vitest";
import { moreThan, reminderMessage, sameDayLater, silenceLabel } from "@/lib/monthly-sending/reminder-message";
import type { StationSending } from "@/lib/monthly-sending/list-sending-statuses";

const station = (o: Partial<StationSending>): StationSending => ({
  stationId: "s",
  stationCode: "ST-1",
  operatorId: "o",
  operatorName: "Recharge SAS",
  dossierId: "d",
  dossierReference: "ADV-1",
  beneficiaryName: "Copropriété Les Tilleuls",
  lastDataAt: null,
  startedAt: new Date("2026-01-31T23:30:00Z"), // 1 February in Paris
  sinceDay: "2026-02-01",
  dueDay: "2026-03-01",
  lateFrom: new Date("2026-03-01T23:00:00Z"),
  late: true,
  silentDays: 40,
  ...o,
});

describe("reminder wording", () => {
  it("says the threshold in French for one month and for several", () => {
    expect(moreThan(1)).toBe("plus d'un mois");
    expect(moreThan(3)).toBe("plus de 3 mois");
    expect(sameDayLater(1)).toBe("le même jour du mois suivant");
    expect(sameDayLater(2)).toBe("le même jour, 2 mois après");
  });

  it("dates a silence in Paris, from the last data or from the start", () => {
    expect(silenceLabel(station({}))).toBe("aucune donnée reçue depuis le 01/02/2026 (40 jours sans envoi)");
    expect(silenceLabel(station({ lastDataAt: new Date("2026-03-28T23:30:00Z"), silentDays: 35 }))).toBe(
      "dernière donnée reçue le 29/03/2026 (35 jours sans envoi)",
    );
  });

  it("lists the late stations with their dossiers, and the console's address when known", () => {
    const m = reminderMessage({
      to: ["a@op.fr", "b@op.fr"],
      operatorName: "Recharge SAS",
      stations: [station({}), station({ stationId: "t", stationCode: "ST-2", dossierReference: "ADV-2" })],
      months: 1,
      consoleUrl: "https://portail.example/operateur",
    });
    expect(m.to).toEqual(["a@op.fr", "b@op.fr"]);
    expect(m.subject).toBe("ADVENIR — 2 station(s) sans envoi de données depuis plus d'un mois");
    expect(m.text).toContain("- ST-1 (dossier ADV-1, Copropriété Les Tilleuls) : aucune donnée reçue depuis le 01/02/2026 (40 jours sans envoi)");
    expect(m.text).toContain("- ST-2 (dossier ADV-2,");
    expect(m.text).toContain("https://portail.example/operateur");
    expect(reminderMessage({ to: [], operatorName: "X", stations: [station({})], months: 2, consoleUrl: null }).text).not.toContain("http");
  });
});
