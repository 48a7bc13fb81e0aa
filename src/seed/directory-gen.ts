/**
 * Organisations, services, people and their work history for one region. Invented names, marked
 * "(démo)"/"(demo)" and synthetic: true. Mixes aim at Brussels realities: every municipality's
 * CPAS/OCMW runs several services; general social work, mental health, primary care, youth and
 * home help are common, palliative care and family planning rare; most services work in French,
 * a fifth in Dutch, a quarter in both; staff turnover is visible in 2022–2024.
 * Services sit at invented points inside residential monitoring quartiers (and inside the quartier's
 * main municipality, which is the service's municipality), drawn in proportion to the quartier's
 * registered population on 1 January 2019: more services where more people live.
 */
import { SECTORS } from './brussels';
import type { Dataset } from './dataset';
import type { Random } from './random';
import type { Quartier, RegionTerritory } from './territory-gen';
import { pointInside } from '../modules/territory/geometry';

export interface ServiceInfo {
  id: string;
  orgId: string;
  zoneCode: string;
  quartier: Quartier;
  sectors: string[];
  language: 'FR' | 'NL' | 'BOTH';
}

export interface Employment {
  personId: string;
  serviceId: string;
  from: number;
  to: number | null;
}

export interface Directory {
  services: ServiceInfo[];
  serviceById: Map<string, ServiceInfo>;
  /** Work history per person, oldest first. */
  jobsOf: Map<string, Employment[]>;
  personIds: string[];
  /**
   * A new person id of this region: random-looking (drawn from the seed's own id stream), never
   * sequential, so that knowing one id tells nothing about the others; the same seed gives the same ids.
   */
  newPersonId: () => string;
}

/** Person ids drawn from a stream derived from the region's generator (64 random bits each). */
function personIdMaker(rnd: Random, prefix: string): () => string {
  const ids = rnd.derive('person-ids');
  const used = new Set<string>();
  const word = () =>
    Math.floor(ids.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return () => {
    let id: string;
    do id = `${prefix}per-${word()}${word()}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}

const WORDS: Array<[string, string]> = [
  ['Les Tilleuls', 'De Linde'],
  ['Le Pont', 'De Brug'],
  ['Horizon', 'Horizon'],
  ['La Passerelle', 'De Loopbrug'],
  ["L'Escale", 'De Haven'],
  ['Le Phare', 'De Vuurtoren'],
  ['Archipel', 'Archipel'],
  ['La Source', 'De Bron'],
  ['Le Relais', 'Het Relais'],
  ['Les Ateliers', 'De Ateliers'],
  ['Le Jardin', 'De Tuin'],
  ['La Boussole', 'Het Kompas'],
  ['Le Carrefour', 'Het Kruispunt'],
  ['Les Étoiles', 'De Sterren'],
  ['La Clairière', 'De Open Plek'],
  ['Le Fil', 'De Draad'],
];
const FIRST = [
  'Amina',
  'Bram',
  'Chloé',
  'David',
  'Elif',
  'Fatima',
  'Gert',
  'Hanne',
  'Ilias',
  'Jasper',
  'Karima',
  'Lotte',
  'Mehdi',
  'Nadia',
  'Olivier',
  'Pieter',
  'Rania',
  'Sofie',
  'Thomas',
  'Yasmine',
  'Zoé',
  'Marc',
  'Inès',
  'Lucas',
  'Nora',
  'Samir',
  'Eva',
  'Jonas',
  'Léa',
  'Youssef',
];
const LAST = [
  'Peeters',
  'Dubois',
  'Janssens',
  'El Amrani',
  'Lambert',
  'Maes',
  'Benali',
  'Claes',
  'Dupont',
  'Wouters',
  'Yilmaz',
  'Martin',
  'Goossens',
  'Diallo',
  'Leroy',
  'Jacobs',
  'Mertens',
  'Haddad',
  'Renard',
  'Willems',
  'Kaya',
  'Simon',
  'Vermeulen',
  'Mbala',
];
const ROLES = [
  'assistant social / maatschappelijk werker',
  'psychologue / psycholoog',
  'infirmier / verpleegkundige',
  'coordinateur / coördinator',
  'éducateur / opvoeder',
  'médecin / arts',
  'aide familiale / verzorgende',
  'agent logement / woonconsulent',
];

const CPAS_SECTORS = ['GENERAL_SOCIAL_WORK', 'HOME_HELP', 'HOUSING', 'ELDERLY_DEMENTIA'];
const DAY = 86_400_000;
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function generateDirectory(data: Dataset, rnd: Random, t: RegionTerritory, size: { services: number; people: number }): Directory {
  const services: ServiceInfo[] = [];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let orgCount = 0;
  let serviceCount = 0;
  const quartiersByNis = new Map<string, Quartier[]>();
  for (const q of t.residential) quartiersByNis.set(q.nis, [...(quartiersByNis.get(q.nis) ?? []), q]);
  const byPopulation = (qs: Quartier[]) => rnd.weighted(qs, (q) => q.population);

  const addService = (orgId: string, q: Quartier, sectors: string[], language: ServiceInfo['language']) => {
    serviceCount += 1;
    const id = `${t.prefix}svc-${pad(serviceCount, 5)}`;
    const sector = SECTORS.find((s) => s.code === sectors[0])!;
    const [wordFr, wordNl] = rnd.pick(WORDS);
    const muni = t.nameOfMunicipality.get(q.nis)!;
    // A sliver where the quartier and its municipality meet could refuse every draw: its centroid then.
    const [lon, lat] = pointInside(q.geometry, () => rnd.next(), q.municipalityGeometry) ?? [q.lon, q.lat];
    data.services.push({
      id,
      nameFr: `${sector.prefix[0]} ${wordFr} – ${muni.fr} (démo)`,
      nameNl: `${sector.prefix[1]} ${wordNl} – ${muni.nl} (demo)`,
      workingLanguage: language,
      synthetic: true,
      organisationId: orgId,
      neighbourhoodCode: q.code,
      monitoringCode: null,
      sectors,
      lat,
      lon,
    });
    services.push({ id, orgId, zoneCode: q.zoneCode, quartier: q, sectors, language });
  };
  const addOrg = (nameFr: string, nameNl: string) => {
    orgCount += 1;
    const id = `${t.prefix}org-${pad(orgCount, 5)}`;
    data.organisations.push({ id, nameFr, nameNl, synthetic: true });
    return id;
  };

  // Each municipality's CPAS / OCMW runs three or four services.
  const perMunicipalityFactor = Math.max(1, Math.round(size.services / 400));
  for (const [nis, name] of t.nameOfMunicipality) {
    const orgId = addOrg(`CPAS de ${name.fr} (démo)`, `OCMW ${name.nl} (demo)`);
    const count = (3 + (rnd.chance(0.5) ? 1 : 0)) * perMunicipalityFactor;
    for (let i = 0; i < count; i++) addService(orgId, byPopulation(quartiersByNis.get(nis) ?? t.residential), [CPAS_SECTORS[i % CPAS_SECTORS.length] as string], 'BOTH');
  }

  // Associations: a new organisation or another service of the last one in the same municipality.
  const lastOrgIn = new Map<string, { id: string; flemish: boolean }>();
  while (serviceCount < size.services) {
    const q = byPopulation(t.residential);
    // Mental health is over-represented in the Rézone area (it is why Rézone exists there).
    const primary = rnd.weighted(SECTORS, (s) => s.weight * (q.rezoneArea && s.code === 'MENTAL_HEALTH' ? 3 : 1)).code;
    const sectors = [primary];
    if (rnd.chance(0.25)) {
      const second = rnd.weighted(SECTORS, (s) => s.weight).code;
      if (second !== primary) sectors.push(second);
    }
    let org = lastOrgIn.get(q.nis);
    if (!org || rnd.chance(0.6)) {
      const flemish = rnd.chance(0.22);
      const [wordFr, wordNl] = rnd.pick(WORDS);
      org = { id: addOrg(`Asbl ${wordFr} (démo)`, `Vzw ${wordNl} (demo)`), flemish };
      lastOrgIn.set(q.nis, org);
    }
    const language = org.flemish ? (rnd.chance(0.7) ? 'NL' : 'BOTH') : rnd.chance(0.72) ? 'FR' : 'BOTH';
    addService(org.id, q, sectors, language);
  }

  // People and work history.
  const jobsOf = new Map<string, Employment[]>();
  const personIds: string[] = [];
  const newPersonId = personIdMaker(rnd, t.prefix);
  const start2010 = dayMs('2010-01-01');
  const turnoverFrom = dayMs('2022-09-01');
  const turnoverTo = dayMs('2024-06-30');
  for (let i = 1; i <= size.people; i++) {
    const personId = newPersonId();
    personIds.push(personId);
    data.people.push({ id: personId, displayName: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`, consent: rnd.chance(0.9), synthetic: true });
    const current = rnd.pick(services);
    const jobs: Employment[] = [];
    const r = rnd.next();
    if (r < 0.2) {
      // Moved between 2022-09 and 2024-06: an earlier job that ended, then the current one.
      const previous = rnd.pick(services);
      const end = turnoverFrom + rnd.int(0, (turnoverTo - turnoverFrom) / DAY) * DAY;
      jobs.push({ personId, serviceId: previous.id, from: start2010 + rnd.int(0, 10 * 365) * DAY, to: end });
      if (previous.id !== current.id) jobs.push({ personId, serviceId: current.id, from: end + DAY, to: null });
    } else if (r < 0.25) {
      // Left the field between 2022-09 and 2024-06.
      jobs.push({ personId, serviceId: current.id, from: start2010 + rnd.int(0, 10 * 365) * DAY, to: turnoverFrom + rnd.int(0, (turnoverTo - turnoverFrom) / DAY) * DAY });
    } else {
      jobs.push({ personId, serviceId: current.id, from: start2010 + rnd.int(0, 13 * 365) * DAY, to: null });
    }
    jobsOf.set(personId, jobs);
    for (const job of jobs)
      data.employments.push({ personId, serviceId: job.serviceId, from: isoDate(job.from), to: job.to === null ? null : isoDate(job.to), role: rnd.pick(ROLES) });
  }
  return { services, serviceById: new Map(services.map((s) => [s.id, s])), jobsOf, personIds, newPersonId };
}

/** The service a person worked at on a day, or null. */
export function serviceAt(dir: Directory, personId: string, ms: number): ServiceInfo | null {
  const day = Math.floor(ms / DAY) * DAY; // employment dates are whole days
  for (const job of dir.jobsOf.get(personId) ?? []) if (job.from <= day && (job.to === null || job.to >= day)) return dir.serviceById.get(job.serviceId) ?? null;
  return null;
}
