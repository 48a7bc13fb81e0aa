/**
 * Evidence of ties that is not attendance, generated for the demo (docs/graph-model.md):
 *  - a relationship survey (spring 2024) answered by part of the people of two zones (SUD and NORD):
 *    each respondent names 1–5 services their own service works with, mostly services they met at a
 *    session, else services of their zone, with a frequency and, for most, PARTNER trust and value
 *    scores (each the mean of three answers from 1 to 4, as PARTNER computes them);
 *  - referral counts per quarter (2023-Q1 to 2024-Q2) from services whose work is to refer (general
 *    social work, primary care, mental health, homelessness, addiction, youth, housing) to 1–3 partners,
 *    mostly of their zone and of another sector ("doorverwijzen");
 *  - agreements: an IMMERSION agreement for every sender and host of a Vlinder/Papillon immersion,
 *    signed before the edition (the seeds: "agreement signed"), and a PARTNERSHIP for some steady
 *    referral pairs.
 * Every row respects the rules of src/modules/editing/rules.ts (the demo check, src/seed/rules.ts,
 * asks them again): a respondent works somewhere that day and does not name their own service; no
 * service refers to or signs with itself; an immersion agreement joins two organisations.
 * Drawn from its own stream (`rnd.derive`), so the rest of the demo is drawn as before.
 */
import type { Dataset } from './dataset';
import { dayMs, type Directory, type ServiceInfo } from './directory-gen';
import type { Random } from './random';
import type { RegionTerritory } from './territory-gen';
import { DECLARED_FREQUENCIES, type DeclaredFrequency } from '../modules/evidence/weights';

const DAY = 86_400_000;
/** The zones whose people answer the survey: the Rézone area's zone and the one furthest from it. */
export const SURVEY_ZONES = ['SUD', 'NORD'];
export const SURVEY_RESPONSE_RATE = 0.4;
const FREQUENCY_SHARES: Readonly<Record<DeclaredFrequency, number>> = { YEARLY_OR_LESS: 0.25, QUARTERLY: 0.3, MONTHLY: 0.25, WEEKLY: 0.15, DAILY: 0.05 };
const REFERRING_SECTORS = new Set(['GENERAL_SOCIAL_WORK', 'PRIMARY_CARE', 'MENTAL_HEALTH', 'HOMELESSNESS', 'ADDICTION', 'YOUTH', 'HOUSING']);
const QUARTERS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2'];

/** Workshop tables of a network day: guests in the order drawn, tables of 4 to 6 (T1, T2, …). */
export function workshopTables(rnd: Random, personIds: string[]): Map<string, string> {
  const tables = new Map<string, string>();
  const order = rnd.shuffle(personIds);
  for (let i = 0, t = 1; i < order.length; t++) {
    const size = Math.min(rnd.int(4, 6), order.length - i);
    for (const id of order.slice(i, i + size)) tables.set(id, `T${t}`);
    i += size;
  }
  return tables;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const score = (rnd: Random) => Math.round(((rnd.int(1, 4) + rnd.int(2, 4) + rnd.int(2, 4)) / 3) * 100) / 100;

export function generateEvidence(data: Dataset, rnd: Random, t: RegionTerritory, dir: Directory): void {
  const p = t.prefix;
  const jobsOn = (personId: string, ms: number) =>
    (dir.jobsOf.get(personId) ?? []).filter((j) => j.from <= ms && (j.to === null || j.to >= ms)).map((j) => dir.serviceById.get(j.serviceId)!);
  const byZone = new Map<string, ServiceInfo[]>();
  for (const s of dir.services) byZone.set(s.zoneCode, [...(byZone.get(s.zoneCode) ?? []), s]);

  // Whom each person met: the services of the people present with them at a session (at that session's date).
  const sessionStart = new Map(data.sessions.filter((s) => s.id.startsWith(`${p}ses-`)).map((s) => [s.id, Date.parse(s.startsAt)]));
  const present = new Map<string, string[]>();
  for (const a of data.attendances) if (a.status === 'PRESENT' && sessionStart.has(a.sessionId)) present.set(a.sessionId, [...(present.get(a.sessionId) ?? []), a.personId]);
  const met = new Map<string, Set<string>>();
  for (const [sessionId, people] of present) {
    const day = Math.floor(sessionStart.get(sessionId)! / DAY) * DAY;
    const services = people.map((q) => jobsOn(q, day).map((s) => s.id));
    people.forEach((q, i) => {
      const set = met.get(q) ?? new Set<string>();
      services.forEach((ss, j) => j !== i && ss.forEach((s) => set.add(s)));
      met.set(q, set);
    });
  }

  // The survey.
  const zones = SURVEY_ZONES.map((z) => p + z).filter((z) => byZone.has(z));
  const survey = `${p}survey-2024-${SURVEY_ZONES.join('-')}`;
  for (const personId of dir.personIds) {
    const day = dayMs(`2024-03-${String(rnd.int(1, 28)).padStart(2, '0')}`);
    const own = jobsOn(personId, day);
    const home = own.find((s) => zones.includes(s.zoneCode));
    if (!home || !rnd.chance(SURVEY_RESPONSE_RATE)) continue;
    const excluded = new Set(own.map((s) => s.id));
    const known = [...(met.get(personId) ?? [])].filter((s) => !excluded.has(s)).sort();
    const zoneServices = byZone.get(home.zoneCode)!;
    const withScores = rnd.chance(0.7);
    const named = new Set<string>();
    for (let k = rnd.int(1, 5), tries = 0; named.size < k && tries < 30; tries++) {
      const s = known.length && rnd.chance(0.6) ? rnd.pick(known) : rnd.chance(0.85) ? rnd.pick(zoneServices).id : rnd.pick(dir.services).id;
      if (excluded.has(s) || named.has(s)) continue;
      named.add(s);
      data.declarations.push({
        personId,
        serviceId: s,
        survey,
        declaredOn: isoDay(day),
        frequency: rnd.weighted(DECLARED_FREQUENCIES, (f) => FREQUENCY_SHARES[f]),
        trust: withScores ? score(rnd) : null,
        value: withScores ? score(rnd) : null,
      });
    }
  }

  // Referrals, per quarter.
  const pairs: Array<[ServiceInfo, ServiceInfo]> = [];
  for (const from of dir.services) {
    if (!REFERRING_SECTORS.has(from.sectors[0]!) || !rnd.chance(0.5)) continue;
    const partners = new Set<string>();
    for (let k = rnd.int(1, 3), tries = 0; partners.size < k && tries < 20; tries++) {
      const pool = rnd.chance(0.75) ? byZone.get(from.zoneCode)! : dir.services;
      const to = rnd.pick(pool);
      if (to.id === from.id || partners.has(to.id) || (to.sectors[0] === from.sectors[0] && rnd.chance(0.8))) continue;
      partners.add(to.id);
      pairs.push([from, to]);
    }
  }
  for (const [from, to] of pairs) {
    const rate = rnd.int(1, 4); // clients a quarter, on average
    for (const period of QUARTERS) {
      const count = Math.max(0, rate + rnd.int(-2, 2));
      if (count > 0) data.referrals.push({ fromServiceId: from.id, toServiceId: to.id, period, count });
    }
  }

  // Agreements: every Vlinder/Papillon immersion's sender and host, before the edition; some steady referral pairs.
  const signed = new Set<string>();
  const agree = (x: string, y: string, kind: 'IMMERSION' | 'PARTNERSHIP', signedOn: string, endsOn: string | null) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}|${kind}|${signedOn}`;
    if (a === b || signed.has(key)) return;
    signed.add(key);
    data.agreements.push({ serviceAId: a, serviceBId: b, kind, signedOn, endsOn });
  };
  const vlinder = new Map(data.editions.filter((e) => e.initiativeId === `${p}ini-vlinder`).map((e) => [e.id, e]));
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  for (const a of data.attendances) {
    const s = sessionById.get(a.sessionId);
    const e = s && vlinder.get(s.editionId);
    if (!s || !e || !s.hostId || a.role !== 'VISITOR') continue;
    const host = dir.serviceById.get(s.hostId)!;
    for (const sender of jobsOn(a.personId, Math.floor(Date.parse(s.startsAt) / DAY) * DAY)) {
      if (sender.orgId !== host.orgId) agree(sender.id, host.id, 'IMMERSION', isoDay(dayMs(e.startsOn) - 14 * DAY), e.endsOn);
    }
  }
  for (const [from, to] of pairs)
    if (rnd.chance(0.15)) agree(from.id, to.id, 'PARTNERSHIP', `${rnd.int(2019, 2023)}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`, rnd.chance(0.5) ? null : '2026-12-31');
}
