import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { advenirFailure, advenirSuccess, toResponse } from "@/lib/channels/advenir/advenir-response";
import { IngestError, capMessages } from "@/lib/channels/advenir/errors";

describe("ADVENIR answers", () => {
  it("turns an unexpected error into a 500 with a reference and no internals", async () => {
    const answer = advenirFailure(new Error('relation "charge_operation" does not exist at 10.0.0.3'));
    expect(answer.status).toBe(500);
    const body = await toResponse(answer).json();
    expect(body.statut).toBe("ECHEC");
    expect(body.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toMatch(/charge_operation|10\.0\.0\.3/);
    expect(body.erreurs[0].message).toContain(body.reference);
  });

  it("keeps expected errors' status, paths and headers", async () => {
    expect(advenirFailure(new IngestError(401, [{ chemin: "(authentification)", message: "x" }])).headers).toEqual({
      "WWW-Authenticate": 'Basic realm="ADVENIR", charset="UTF-8"',
    });
    const throttled = advenirFailure(new AppError("TOO_MANY_REQUESTS", "trop d'échecs", [], 42));
    expect([throttled.status, throttled.headers["Retry-After"], throttled.body]).toEqual([
      429,
      "42",
      { statut: "ECHEC", erreurs: [{ chemin: "(authentification)", message: "trop d'échecs" }] },
    ]);
    const ok = toResponse(advenirSuccess({ recus: 1, enregistres: 1, inchanges: 0, avertissements: [] }));
    expect([ok.status, ok.headers.get("content-type"), await ok.json()]).toEqual([
      200,
      "application/json; charset=utf-8",
      { statut: "OK", recus: 1, enregistres: 1, inchanges: 0, avertissements: [] },
    ]);
  });

  it("caps long error lists at 1,000 entries, saying how many were left out", () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ chemin: `u/s/${i}`, message: "invalide" }));
    const capped = capMessages(many);
    expect(capped).toHaveLength(1000);
    expect(capped[999]).toEqual({ chemin: "(corps)", message: "… et 1501 autres messages non listés" });
  });
});
