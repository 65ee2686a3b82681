import { describe, expect, it } from "vitest";
import { qosIndicator } from "@/lib/quality-of-service/qos-catalogue";
import { rankQosCells } from "@/lib/quality-of-service/rank-qos-cells";
import type { QosCell, QosFigures } from "@/lib/quality-of-service/read-qos-cells";

function cell(code: string, availability: number | null, restoreMedianHours: number | null = null): QosCell {
  return { code, label: `Opérateur ${code}`, parent: "FR", secret: false, figures: { availability, restoreMedianHours } as QosFigures };
}
const secret: QosCell = { code: "S", label: "Opérateur S", parent: "FR", secret: true, reason: "primaire" };

describe("rankQosCells", () => {
  it("ranks best first (higher availability, shorter restore), ties sharing a rank, cells without value then withheld ones last", () => {
    const cells = [secret, cell("A", 0.9), cell("B", 0.99), cell("C", null), cell("D", 0.9)];
    expect(rankQosCells(cells, qosIndicator("disponibilite")).map((r) => [r.rank, r.cell.code])).toEqual([
      [1, "B"],
      [2, "A"],
      [2, "D"],
      [null, "C"],
      [null, "S"],
    ]);
    const byRestore = [cell("A", 1, 5), cell("B", 1, 2)];
    expect(rankQosCells(byRestore, qosIndicator("remise_en_service_mediane")).map((r) => r.cell.code)).toEqual(["B", "A"]);
  });
});
