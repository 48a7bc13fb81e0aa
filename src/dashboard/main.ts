/// <reference lib="dom" />
/**
 * The zone dashboard: one page that calls the GraphQL API with the key the user gives (a zone key
 * shows its own zone only, as the API enforces), draws the zone's network and its measures, and
 * switches between French and Dutch. State lives in the URL (?zone=&lang=) and the key in localStorage.
 * The tie filter bar (strength slider, evidence chooser, network events, backbone) re-asks every
 * panel with the filter chosen; it starts at the API's documented default, which the first answer
 * reports (`appliedTieFilter`), and the evidence kinds come from the API's schema.
 * Two tabs: the geographic map (geo-view.ts, first) and the force layout of who knows whom (map.ts).
 */
import type { DashboardZoneNetworkQuery, DashboardZoneShapesQuery, TieFilter } from './__generated__/graphql';
import { latestEditions } from './editions';
import { ApiError, request } from './api';
import { el, fill } from './dom';
import { evidenceWord, t, type Lang, type Word } from './i18n';
import { drawMap, type MapEdge, type NetworkMap } from './map';
import { geoMap, geoState, MEASURES, redrawGeo, renderGeo, type Measure } from './geo-view';
import {
  EditionImpact,
  EvidenceKinds,
  LatestEditions,
  ServiceDetail,
  ViewerAndZones,
  ZoneBrokers,
  ZoneChange,
  ZoneCommunities,
  ZoneMixing,
  ZoneNetwork,
  ZoneQuartierFigures,
  ZoneRisks,
  ZoneShapes,
} from './operations';
import { renderBrokers, renderChange, renderFragile, renderImpact, renderLegend, renderMixing, renderService, renderServiceHint } from './panels';
import { colourOf } from '../modules/common/sector-colours';

const KEY_STORAGE = 'bng.dashboard.key';

const params = new URLSearchParams(location.search);
const initialLang: Lang = params.get('lang')?.toUpperCase() === 'NL' ? 'NL' : params.get('lang') ? 'FR' : navigator.language.startsWith('nl') ? 'NL' : 'FR';
const state = {
  key: params.get('key') ?? localStorage.getItem(KEY_STORAGE) ?? '',
  lang: initialLang,
  zone: params.get('zone') ?? '',
  service: null as string | null,
  /** The filter chosen in the bar; null: the API's default (the `ties` argument left out). */
  ties: null as TieFilter | null,
};
/** Every kind of evidence the API knows (TieEvidence), in its order. */
let evidenceKinds: string[] = [];
type AppliedFilter = DashboardZoneNetworkQuery['acquaintances']['appliedTieFilter'];
/** The filter the last answer was computed with. */
let applied: AppliedFilter | null = null;
let map: NetworkMap | null = null;
let edges: MapEdge[] = [];
let names = new Map<string, string>();
/** Bumped on each load: answers of an older load (zone or language switched meanwhile) are dropped. */
let generation = 0;

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function status(text: string, busy = false): void {
  fill('status', text);
  document.body.dataset.state = busy ? 'loading' : text ? 'error' : 'ready';
}

function applyWords(): void {
  document.documentElement.lang = state.lang.toLowerCase();
  document.querySelectorAll<HTMLElement>('[data-word]').forEach((node) => (node.textContent = t(node.dataset.word as Word, state.lang)));
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
  $('min-weight').title = t('minWeightHelp', state.lang);
  document.querySelectorAll<HTMLElement>('[data-evidence-word]').forEach((node) => (node.textContent = evidenceWord(node.dataset.evidenceWord ?? '', state.lang)));
  renderFilterUsed();
  fillMeasures();
}

const checkbox = (id: string) => $(id) as HTMLInputElement;
const slider = () => $('min-weight') as HTMLInputElement;

/** One checkbox per kind of evidence the API knows. */
function renderEvidenceChooser(): void {
  const chosen = new Set(state.ties?.evidence ?? evidenceKinds);
  const box = $('evidence-kinds');
  box.querySelectorAll('label').forEach((l) => l.remove());
  for (const kind of evidenceKinds) {
    const input = el('input', { type: 'checkbox', name: 'evidence', value: kind });
    input.checked = chosen.has(kind);
    box.append(el('label', {}, input, ' ', el('span', { 'data-evidence-word': kind }, evidenceWord(kind, state.lang))));
  }
}

/** The filter the bar says, as the API takes it: only what differs from the default is sent. */
function filterFromBar(): TieFilter | null {
  const evidence = Array.from(document.querySelectorAll<HTMLInputElement>('#evidence-kinds input[name="evidence"]'))
    .filter((i) => i.checked)
    .map((i) => i.value);
  const filter: TieFilter = {};
  const weight = Number(slider().value);
  if (weight !== defaultWeight) filter.minWeight = weight;
  if (evidence.length < evidenceKinds.length) filter.evidence = evidence as NonNullable<TieFilter['evidence']>;
  if (checkbox('no-events').checked) filter.excludeInitiativeKinds = ['NETWORK_EVENT'];
  if (checkbox('backbone').checked) filter.backbone = { model: 'HYPERGEOMETRIC' };
  return Object.keys(filter).length ? filter : null;
}

/** The documented default's minimum weight, as the API reported it with `ties` left out. */
let defaultWeight = Number.NaN;

/** French and Dutch both write a decimal comma. */
const decimal = (x: number, digits = 2) => x.toFixed(digits).replace('.', ',');

function showWeight(): void {
  fill('min-weight-value', decimal(Number(slider().value)));
}

/** What the answers were computed with, in words. */
/** The filter used, in words (also written on the map and its PNG). */
let filterUsedText = '';

function renderFilterUsed(): void {
  if (!applied) return fill('filter-used', '');
  const a = applied;
  const counted = evidenceKinds.filter((k) => (a.evidence as readonly string[]).includes(k));
  const evidence = counted.length === evidenceKinds.length ? t('allEvidence', state.lang) : counted.map((k) => evidenceWord(k, state.lang)).join(', ');
  // French puts a space before a colon, Dutch does not.
  const colon = state.lang === 'FR' ? ' : ' : ': ';
  const parts = [
    `${t('minWeight', state.lang)} ≥ ${decimal(a.minWeight)}`,
    `${t('evidence', state.lang)}${colon}${evidence}`,
    a.excludeInitiativeKinds.includes('NETWORK_EVENT') ? t('networkEventsOut', state.lang) : null,
    a.backbone ? `${t('significantOnly', state.lang)} (α = ${decimal(a.backbone.alpha)})` : null,
  ].filter((p): p is string => p !== null);
  filterUsedText = `${t('filterUsed', state.lang)}${colon}${parts.join(' · ')}${a.isDefault ? ` (${t('byDefault', state.lang)})` : ''}`;
  fill('filter-used', filterUsedText);
  document.body.dataset.filter = JSON.stringify(state.ties);
}

function saveUrl(): void {
  const url = new URL(location.href);
  url.searchParams.delete('key'); // never leave a key in the address bar or history
  url.searchParams.set('zone', state.zone);
  url.searchParams.set('lang', state.lang.toLowerCase());
  history.replaceState(null, '', url);
}

async function start(): Promise<void> {
  applyWords();
  ($('key') as HTMLInputElement).value = state.key;
  renderServiceHint(state.lang);
  if (!state.key) {
    status(t('needKey', state.lang));
    return;
  }
  status(t('loading', state.lang), true);
  const viewer = await request(state.key, ViewerAndZones, { lang: state.lang });
  if (viewer.me.role === 'public') {
    status(t('needKey', state.lang));
    return;
  }
  if (!evidenceKinds.length) {
    evidenceKinds = (await request(state.key, EvidenceKinds, {})).__type?.enumValues?.map((v) => v.name) ?? [];
    renderEvidenceChooser();
  }
  const select = $('zone') as HTMLSelectElement;
  const allowed = viewer.me.zone ? viewer.zones.filter((z) => z.code === viewer.me.zone) : viewer.zones;
  select.replaceChildren(...allowed.map((z) => new Option(z.name, z.code)));
  select.disabled = allowed.length < 2;
  select.title = viewer.me.zone ? t('lockedZone', state.lang) : '';
  if (!allowed.some((z) => z.code === state.zone)) state.zone = allowed[0]?.code ?? '';
  select.value = state.zone;
  await loadZone();
}

async function loadZone(): Promise<void> {
  const mine = ++generation;
  saveUrl();
  status(t('loading', state.lang), true);
  const vars = { zone: state.zone, lang: state.lang, ties: state.ties };
  const [network, mixing, brokers, risks, impacts, shapes, figures, communities, change] = await Promise.all([
    loadNetwork(),
    request(state.key, ZoneMixing, vars),
    request(state.key, ZoneBrokers, vars),
    request(state.key, ZoneRisks, vars),
    loadLatestImpacts(),
    loadShapes(),
    request(state.key, ZoneQuartierFigures, { zone: state.zone, ties: state.ties }),
    request(state.key, ZoneCommunities, { zone: state.zone, ties: state.ties }),
    request(state.key, ZoneChange, { zone: state.zone, ties: state.ties }),
  ]);
  if (mine !== generation) return;
  applied = network.applied;
  if (applied.isDefault) {
    // The bar starts at, and resets to, the default the API documents.
    defaultWeight = applied.minWeight;
    slider().value = String(applied.minWeight);
    showWeight();
  }
  renderFilterUsed();
  names = new Map(network.services.map((s) => [s.id, s.name]));
  edges = network.edges;
  map?.destroy();
  // Services without a tie are listed under the isolates, not drawn: the layout has nowhere meaningful to put them.
  const tied = new Set(edges.flatMap((e) => [e.a, e.b]));
  const drawn = network.services.filter((s) => tied.has(s.id));
  map = drawMap(
    $('map'),
    drawn.map((s) => ({ id: s.id, label: s.name, sector: s.primarySector?.code ?? null })),
    edges,
    (id) => void showService(id),
  );
  fill('map-count', `${network.services.length} ${t('services', state.lang)}, ${edges.length} ${t('ties', state.lang)}`);
  const isolated = network.services.length - drawn.length;
  fill('map-isolates', isolated ? `${isolated} ${t('services', state.lang)} ${t('isolatesOffMap', state.lang)}. ${t('labelsHelp', state.lang)}` : t('labelsHelp', state.lang));
  const sectors = new Map<string, { code: string; name: string; count: number; colour: string }>();
  for (const s of drawn) {
    const code = s.primarySector?.code ?? '';
    const entry = sectors.get(code) ?? { code, name: s.primarySector?.name ?? '–', count: 0, colour: `rgb(${colourOf(code).join(',')})` };
    entry.count += 1;
    sectors.set(code, entry);
  }
  renderLegend(
    [...sectors.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    state.lang,
  );
  if (shapes) renderGeo({ shapes, figures, communities, services: network.services, edges, filterUsed: filterUsedText, lang: state.lang }, (id) => void showService(id));
  renderMixing(mixing, state.lang);
  renderBrokers(brokers, state.lang, (id) => void showService(id));
  renderFragile(risks, state.lang);
  renderImpact(impacts, state.zone, state.lang);
  renderChange(change, state.lang);
  if (state.service && names.has(state.service)) await showService(state.service);
  else renderServiceHint(state.lang);
  status('');
}

/** The zone's quartier shapes, once per zone and language (they do not change with the filter). */
let shapesCache: { key: string; shapes: Promise<DashboardZoneShapesQuery['zone']> } | null = null;
function loadShapes(): Promise<DashboardZoneShapesQuery['zone']> {
  const key = `${state.zone}|${state.lang}`;
  if (shapesCache?.key !== key) {
    const shapes = request(state.key, ZoneShapes, { zone: state.zone, lang: state.lang }).then((r) => r.zone);
    shapesCache = { key, shapes };
    shapes.catch(() => (shapesCache = null));
  }
  return shapesCache.shapes;
}

/** Every tie of the zone, page by page (2,000 each, the most a page of acquaintances gives); the services with the first page only. */
async function loadNetwork() {
  const all: MapEdge[] = [];
  let after: string | null = null;
  let first: DashboardZoneNetworkQuery['acquaintances'] | null = null;
  for (;;) {
    const page: DashboardZoneNetworkQuery['acquaintances'] = (
      await request(state.key, ZoneNetwork, { zone: state.zone, lang: state.lang, after, ties: state.ties, withServices: first === null })
    ).acquaintances;
    first ??= page;
    all.push(...page.nodes.map((n) => ({ a: n.a.id, b: n.b.id, strength: n.strength, count: n.count })));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { services: first.services ?? [], edges: all, applied: first.appliedTieFilter };
    after = page.pageInfo.endCursor;
  }
}

async function loadLatestImpacts() {
  const { initiatives } = await request(state.key, LatestEditions, { lang: state.lang });
  const latest = latestEditions(initiatives, new Date().toISOString().slice(0, 10));
  return Promise.all(latest.map((e) => request(state.key, EditionImpact, { edition: e.id, lang: state.lang, ties: state.ties })));
}

async function showService(id: string): Promise<void> {
  state.service = id;
  map?.select(id);
  const detail = await request(state.key, ServiceDetail, { id, lang: state.lang });
  const ties = edges
    .filter((e) => e.a === id || e.b === id)
    .map((e) => ({ other: names.get(e.a === id ? e.b : e.a) ?? '?', strength: e.strength, count: e.count }))
    .sort((x, y) => (y.strength ?? 0) - (x.strength ?? 0));
  renderService(detail, ties, state.lang);
  document.body.dataset.service = id;
}

const fail = (err: unknown) => status(`${t('error', state.lang)}: ${err instanceof ApiError ? `${err.code} — ${err.message}` : String(err)}`);

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.key = ($('key') as HTMLInputElement).value.trim();
  localStorage.setItem(KEY_STORAGE, state.key);
  start().catch(fail);
});
$('zone').addEventListener('change', () => {
  state.zone = ($('zone') as HTMLSelectElement).value;
  state.service = null;
  geoState.selected = null;
  loadZone().catch(fail);
});
/** Any change in the filter bar asks every panel again. */
function filterChanged(): void {
  if (!state.key || !state.zone) return;
  if (!Array.from(document.querySelectorAll<HTMLInputElement>('#evidence-kinds input')).some((i) => i.checked)) {
    // The API needs at least one kind: the first one stays ticked.
    const first = document.querySelector<HTMLInputElement>('#evidence-kinds input');
    if (first) first.checked = true;
  }
  state.ties = filterFromBar();
  loadZone().catch(fail);
}
slider().addEventListener('input', showWeight);
$('tie-filter').addEventListener('change', filterChanged);
$('tie-filter').addEventListener('submit', (event) => event.preventDefault());
$('filter-reset').addEventListener('click', () => {
  if (Number.isFinite(defaultWeight)) slider().value = String(defaultWeight);
  showWeight();
  document.querySelectorAll<HTMLInputElement>('#tie-filter input[type="checkbox"]').forEach((i) => (i.checked = i.name === 'evidence'));
  filterChanged();
});
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) =>
  button.addEventListener('click', () => {
    state.lang = button.dataset.lang === 'NL' ? 'NL' : 'FR';
    start().catch(fail);
  }),
);

/** The two views: the geographic map first, the force layout second (sigma takes its size when shown). */
function showTab(tab: 'geo' | 'network'): void {
  for (const [name, panel] of [
    ['geo', 'panel-geo'],
    ['network', 'panel-network'],
  ] as const) {
    $(panel).hidden = name !== tab;
    $(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
  }
  document.body.dataset.tab = tab;
  if (tab === 'network' && map) {
    map.renderer.resize();
    map.renderer.refresh();
  }
  if (tab === 'geo') redrawGeo();
}
$('tab-geo').addEventListener('click', () => showTab('geo'));
$('tab-network').addEventListener('click', () => showTab('network'));

/** The measure chooser and the point colouring redraw the map; nothing is asked again. */
const measureSelect = $('measure') as HTMLSelectElement;
function fillMeasures(): void {
  measureSelect.replaceChildren(...MEASURES.map((m) => new Option(t(`m_${m}` as Word, state.lang), m, false, m === geoState.measure)));
}
measureSelect.addEventListener('change', () => {
  geoState.measure = measureSelect.value as Measure;
  redrawGeo();
});
document.querySelectorAll<HTMLInputElement>('input[name="colour-by"]').forEach((input) =>
  input.addEventListener('change', () => {
    geoState.colourBy = input.value === 'community' ? 'community' : 'sector';
    redrawGeo();
  }),
);
/** The map as drawn, with its legend and filter, as a PNG: offered as a download. */
$('map-png').addEventListener('click', () => {
  const drawn = geoMap();
  if (!drawn) return;
  drawn
    .toPng(2)
    .then((url) => {
      const link = $('map-png-link') as HTMLAnchorElement;
      link.href = url;
      link.download = `carte-${state.zone.toLowerCase()}-${geoState.measure}.png`;
      link.hidden = false;
      link.click();
      document.body.dataset.png = 'ready';
    })
    .catch(fail);
});
$('map-print').addEventListener('click', () => window.print());
// The map is drawn to its container's width.
window.addEventListener('resize', () => {
  if (document.body.dataset.tab !== 'network') redrawGeo();
});

/** For end-to-end tests: where a service is drawn on the map, in page pixels. */
declare global {
  interface Window {
    dashboard: { nodePosition(id: string): { x: number; y: number } | null; serviceIds(): string[]; quartierPoint(code: string): { x: number; y: number } | null };
  }
}
window.dashboard = {
  nodePosition(id) {
    const p = map?.positionOf(id);
    if (!p) return null;
    const box = $('map').getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  },
  serviceIds: () => map?.graph.nodes() ?? [],
  quartierPoint: (code) => geoMap()?.quartierPoint(code) ?? null,
};

start().catch(fail);
