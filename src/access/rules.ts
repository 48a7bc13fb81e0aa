/**
 * Who may read what, field by field (see policy.ts for the rules). Keep this table the single
 * place where access is decided; resolvers stay free of role checks.
 */
import type { Policy } from './policy';

export const POLICY: Policy = {
  Query: {
    // Territory and directory: public, as a public directory already shows them.
    node: 'public',
    region: 'public',
    zones: 'public',
    zone: 'public',
    municipalities: 'public',
    municipality: 'public',
    neighbourhoods: 'public',
    neighbourhood: 'public',
    territory: 'public',
    sectors: 'public',
    sector: 'public',
    organisations: 'public',
    organisation: 'public',
    services: 'public',
    service: 'public',
    // Initiatives: any key.
    initiatives: 'member',
    initiative: 'member',
    edition: 'member',
    session: 'member',
    // People: by name for analysts, editors, admins; pseudonymised for the observatory.
    person: 'person',
    people: 'names',
    me: 'public',
    auditTrail: 'admin',
  },
  Mutation: { '*': 'editor' },
  Region: { '*': 'public' },
  Zone: { '*': 'public' },
  Municipality: { '*': 'public' },
  Neighbourhood: { '*': 'public' },
  Sector: { '*': 'public' },
  Organisation: { '*': 'public' },
  OrganisationConnection: { '*': 'public' },
  OrganisationEdge: { '*': 'public' },
  Service: { '*': 'public', staff: 'names', staffCount: 'member', sessionsHosted: 'member' },
  ServiceConnection: { '*': 'public' },
  ServiceEdge: { '*': 'public' },
  PageInfo: { '*': 'public' },
  PeopleCount: { '*': 'public' },
  Viewer: { '*': 'public' },
  Initiative: { '*': 'member' },
  Edition: { '*': 'member' },
  Session: { '*': 'member', attendances: 'names' },
  SessionConnection: { '*': 'member' },
  SessionEdge: { '*': 'member' },
  Attendance: { '*': 'names' },
  Employment: { '*': 'names' },
  Person: { '*': 'person', employments: 'names', attendances: 'names' },
  PersonConnection: { '*': 'names' },
  PersonEdge: { '*': 'names' },
  AuditEvent: { '*': 'admin' },
  AuditEventConnection: { '*': 'admin' },
  AuditEventEdge: { '*': 'admin' },
};
