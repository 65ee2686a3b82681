import { seededRandom } from "@/lib/platform/random/seeded-random";
import { availabilityStatus, busyStatus, chargeDetailRecord } from "@/lib/channels/gireve/emip/build-envelopes";
import { operatorOfEvse } from "@/lib/channels/gireve/simulate/relay-traffic";

// The bench's traffic (bench/gireve.ts): a realistic mix of one-message envelopes, mostly statuses
// (70 % busy, 10 % availability), then intermediate CDRs (17 %, each point's session read 5
// minutes further on) and final CDRs (3 %, closing the session; the next one starts). Event times
// move forward so that every status is the latest. Seeded: the same sequence on every run.

export const MIX = { busy: 0.7, availability: 0.1, intermediate: 0.17, final: 0.03 };

export function benchMix(evseIds: string[], seed = 1): () => string {
  const rng = seededRandom(seed);
  const t0 = Date.parse("2026-01-05T00:00:00Z");
  const points = evseIds.map((evseId, i) => ({
    evseId,
    operatorId: operatorOfEvse(evseId),
    session: 0,
    readings: 0,
    wh: 0,
    kw: [3.7, 7.4, 11, 22, 50, 150][i % 6],
  }));
  let n = 0;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return () => {
    n++;
    const p = points[Math.floor(rng() * points.length)];
    const at = t0 + n * 1000;
    const r = rng();
    const common = { operatorId: p.operatorId, evseId: p.evseId, transactionId: `B${n}` };
    if (r < MIX.busy) return busyStatus({ ...common, at: iso(at), busy: rng() < 0.5 ? 1 : 2 });
    if (r < MIX.busy + MIX.availability) return availabilityStatus({ ...common, at: iso(at), availability: rng() < 0.9 ? 2 : 1 });
    const sessionId = `bench-${seed}-${p.evseId}-${p.session}`;
    const start = t0 - 86_400_000 + p.session * 3_600_000;
    if (r < MIX.busy + MIX.availability + MIX.intermediate) {
      p.readings++;
      p.wh += Math.round((p.kw * 1000) / 12);
      return chargeDetailRecord({ ...common, sessionId, nature: "intermediate", start: iso(start), end: iso(start + p.readings * 300_000), energy: p.wh });
    }
    const envelope = chargeDetailRecord({
      ...common,
      sessionId,
      nature: "final",
      start: iso(start),
      end: iso(start + Math.max(1, p.readings) * 300_000),
      energy: p.wh,
    });
    p.session++;
    p.readings = 0;
    p.wh = 0;
    return envelope;
  };
}
