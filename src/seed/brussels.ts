/**
 * The real Brussels territory, as far as it could be verified (see BRUSSELS-SOURCES.md, copied
 * from the project's research notes): the region, the 19 municipalities with their NIS codes and
 * FR/NL names, and the five care zones ("bassins d'aide et de soins") with their composition.
 * Zone codes are project slugs; the zones have no official Dutch names (ours are translations,
 * flagged nameNlOfficial = false). Brussels-City (21004) is split between NORD, CENTRE_OUEST and SUD.
 * Municipality centroids are approximate (for maps only).
 */
export interface MunicipalityFact {
  nis: string;
  nameFr: string;
  nameNl: string;
  lat: number;
  lon: number;
}

export const REGION = { code: 'BRU', nameFr: 'Région de Bruxelles-Capitale', nameNl: 'Brussels Hoofdstedelijk Gewest' };

export const MUNICIPALITIES: MunicipalityFact[] = [
  { nis: '21001', nameFr: 'Anderlecht', nameNl: 'Anderlecht', lat: 50.836, lon: 4.308 },
  { nis: '21002', nameFr: 'Auderghem', nameNl: 'Oudergem', lat: 50.816, lon: 4.433 },
  { nis: '21003', nameFr: 'Berchem-Sainte-Agathe', nameNl: 'Sint-Agatha-Berchem', lat: 50.864, lon: 4.292 },
  { nis: '21004', nameFr: 'Bruxelles', nameNl: 'Brussel', lat: 50.846, lon: 4.352 },
  { nis: '21005', nameFr: 'Etterbeek', nameNl: 'Etterbeek', lat: 50.836, lon: 4.389 },
  { nis: '21006', nameFr: 'Evere', nameNl: 'Evere', lat: 50.871, lon: 4.402 },
  { nis: '21007', nameFr: 'Forest', nameNl: 'Vorst', lat: 50.811, lon: 4.318 },
  { nis: '21008', nameFr: 'Ganshoren', nameNl: 'Ganshoren', lat: 50.871, lon: 4.309 },
  { nis: '21009', nameFr: 'Ixelles', nameNl: 'Elsene', lat: 50.827, lon: 4.372 },
  { nis: '21010', nameFr: 'Jette', nameNl: 'Jette', lat: 50.879, lon: 4.325 },
  { nis: '21011', nameFr: 'Koekelberg', nameNl: 'Koekelberg', lat: 50.862, lon: 4.329 },
  { nis: '21012', nameFr: 'Molenbeek-Saint-Jean', nameNl: 'Sint-Jans-Molenbeek', lat: 50.855, lon: 4.323 },
  { nis: '21013', nameFr: 'Saint-Gilles', nameNl: 'Sint-Gillis', lat: 50.828, lon: 4.345 },
  { nis: '21014', nameFr: 'Saint-Josse-ten-Noode', nameNl: 'Sint-Joost-ten-Node', lat: 50.853, lon: 4.373 },
  { nis: '21015', nameFr: 'Schaerbeek', nameNl: 'Schaarbeek', lat: 50.867, lon: 4.377 },
  { nis: '21016', nameFr: 'Uccle', nameNl: 'Ukkel', lat: 50.8, lon: 4.337 },
  { nis: '21017', nameFr: 'Watermael-Boitsfort', nameNl: 'Watermaal-Bosvoorde', lat: 50.799, lon: 4.415 },
  { nis: '21018', nameFr: 'Woluwe-Saint-Lambert', nameNl: 'Sint-Lambrechts-Woluwe', lat: 50.847, lon: 4.429 },
  { nis: '21019', nameFr: 'Woluwe-Saint-Pierre', nameNl: 'Sint-Pieters-Woluwe', lat: 50.831, lon: 4.443 },
];

export interface ZoneFact {
  code: string;
  nameFr: string;
  nameNl: string;
  /** Social-health quartiers per municipality (the bassin sites give 9 + 8 + 17 + 16 + 7 = 57). */
  quartiers: Record<string, number>;
  /** Real quartier names known from the bassin sites (CLSS quartiers), by municipality: [FR, NL]. */
  knownNames: Record<string, Array<[string, string]>>;
}

export const ZONES: ZoneFact[] = [
  {
    code: 'NORD',
    nameFr: 'Bassin Nord',
    nameNl: 'Zorgzone Noord',
    quartiers: { '21003': 1, '21008': 1, '21010': 2, '21011': 1, '21004': 4 },
    knownNames: {
      '21004': [['Laeken-Sud', 'Laken-Zuid'], ['Laeken-Nord', 'Laken-Noord'], ['Neder-Over-Heembeek', 'Neder-Over-Heembeek'], ['Haren', 'Haren']],
      '21011': [['Koekelberg', 'Koekelberg']],
    },
  },
  {
    code: 'NORD_EST',
    nameFr: 'Bassin Nord-Est',
    nameNl: 'Zorgzone Noord-Oost',
    quartiers: { '21006': 2, '21014': 1, '21015': 5 },
    knownNames: { '21014': [['Saint-Josse', 'Sint-Joost']], '21015': [['Brabant', 'Brabant'], ['Colignon', 'Colignon']] },
  },
  {
    code: 'CENTRE_OUEST',
    nameFr: 'Bassin Centre-Ouest',
    nameNl: 'Zorgzone Centrum-West',
    quartiers: { '21001': 7, '21012': 5, '21004': 5 },
    knownNames: {
      '21001': [['Cureghem', 'Kuregem'], ['Centre-Wayez', 'Centrum-Wayez'], ['Peterbos', 'Peterbos']],
      '21012': [['Karreveld', 'Karreveld'], ["Gare de l'Ouest", 'Weststation']],
      '21004': [['Centre historique', 'Historisch centrum'], ['Anneessens', 'Anneessens'], ['Marolles', 'Marollen'], ['Nord', 'Noord']],
    },
  },
  {
    code: 'SUD',
    nameFr: 'Bassin Sud',
    nameNl: 'Zorgzone Zuid',
    quartiers: { '21007': 3, '21009': 5, '21013': 2, '21016': 3, '21017': 1, '21004': 2 },
    knownNames: {
      '21007': [['Bas de Forest', 'Laag-Vorst']],
      '21013': [['Bas de Saint-Gilles', 'Laag-Sint-Gillis']],
      '21004': [['Louise', 'Louiza'], ['Bois de la Cambre', 'Ter Kamerenbos']],
    },
  },
  {
    code: 'SUD_EST',
    nameFr: 'Bassin Sud-Est',
    nameNl: 'Zorgzone Zuid-Oost',
    quartiers: { '21002': 2, '21005': 2, '21018': 2, '21019': 1 },
    knownNames: {},
  },
];

/** The Rézone area: these municipalities plus the Louise quarter of Brussels-City. */
export const REZONE_MUNICIPALITIES = new Set(['21007', '21013', '21009', '21016', '21017']);
export const REZONE_QUARTER_NAME = 'Louise';

export interface SectorFact {
  code: string;
  nameFr: string;
  nameNl: string;
  /** Relative frequency among services. */
  weight: number;
  /** Service-name prefixes [FR, NL]. */
  prefix: [string, string];
}

export const SECTORS: SectorFact[] = [
  { code: 'MENTAL_HEALTH', nameFr: 'Santé mentale', nameNl: 'Geestelijke gezondheidszorg', weight: 14, prefix: ['SSM', 'CGG'] },
  { code: 'DISABILITY', nameFr: 'Handicap', nameNl: 'Personen met een handicap', weight: 8, prefix: ['Service handicap', 'Dienst handicap'] },
  { code: 'HOMELESSNESS', nameFr: 'Sans-abrisme', nameNl: 'Thuislozenzorg', weight: 6, prefix: ['Accueil de jour', 'Dagcentrum'] },
  { code: 'ADDICTION', nameFr: 'Assuétudes', nameNl: 'Verslavingszorg', weight: 5, prefix: ['Centre assuétudes', 'Centrum verslaving'] },
  { code: 'YOUTH', nameFr: 'Aide à la jeunesse', nameNl: 'Jeugdhulp', weight: 10, prefix: ['AMO', 'Jeugdhuis'] },
  { code: 'GENERAL_SOCIAL_WORK', nameFr: 'Travail social général (CPAS, CAW)', nameNl: 'Algemeen welzijnswerk (OCMW, CAW)', weight: 15, prefix: ['Service social', 'Sociale dienst'] },
  { code: 'PRIMARY_CARE', nameFr: 'Maisons médicales', nameNl: 'Wijkgezondheidscentra', weight: 10, prefix: ['Maison médicale', 'Wijkgezondheidscentrum'] },
  { code: 'FAMILY_PLANNING', nameFr: 'Planning familial', nameNl: 'Gezinsplanning', weight: 3, prefix: ['Planning familial', 'Centrum gezinsplanning'] },
  { code: 'HOME_HELP', nameFr: 'Aide à domicile', nameNl: 'Gezinszorg', weight: 9, prefix: ['Aide à domicile', 'Thuiszorg'] },
  { code: 'HOUSING', nameFr: 'Logement (AIS, SISP)', nameNl: 'Wonen (SVK, OVM)', weight: 6, prefix: ['AIS', 'SVK'] },
  { code: 'PALLIATIVE', nameFr: 'Soins palliatifs', nameNl: 'Palliatieve zorg', weight: 2, prefix: ['Équipe palliative', 'Palliatief team'] },
  { code: 'ELDERLY_DEMENTIA', nameFr: 'Personnes âgées et démence', nameNl: 'Ouderenzorg en dementie', weight: 7, prefix: ['Centre de jour seniors', 'Dagcentrum senioren'] },
  { code: 'POLICE_ADMIN', nameFr: 'Police et administration locale', nameNl: 'Politie en lokaal bestuur', weight: 3, prefix: ['Service de prévention', 'Preventiedienst'] },
];

/** The bodies that organise the seed initiatives (real organisations, with no demo services). */
export const ORGANISERS = [
  { id: 'org-smes', nameFr: 'Smes', nameNl: 'Smes' },
  { id: 'org-brusano', nameFr: 'Brusano', nameNl: 'Brusano' },
  { id: 'org-maya', nameFr: 'Maya', nameNl: 'Maya' },
  { id: 'org-rezone', nameFr: 'Rézone', nameNl: 'Rézone' },
  { id: 'org-kenniscentrum-wwz', nameFr: 'Centre d’expertise WWZ', nameNl: 'Kenniscentrum WWZ' },
];
