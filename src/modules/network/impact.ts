/**
 * What an edition changed. A tie is new when the edition's own encounters that pass the tie filter
 * make a tie that passes it, and the pair's first encounter ever (among those that pass the filter's
 * encounter conditions: with network events left out, a pair that first met at one and then in this
 * intervision group met here first) is the first of them at this edition.
 */
import type { Context } from '../../context';
import { notFound } from '../../errors';
import { computeTies, SESSION_FACTS, summariseEncounters, type SessionFacts } from './ties';
import type { InitiativeImpactRow } from './model';
import * as q from './queries';
import { backboneOf, queryFilter, tieParams, type Scope } from './scope';
import { appliedTieFilter, encounterPasses, passes } from './tie-filter';

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

export async function initiativeImpact(ctx: Context, editionId: string, filter: Pick<Scope, 'ties' | 'initiatives'>): Promise<InitiativeImpactRow> {
  const applied = appliedTieFilter(filter.ties);
  const opts = { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true };
  const [stats] = await ctx.db.read<Stats & Record<string, unknown>>(q.editionStats, { edition: editionId }, opts);
  if (!stats) {
    if (!(await ctx.loaders.initiatives.edition.load(editionId))) throw notFound('edition', editionId, 'edition');
    return {
      appliedTieFilter: applied,
      editionId,
      newTies: 0,
      newCrossSectorTies: 0,
      newCrossLanguageTies: 0,
      reach: [],
      participants: 0,
      firstTimeParticipants: 0,
      hosts: 0,
      firstTimeHosts: 0,
      noShows: 0,
      shown: 0,
      registered: 0,
      capacity: 0,
    };
  }
  const facts = await ctx.db.read<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: stats.sessionIds }, opts);
  const { knows } = computeTies(facts);
  const f = queryFilter({ from: null, to: null, ...filter });
  const backbone = await backboneOf(ctx, f);
  // The edition's own encounters that count, and the ties they make that pass the filter.
  const pairs = [...knows.values()].flatMap((k) => {
    const mine = summariseEncounters(
      k.dates
        .map((day, i) => ({
          day,
          initiative: k.via[i] ?? '',
          personA: k.encounterPeopleA[i] ?? '',
          personB: k.encounterPeopleB[i] ?? '',
          weight: k.weights[i] ?? 0,
          kind: k.kinds[i] ?? 'CO_PRESENCE',
        }))
        .filter((e) => encounterPasses(filter.ties, filter.initiatives, e, backbone === null || backbone.kept.has(`${k.a}|${k.b}`))),
    );
    return mine.strength > 0 && passes(filter.ties, mine) ? [{ a: k.a, b: k.b, firstHere: mine.firstAt }] : [];
  });
  const info = pairs.length
    ? await ctx.db.read<PairInfo & Record<string, unknown>>(q.pairsInfo(f), { pairs: pairs.map(({ a, b }) => ({ a, b })), ...(await tieParams(ctx, f)) }, opts)
    : [];
  const firstHere = new Map(pairs.map((p) => [`${p.a}|${p.b}`, p.firstHere]));
  const fresh = info.filter((i) => i.firstAt === firstHere.get(`${i.a}|${i.b}`));
  const services = new Set<string>();
  for (const f of facts) for (const p of f.present) for (const s of p.services) services.add(s);
  const reach = services.size ? await ctx.db.read<{ zone: string; services: number }>(q.zonesOfServices, { ids: [...services] }, opts) : [];
  const shown = stats.present + stats.noShow;
  return {
    appliedTieFilter: applied,
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
