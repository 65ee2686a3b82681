import { describe, expect, it } from "vitest";
import { buildCurlExamples, STATION_PLACEHOLDER } from "@/lib/operator-console/build-curl-examples";
import { chargeOperationSchema, loadCurveSchema } from "@/lib/schemas/advenir";

function bodyOf(command: string): Record<string, Record<string, Record<string, unknown>>> {
  return JSON.parse(/-d '([^']+)'/.exec(command)![1]);
}

describe("buildCurlExamples", () => {
  const userId = "6f1c2d3e-0000-4000-8000-000000000001";

  it("carries the UserID, the station, the origin and valid data", () => {
    const [operation, curve] = buildCurlExamples({ origin: "http://127.0.0.1:3000", userId, stationCode: "R320" });
    expect(operation.command).toContain("http://127.0.0.1:3000/api/operation/put");
    expect(curve.command).toContain("http://127.0.0.1:3000/api/courbe/put");
    const op = bodyOf(operation.command)[userId].R320["TEST-0001"];
    expect(chargeOperationSchema.safeParse(op).success).toBe(true);
    const points = bodyOf(curve.command)[userId].R320["TEST-0002"];
    expect(loadCurveSchema.safeParse(points).success).toBe(true);
  });

  it("uses a placeholder without station", () => {
    const [operation] = buildCurlExamples({ origin: "https://portail.example", userId, stationCode: null });
    expect(bodyOf(operation.command)[userId][STATION_PLACEHOLDER]).toBeDefined();
  });
});
