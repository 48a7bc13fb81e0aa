/**
 * The programmes of the seed documents, as data: the one place their parameters are declared.
 * The rules engine (src/modules/editing/rules.ts), the demo generator (src/seed/initiatives-gen.ts),
 * the demo check (src/seed/rules.ts) and the API (`initiative { rules { … } }`) all read these
 * declarations, so an edition with other limits is a change here, not in the code that checks it.
 *
 * An initiative names its programme (`Initiative.programme`); one that names none follows the
 * default programme of its kind (DEFAULT_PROGRAMME), which is what the seed documents describe.
 * Each parameter carries the sentence of the seed document it comes from (docs/rules.md lists them).
 */
import type { AttendanceRole, InitiativeKind } from './model';

export const PROGRAMME_CODES = ['CONNECT', 'PRAKTIJKGEMEENSCHAP', 'VLINDER', 'KIJKSTAGE', 'REZONEWEEK', 'NETWORK_EVENT'] as const;
export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];

/** How many distinct people may or must hold a role: in each session, or over the whole edition. */
export interface RoleRule {
  role: AttendanceRole;
  per: 'SESSION' | 'EDITION';
  /** Below it the edition is incomplete (reported by editionValidation, refused by closeEdition). */
  min: number;
  /** A registration beyond it is refused on every write path. */
  max: number;
  /** What the document says, e.g. "12" for "a group of 12 professionals". */
  expected: number;
  source: string;
}

export interface CycleRule {
  /** Groups (editions) per cycle and working language; an edition in another language is refused. */
  groupsPerLanguage: Array<{ language: 'FR' | 'NL'; groups: number }>;
  source: string;
}

export interface SeasonRule {
  /** Calendar months (1–12) in which editions and their sessions may lie. */
  months: number[];
  /** At most this many sessions of one edition in one calendar month. */
  maxSessionsPerMonth: number | null;
  source: string;
}

export interface ImmersionRule {
  /** The shortest immersion, in hours ("a full day"). */
  minHours: number;
  /** Every organisation that joins an edition hosts at least one visitor and sends at least one. */
  hostAndSend: boolean;
  /** The visitor works at another organisation than the host's. */
  otherOrganisation: boolean;
  source: string;
}

export interface OpenDoorRule {
  /** Days of the week-long edition (Monday to Friday). */
  days: number;
  slotsPerDay: number;
  slotMinutes: number;
  /** Visitors per slot, whatever capacity a session states. */
  visitorsPerSlot: number;
  /** Hosts: in this sector, in a neighbourhood of the Rézone area. */
  hostSector: string;
  hostInRezoneArea: boolean;
  source: string;
}

export interface Programme {
  code: ProgrammeCode;
  kind: InitiativeKind;
  nameFr: string;
  nameNl: string;
  /** The seed document and the initiative it describes. */
  document: string;
  onePersonPerOrganisation: { source: string } | null;
  cycle: CycleRule | null;
  season: SeasonRule | null;
  roles: RoleRule[];
  immersion: ImmersionRule | null;
  openDoor: OpenDoorRule | null;
}

/**
 * Roles whose holders need not work anywhere on the session's day. A user representative is a
 * user of the services, not a professional: the documents only say "Er is ook een gebruiker
 * aanwezig" (communities of practice), so this exemption is ours, stated here and in docs/rules.md,
 * and it holds in every programme.
 */
export const ROLES_WITHOUT_EMPLOYMENT: readonly AttendanceRole[] = ['USER_REPRESENTATIVE'];
export const EMPLOYMENT_EXEMPTION_SOURCE =
  'praktijkgemeenschappen: "Er is ook een gebruiker aanwezig." A user is not employed by a service; the exemption itself is a project decision (docs/rules.md).';

const SEED = '/work/shared/seeds/000_ea9de252933a00b7.txt';

export const PROGRAMMES: Record<ProgrammeCode, Programme> = {
  CONNECT: {
    code: 'CONNECT',
    kind: 'INTERVISION',
    nameFr: 'Connect (Smes)',
    nameNl: 'Connect (Smes)',
    document: SEED,
    onePersonPerOrganisation: { source: 'Per organisatie wordt slechts één persoon in een groep toegelaten.' },
    cycle: {
      groupsPerLanguage: [
        { language: 'FR', groups: 3 },
        { language: 'NL', groups: 1 },
      ],
      source: 'In hetzelfde jaar vinden verschillende cycli plaats, momenteel 3 in het Frans en 1 in het Nederlands.',
    },
    season: { months: [10, 11, 12, 1, 2, 3, 4, 5, 6], maxSessionsPerMonth: 1, source: 'Van oktober tot juni komt elke groep maandelijks samen gedurende drie uur.' },
    roles: [
      {
        role: 'ANIMATOR',
        per: 'SESSION',
        min: 2,
        max: 2,
        expected: 2,
        source: 'De deelnemers worden begeleid door twee animatoren uit de sociale sector en de geestelijke gezondheidszorg. (er zijn 2 animatoren per groep nodig)',
      },
    ],
    immersion: null,
    openDoor: null,
  },
  PRAKTIJKGEMEENSCHAP: {
    code: 'PRAKTIJKGEMEENSCHAP',
    kind: 'COMMUNITY_OF_PRACTICE',
    nameFr: 'Communautés de pratique (Brusano)',
    nameNl: 'Praktijkgemeenschappen (Brusano)',
    document: SEED,
    onePersonPerOrganisation: null,
    cycle: null,
    season: {
      months: [9, 10, 11, 12, 1, 2, 3, 4, 5, 6],
      maxSessionsPerMonth: 1,
      source: 'De bijeenkomsten worden maandelijks gehouden, van september tot juni, en worden geleid door twee moderators.',
    },
    roles: [
      // "12" is the document's figure; fewer is tolerated down to 8 so that a group with drop-outs can still close.
      {
        role: 'NEIGHBOURHOOD_REFERENT',
        per: 'EDITION',
        min: 8,
        max: 12,
        expected: 12,
        source: 'Elke praktijkgemeenschap is een lokale interdisciplinaire en intersectorale groep van 12 professionals … die zich herkennen in deze functie van buurtreferent.',
      },
      { role: 'MODERATOR', per: 'EDITION', min: 2, max: 2, expected: 2, source: '… en worden geleid door twee moderators.' },
      {
        role: 'GUARDIAN',
        per: 'EDITION',
        min: 1,
        max: 1,
        expected: 1,
        source: "Aan elke gemeenschap neemt een 'bewaker' deel, die het initiatief en de behoeften of middelen documenteert …",
      },
      { role: 'USER_REPRESENTATIVE', per: 'EDITION', min: 1, max: 1, expected: 1, source: 'Er is ook een gebruiker aanwezig.' },
    ],
    immersion: null,
    openDoor: null,
  },
  VLINDER: {
    code: 'VLINDER',
    kind: 'IMMERSION',
    nameFr: 'Projet Papillon (Maya)',
    nameNl: 'Vlinderproject (Maya)',
    document: SEED,
    onePersonPerOrganisation: null,
    cycle: null,
    season: null,
    roles: [],
    immersion: {
      minHours: 7.5,
      hostAndSend: true,
      otherOrganisation: true,
      source:
        'Een inschrijving impliceert een verbintenis om (ten minste) één werknemer te ontvangen EN (ten minste) één werknemer uit te sturen voor een inleefperiode. Elke organisatie kiest zelf de voorwaarden van de inleefervaring, maar die moet langer zijn dan een volledige dag. (Maya biedt inleefperiodes aan … in andere partnerorganisaties)',
    },
    openDoor: null,
  },
  KIJKSTAGE: {
    code: 'KIJKSTAGE',
    kind: 'IMMERSION',
    nameFr: 'Stage d’observation (BruZEL)',
    nameNl: 'Kijkstage (BruZEL)',
    document: SEED,
    onePersonPerOrganisation: null,
    cycle: null,
    season: null,
    roles: [],
    // The document names kijkstages without conditions: no length, no host-and-send; only that one
    // spends it in another organisation.
    immersion: { minHours: 0, hostAndSend: false, otherOrganisation: true, source: "BruZel organiseert 'Kijkstages' waarbij werknemers zich kunnen inleven in een organisatie." },
    openDoor: null,
  },
  REZONEWEEK: {
    code: 'REZONEWEEK',
    kind: 'OPEN_DOOR',
    nameFr: 'Semaine Rézone',
    nameNl: 'Rézoneweek',
    document: SEED,
    onePersonPerOrganisation: null,
    cycle: null,
    season: null,
    roles: [],
    immersion: null,
    openDoor: {
      days: 5,
      slotsPerDay: 4,
      slotMinutes: 90,
      visitorsPerSlot: 15,
      hostSector: 'MENTAL_HEALTH',
      hostInRezoneArea: true,
      source:
        'Per dag worden vier slots van anderhalf uur vastgesteld, verdeeld over de vijf dagen van de week. … de plaatsen in elke organisatie beperkt tot maximaal 10-15 per tijdslot … de structuren die hun deuren openen, moeten gericht zijn op geestelijke gezondheidszorg … en gevestigd zijn in het Rézonegebied.',
    },
  },
  NETWORK_EVENT: {
    code: 'NETWORK_EVENT',
    kind: 'NETWORK_EVENT',
    nameFr: 'Événement réseau',
    nameNl: 'Netwerkevenement',
    document: '/work/shared/seeds/003_3c1e8ff2e7719707.txt',
    onePersonPerOrganisation: null,
    cycle: null,
    season: null,
    roles: [],
    immersion: null,
    openDoor: null,
  },
};

/** The programme an initiative of a kind follows when it names none. */
export const DEFAULT_PROGRAMME: Record<InitiativeKind, ProgrammeCode> = {
  INTERVISION: 'CONNECT',
  COMMUNITY_OF_PRACTICE: 'PRAKTIJKGEMEENSCHAP',
  IMMERSION: 'VLINDER',
  OPEN_DOOR: 'REZONEWEEK',
  NETWORK_EVENT: 'NETWORK_EVENT',
};

export function programmeOf(kind: string, programme: string | null | undefined): Programme {
  if (programme && programme in PROGRAMMES) return PROGRAMMES[programme as ProgrammeCode];
  return PROGRAMMES[kind in DEFAULT_PROGRAMME ? DEFAULT_PROGRAMME[kind as InitiativeKind] : 'NETWORK_EVENT'];
}

export const roleRule = (p: Programme, role: string): RoleRule | undefined => p.roles.find((r) => r.role === role);
