/** Who can introduce me: the shortest chain of KNOWS ties, each step named with where they met. */
import type { Context } from '../../context';
import { badInput, notFound } from '../../errors';
import { keyOf } from '../common/ids';
import type { IntroductionPathRow, PathStepRow } from './model';
import * as q from './queries';
import { queryFilter, tieParams, type Scope } from './scope';
import { appliedTieFilter } from './tie-filter';
import type { ServiceRow } from '../directory/model';
import type { ServicePart } from '../directory/projection';

/** A step as the path queries return it (queries.ts `PATH_STEPS`). */
type StepFacts = [initiatives: PathStepRow['initiatives'], firstMet: string, lastMet: string];

/** Orients each step along the chain, whatever the stored direction of the tie; too long a chain is no chain. */
function chain(start: string, row: { steps: StepFacts[] | null; ids: string[] | null } | undefined, maxSteps: number): Omit<IntroductionPathRow, 'appliedTieFilter'> {
  if (!row?.steps || !row.ids || row.steps.length > maxSteps) return { found: false, startId: start, steps: [] };
  const ids = row.ids;
  const steps = row.steps.map(([initiatives, firstMet, lastMet], i) => ({ from: ids[i] as string, to: ids[i + 1] as string, initiatives, firstMet, lastMet }));
  return { found: true, startId: start, steps };
}

export async function introductionPath(
  ctx: Context,
  args: { fromService?: string | null; fromPerson?: string | null; to: string; maxSteps?: number | null },
  filter: Pick<Scope, 'ties' | 'initiatives'>,
  parts: readonly ServicePart[] = [],
): Promise<IntroductionPathRow> {
  const path = await findPath(ctx, args, filter, parts);
  return { ...path, appliedTieFilter: appliedTieFilter(filter.ties) };
}

/** The chain of ties that pass the filter (relationship predicate of shortestPath, queries.ts). */
async function findPath(
  ctx: Context,
  args: { fromService?: string | null; fromPerson?: string | null; to: string; maxSteps?: number | null },
  filter: Pick<Scope, 'ties' | 'initiatives'>,
  parts: readonly ServicePart[],
): Promise<Omit<IntroductionPathRow, 'appliedTieFilter'>> {
  const f = queryFilter({ from: null, to: null, ...filter });
  const maxSteps = args.maxSteps ?? 6;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > 10) throw badInput('maxSteps', 'must be between 1 and 10');
  if (Boolean(args.fromService) === Boolean(args.fromPerson)) throw badInput('fromService', 'give exactly one of fromService and fromPerson');
  const to = keyOf('Service', args.to, 'to');
  const from = args.fromService ? keyOf('Service', args.fromService, 'fromService') : null;
  if (from !== null && from !== to) {
    // The usual question, service to service: checks, chain and the services on it in one statement.
    const [row] = await ctx.db.read<{ fromFound: boolean; toFound: boolean; services: ServiceRow[]; steps: StepFacts[] | null; ids: string[] | null }>(
      q.pathBetweenServices(f)(ctx.loaders.directory.readParts(parts)),
      { ...(await tieParams(ctx, f)), from, to, today: ctx.today },
      { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true },
    );
    if (!row?.toFound) throw notFound('to', args.to, 'service');
    if (!row.fromFound) throw notFound('fromService', args.fromService as string, 'service');
    ctx.loaders.directory.remember(row.services);
    return chain(from, row, maxSteps);
  }
  if (!(await ctx.loaders.directory.serviceById(to))) throw notFound('to', args.to, 'service');
  let start: string | null;
  if (from !== null) {
    if (!(await ctx.loaders.directory.serviceById(from))) throw notFound('fromService', args.fromService as string, 'service');
    start = from;
  } else {
    const person = keyOf('Person', args.fromPerson as string, 'fromPerson');
    if (!(await ctx.loaders.people.person.load(person))) throw notFound('fromPerson', args.fromPerson as string, 'person');
    const [row] = await ctx.db.read<{ id: string }>(q.currentServiceOf, { person, today: ctx.today });
    start = row?.id ?? null;
  }
  if (!start) return { found: false, startId: null, steps: [] };
  if (start === to) return { found: true, startId: start, steps: [] };
  const [row] = await ctx.db.read<{ steps: StepFacts[]; ids: string[] }>(
    q.shortestPath(f),
    { ...(await tieParams(ctx, f)), from: start, to },
    { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true },
  );
  return chain(start, row, maxSteps);
}
