/**
 * What an edition changed. A tie is new when its first encounter ever (KNOWS firstAt) is the first
 * encounter of the pair at this edition: nothing tied the two services before.
 */
import type { Context } from '../../context';
import { notFound } from '../../errors';
import { computeTies, SESSION_FACTS, type SessionFacts } from './ties';
import type { InitiativeImpactRow } from './model';
import * as q from './queries';

interface Stats {
  sessionIds: string[];
  present: number;
  noShow: number;
  registered: number;
  capacity: number | null;
  registeredWithCapacity: number | null;
  participants: number;
  firstTimers: number;
  hosts: number;
  firstTimeHosts: number;
}

interface PairInfo {
  a: string;
  b: string;
  firstAt: string;
  sectorA: string | null;
  sectorB: string | null;
  languageA: string;
  languageB: string;
}

export async function initiativeImpact(ctx: Context, editionId: string): Promise<InitiativeImpactRow> {
  const opts = { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true };
  const [stats] = await ctx.db.read<Stats & Record<string, unknown>>(q.editionStats, { edition: editionId }, opts);
  if (!stats) {
    if (!(await ctx.loaders.initiatives.edition.load(editionId))) throw notFound('edition', editionId, 'edition');
    return { editionId, newTies: 0, newCrossSectorTies: 0, newCrossLanguageTies: 0, reach: [], participants: 0, firstTimeParticipants: 0, hosts: 0, firstTimeHosts: 0, noShows: 0, shown: 0, registered: 0, capacity: 0 };
  }
  const facts = await ctx.db.read<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: stats.sessionIds }, opts);
  const { knows } = computeTies(facts);
  const pairs = [...knows.values()].map((k) => ({ a: k.a, b: k.b, firstHere: k.firstAt }));
  const info = pairs.length ? await ctx.db.read<PairInfo & Record<string, unknown>>(q.pairsInfo, { pairs: pairs.map(({ a, b }) => ({ a, b })) }, opts) : [];
  const firstHere = new Map(pairs.map((p) => [`${p.a}|${p.b}`, p.firstHere]));
  const fresh = info.filter((i) => i.firstAt === firstHere.get(`${i.a}|${i.b}`));
  const services = new Set<string>();
  for (const f of facts) for (const p of f.present) for (const s of p.services) services.add(s);
  const reach = services.size ? await ctx.db.read<{ zone: string; services: number }>(q.zonesOfServices, { ids: [...services] }, opts) : [];
  const shown = stats.present + stats.noShow;
  return {
    editionId,
    newTies: fresh.length,
    newCrossSectorTies: fresh.filter((i) => i.sectorA !== i.sectorB).length,
    newCrossLanguageTies: fresh.filter((i) => [i.languageA, i.languageB].sort().join() === 'FR,NL').length,
    reach: reach.map((r) => ({ zoneCode: r.zone, services: r.services })),
    participants: stats.participants,
    firstTimeParticipants: stats.firstTimers,
    hosts: stats.hosts,
    firstTimeHosts: stats.firstTimeHosts,
    noShows: stats.noShow,
    shown,
    registered: stats.registeredWithCapacity ?? 0,
    capacity: stats.capacity ?? 0,
  };
}
