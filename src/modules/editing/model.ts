/** Row shapes of the editing module. */
import type { OrganisationRow, ServiceRow } from '../directory/model';
import type { AttendanceRow, EditionRow, InitiativeRow, SessionRow } from '../initiatives/model';
import type { EmploymentRow, PersonRow } from '../people/model';

export interface UserErrorRow {
  code: string;
  field: string | null;
  message: string;
}

export type OrganisationPayloadRow = { organisation: OrganisationRow | null; errors: UserErrorRow[] };
export type ServicePayloadRow = { service: ServiceRow | null; errors: UserErrorRow[] };
export type PersonPayloadRow = { person: PersonRow | null; errors: UserErrorRow[] };
export type EmploymentPayloadRow = { employment: EmploymentRow | null; errors: UserErrorRow[] };
export type InitiativePayloadRow = { initiative: InitiativeRow | null; errors: UserErrorRow[] };
export type EditionPayloadRow = { edition: EditionRow | null; errors: UserErrorRow[] };
export type SessionPayloadRow = { session: SessionRow | null; errors: UserErrorRow[] };
export type AttendancePayloadRow = { attendance: AttendanceRow | null; errors: UserErrorRow[] };
