/** Row shapes of the people module. */
import type { Page } from '../common/pagination';

export interface PersonRow {
  __typename: 'Person';
  id: string;
  displayName: string;
  consent: boolean;
  synthetic: boolean;
}

export interface EmploymentRow {
  personId: string;
  /** Whether the person consented to appear by name (rows of others are hidden, see access/policy). */
  personConsent: boolean;
  serviceId: string;
  role: string | null;
  from: string;
  to: string | null;
  /** The date `current` is judged against. */
  asOf: string;
  /** The person's row, when it was read with the employment (a service's staff today). */
  person?: PersonRow;
}

/** Today's employment at a service with the person's row, as read with the service (directory/projection.ts). */
export type StaffRow = EmploymentRow & { person: PersonRow };

export type PersonPage = Page<PersonRow>;
