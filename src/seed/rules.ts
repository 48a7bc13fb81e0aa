/**
 * The seed rules (DESIGN.md §1), checked on a generated dataset: the demo graph must respect what
 * the initiatives themselves require. Returns one line per violation (none expected).
 */
import type { Dataset } from './dataset';
import { PROGRAMMES, roleRule, ROLES_WITHOUT_EMPLOYMENT } from '../modules/initiatives/programmes';

const HOUR = 3_600_000;

export function checkDemoRules(data: Dataset): string[] {
  const problems: string[] = [];
  const serviceById = new Map(data.services.map((s) => [s.id, s]));
  const neighbourhoodByCode = new Map(data.neighbourhoods.map((n) => [n.code, n]));
  const editionById = new Map(data.editions.map((e) => [e.id, e]));
  const initiativeById = new Map(data.initiatives.map((i) => [i.id, i]));
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  const jobs = new Map<string, Dataset['employments']>();
  for (const e of data.employments) jobs.set(e.personId, [...(jobs.get(e.personId) ?? []), e]);
  const serviceOn = (personId: string, iso: string) => {
    const day = iso.slice(0, 10);
    return (jobs.get(personId) ?? []).find((j) => j.from <= day && (j.to === null || j.to >= day))?.serviceId ?? null;
  };

  // Sessions lie inside their edition's dates.
  for (const s of data.sessions) {
    const e = editionById.get(s.editionId)!;
    if (s.startsAt.slice(0, 10) < e.startsOn || s.endsAt.slice(0, 10) > e.endsOn) problems.push(`session ${s.id} outside edition ${e.id}`);
  }

  // Attendees work somewhere on the day (user representatives excepted); nobody is in two places at once.
  const booked = new Map<string, Array<[number, number, string]>>();
  for (const a of data.attendances) {
    const s = sessionById.get(a.sessionId)!;
    if (!ROLES_WITHOUT_EMPLOYMENT.includes(a.role) && !serviceOn(a.personId, s.startsAt)) problems.push(`${a.personId} attends ${s.id} without working anywhere that day`);
    const [start, end] = [Date.parse(s.startsAt), Date.parse(s.endsAt)];
    const clash = (booked.get(a.personId) ?? []).find(([s0, e0]) => s0 < end && start < e0);
    if (clash) problems.push(`${a.personId} attends ${s.id} and ${clash[2]} at the same time`);
    booked.set(a.personId, [...(booked.get(a.personId) ?? []), [start, end, s.id]]);
  }

  const attendeesOf = new Map<string, Dataset['attendances']>();
  for (const a of data.attendances) attendeesOf.set(a.sessionId, [...(attendeesOf.get(a.sessionId) ?? []), a]);
  const sessionsOf = new Map<string, Dataset['sessions']>();
  for (const s of data.sessions) sessionsOf.set(s.editionId, [...(sessionsOf.get(s.editionId) ?? []), s]);

  for (const e of data.editions) {
    const kind = initiativeById.get(e.initiativeId)!.kind;
    const sessions = sessionsOf.get(e.id) ?? [];
    if (kind === 'INTERVISION') {
      // One person per organisation per group; two animators.
      const orgOfPerson = new Map<string, string>();
      for (const s of sessions)
        for (const a of attendeesOf.get(s.id) ?? []) {
          const org = serviceById.get(serviceOn(a.personId, s.startsAt) ?? '')?.organisationId;
          if (org) orgOfPerson.set(a.personId, org);
        }
      const orgs = [...orgOfPerson.values()];
      if (new Set(orgs).size !== orgs.length) problems.push(`${e.id}: two people of one organisation`);
      for (const s of sessions) {
        const animators = (attendeesOf.get(s.id) ?? []).filter((a) => a.role === 'ANIMATOR').length;
        const wanted = roleRule(PROGRAMMES.CONNECT, 'ANIMATOR')!;
        if (animators < wanted.min || animators > wanted.max) problems.push(`${s.id}: ${animators} animators, not ${wanted.expected}`);
      }
    }
    if (kind === 'OPEN_DOOR') {
      for (const s of sessions) {
        const host = serviceById.get(s.hostId ?? '');
        if (!host || !host.sectors.includes('MENTAL_HEALTH')) problems.push(`${s.id}: Rézone host is not mental-health oriented`);
        if (host && !neighbourhoodByCode.get(host.neighbourhoodCode)?.rezoneArea) problems.push(`${s.id}: Rézone host outside the Rézone area`);
        const visitors = (attendeesOf.get(s.id) ?? []).length;
        const od = PROGRAMMES.REZONEWEEK.openDoor!;
        if (visitors > od.visitorsPerSlot) problems.push(`${s.id}: ${visitors} visitors in a slot (max ${od.visitorsPerSlot})`);
        if (Date.parse(s.endsAt) - Date.parse(s.startsAt) !== (od.slotMinutes / 60) * HOUR) problems.push(`${s.id}: slot is not ${od.slotMinutes} minutes`);
      }
    }
    if (kind === 'IMMERSION') {
      const hosts = new Set<string>();
      const senders = new Set<string>();
      for (const s of sessions) {
        if (Date.parse(s.endsAt) - Date.parse(s.startsAt) < PROGRAMMES.VLINDER.immersion!.minHours * HOUR) problems.push(`${s.id}: immersion shorter than a full day`);
        const host = serviceById.get(s.hostId ?? '');
        if (host) hosts.add(host.organisationId);
        for (const a of attendeesOf.get(s.id) ?? []) {
          const org = serviceById.get(serviceOn(a.personId, s.startsAt) ?? '')?.organisationId;
          if (org) senders.add(org);
          if (org && org === host?.organisationId) problems.push(`${s.id}: visitor from the host's own organisation`);
        }
      }
      for (const org of new Set([...hosts, ...senders])) if (!hosts.has(org) || !senders.has(org)) problems.push(`${e.id}: organisation ${org} does not both host and send`);
    }
  }
  // Connect: 3 French and 1 Dutch group per cycle.
  const connectCycles = new Map<string, string[]>();
  for (const e of data.editions) if (initiativeById.get(e.initiativeId)!.kind === 'INTERVISION') connectCycles.set(e.cycle, [...(connectCycles.get(e.cycle) ?? []), e.language]);
  const declared = PROGRAMMES.CONNECT.cycle!.groupsPerLanguage.flatMap((g) => Array<string>(g.groups).fill(g.language))
    .sort()
    .join();
  for (const [cycle, langs] of connectCycles) if (langs.sort().join() !== declared) problems.push(`Connect ${cycle}: groups ${langs.join(',')}`);

  // Evidence that is not attendance (the rules of editing/rules.ts: NOT_EMPLOYED, SAME_SERVICE, OWN_ORGANISATION).
  for (const d of data.declarations) {
    const own = (jobs.get(d.personId) ?? []).filter((j) => j.from <= d.declaredOn && (j.to === null || j.to >= d.declaredOn)).map((j) => j.serviceId);
    if (!own.length) problems.push(`${d.personId} answers survey ${d.survey} without working anywhere that day`);
    if (own.includes(d.serviceId)) problems.push(`${d.personId} names their own service ${d.serviceId}`);
  }
  for (const r of data.referrals) if (r.fromServiceId === r.toServiceId || r.count < 1) problems.push(`referral ${r.fromServiceId} → ${r.toServiceId} ${r.period}: ${r.count}`);
  for (const g of data.agreements) {
    const [a, b] = [serviceById.get(g.serviceAId), serviceById.get(g.serviceBId)];
    if (!a || !b || a.id === b.id) problems.push(`agreement ${g.serviceAId}–${g.serviceBId}: not two services`);
    else if (g.kind === 'IMMERSION' && a.organisationId === b.organisationId) problems.push(`immersion agreement ${a.id}–${b.id} inside organisation ${a.organisationId}`);
  }
  return problems;
}
