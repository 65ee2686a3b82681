import { describe, expect, it } from "vitest";
import { openEnvelope } from "@/lib/channels/gireve/emip/soap";
import { decodeMessage } from "@/lib/channels/gireve/emip/decode-message";
import {
  READING_STEP_MS,
  evseIdOfIrve,
  relayEnvelope,
  relayTraffic,
  simulatedEvseIds,
  summarizeRelayTraffic,
  type RelayMessage,
  type RelayTrafficSpec,
} from "@/lib/channels/gireve/simulate/relay-traffic";

const spec: RelayTrafficSpec = { evseIds: simulatedEvseIds("FR*ABC", 12), start: new Date("2026-03-02T00:00:00Z"), days: 7, seed: 7 };
const messages = [...relayTraffic(spec)];
const summary = summarizeRelayTraffic(spec);
const originals = messages.filter((m) => !m.duplicate);

function bySession(list: RelayMessage[]) {
  const out = new Map<string, RelayMessage[]>();
  for (const m of list) if (m.session) out.set(m.session.serviceSessionId, [...(out.get(m.session.serviceSessionId) ?? []), m]);
  return out;
}

describe("relay traffic simulator", () => {
  it("makes EVSE ids in eMI3 form whose IRVE form is a declarable id_pdc_itinerance, and back", () => {
    expect(simulatedEvseIds("fr*abc", 2)).toEqual(["FR*ABC*ESIM00001", "FR*ABC*ESIM00002"]);
    expect(evseIdOfIrve("FRABCESIM00001")).toBe("FR*ABC*ESIM00001");
    expect(() => simulatedEvseIds("FRANCE", 1)).toThrow();
  });

  it("is deterministic: same spec and seed, same envelopes; another seed, other traffic", () => {
    const again = [...relayTraffic(spec)].map(relayEnvelope);
    expect(again).toEqual(messages.map(relayEnvelope));
    expect(summarizeRelayTraffic(spec)).toEqual(summary);
    expect([...relayTraffic({ ...spec, seed: 8 })].map(relayEnvelope)).not.toEqual(again);
    // An EVSE added at the end changes nothing of the others' traffic.
    const more = [...relayTraffic({ ...spec, evseIds: simulatedEvseIds("FR*ABC", 13) })].filter((m) => m.evseId !== "FR*ABC*ESIM00013");
    expect(more.map(relayEnvelope)).toEqual(again);
  });

  it("sends in time order and counts what it sends", () => {
    for (let i = 1; i < messages.length; i++) expect(messages[i].sendAt).toBeGreaterThanOrEqual(messages[i - 1].sendAt);
    expect(summary.envelopes).toBe(messages.length);
    const kinds = Object.fromEntries(Object.keys(summary.byKind).map((k) => [k, messages.filter((m) => m.kind === k).length]));
    expect(summary.byKind).toEqual(kinds);
    expect(summary.duplicates).toBe(messages.length - originals.length);
    // One status snapshot per EVSE at the start; every session is busy then free.
    expect(messages.filter((m) => m.kind === "synthetic" && m.at === spec.start.getTime())).toHaveLength(12);
    expect(originals.filter((m) => m.kind === "busy" && m.busy === 2)).toHaveLength(summary.sessions);
    expect(originals.filter((m) => m.kind === "busy" && m.busy === 1)).toHaveLength(summary.sessions);
    expect(originals.filter((m) => m.kind === "cdr-final")).toHaveLength(summary.sessions);
    expect(summary.evses.reduce((n, e) => n + e.sessions, 0)).toBe(summary.sessions);
  });

  it("gives a few sessions a day per point, of realistic power and energy = power × time", () => {
    const perPointDay = summary.sessions / (12 * 7);
    expect(perPointDay).toBeGreaterThan(1);
    expect(perPointDay).toBeLessThan(6);
    for (const e of summary.evses)
      for (const s of e.sessionList) {
        expect(s.powerKw).toBeGreaterThanOrEqual(3.7);
        expect(s.powerKw).toBeLessThanOrEqual(150);
        const hours = (Date.parse(s.end) - Date.parse(s.start)) / 3_600_000;
        expect(hours).toBeLessThanOrEqual(10);
        expect(s.energyWh / 1000 / hours).toBeGreaterThan(s.powerKw * 0.9);
        expect(s.energyWh / 1000 / hours).toBeLessThan(s.powerKw * 1.1);
        // Never beyond the point's nominal power (+ 1 Wh of rounding per reading).
        expect(s.powerKw).toBeLessThanOrEqual(e.pointPowerKw);
        expect(s.energyWh).toBeLessThanOrEqual(e.pointPowerKw * 1000 * hours + hours * 12);
      }
    expect(new Set(summary.evses.map((e) => e.pointPowerKw)).size).toBeGreaterThan(3);
    const given = summarizeRelayTraffic({ ...spec, pointPowersKw: spec.evseIds.map(() => 7.4) });
    expect(given.evses.every((e) => e.pointPowerKw === 7.4 && e.sessionList.every((s) => s.powerKw <= 7.4))).toBe(true);
  });

  it("reads the meter every 5 minutes, cumulative and increasing, and the final CDR carries the last reading", () => {
    const sessions = bySession(originals);
    expect(sessions.size).toBe(summary.sessions);
    let totalFinal = 0;
    for (const list of sessions.values()) {
      const session = list[0].session!;
      const readings = list.filter((m) => m.kind === "cdr-intermediate").sort((a, b) => a.at - b.at);
      expect(readings.length).toBe(session.readings.length);
      readings.forEach((m, i) => {
        expect(m.at).toBe(session.start + (i + 1) * READING_STEP_MS);
        if (i > 0) expect(m.energyWh!).toBeGreaterThan(readings[i - 1].energyWh!);
      });
      const final = list.find((m) => m.kind === "cdr-final")!;
      expect(final.at).toBe(session.end);
      expect(final.energyWh).toBe(readings[readings.length - 1].energyWh);
      expect(readings[readings.length - 1].at).toBe(session.end);
      totalFinal += final.energyWh!;
    }
    expect(summary.finalEnergyWh).toBe(totalFinal);
    for (const e of summary.evses) expect(e.finalEnergyWh).toBe(e.sessionList.reduce((n, s) => n + s.energyWh, 0));
  });

  it("keeps sessions out of the out-of-order episodes, which last hours", () => {
    const outages = summary.evses.flatMap((e) => e.outages.map((o) => ({ ...o, evseId: e.evseId })));
    expect(outages.length).toBeGreaterThan(0);
    for (const o of outages) {
      expect(o.end - o.start).toBeGreaterThanOrEqual(3_600_000);
      expect(o.end - o.start).toBeLessThanOrEqual(12 * 3_600_000);
      for (const s of summary.evses.find((e) => e.evseId === o.evseId)!.sessionList)
        expect(Date.parse(s.end) < o.start || Date.parse(s.start) > o.end).toBe(true);
    }
    expect(originals.filter((m) => m.kind === "availability" && m.availability === 1)).toHaveLength(outages.length);
  });

  it("re-sends some messages identically and holds some back so that they arrive out of order", () => {
    const duplicates = messages.filter((m) => m.duplicate);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) {
      const first = messages.find((m) => !m.duplicate && m.transactionId === d.transactionId)!;
      expect(relayEnvelope(d)).toBe(relayEnvelope(first));
      expect(d.sendAt).toBeGreaterThan(first.sendAt);
    }
    expect(summary.late).toBeGreaterThan(0);
    expect(summary.outOfOrder).toBeGreaterThan(0);
    // A held-back reading arrives after a later reading of its session.
    const lateReading = originals.find(
      (m) => m.late && m.kind === "cdr-intermediate" && originals.some((o) => o.session === m.session && o.at > m.at && o.sendAt < m.sendAt),
    );
    expect(lateReading).toBeDefined();
    expect(summarizeRelayTraffic({ ...spec, duplicateRate: 0, lateRate: 0 })).toMatchObject({ duplicates: 0, late: 0 });
  });

  it("builds envelopes the door's decoder reads back field for field", () => {
    const samples = ["synthetic", "availability", "busy", "cdr-intermediate", "cdr-final"].map((k) => messages.find((m) => m.kind === k)!);
    const decoded = samples.map((m) => decodeMessage(openEnvelope(relayEnvelope(m))));
    expect(decoded.map((d) => d.kind)).toEqual(["synthetic", "availability", "busy", "cdr", "cdr"]);
    const final = decoded[4].message as { chargeDetailRecord: { serviceSessionId: string } };
    expect(final.chargeDetailRecord.serviceSessionId).toBe(samples[4].session!.serviceSessionId);
  });
});
