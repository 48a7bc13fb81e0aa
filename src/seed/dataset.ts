/** The shape of a generated graph: plain rows, one array per kind, ready for UNWIND. */
import type { AttendanceRole, AttendanceStatus, InitiativeKind } from '../modules/initiatives/model';
import type { ProgrammeCode } from '../modules/initiatives/programmes';
import type { WorkingLanguage } from '../modules/directory/model';
import type { Grid } from '../modules/territory/model';
import type { TerritoryLevel } from '../modules/territory/select';

export interface Dataset {
  regions: Array<{ code: string; nameFr: string; nameNl: string }>;
  zones: Array<{ code: string; nameFr: string; nameNl: string; nameNlOfficial: boolean; regionCode: string }>;
  municipalities: Array<{ nis: string; nameFr: string; nameNl: string; regionCode: string; lat: number; lon: number }>;
  neighbourhoods: Array<{
    code: string;
    grid: Grid;
    nameFr: string;
    nameNl: string;
    synthetic: boolean;
    rezoneArea: boolean;
    municipalityNis: string;
    zoneCode: string | null;
    lat: number;
    lon: number;
  }>;
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
    monitoringCode: string;
    /** Sector codes, primary first. */
    sectors: string[];
    lat: number;
    lon: number;
  }>;
  people: Array<{ id: string; displayName: string; consent: boolean; synthetic: boolean }>;
  employments: Array<{ personId: string; serviceId: string; from: string; to: string | null; role: string }>;
  initiatives: Array<{ id: string; kind: InitiativeKind; programme: ProgrammeCode; nameFr: string; nameNl: string; organiserId: string; covers: Array<{ level: TerritoryLevel; code: string }> }>;
  editions: Array<{ id: string; initiativeId: string; cycle: string; nameFr: string; nameNl: string; language: WorkingLanguage; startsOn: string; endsOn: string; closed: boolean }>;
  sessions: Array<{ id: string; editionId: string; title: string; startsAt: string; endsAt: string; capacity: number | null; hostId: string | null }>;
  attendances: Array<{ personId: string; sessionId: string; role: AttendanceRole; status: AttendanceStatus }>;
}

export const emptyDataset = (): Dataset => ({
  regions: [],
  zones: [],
  municipalities: [],
  neighbourhoods: [],
  sectors: [],
  organisations: [],
  services: [],
  people: [],
  employments: [],
  initiatives: [],
  editions: [],
  sessions: [],
  attendances: [],
});
