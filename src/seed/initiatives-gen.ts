/**
 * The seed initiatives as data that respects their rules (DESIGN.md §1):
 *  - Connect (Smes, intervision): per cycle 3 French + 1 Dutch group, monthly Oct–Jun, 3 h,
 *    2 animators (one social, one mental health), one person per organisation per group, hosts in rotation;
 *  - praktijkgemeenschappen (Brusano): 4 communities, monthly Sep–Jun, ~12 buurtreferenten,
 *    2 moderators, a bewaker (observer), a user representative;
 *  - Vlinder/Papillon (Maya): disability ↔ mental-health organisations, each hosting ≥ 1 and sending ≥ 1,
 *    immersion days of 8 h 30;
 *  - Rézoneweek (Rézone): 5 days × 4 slots of 1 h 30, mental-health hosts in the Rézone area,
 *    at most 15 visitors per slot, some no-shows;
 *  - Bruggenbouwer (Kenniscentrum WWZ): network events of 30–60 guests; the June day of each year is
 *    a workshop day, its guests at tables of 4 to 6 (attendance `group`).
 * Nobody attends two sessions at once, and attendees work somewhere on the day (user
 * representatives excepted). Larger scales repeat the cycles over more years and add local
 * network events until the target sizes are reached.
 */
import type { AttendanceRole, AttendanceStatus } from '../modules/initiatives/model';
import { PROGRAMMES, roleRule, type ProgrammeCode } from '../modules/initiatives/programmes';
import type { Dataset } from './dataset';
import { workshopTables } from './evidence-gen';
import { dayMs, isoDate, serviceAt, type Directory, type ServiceInfo } from './directory-gen';
import type { Random } from './random';
import type { RegionTerritory } from './territory-gen';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface InitiativeTargets {
  /** Cycles to generate: first year of each (2023 → 2023-2024). */
  years: number[];
  /** Extra sessions of local network events, to reach the scale's size. */
  extraSessions: number;
}

/** Who is busy when: nobody is booked into two overlapping sessions. */
class Calendar {
  private readonly busy = new Map<string, Array<[number, number]>>();
  free(personId: string, start: number, end: number): boolean {
    return !(this.busy.get(personId) ?? []).some(([s, e]) => s < end && start < e);
  }
  book(personId: string, start: number, end: number): void {
    const list = this.busy.get(personId) ?? [];
    list.push([start, end]);
    this.busy.set(personId, list);
  }
}

export function generateInitiatives(data: Dataset, rnd: Random, t: RegionTerritory, dir: Directory, targets: InitiativeTargets): void {
  const cal = new Calendar();
  const p = t.prefix;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const orgOf = (s: ServiceInfo) => s.orgId;
  let sessionCount = 0;
  const addSession = (editionId: string, title: string, start: number, end: number, capacity: number | null, host: ServiceInfo | null) => {
    sessionCount += 1;
    const id = `${p}ses-${String(sessionCount).padStart(6, '0')}`;
    data.sessions.push({ id, editionId, title, startsAt: iso(start), endsAt: iso(end), capacity, hostId: host?.id ?? null });
    return id;
  };
  const attend = (personId: string, sessionId: string, role: AttendanceRole, status: AttendanceStatus, start: number, end: number, group?: string) => {
    cal.book(personId, start, end);
    data.attendances.push({ personId, sessionId, role, status, ...(group ? { group } : {}) });
  };
  /** People free over all the given slots and working, on each of them, at a service that passes `accept`. */
  const pickPeople = (n: number, slots: Array<[number, number]>, accept: (s: ServiceInfo) => boolean, exclude: Set<string>, tries = n * 60) => {
    const chosen: Array<{ personId: string; service: ServiceInfo }> = [];
    for (let i = 0; i < tries && chosen.length < n; i++) {
      const personId = rnd.pick(dir.personIds);
      if (exclude.has(personId)) continue;
      const first = serviceAt(dir, personId, slots[0]![0]);
      if (!first || !accept(first)) continue;
      if (!slots.every(([s, e]) => serviceAt(dir, personId, s)?.id === first.id && cal.free(personId, s, e))) continue;
      exclude.add(personId);
      chosen.push({ personId, service: first });
    }
    return chosen;
  };
  // Each seed initiative names its programme: the generator reads its parameters from the same declarations as the rules engine.
  const initiative = (id: string, programme: ProgrammeCode, nameFr: string, nameNl: string, organiserId: string, covers: Dataset['initiatives'][number]['covers']) =>
    data.initiatives.push({ id: p + id, kind: PROGRAMMES[programme].kind, programme, nameFr, nameNl, organiserId, covers });
  const expected = (programme: ProgrammeCode, role: AttendanceRole) => roleRule(PROGRAMMES[programme], role)?.expected ?? 0;
  const edition = (e: Omit<Dataset['editions'][number], 'closed'>) => data.editions.push({ ...e, closed: dayMs(e.endsOn) < dayMs('2024-07-01') });

  // Connect (Smes).
  initiative('ini-connect', 'CONNECT', 'Connect', 'Connect', 'org-smes', [{ level: 'region', code: t.regionCode }]);
  const SOCIAL = new Set(['GENERAL_SOCIAL_WORK', 'HOMELESSNESS']);
  for (const year of targets.years) {
    const groups: Array<['FR' | 'NL', number]> = PROGRAMMES.CONNECT.cycle!.groupsPerLanguage.flatMap(({ language, groups: n }) =>
      Array.from({ length: n }, (_, k): ['FR' | 'NL', number] => [language, k + 1]),
    );
    for (const [g, [language, n]] of groups.entries()) {
      const editionId = `${p}ed-connect-${year}-${language.toLowerCase()}${n}`;
      edition({
        id: editionId,
        initiativeId: `${p}ini-connect`,
        cycle: `${year}-${year + 1}`,
        nameFr: `Connect ${year}-${year + 1} groupe ${language} ${n}`,
        nameNl: `Connect ${year}-${year + 1} groep ${language} ${n}`,
        language,
        startsOn: `${year}-10-01`,
        endsOn: `${year + 1}-06-30`,
      });
      // Monthly, Oct–Jun: the 2nd week, one weekday per group, 09:00–12:00 Brussels (07:00Z/08:00Z; we use 08:00Z).
      const slots: Array<[number, number]> = [];
      // One session a month through the season (October to June: 9 months).
      const seasonMonths = PROGRAMMES.CONNECT.season!.months;
      for (let m = 0; m < seasonMonths.length; m++) {
        const month = new Date(Date.UTC(year, seasonMonths[0]! - 1 + m, 8 + g));
        const start = month.getTime() + 8 * HOUR;
        slots.push([start, start + 3 * HOUR]);
      }
      const speaks = (s: ServiceInfo) => s.language === language || s.language === 'BOTH';
      const usedOrgs = new Set<string>();
      const taken = new Set<string>();
      const distinctOrg = (s: ServiceInfo) => speaks(s) && !usedOrgs.has(orgOf(s));
      const participants: Array<{ personId: string; service: ServiceInfo }> = [];
      for (const c of pickPeople(rnd.int(8, 10), slots, distinctOrg, taken, 4000)) {
        if (usedOrgs.has(orgOf(c.service))) continue;
        usedOrgs.add(orgOf(c.service));
        participants.push(c);
      }
      // Two animators (the declared count): one from the social sector, one from mental health.
      const animatorCount = expected('CONNECT', 'ANIMATOR');
      const animators = [
        ...pickPeople(Math.ceil(animatorCount / 2), slots, (s) => distinctOrg(s) && SOCIAL.has(s.sectors[0]!), taken, 4000),
        ...pickPeople(Math.floor(animatorCount / 2), slots, (s) => distinctOrg(s) && s.sectors.includes('MENTAL_HEALTH'), taken, 4000),
      ];
      for (const a of animators) usedOrgs.add(orgOf(a.service));
      slots.forEach(([start, end], i) => {
        const host = participants.length ? participants[i % participants.length]!.service : null;
        const sessionId = addSession(editionId, `Rencontre ${i + 1} / Ontmoeting ${i + 1}`, start, end, 12, host);
        for (const a of animators) attend(a.personId, sessionId, 'ANIMATOR', 'PRESENT', start, end);
        for (const c of participants) attend(c.personId, sessionId, 'PARTICIPANT', rnd.chance(0.87) ? 'PRESENT' : 'NO_SHOW', start, end);
      });
    }
  }

  // Praktijkgemeenschappen (Brusano): four communities per cycle, each in one zone.
  const zonesForCommunities = t.zoneCodes.filter((z) => !z.endsWith('SUD_EST'));
  initiative(
    'ini-praktijk',
    'PRAKTIJKGEMEENSCHAP',
    'Communautés de pratique',
    'Praktijkgemeenschappen',
    'org-brusano',
    zonesForCommunities.map((code) => ({ level: 'zone', code })),
  );
  let representatives = 0;
  for (const year of targets.years.filter((y) => y >= 2023)) {
    for (const [k, zoneCode] of zonesForCommunities.entries()) {
      const editionId = `${p}ed-praktijk-${year}-${k + 1}`;
      edition({
        id: editionId,
        initiativeId: `${p}ini-praktijk`,
        cycle: `${year}-${year + 1}`,
        nameFr: `Communauté de pratique ${k + 1} (${zoneCode})`,
        nameNl: `Praktijkgemeenschap ${k + 1} (${zoneCode})`,
        language: 'BOTH',
        startsOn: `${year}-09-01`,
        endsOn: `${year + 1}-06-30`,
      });
      const slots: Array<[number, number]> = [];
      for (let m = 0; m < 10; m++) {
        const start = Date.UTC(year, 8 + m, 20 + k) + 12 * HOUR;
        slots.push([start, start + 2.5 * HOUR]);
      }
      const taken = new Set<string>();
      const inZone = (s: ServiceInfo) => s.zoneCode === zoneCode;
      const referents = pickPeople(expected('PRAKTIJKGEMEENSCHAP', 'NEIGHBOURHOOD_REFERENT'), slots, inZone, taken);
      const moderators = pickPeople(expected('PRAKTIJKGEMEENSCHAP', 'MODERATOR'), slots, inZone, taken);
      const observer = pickPeople(expected('PRAKTIJKGEMEENSCHAP', 'GUARDIAN'), slots, inZone, taken);
      // A user representative is not a professional: a person with no employment.
      representatives += 1;
      const representativeId = dir.newPersonId();
      data.people.push({ id: representativeId, displayName: `Représentant·e des usagers ${representatives} (démo)`, consent: true, synthetic: true });
      slots.forEach(([start, end], i) => {
        const host = referents.length ? referents[i % referents.length]!.service : null;
        const sessionId = addSession(editionId, `Séance ${i + 1} / Sessie ${i + 1}`, start, end, 20, host);
        for (const m of moderators) attend(m.personId, sessionId, 'MODERATOR', 'PRESENT', start, end);
        for (const o of observer) attend(o.personId, sessionId, 'GUARDIAN', 'PRESENT', start, end);
        attend(representativeId, sessionId, 'USER_REPRESENTATIVE', rnd.chance(0.9) ? 'PRESENT' : 'NO_SHOW', start, end);
        for (const r of referents) attend(r.personId, sessionId, 'NEIGHBOURHOOD_REFERENT', rnd.chance(0.85) ? 'PRESENT' : 'NO_SHOW', start, end);
      });
    }
  }

  // Vlinder / Papillon (Maya): a ring of disability and mental-health organisations; each sends
  // one person to the next and hosts one from the previous, so each hosts ≥ 1 and sends ≥ 1.
  initiative('ini-vlinder', 'VLINDER', 'Projet Papillon', 'Vlinderproject', 'org-maya', [{ level: 'region', code: t.regionCode }]);
  for (const year of targets.years.filter((y) => y >= 2023 || targets.years.length > 2)) {
    const editionId = `${p}ed-vlinder-${year}`;
    edition({
      id: editionId,
      initiativeId: `${p}ini-vlinder`,
      cycle: String(year),
      nameFr: `Papillon ${year}`,
      nameNl: `Vlinder ${year}`,
      language: 'BOTH',
      startsOn: `${year}-03-01`,
      endsOn: `${year}-11-30`,
    });
    // Only organisations with someone employed all year can send (the ring must close).
    const [yearStart, yearEnd] = [dayMs(`${year}-01-01`), dayMs(`${year}-12-31`)];
    const staffed = new Set<string>();
    for (const jobs of dir.jobsOf.values())
      for (const j of jobs) if (j.from <= yearStart && (j.to === null || j.to >= yearEnd)) staffed.add(dir.serviceById.get(j.serviceId)!.orgId);
    const byOrg = (sector: string) => {
      const seen = new Map<string, ServiceInfo>();
      for (const s of rnd.shuffle(dir.services)) if (s.sectors[0] === sector && staffed.has(s.orgId) && !seen.has(s.orgId)) seen.set(s.orgId, s);
      return [...seen.values()];
    };
    const disability = byOrg('DISABILITY');
    const mental = byOrg('MENTAL_HEALTH').filter((s) => !disability.some((d) => d.orgId === s.orgId));
    const pairs = Math.min(6, disability.length, mental.length);
    const ring: ServiceInfo[] = [];
    for (let i = 0; i < pairs; i++) ring.push(disability[i]!, mental[i]!);
    let day = dayMs(`${year}-03-06`);
    ring.forEach((host, i) => {
      const sender = ring[(i + ring.length - 1) % ring.length]!;
      // A weekday immersion, 08:30–17:00 Brussels (07:30Z–16:00Z): a full working day.
      for (let attempt = 0; attempt < 20; attempt++) {
        day += DAY * rnd.int(3, 10);
        if ([0, 6].includes(new Date(day).getUTCDay())) continue;
        const start = day + 7.5 * HOUR;
        const end = start + 8.5 * HOUR;
        const [visitor] = pickPeople(1, [[start, end]], (s) => s.orgId === sender.orgId, new Set(), 20_000);
        if (!visitor) continue;
        const sessionId = addSession(editionId, `Immersion / Inleefdag`, start, end, 1, host);
        attend(visitor.personId, sessionId, 'VISITOR', 'PRESENT', start, end);
        break;
      }
    });
  }

  // Rézoneweek: one week each October, 5 days × 4 slots, mental-health hosts in the Rézone area.
  initiative('ini-rezone', 'REZONEWEEK', 'Semaine Rézone', 'Rézoneweek', 'org-rezone', [{ level: 'zone', code: `${p}SUD` }]);
  const od = PROGRAMMES.REZONEWEEK.openDoor!;
  const hosts = dir.services.filter((s) => (!od.hostInRezoneArea || s.quartier.rezoneArea) && s.sectors.includes(od.hostSector));
  const SLOT_STARTS = [7.5, 9.25, 11.5, 13.25]; // 09:30, 11:15, 13:30, 15:15 Brussels (CEST, UTC+2)
  for (const year of targets.years.filter((y) => y >= 2023 || targets.years.length > 2)) {
    const monday = dayMs(`${year}-10-16`) - ((new Date(`${year}-10-16T00:00:00Z`).getUTCDay() + 6) % 7) * DAY;
    const editionId = `${p}ed-rezone-${year}`;
    edition({
      id: editionId,
      initiativeId: `${p}ini-rezone`,
      cycle: String(year),
      nameFr: `Semaine Rézone ${year}`,
      nameNl: `Rézoneweek ${year}`,
      language: 'BOTH',
      startsOn: isoDate(monday),
      endsOn: isoDate(monday + (od.days - 1) * DAY),
    });
    for (const host of hosts) {
      const opened = rnd.int(1, 2);
      for (let k = 0; k < opened; k++) {
        const start = monday + rnd.int(0, 4) * DAY + rnd.pick(SLOT_STARTS) * HOUR;
        const end = start + (od.slotMinutes / 60) * HOUR;
        const sessionId = addSession(editionId, 'Portes ouvertes / Open deur', start, end, od.visitorsPerSlot, host);
        const visitors = pickPeople(rnd.int(3, od.visitorsPerSlot), [[start, end]], (s) => s.orgId !== host.orgId, new Set());
        for (const v of visitors) attend(v.personId, sessionId, 'VISITOR', rnd.chance(0.85) ? 'PRESENT' : 'NO_SHOW', start, end);
      }
    }
  }

  // Bruggenbouwer network events (Kenniscentrum WWZ).
  initiative('ini-bruggenbouwer', 'NETWORK_EVENT', 'Bâtisseurs de ponts', 'Bruggenbouwer', 'org-kenniscentrum-wwz', [{ level: 'region', code: t.regionCode }]);
  const lastYear = targets.years[targets.years.length - 1]!;
  // The June day of each year is a workshop day: its guests sit at tables of 4 to 6 (its own stream: the other draws stay as they were).
  const tables = rnd.derive('workshop-tables');
  for (const year of [...targets.years.filter((y) => y >= 2023 || targets.years.length > 2), lastYear + 1]) {
    const editionId = `${p}ed-bruggenbouwer-${year}`;
    edition({
      id: editionId,
      initiativeId: `${p}ini-bruggenbouwer`,
      cycle: String(year),
      nameFr: `Bâtisseurs de ponts ${year}`,
      nameNl: `Bruggenbouwer ${year}`,
      language: 'BOTH',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    });
    for (const month of year === 2024 ? [2, 5] : [2, 5, 10]) {
      const start = Date.UTC(year, month, 14) + 12 * HOUR;
      const end = start + 3 * HOUR;
      const host = rnd.pick(dir.services);
      const sessionId = addSession(editionId, 'Rencontre réseau / Netwerkmoment', start, end, null, host);
      const guests = pickPeople(rnd.int(30, 60), [[start, end]], () => true, new Set());
      const table =
        month === 5
          ? workshopTables(
              tables,
              guests.map((g) => g.personId),
            )
          : new Map<string, string>();
      for (const g of guests) attend(g.personId, sessionId, 'GUEST', rnd.chance(0.9) ? 'PRESENT' : 'NO_SHOW', start, end, table.get(g.personId));
    }
  }

  // Larger scales: local network events in every zone until the session target is reached.
  if (targets.extraSessions > 0) {
    initiative(
      'ini-local',
      'NETWORK_EVENT',
      'Rencontres locales (synthétique)',
      'Lokale ontmoetingen (synthetisch)',
      'org-brusano',
      t.zoneCodes.map((code) => ({ level: 'zone', code })),
    );
    const perEdition = 50;
    const editions = Math.ceil(targets.extraSessions / perEdition);
    const firstYear = targets.years[0]!;
    for (let e = 0; e < editions; e++) {
      const zoneCode = t.zoneCodes[e % t.zoneCodes.length]!;
      const year = firstYear + (e % (lastYear + 1 - firstYear));
      const editionId = `${p}ed-local-${String(e + 1).padStart(4, '0')}`;
      edition({
        id: editionId,
        initiativeId: `${p}ini-local`,
        cycle: String(year),
        nameFr: `Rencontres locales ${zoneCode} ${year} #${e + 1}`,
        nameNl: `Lokale ontmoetingen ${zoneCode} ${year} #${e + 1}`,
        language: 'BOTH',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
      });
      const zoneServices = dir.services.filter((s) => s.zoneCode === zoneCode);
      for (let k = 0; k < perEdition; k++) {
        const start = Date.UTC(year, rnd.int(0, 11), rnd.int(1, 28)) + rnd.int(7, 15) * HOUR;
        const end = start + 2 * HOUR;
        const sessionId = addSession(editionId, 'Rencontre locale / Lokale ontmoeting', start, end, 25, rnd.pick(zoneServices));
        for (const g of pickPeople(rnd.int(6, 19), [[start, end]], (s) => s.zoneCode === zoneCode || rnd.chance(0.1), new Set(), 200)) {
          attend(g.personId, sessionId, 'GUEST', rnd.chance(0.88) ? 'PRESENT' : 'NO_SHOW', start, end);
        }
      }
    }
  }
}
