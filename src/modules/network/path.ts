/** Who can introduce me: the shortest chain of KNOWS ties, each step named with where they met. */
import type { Context } from '../../context';
import { badInput, notFound } from '../../errors';
import { keyOf } from '../common/ids';
import type { IntroductionPathRow, PathStepRow } from './model';
import * as q from './queries';

export async function introductionPath(
  ctx: Context,
  args: { fromService?: string | null; fromPerson?: string | null; to: string; maxSteps?: number | null },
): Promise<IntroductionPathRow> {
  const maxSteps = args.maxSteps ?? 6;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > 10) throw badInput('maxSteps', 'must be between 1 and 10');
  if (Boolean(args.fromService) === Boolean(args.fromPerson)) throw badInput('fromService', 'give exactly one of fromService and fromPerson');
  const to = keyOf('Service', args.to, 'to');
  if (!(await ctx.loaders.directory.service.load(to))) throw notFound('to', args.to, 'service');
  let start: string | null;
  if (args.fromService) {
    start = keyOf('Service', args.fromService, 'fromService');
    if (!(await ctx.loaders.directory.service.load(start))) throw notFound('fromService', args.fromService, 'service');
  } else {
    const person = keyOf('Person', args.fromPerson as string, 'fromPerson');
    if (!(await ctx.loaders.people.person.load(person))) throw notFound('fromPerson', args.fromPerson as string, 'person');
    const [row] = await ctx.db.read<{ id: string }>(q.currentServiceOf, { person, today: ctx.today });
    start = row?.id ?? null;
  }
  if (!start) return { found: false, startId: null, steps: [] };
  if (start === to) return { found: true, startId: start, steps: [] };
  const [row] = await ctx.db.read<{ steps: Array<Omit<PathStepRow, 'from' | 'to'> & { a: string; b: string }>; ids: string[] }>(
    q.shortestPath,
    { from: start, to },
    { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true },
  );
  if (!row || row.steps.length > maxSteps) return { found: false, startId: start, steps: [] };
  // Orient each step along the chain, whatever the stored direction of the tie.
  const steps = row.steps.map((s, i) => ({ from: row.ids[i] as string, to: row.ids[i + 1] as string, initiatives: s.initiatives, firstMet: s.firstMet, lastMet: s.lastMet }));
  return { found: true, startId: start, steps };
}
