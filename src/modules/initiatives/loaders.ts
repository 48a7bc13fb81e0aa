/** Per-request DataLoaders of the initiatives module. */
import type { Db, Row } from '../../neo4j/driver';
import { manyLoader, oneLoader, plainRow, rowOf } from '../common/loader';
import type { TerritorySelection } from '../territory/select';
import type { AttendanceRow, EditionRow, InitiativeRow, SessionRow } from './model';
import * as q from './queries';

const initiative = rowOf<InitiativeRow>('Initiative');
const edition = rowOf<EditionRow>('Edition');
const session = rowOf<SessionRow>('Session');
const attendance = plainRow<AttendanceRow>();
const count = (r: Row) => Number(r.n ?? 0);
const LEVEL_OF_LABEL: Record<string, TerritorySelection['level']> = {
  Region: 'region',
  Zone: 'zone',
  Municipality: 'municipality',
  Neighbourhood: 'neighbourhood',
};

export function createInitiativeLoaders(db: Db) {
  return {
    initiative: oneLoader(db, q.initiativesById, initiative),
    edition: oneLoader(db, q.editionsById, edition),
    session: oneLoader(db, q.sessionsById, session),
    editionsOfInitiative: manyLoader(db, q.editionsOfInitiative, edition),
    sessionsOfEdition: manyLoader(db, q.sessionsOfEdition, session),
    sessionsHostedBy: manyLoader(db, q.sessionsHostedBy, session),
    zonesOfEdition: manyLoader(db, q.zonesOfEdition, (r) => (r.zone === null || r.zone === undefined ? null : String(r.zone))),
    attendancesOfSession: manyLoader(db, q.attendancesOfSession, attendance),
    attendancesOfPerson: manyLoader(db, q.attendancesOfPerson, attendance),
    participantCountOfEdition: oneLoader(db, q.participantCountOfEdition, count),
    presentCountOfSession: oneLoader(db, q.presentCountOfSession, count),
    coversOfInitiative: manyLoader(db, q.coversOfInitiative, (r): TerritorySelection => ({
      level: LEVEL_OF_LABEL[String(r.level)] ?? 'region',
      code: String(r.code),
    })),
    async allInitiatives(kind: string | null): Promise<InitiativeRow[]> {
      return (await db.read(q.allInitiatives, { kind })).map(initiative);
    },
  };
}

export type InitiativeLoaders = ReturnType<typeof createInitiativeLoaders>;
