/** Row shapes of the initiatives module. */
import type { Page } from '../common/pagination';
import type { WorkingLanguage } from '../directory/model';

export type InitiativeKind = 'INTERVISION' | 'COMMUNITY_OF_PRACTICE' | 'IMMERSION' | 'OPEN_DOOR' | 'NETWORK_EVENT';
export type AttendanceRole = 'PARTICIPANT' | 'ANIMATOR' | 'MODERATOR' | 'OBSERVER' | 'NEIGHBOURHOOD_REFERENT' | 'GUARDIAN' | 'USER_REPRESENTATIVE' | 'VISITOR' | 'GUEST';
export type AttendanceStatus = 'REGISTERED' | 'PRESENT' | 'NO_SHOW';

export interface InitiativeRow {
  __typename: 'Initiative';
  id: string;
  kind: InitiativeKind;
  nameFr: string;
  nameNl: string;
  organiserId: string | null;
  /** The declared programme (programmes.ts); null: the default of its kind. */
  programme: string | null;
}

export interface EditionRow {
  __typename: 'Edition';
  id: string;
  initiativeId: string;
  cycle: string;
  nameFr: string;
  nameNl: string;
  language: WorkingLanguage;
  startsOn: string;
  endsOn: string;
  closed: boolean;
}

export interface SessionRow {
  __typename: 'Session';
  id: string;
  /** Absent from sessions read with their host (SESSION_HOSTED_BY_S): the resolver reads it then. */
  editionId?: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  hostId: string | null;
}

export interface AttendanceRow {
  personId: string;
  personConsent: boolean;
  sessionId: string;
  role: AttendanceRole;
  status: AttendanceStatus;
  /** The group of the session (a table, a visit group); null: none. */
  group: string | null;
}

export type SessionPage = Page<SessionRow>;
