/** Resolvers of the initiatives module (and the sessions a service hosted). */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { peopleCount } from '../../access/counts';
import { notFound } from '../../errors';
import { keyOf, toGlobalId } from '../common/ids';
import { nameField } from '../common/lang';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { connectionFields } from '../directory/resolvers';
import { loadTerritory } from '../territory/select';
import type { SessionRow } from './model';
import { programmeOf, EMPLOYMENT_EXEMPTION_SOURCE, PROGRAMME_CODES, PROGRAMMES, ROLES_WITHOUT_EMPLOYMENT, type Programme } from './programmes';

/** A programme's declaration as the API shows it. */
const programmeRules = (p: Programme) => ({
  programme: p.code,
  nameFr: p.nameFr,
  nameNl: p.nameNl,
  document: p.document,
  onePersonPerOrganisation: p.onePersonPerOrganisation?.source ?? null,
  cycle: p.cycle,
  season: p.season,
  roles: p.roles,
  immersion: p.immersion,
  openDoor: p.openDoor,
  rolesWithoutEmployment: [...ROLES_WITHOUT_EMPLOYMENT],
  rolesWithoutEmploymentSource: EMPLOYMENT_EXEMPTION_SOURCE,
});

/** The order of sessionsHostedBy: newest first, then by id descending (instants are ISO strings in UTC). */
const newestFirst = <T extends { startsAt: string; id: string }>(xs: T[]) =>
  xs.sort((a, b) => (a.startsAt !== b.startsAt ? (a.startsAt < b.startsAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

export const initiativeResolvers: Resolvers = {
  Query: {
    initiatives: (_p, { kind }, ctx) => ctx.loaders.initiatives.allInitiatives(kind ?? null),
    programmes: () => PROGRAMME_CODES.map((code) => programmeRules(PROGRAMMES[code])),
    initiative: async (_p, { id }, ctx) => (await ctx.loaders.initiatives.initiative.load(keyOf('Initiative', id))) ?? Promise.reject(notFound('id', id, 'initiative')),
    edition: async (_p, { id }, ctx) => (await ctx.loaders.initiatives.edition.load(keyOf('Edition', id))) ?? Promise.reject(notFound('id', id, 'edition')),
    session: async (_p, { id }, ctx) => (await ctx.loaders.initiatives.session.load(keyOf('Session', id))) ?? Promise.reject(notFound('id', id, 'session')),
  },
  Initiative: {
    id: (i) => toGlobalId('Initiative', i.id),
    name: nameField,
    organiser: (i, _a, ctx) => (i.organiserId ? ctx.loaders.directory.organisation.load(i.organiserId) : null),
    editions: (i, _a, ctx) => ctx.loaders.initiatives.editionsOfInitiative.load(i.id),
    programme: (i) => programmeOf(i.kind, i.programme).code,
    rules: (i) => programmeRules(programmeOf(i.kind, i.programme)),
    covers: async (i, _a, ctx) => {
      const selections = await ctx.loaders.initiatives.coversOfInitiative.load(i.id);
      return Promise.all(selections.map((sel) => loadTerritory(ctx, sel, 'covers')));
    },
  },
  Edition: {
    id: (e) => toGlobalId('Edition', e.id),
    name: nameField,
    initiative: async (e, _a, ctx) => (await ctx.loaders.initiatives.initiative.load(e.initiativeId)) ?? Promise.reject(notFound('initiativeId', e.initiativeId, 'initiative')),
    sessions: (e, _a, ctx) => ctx.loaders.initiatives.sessionsOfEdition.load(e.id),
    participantCount: async (e, _a, ctx) => peopleCount(ctx, (await ctx.loaders.initiatives.participantCountOfEdition.load(e.id)) ?? 0),
  },
  Session: {
    id: (x) => toGlobalId('Session', x.id),
    edition: async (x, _a, ctx) => {
      const editionId = x.editionId ?? (await ctx.loaders.initiatives.session.load(x.id))?.editionId;
      if (!editionId) throw notFound('id', x.id, 'edition for the session');
      return (await ctx.loaders.initiatives.edition.load(editionId)) ?? Promise.reject(notFound('editionId', editionId, 'edition'));
    },
    host: (x, _a, ctx) => (x.hostId ? ctx.loaders.directory.serviceById(x.hostId) : null),
    attendances: (x, _a, ctx) => ctx.loaders.initiatives.attendancesOfSession.load(x.id),
    presentCount: async (x, _a, ctx) => peopleCount(ctx, (await ctx.loaders.initiatives.presentCountOfSession.load(x.id)) ?? 0),
  },
  SessionConnection: connectionFields,
  Attendance: {
    person: async (a, _a, ctx) => (await ctx.loaders.people.person.load(a.personId)) ?? Promise.reject(notFound('personId', a.personId, 'person')),
    session: async (a, _a, ctx) => (await ctx.loaders.initiatives.session.load(a.sessionId)) ?? Promise.reject(notFound('sessionId', a.sessionId, 'session')),
  },
  Service: {
    // A service hosts tens of sessions at most: load them all in one batch, page in memory.
    // Answered at once when the sessions came with the service row (no promise per service of a page).
    sessionsHosted: (s, { first, after: afterCursor }, ctx) => {
      const size = pageSize(first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
      const after = decodeCursor(afterCursor);
      const page = (all: SessionRow[]) => {
        const start = after === null ? 0 : all.findIndex((x) => x.id === after) + 1;
        return toPage(
          all.slice(start, start + size.limit),
          size,
          after,
          (x) => x.id,
          async () => all.length,
        );
      };
      return s.embedded.sessions ? page(newestFirst([...s.embedded.sessions])) : ctx.loaders.initiatives.sessionsHostedBy.load(s.id).then(page);
    },
  },
};
