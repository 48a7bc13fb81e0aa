/**
 * Mutations. Each is one write transaction: rules are checked first (rules.ts), the write is
 * MERGEd on stable keys, and the derived ties are refreshed before the commit — all or nothing.
 * A broken rule answers `errors` in the payload; nothing is written.
 */
import crypto from 'node:crypto';
import type { Context } from '../../context';
import type { MutationImportCsvArgs, Resolvers } from '../../__generated__/resolvers-types';
import { type Tx } from '../../neo4j/driver';
import { badInput } from '../../errors';
import { keyOf } from '../common/ids';
import { importRows, parseCsv } from './import';
import { refreshTies } from '../network/ties';
import { ERASED_KEYS, erasedKeys, erasePersonIn, erasureKey } from './erasure';
import type { AttendanceRow } from '../initiatives/model';
import type { EmploymentRow } from '../people/model';
import type { UserErrorRow } from './model';
import { AttendanceState, checkAttendanceChange, groupProblem, checkEdition, checkSession, currentAttendance, RuleViolation, validateEdition, violation } from './rules';
import { recordEditionEvent } from '../../access/audit';
import { PROGRAMMES } from '../initiatives/programmes';
import * as w from './writes';
import { normaliseName } from './matching';

/** Runs a write; a RuleViolation becomes payload errors, anything else stays an error. */
export async function mutate<T>(ctx: Context, work: (tx: Tx) => Promise<T>): Promise<{ value: T | null; errors: UserErrorRow[] }> {
  try {
    return { value: await ctx.db.writeTx(work), errors: [] };
  } catch (err) {
    if (err instanceof RuleViolation) return { value: null, errors: err.errors };
    throw err;
  }
}

/** A malformed group argument is bad input, refused before any write. */
function checkGroup(group: string | null | undefined): void {
  const problem = group === null || group === undefined ? null : groupProblem(group);
  if (problem) throw badInput('group', problem);
}

const notFoundError = (field: string, what: string, id: string) => new RuleViolation([violation('NOT_FOUND', field, `No ${what} "${id}"`)]);

/** Reload after a write: the request's loaders may hold the value from before it. */
function fresh<K, V>(loader: { clear(key: K): unknown; load(key: K): Promise<V> }, key: K): Promise<V> {
  loader.clear(key);
  return loader.load(key);
}

export const editingResolvers: Resolvers = {
  Query: {
    editionValidation: async (_p, { edition }, ctx) => {
      const id = keyOf('Edition', edition, 'edition');
      const errors = await ctx.db.readTx((tx) => validateEdition(tx, id));
      return errors ?? [violation('NOT_FOUND', 'edition', `No edition "${edition}"`)];
    },
  },
  Mutation: {
    upsertOrganisation: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, (tx) => tx.run(w.upsertOrganisation, { ...input }));
      return { organisation: r.value ? await fresh(ctx.loaders.directory.organisation, input.id) : null, errors: r.errors };
    },
    upsertService: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        if (input.sectors.length === 0) throw new RuleViolation([violation('INVALID', 'input.sectors', 'give at least the primary sector')]);
        const [refs] = await tx.run<{ organisation: boolean; neighbourhood: boolean; grid: string | null; inZone: boolean; unknownSectors: string[] }>(w.serviceRefs, { ...input });
        const errors: UserErrorRow[] = [];
        if (!refs?.organisation) errors.push(violation('NOT_FOUND', 'input.organisationId', `No organisation "${input.organisationId}"`));
        if (!refs?.neighbourhood) errors.push(violation('NOT_FOUND', 'input.neighbourhood', `No neighbourhood "${input.neighbourhood}"`));
        else if (!refs.inZone) errors.push(violation('INVALID', 'input.neighbourhood', 'must be a quartier of the grid the zones are made of (it decides the zone)'));
        for (const code of refs?.unknownSectors ?? []) errors.push(violation('NOT_FOUND', 'input.sectors', `No sector "${code}"`));
        if (errors.length) throw new RuleViolation(errors);
        await tx.run(w.upsertService, { ...input });
      });
      return { service: r.errors.length ? null : await fresh(ctx.loaders.directory.service, input.id), errors: r.errors };
    },
    closeService: async (_p, { id, on }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        if ((await tx.run(w.closeService, { id, on })).length === 0) throw notFoundError('id', 'service', id);
      });
      return { service: r.errors.length ? null : await fresh(ctx.loaders.directory.service, id), errors: r.errors };
    },
    upsertPerson: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        // An erased person is not written again under their old id (see erasure.ts).
        const erased = await erasedKeys((keys) => tx.run<{ key: string }>(ERASED_KEYS, { keys }), [erasureKey(ctx.config.PSEUDONYM_SECRET, 'id', input.id)]);
        if (erased.size) throw new RuleViolation([violation('ERASED', 'input.id', 'This person was erased; their id is not used again')]);
        await tx.run(w.upsertPerson, { ...input, nameKey: normaliseName(input.displayName) });
      });
      return { person: r.errors.length ? null : await fresh(ctx.loaders.people.person, input.id), errors: r.errors };
    },
    startEmployment: async (_p, { personId, serviceId, from, role }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const [e] = await tx.run<{ person: boolean; service: boolean }>(w.exists, { person: personId, service: serviceId });
        if (!e?.person) throw notFoundError('personId', 'person', personId);
        if (!e.service) throw notFoundError('serviceId', 'service', serviceId);
        await tx.run(w.startEmployment, { person: personId, service: serviceId, from, role: role ?? null });
        await refreshTies(tx, { employmentOf: [personId], serviceIds: [serviceId] });
        const [row] = await tx.run<Omit<EmploymentRow, 'asOf'> & Record<string, unknown>>(w.employmentRow, { person: personId, service: serviceId, from });
        return row;
      });
      return { employment: r.value ? { ...r.value, asOf: ctx.today } : null, errors: r.errors };
    },
    endEmployment: async (_p, { personId, serviceId, to }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const [ended] = await tx.run<{ from: string }>(w.endEmployment, { person: personId, service: serviceId, to });
        if (!ended) throw new RuleViolation([violation('NOT_FOUND', 'personId', `${personId} has no employment at ${serviceId} on ${to}`)]);
        await refreshTies(tx, { employmentOf: [personId], serviceIds: [serviceId] });
        const [row] = await tx.run<Omit<EmploymentRow, 'asOf'> & Record<string, unknown>>(w.employmentRow, { person: personId, service: serviceId, from: ended.from });
        return row;
      });
      return { employment: r.value ? { ...r.value, asOf: ctx.today } : null, errors: r.errors };
    },
    upsertInitiative: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const programme = input.programme ?? null;
        if (programme && PROGRAMMES[programme].kind !== input.kind) {
          throw new RuleViolation([violation('INVALID', 'input.programme', `${programme} is a programme of kind ${PROGRAMMES[programme].kind}, not ${input.kind}`)]);
        }
        if ((await tx.run(w.upsertInitiative, { ...input, programme })).length === 0) throw notFoundError('input.organiserId', 'organisation', input.organiserId);
      });
      return { initiative: r.errors.length ? null : await fresh(ctx.loaders.initiatives.initiative, input.id), errors: r.errors };
    },
    upsertEdition: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        await checkEdition(tx, input);
        if ((await tx.run(w.upsertEdition, { ...input })).length === 0) throw notFoundError('input.initiativeId', 'initiative', input.initiativeId);
      });
      return { edition: r.errors.length ? null : await fresh(ctx.loaders.initiatives.edition, input.id), errors: r.errors };
    },
    upsertSession: async (_p, { input }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        await checkSession(tx, input);
        const [before] = await tx.run<{ host: string | null }>(w.sessionHost, { id: input.id });
        await tx.run(w.upsertSession, { ...input, title: input.title ?? null, capacity: input.capacity ?? null, hostId: input.hostId ?? null });
        await refreshTies(tx, { sessionIds: [input.id], serviceIds: [before?.host, input.hostId].filter((x): x is string => Boolean(x)) });
      });
      return { session: r.errors.length ? null : await fresh(ctx.loaders.initiatives.session, input.id), errors: r.errors };
    },
    registerAttendance: async (_p, { personId, sessionId, role, group }, ctx) => {
      checkGroup(group);
      const r = await mutate(ctx, async (tx) => {
        await checkAttendanceChange(tx, { person: personId, session: sessionId, role, status: 'REGISTERED' });
        await tx.run(w.register, { person: personId, session: sessionId, role, status: null, group: group ?? null });
        await refreshTies(tx, { personIds: [personId], sessionIds: [sessionId] });
        const [row] = await tx.run<AttendanceRow & Record<string, unknown>>(w.attendanceRow, { person: personId, session: sessionId });
        return row;
      });
      return { attendance: r.value ?? null, errors: r.errors };
    },
    markAttendance: async (_p, { personId, sessionId, status, group }, ctx) => {
      checkGroup(group);
      const r = await mutate(ctx, async (tx) => {
        // A status change is checked like the registration it changes (closed edition, double booking, …).
        const state = await AttendanceState.load(tx, [{ person: personId, session: sessionId, role: 'GUEST', status }], { lock: true });
        const current = currentAttendance(state, personId, sessionId);
        if (!current) throw new RuleViolation([violation('NOT_FOUND', 'personId', `${personId} is not registered for ${sessionId}`)]);
        const problems = state.check({ person: personId, session: sessionId, role: current.role, status });
        if (problems.length) throw new RuleViolation(problems);
        await tx.run(w.markAttendance, { person: personId, session: sessionId, status, group: group ?? null });
        await refreshTies(tx, { personIds: [personId], sessionIds: [sessionId] });
        const [row] = await tx.run<AttendanceRow & Record<string, unknown>>(w.attendanceRow, { person: personId, session: sessionId });
        return row;
      });
      return { attendance: r.value ?? null, errors: r.errors };
    },
    cancelAttendance: async (_p, { personId, sessionId }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const [row] = await tx.run<AttendanceRow & Record<string, unknown>>(w.attendanceRow, { person: personId, session: sessionId });
        if (!row) throw new RuleViolation([violation('NOT_FOUND', 'personId', `${personId} is not registered for ${sessionId}`)]);
        const state = await AttendanceState.load(tx, [{ person: personId, session: sessionId, role: row.role, status: row.status }], { lock: true });
        const session = state.sessions.get(sessionId);
        if (session?.closed) throw new RuleViolation([violation('EDITION_CLOSED', 'sessionId', `Edition ${session.edition} is closed (reopenEdition first)`)]);
        await tx.run(w.cancelAttendance, { person: personId, session: sessionId });
        await refreshTies(tx, { personIds: [personId], sessionIds: [sessionId] });
        return row;
      });
      return { attendance: r.value ?? null, errors: r.errors };
    },
    recordImmersion: async (_p, { personId, hostServiceId, editionId, startsAt, endsAt }, ctx) => {
      // Natural key: the same person, host and day make the same immersion, so a retry changes nothing.
      const id = `imm-${crypto.createHash('sha256').update(`${personId}|${hostServiceId}|${startsAt}`).digest('hex').slice(0, 16)}`;
      const r = await mutate(ctx, async (tx) => {
        const [k] = await tx.run<{ kind: string; visitorOrganisation: string | null; hostOrganisation: string | null }>(w.editionKind, {
          edition: editionId,
          person: personId,
          host: hostServiceId,
          startsAt,
        });
        if (!k) throw notFoundError('editionId', 'edition', editionId);
        if (k.kind !== 'IMMERSION') throw new RuleViolation([violation('INVALID', 'editionId', `Edition ${editionId} is not an immersion programme`)]);
        await checkSession(tx, { id, editionId, startsAt, endsAt, capacity: 1, hostId: hostServiceId }, 'immersion');
        await tx.run(w.upsertSession, { id, editionId, title: 'Immersion / Inleefdag', startsAt, endsAt, capacity: 1, hostId: hostServiceId });
        const { existed } = await checkAttendanceChange(tx, { person: personId, session: id, role: 'VISITOR', status: 'PRESENT' });
        if (!existed) await tx.run(w.register, { person: personId, session: id, role: 'VISITOR', status: 'PRESENT', group: null });
        await refreshTies(tx, { personIds: [personId], sessionIds: [id] });
      });
      return { session: r.errors.length ? null : await fresh(ctx.loaders.initiatives.session, id), errors: r.errors };
    },
    closeEdition: async (_p, { id }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        const problems = await validateEdition(tx, id);
        if (problems === null) throw notFoundError('id', 'edition', id);
        if (problems.length) throw new RuleViolation([violation('EDITION_INVALID', 'id', `Edition ${id} breaks ${problems.length} rule(s); see editionValidation`), ...problems]);
        await tx.run(w.closeEdition, { id });
      });
      return { edition: r.errors.length ? null : await fresh(ctx.loaders.initiatives.edition, id), errors: r.errors };
    },
    reopenEdition: async (_p, { id, reason }, ctx) => {
      const r = await mutate(ctx, async (tx) => {
        if (!reason.trim()) throw new RuleViolation([violation('INVALID', 'reason', 'say why the edition is reopened (kept in the audit trail)')]);
        const [row] = await tx.run<{ wasClosed: boolean }>(w.reopenEdition, { id });
        if (!row) throw notFoundError('id', 'edition', id);
        if (!row.wasClosed) throw new RuleViolation([violation('INVALID', 'id', `Edition ${id} is not closed`)]);
        // The trail says who reopened which edition and why; it names no person.
        await recordEditionEvent(tx, { kind: 'reopen', operation: 'reopenEdition', editionId: id, reason: reason.trim() }, ctx.principal);
      });
      return { edition: r.errors.length ? null : await fresh(ctx.loaders.initiatives.edition, id), errors: r.errors };
    },
    // MutationImportCsvArgs: an explicit null skips the schema's defaults.
    importCsv: async (_p, { kind, csv, dryRun, allOrNothing }: MutationImportCsvArgs, ctx) => {
      if (csv.length > 5_000_000) throw badInput('csv', 'is over 5 MB: use `npm run import` for large files');
      let rows;
      try {
        rows = parseCsv(csv);
      } catch (err) {
        throw badInput('csv', `is not valid CSV (${err instanceof Error ? err.message : String(err)})`);
      }
      return importRows(ctx.db, kind, rows, { dryRun: dryRun ?? false, allOrNothing: allOrNothing ?? false, secret: ctx.config.PSEUDONYM_SECRET });
    },
    erasePerson: async (_p, { id }, ctx) => {
      // Reads recorded before now are written first, so that the erasure's scrub reaches them; reads
      // still to be written name the person by the erased marker instead of their pseudonym.
      const takeBack = ctx.audit?.forget(id);
      let erased = false;
      try {
        await ctx.audit?.flush();
        const r = await mutate(ctx, (tx) => erasePersonIn(tx, id, { secret: ctx.config.PSEUDONYM_SECRET, principal: ctx.principal }));
        erased = r.value === true;
        return { erased, errors: r.errors };
      } finally {
        if (!erased) takeBack?.();
      }
    },
  },
};
