/** The shape of a generated graph: plain rows, one array per kind, ready for UNWIND. */
import type { AttendanceRole, AttendanceStatus, EditionRow, InitiativeKind } from '../modules/initiatives/model';
import type { ProgrammeCode } from '../modules/initiatives/programmes';
import type { AgreementKind, DeclaredFrequency } from '../modules/evidence/weights';
import type { WorkingLanguage } from '../modules/directory/model';
import type { Grid } from '../modules/territory/model';
import type { TerritoryLevel } from '../modules/territory/select';
import type { IndicatorValue } from '../modules/territory/indicators';
import type { Provenance } from '../modules/territory/zones';

/** A GeoJSON geometry (WGS84) as stored, with its bounding box; all null for a unit without a shape. */
export type Shape = { geometry: string; west: number; south: number; east: number; north: number } | { geometry: null; west: null; south: null; east: null; north: null };

export interface Dataset {
  regions: Array<{ code: string; nameFr: string; nameNl: string }>;
  zones: Array<{ code: string; nameFr: string; nameNl: string; nameNlOfficial: boolean; regionCode: string; source: string; synthetic: boolean } & Shape>;
  municipalities: Array<{ nis: string; nameFr: string; nameNl: string; regionCode: string; lat: number; lon: number; areaKm2: number; synthetic: boolean } & Shape>;
  neighbourhoods: Array<
    Shape & {
      code: string;
      grid: Grid;
      nameFr: string;
      nameNl: string;
      synthetic: boolean;
      rezoneArea: boolean;
      municipalityNis: string;
      zoneCode: string | null;
      zoneProvenance: Provenance;
      zoneBasis: string;
      /** Every municipality it touches, with the share of its area (null when not computed). */
      municipalities: Array<{ nis: string; share: number | null }>;
      kind: string;
      areaKm2: number;
      inspireId: string | null;
      lat: number;
      lon: number;
      innerLat: number;
      innerLon: number;
    }
  >;
  statisticalSectors: Array<{ code: string; nameFr: string; nameNl: string; neighbourhoodCode: string; municipalityNis: string; years: number[] }>;
  indicators: IndicatorValue[];
  sectors: Array<{ code: string; nameFr: string; nameNl: string }>;
  organisations: Array<{ id: string; nameFr: string; nameNl: string; synthetic: boolean }>;
  services: Array<{
    id: string;
    nameFr: string;
    nameNl: string;
    workingLanguage: WorkingLanguage;
    synthetic: boolean;
    organisationId: string;
    neighbourhoodCode: string;
    /** A second neighbourhood on the other grid, if any. */
    monitoringCode: string | null;
    /** Sector codes, primary first. */
    sectors: string[];
    lat: number;
    lon: number;
  }>;
  people: Array<{ id: string; displayName: string; consent: boolean; synthetic: boolean }>;
  employments: Array<{ personId: string; serviceId: string; from: string; to: string | null; role: string }>;
  initiatives: Array<{
    id: string;
    kind: InitiativeKind;
    programme: ProgrammeCode;
    nameFr: string;
    nameNl: string;
    organiserId: string;
    covers: Array<{ level: TerritoryLevel; code: string }>;
  }>;
  editions: Array<Omit<EditionRow, '__typename'>>;
  sessions: Array<{ id: string; editionId: string; title: string; startsAt: string; endsAt: string; capacity: number | null; hostId: string | null }>;
  /** `group`: the table or visit group of the session (absent: none). */
  attendances: Array<{ personId: string; sessionId: string; role: AttendanceRole; status: AttendanceStatus; group?: string }>;
  /** Survey answers, referral counts and agreements (src/seed/evidence-gen.ts). */
  declarations: Array<{ personId: string; serviceId: string; survey: string; declaredOn: string; frequency: DeclaredFrequency; trust: number | null; value: number | null }>;
  referrals: Array<{ fromServiceId: string; toServiceId: string; period: string; count: number }>;
  agreements: Array<{ serviceAId: string; serviceBId: string; kind: AgreementKind; signedOn: string; endsOn: string | null }>;
}

export const emptyDataset = (): Dataset => ({
  regions: [],
  zones: [],
  municipalities: [],
  neighbourhoods: [],
  statisticalSectors: [],
  indicators: [],
  sectors: [],
  organisations: [],
  services: [],
  people: [],
  employments: [],
  initiatives: [],
  editions: [],
  sessions: [],
  attendances: [],
  declarations: [],
  referrals: [],
  agreements: [],
});
