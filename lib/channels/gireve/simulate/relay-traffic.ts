import { seededRandom } from "@/lib/platform/random/seeded-random";
import { availabilityStatus, busyStatus, chargeDetailRecord, syntheticStatus } from "@/lib/channels/gireve/emip/build-envelopes";
import {
  MINUTE,
  DAY,
  READING_STEP_MS,
  planEvse,
  subSeed,
  type EvsePlan,
  type SimulatedOutage,
  type SimulatedSession,
} from "@/lib/channels/gireve/simulate/evse-plan";
import { MinHeap } from "@/lib/channels/gireve/simulate/min-heap";

export {
  READING_STEP_MS,
  evseIdOfIrve,
  operatorOfEvse,
  simulatedEvseIds,
  simulatedPointPowerKw,
  type SimulatedOutage,
  type SimulatedSession,
} from "@/lib/channels/gireve/simulate/evse-plan";

// A deterministic simulation of what GIREVE's relay sends for N EVSEs over D days
// (../shared/docs/GIREVE-EMIP.md): a status snapshot at the start, out-of-order episodes of hours,
// busy/free around sessions (sometimes reserved first), an intermediate CDR every 5 minutes of a
// session (cumulative energy since its start) and a final CDR; plus re-sent messages (duplicates)
// and messages held back for 10 to 60 minutes (late arrivals, out of order). Same spec and seed,
// same messages, on every machine. The messages come out in the order the relay sends them, one
// EVSE's plan in memory at a time (the stream is lazy); their envelopes are built on demand.

export interface RelayTrafficSpec {
  /** EVSE ids in eMI3 form (FR*ABC*E0001; separators optional); the operator is each id's prefix. */
  evseIds: string[];
  start: Date;
  days: number;
  seed?: number;
  /** Nominal power (kW) of each EVSE, in the order of `evseIds`: no session exceeds it (simulatedPointPowerKw by default). */
  pointPowersKw?: number[];
  /** Share of messages sent twice (default 1 %). */
  duplicateRate?: number;
  /** Share of messages held back 10–60 minutes (default 1 %). */
  lateRate?: number;
}

export type MessageKind = "availability" | "busy" | "synthetic" | "cdr-intermediate" | "cdr-final";

export interface RelayMessage {
  /** When the relay sends it (ms since the epoch); the stream is ordered by it. */
  sendAt: number;
  kind: MessageKind;
  evseId: string;
  /** The operator in eMI3 form (FR*ABC). */
  operatorId: string;
  /** Time of the event: the status's date, the CDR's endTime (ms since the epoch). */
  at: number;
  transactionId: string;
  /** A re-send of a message already sent. */
  duplicate: boolean;
  /** Held back 10–60 minutes by the relay. */
  late: boolean;
  availability?: 1 | 2 | 3 | 4;
  busy?: 1 | 2 | 3;
  session?: SimulatedSession;
  /** Cumulative energy of a CDR (Wh). */
  energyWh?: number;
}

export interface EvseSummary {
  evseId: string;
  /** Nominal power of the point (kW): no session exceeds it. */
  pointPowerKw: number;
  sessions: number;
  /** Sum of the final CDRs' energies (Wh). */
  finalEnergyWh: number;
  outages: SimulatedOutage[];
  sessionList: { serviceSessionId: string; start: string; end: string; energyWh: number; powerKw: number }[];
}

export interface RelayTrafficSummary {
  start: string;
  end: string;
  seed: number;
  envelopes: number;
  byKind: Record<MessageKind, number>;
  duplicates: number;
  /** Messages held back by the relay. */
  late: number;
  /**
   * Messages sent after one about a later event of the same stream (duplicates aside): a status
   * after a later status of its EVSE, a CDR after a later reading of its session.
   */
  outOfOrder: number;
  sessions: number;
  finalEnergyWh: number;
  evses: EvseSummary[];
}

type Natural = Omit<RelayMessage, "sendAt" | "duplicate" | "late" | "transactionId" | "evseId" | "operatorId">;

/** One EVSE's events in the order they happen. */
function* naturalEvents(plan: EvsePlan, from: number, rng: () => number): Generator<Natural> {
  yield { kind: "synthetic", at: from, availability: 2, busy: 1 };
  const blocks: Natural[][] = [];
  for (const o of plan.outages)
    blocks.push([
      { kind: "availability", at: o.start, availability: 1 },
      { kind: "synthetic", at: o.end, availability: 2, busy: 1 },
    ]);
  for (const s of plan.sessions) {
    const events: Natural[] = [];
    const reserve = plan.reservedAhead.get(s.serviceSessionId);
    if (reserve) events.push({ kind: "busy", at: s.start - reserve * MINUTE, busy: 3 });
    events.push({ kind: "busy", at: s.start, busy: 2 });
    s.readings.forEach((wh, i) => events.push({ kind: "cdr-intermediate", at: s.start + (i + 1) * READING_STEP_MS, session: s, energyWh: wh }));
    events.push({ kind: "busy", at: s.end + Math.floor(rng() * 10 * MINUTE), busy: 1 });
    events.push({ kind: "cdr-final", at: s.end, session: s, energyWh: s.energyWh });
    blocks.push(events.sort((a, b) => a.at - b.at));
  }
  blocks.sort((a, b) => a[0].at - b[0].at);
  for (const block of blocks) yield* block;
}

/** One EVSE's messages in the order the relay sends them. */
function* evseMessages(plan: EvsePlan, spec: Required<Pick<RelayTrafficSpec, "duplicateRate" | "lateRate">>, from: number, seed: number) {
  const rng = seededRandom(subSeed(seed, plan.index, 2));
  const pending = new MinHeap<{ key: number; order: number; message: RelayMessage }>();
  let order = 0;
  let n = 0;
  for (const e of naturalEvents(plan, from, rng)) {
    while (pending.size > 0 && pending.peek()!.key <= e.at) yield pending.pop()!.message;
    const late = rng() < spec.lateRate;
    const sendAt =
      e.at +
      (e.kind === "cdr-final" ? MINUTE + Math.floor(rng() * 4 * MINUTE) : 200 + Math.floor(rng() * 2800)) +
      (late ? 10 * MINUTE + Math.floor(rng() * 50 * MINUTE) : 0);
    const message: RelayMessage = {
      ...e,
      sendAt,
      evseId: plan.evseId,
      operatorId: plan.operatorId,
      transactionId: `SIM${plan.index}-${++n}`,
      duplicate: false,
      late,
    };
    pending.push({ key: sendAt, order: order++, message });
    if (rng() < spec.duplicateRate) {
      const again = sendAt + 5000 + Math.floor(rng() * 5 * MINUTE);
      pending.push({ key: again, order: order++, message: { ...message, sendAt: again, duplicate: true, late: false } });
    }
  }
  while (pending.size > 0) yield pending.pop()!.message;
}

function normalise(spec: RelayTrafficSpec) {
  if (!(spec.days > 0)) throw new Error("days: a positive number expected");
  const from = spec.start.getTime();
  if (Number.isNaN(from)) throw new Error("start: an instant expected");
  return {
    from,
    to: from + Math.round(spec.days * DAY),
    seed: spec.seed ?? 1,
    rates: { duplicateRate: spec.duplicateRate ?? 0.01, lateRate: spec.lateRate ?? 0.01 },
  };
}

/** Every EVSE's messages merged in sending order (ties: EVSE order). Lazy: one plan per EVSE in memory. */
export function* relayTraffic(spec: RelayTrafficSpec): Generator<RelayMessage> {
  const { from, to, seed, rates } = normalise(spec);
  const heads = new MinHeap<{ key: number; order: number; message: RelayMessage; rest: Iterator<RelayMessage> }>();
  spec.evseIds.forEach((evseId, index) => {
    const rest = evseMessages(planEvse(index, evseId, from, to, seed, spec.pointPowersKw?.[index]), rates, from, seed);
    const first = rest.next();
    if (!first.done) heads.push({ key: first.value.sendAt, order: index, message: first.value, rest });
  });
  while (heads.size > 0) {
    const head = heads.pop()!;
    yield head.message;
    const next = head.rest.next();
    if (!next.done) heads.push({ key: next.value.sendAt, order: head.order, message: next.value, rest: head.rest });
  }
}

/** The plans and the counts of the traffic, without building an envelope (same spec, same figures). */
export function summarizeRelayTraffic(spec: RelayTrafficSpec): RelayTrafficSummary {
  const { from, to, seed } = normalise(spec);
  const byKind: Record<MessageKind, number> = { availability: 0, busy: 0, synthetic: 0, "cdr-intermediate": 0, "cdr-final": 0 };
  let envelopes = 0;
  let duplicates = 0;
  let late = 0;
  let outOfOrder = 0;
  const latestAt = new Map<string, number>();
  for (const m of relayTraffic(spec)) {
    envelopes++;
    byKind[m.kind]++;
    if (m.duplicate) duplicates++;
    else {
      if (m.late) late++;
      const stream = m.session ? m.session.serviceSessionId : m.evseId;
      if (m.at < (latestAt.get(stream) ?? -Infinity)) outOfOrder++;
      else latestAt.set(stream, m.at);
    }
  }
  const evses = spec.evseIds.map((evseId, index): EvseSummary => {
    const plan = planEvse(index, evseId, from, to, seed, spec.pointPowersKw?.[index]);
    return {
      evseId,
      pointPowerKw: plan.pointKw,
      sessions: plan.sessions.length,
      finalEnergyWh: plan.sessions.reduce((sum, s) => sum + s.energyWh, 0),
      outages: plan.outages,
      sessionList: plan.sessions.map((s) => ({
        serviceSessionId: s.serviceSessionId,
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        energyWh: s.energyWh,
        powerKw: s.powerKw,
      })),
    };
  });
  return {
    start: new Date(from).toISOString(),
    end: new Date(to).toISOString(),
    seed,
    envelopes,
    byKind,
    duplicates,
    late,
    outOfOrder,
    sessions: evses.reduce((n, e) => n + e.sessions, 0),
    finalEnergyWh: evses.reduce((n, e) => n + e.finalEnergyWh, 0),
    evses,
  };
}

/** xs:dateTime in UTC: with Z for records; without a zone for statuses, as many senders send them (UTC by convention). */
function iso(ms: number, zone = true): string {
  const text = new Date(ms).toISOString().replace(/\.000Z$/, "Z");
  return zone ? text : text.slice(0, -1);
}

/** The SOAP envelope of a simulated message. */
export function relayEnvelope(m: RelayMessage): string {
  const common = { operatorId: m.operatorId, evseId: m.evseId, transactionId: m.transactionId };
  switch (m.kind) {
    case "availability":
      return availabilityStatus({ ...common, at: iso(m.at, false), availability: m.availability! });
    case "busy":
      return busyStatus({ ...common, at: iso(m.at, false), busy: m.busy! });
    case "synthetic":
      return syntheticStatus({ ...common, availability: m.availability, availabilityAt: iso(m.at, false), busy: m.busy, busyAt: iso(m.at, false) });
    case "cdr-intermediate":
    case "cdr-final":
      return chargeDetailRecord({
        ...common,
        sessionId: m.session!.serviceSessionId,
        nature: m.kind === "cdr-final" ? "final" : "intermediate",
        start: iso(m.session!.start),
        end: iso(m.at),
        energy: m.energyWh!,
        userId: m.session!.userId,
      });
  }
}
