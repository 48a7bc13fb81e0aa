/**
 * Where the next edition should go. From the territory's gaps (all time): the sector pairs to bring
 * together, the services that would host it best (in a gap sector, few ties yet, never hosted this
 * initiative — first-time hosts get priority, as Rézone asks; Rézoneweek hosts must also be mental
 * health services in the Rézone area), and the zones with the most unconnected services.
 * Each comes with its score and the reason in words.
 */
import type { Context } from '../../context';
import type { TerritoryInput, TieFilter } from '../../__generated__/resolvers-types';
import { serviceNeedWeights } from '../territory/geography';
import { gapsByNeed, type NeedDirection } from '../territory/need';
import { badInput, notFound } from '../../errors';
import { keyOf } from '../common/ids';
import { isolates } from './measures/centrality';
import { adjacency } from './measures/graph';
import { gaps } from './measures/mixing';
import type { RecommendationRow } from './model';
import * as q from './queries';
import { loadGraph, parseScope } from './scope';
import { appliedTieFilter } from './tie-filter';

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

export async function recommendations(
  ctx: Context,
  initiativeArg: string,
  territoryArg: TerritoryInput | null | undefined,
  first: number,
  ties?: TieFilter | null,
  need?: { indicator: string; year: number; direction: NeedDirection } | null,
): Promise<RecommendationRow[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
  const initiativeId = keyOf('Initiative', initiativeArg, 'initiative');
  const [info] = await ctx.db.read<{ kind: string; pastHosts: string[]; covers: Array<{ level: string; code: string }> }>(q.initiativeInfo, { id: initiativeId });
  if (!info) throw notFound('initiative', initiativeArg, 'initiative');
  const cover = info.covers[0];
  const territory = territoryArg ?? (cover ? { [cover.level.toLowerCase()]: cover.code } : { region: 'BRU' });
  const scope = await parseScope(ctx, { territory, ties });
  const graph = await loadGraph(ctx, scope);
  const sectorName = async (code: string) => {
    const s = await ctx.loaders.directory.sector.load(code);
    return { fr: s?.nameFr ?? code, nl: s?.nameNl ?? code };
  };
  const out: Array<Omit<RecommendationRow, 'appliedTieFilter'>> = [];

  // With a need weight: the gaps where need is highest (cold data beside warm data, territory/need.ts).
  const weights = need
    ? await serviceNeedWeights(
        ctx.db,
        graph.nodes.map((n) => n.id),
        need,
      )
    : null;
  const topGaps = (weights ? gapsByNeed(graph, gaps(graph), weights) : gaps(graph)).slice(0, first);
  for (const g of topGaps) {
    const [a, b] = await Promise.all([sectorName(g.sectorA), sectorName(g.sectorB)]);
    const needOf = 'need' in g ? (g as { need: number }).need : null;
    out.push({
      kind: 'SECTOR_MIX',
      sectorA: g.sectorA,
      sectorB: g.sectorB,
      score: needOf ?? g.unconnectedServices,
      reasonFr:
        `Les secteurs « ${a.fr} » et « ${b.fr} » ont ${g.observed} lien(s) pour ${fmt(g.expected)} attendu(s) ; ${g.unconnectedServices} services n'ont aucun lien avec l'autre secteur.` +
        (needOf !== null && need ? ` Besoin pondéré (${need.indicator} ${need.year}) : ${fmt(needOf)}.` : ''),
      reasonNl:
        `De sectoren "${a.nl}" en "${b.nl}" hebben ${g.observed} band(en) tegenover ${fmt(g.expected)} verwacht; ${g.unconnectedServices} diensten hebben geen enkele band met de andere sector.` +
        (needOf !== null && need ? ` Gewogen nood (${need.indicator} ${need.year}): ${fmt(needOf)}.` : ''),
    });
  }

  // Hosts: services in the sectors of the worst gaps, weighted by the gap, fewer ties first.
  const { neighbours } = adjacency(graph);
  const gapWeight = new Map<string, number>();
  for (const g of topGaps.slice(0, 3)) {
    gapWeight.set(g.sectorA, Math.max(gapWeight.get(g.sectorA) ?? 0, g.unconnectedServices));
    gapWeight.set(g.sectorB, Math.max(gapWeight.get(g.sectorB) ?? 0, g.unconnectedServices));
  }
  const pastHosts = new Set(info.pastHosts);
  let candidates = graph.nodes.filter((n) => !pastHosts.has(n.id) && (info.kind === 'OPEN_DOOR' || gapWeight.has(n.sector)));
  if (info.kind === 'OPEN_DOOR') {
    const eligible = new Set((await ctx.db.read<{ id: string }>(q.rezoneEligible, { ids: candidates.map((c) => c.id) })).map((r) => r.id));
    candidates = candidates.filter((c) => eligible.has(c.id));
  }
  const hosts = candidates
    .map((n) => ({ n, degree: neighbours.get(n.id)?.size ?? 0, score: (gapWeight.get(n.sector) ?? 1) / (1 + (neighbours.get(n.id)?.size ?? 0)) }))
    .sort((x, y) => y.score - x.score || x.n.id.localeCompare(y.n.id))
    .slice(0, first);
  for (const h of hosts) {
    const s = await sectorName(h.n.sector);
    out.push({
      kind: 'HOST',
      serviceId: h.n.id,
      score: h.score,
      reasonFr: `Service du secteur « ${s.fr} » avec ${h.degree} lien(s), jamais hôte de cette initiative : l'accueillir ouvre ce secteur aux autres.`,
      reasonNl: `Dienst uit de sector "${s.nl}" met ${h.degree} band(en), nog nooit gastheer van dit initiatief: hem laten ontvangen opent die sector voor de anderen.`,
    });
  }

  // Zones: most services without any tie.
  const alone = new Set(isolates(graph));
  const perZone = new Map<string, { total: number; isolated: number }>();
  for (const n of graph.nodes) {
    if (!n.zone) continue;
    const z = perZone.get(n.zone) ?? { total: 0, isolated: 0 };
    z.total += 1;
    if (alone.has(n.id)) z.isolated += 1;
    perZone.set(n.zone, z);
  }
  const zones = [...perZone.entries()]
    .filter(([, z]) => z.isolated > 0)
    .sort(([a, x], [b, y]) => y.isolated - x.isolated || a.localeCompare(b))
    .slice(0, first);
  for (const [zoneCode, z] of zones) {
    out.push({
      kind: 'ZONE',
      zoneCode,
      score: z.isolated,
      reasonFr: `${z.isolated} services sur ${z.total} n'ont encore aucun lien dans cette zone.`,
      reasonNl: `${z.isolated} van de ${z.total} diensten hebben in deze zone nog geen enkele band.`,
    });
  }
  const applied = appliedTieFilter(scope.ties);
  return out.map((r) => ({ ...r, appliedTieFilter: applied }));
}
