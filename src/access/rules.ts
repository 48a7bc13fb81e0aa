/**
 * Who may read what, field by field (see policy.ts for the rules). Keep this table the single
 * place where access is decided; resolvers stay free of role checks.
 */
import type { Policy, Rule } from './policy';

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
    // Geography and cold data: territory facts and public aggregates.
    territoryAt: 'public',
    statisticalSector: 'public',
    sectors: 'public',
    sector: 'public',
    organisations: 'public',
    organisation: 'public',
    services: 'public',
    service: 'public',
    // Initiatives: any key.
    initiatives: 'member',
    initiative: 'member',
    programmes: 'member',
    edition: 'member',
    session: 'member',
    // People by id: only for roles that see names (a pseudonymised caller must not map pseudonyms back to people).
    person: 'names',
    people: 'names',
    me: 'public',
    auditTrail: 'admin',
    // Network aggregates over services: any key; zone keys only inside their zone (territory argument).
    acquaintances: 'member',
    mixingMatrix: 'member',
    gaps: 'member',
    eiIndex: 'member',
    brokers: 'member',
    fragileTies: 'member',
    lostTies: 'member',
    languageBorder: 'member',
    initiativeImpact: 'member',
    recommendations: 'member',
    communities: 'member',
    networkChange: 'member',
    quartierFigures: 'member',
    // About one named person, or starting from one: person-level.
    turnoverImpact: 'names',
    introductionPath: 'names',
    editionValidation: 'member',
    // Level checks (people need person-level rights) are in the export itself.
    networkExport: 'member',
  },
  Mutation: { '*': 'editor', erasePerson: 'admin' },
  Region: { '*': 'public' },
  Zone: { '*': 'public' },
  Municipality: { '*': 'public' },
  Neighbourhood: { '*': 'public' },
  // Shapes, points and indicators of territorial units: public facts and aggregates (UrbIS, IBSA, Statbel).
  Geometry: { '*': 'public' },
  Point: { '*': 'public' },
  MunicipalityShare: { '*': 'public' },
  ZoneProvenance: { '*': 'public' },
  IndicatorValue: { '*': 'public' },
  StatisticalSector: { '*': 'public' },
  TerritoryAt: { '*': 'public' },
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
  // A programme's rules (initiative { rules }): what any member may read about an initiative.
  ProgrammeRules: { '*': 'member' },
  RoleRule: { '*': 'member' },
  CycleRules: { '*': 'member' },
  GroupsPerLanguage: { '*': 'member' },
  SeasonRules: { '*': 'member' },
  ImmersionRules: { '*': 'member' },
  OpenDoorRules: { '*': 'member' },
  Session: { '*': 'member', attendances: 'names' },
  SessionConnection: { '*': 'member' },
  SessionEdge: { '*': 'member' },
  Attendance: { '*': 'names' },
  Employment: { '*': 'names' },
  Person: { '*': 'person', employments: 'names', attendances: 'names' },
  PersonConnection: { '*': 'names' },
  PersonEdge: { '*': 'names' },
  Acquaintance: { '*': 'member' },
  AcquaintanceConnection: { '*': 'member' },
  AcquaintanceEdge: { '*': 'member' },
  MixingCell: { '*': 'member' },
  Gap: { '*': 'member' },
  EiScore: { '*': 'member' },
  EiIndex: { '*': 'member' },
  AppliedTieFilter: { '*': 'member' },
  AppliedBackbone: { '*': 'member' },
  Broker: { '*': 'member' },
  Brokers: { '*': 'member' },
  BetweennessAccuracy: { '*': 'member' },
  BrokerageRoles: { '*': 'member' },
  TieAtRisk: { '*': 'member' },
  TurnoverImpact: { '*': 'names' },
  LanguageBorder: { '*': 'member' },
  LanguageBorderShare: { '*': 'member' },
  InitiativeLanguageBorder: { '*': 'member' },
  ZoneReach: { '*': 'member' },
  InitiativeImpact: { '*': 'member' },
  PathStep: { '*': 'names' },
  IntroductionPath: { '*': 'names' },
  Recommendation: { '*': 'member' },
  Communities: { '*': 'member' },
  Community: { '*': 'member' },
  CommunitySector: { '*': 'member' },
  CommunityLanguage: { '*': 'member' },
  CommunityQuartier: { '*': 'member' },
  CommunityLink: { '*': 'member' },
  // Year-by-year counts of ties and services: no person in them.
  NetworkChange: { '*': 'member' },
  NetworkYear: { '*': 'member' },
  NetworkYearCommunities: { '*': 'member' },
  CommunityTrace: { '*': 'member' },
  QuartierMap: { '*': 'member' },
  QuartierFigures: { '*': 'member' },
  UserError: { '*': 'member' },
  OrganisationPayload: { '*': 'editor' },
  ServicePayload: { '*': 'editor' },
  PersonPayload: { '*': 'editor' },
  EmploymentPayload: { '*': 'editor' },
  InitiativePayload: { '*': 'editor' },
  EditionPayload: { '*': 'editor' },
  SessionPayload: { '*': 'editor' },
  AttendancePayload: { '*': 'editor' },
  ErasePayload: { '*': 'admin' },
  // Survey answers name who answered: person-level, like attendance (editors write them, analysts may read them).
  DeclaredTie: { '*': 'names' },
  DeclaredTiePayload: { '*': 'editor' },
  // Referrals and agreements are between services.
  Referral: { '*': 'member' },
  ReferralPayload: { '*': 'editor' },
  Agreement: { '*': 'member' },
  AgreementPayload: { '*': 'editor' },
  ImportReport: { '*': 'editor' },
  RejectedRow: { '*': 'editor' },
  DoubtfulMatch: { '*': 'editor' },
  NetworkExport: { '*': 'member' },
  AuditEvent: { '*': 'admin' },
  AuditEventConnection: { '*': 'admin' },
  AuditEventEdge: { '*': 'admin' },
};

/**
 * Rules about arguments, applied by the policy wrapper before the field runs.
 * - zoneDefault: for a zone key, a missing optional territory argument becomes its zone (a
 *   region-wide answer is not a zone's to read).
 * - zoneEntities: for a zone key, the entity an ID argument names must lie in its zone.
 * - personArguments: ID arguments that name a person: asking about them is a person-level read,
 *   recorded in the audit trail whatever the answer holds.
 */
export const ARGUMENT_RULES = {
  zoneDefault: { 'Query.recommendations': 'territory' } as Record<string, string>,
  zoneEntities: { 'Query.initiativeImpact': { edition: 'Edition' }, 'Query.editionValidation': { edition: 'Edition' } } as Record<string, Record<string, 'Edition'>>,
  personArguments: { 'Query.turnoverImpact': ['person'], 'Query.introductionPath': ['fromPerson'], 'Query.person': ['id'] } as Record<string, string[]>,
};

/**
 * `node(id:)` answers an object only to whom the type's own lookup field would: a Person by id is
 * `Query.person`'s rule (names), so `node` cannot map pseudonyms back to people either.
 */
export const NODE_LOOKUPS: Record<string, string> = {
  Region: 'region',
  Zone: 'zone',
  Municipality: 'municipality',
  Neighbourhood: 'neighbourhood',
  Sector: 'sector',
  Organisation: 'organisation',
  Service: 'service',
  Person: 'person',
  Initiative: 'initiative',
  Edition: 'edition',
  Session: 'session',
};

/**
 * What the doors outside the GraphQL field walk read, under the same rules: each export level (the
 * GraphQL `networkExport` field, GET /exports/network and `npm run export` all ask this table), the
 * audit of person-level reads, and /metrics.
 */
export const DOOR_RULES = {
  exportServices: 'member',
  exportPeople: 'person',
  metrics: 'admin',
} as const satisfies Record<string, Rule>;
