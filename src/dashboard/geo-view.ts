/// <reference lib="dom" />
/**
 * The Map tab: the zone's quartiers as a choropleth of the chosen measure, services as points
 * (coloured by sector or by Louvain community), ties under the filter bar's filter as lines, and the
 * quartier panel a click fills. The figures per quartier come from the API (`quartierFigures`, the
 * GEOJSON_QUARTIERS export's computation); this module only draws them (geo-map.ts).
 */
import type { DashboardQuartierFiguresQuery, DashboardZoneCommunitiesQuery, DashboardZoneNetworkQuery, DashboardZoneShapesQuery } from './__generated__/graphql';
import { classify, type ScaleKind } from './classes';
import { el, fill } from './dom';
import { drawGeoMap, type GeoMap, type GeoQuartier, type Swatch } from './geo-map';
import { t, type Lang, type Word } from './i18n';
import type { MapEdge } from './map';
import type { LonLat } from './projection';
import { colourOf } from '../modules/common/sector-colours';

export const MEASURES = ['services', 'tiesInside', 'tiesOutside', 'shareWithoutTie', 'eiIndex', 'languageBorder', 'population', 'income'] as const;
export type Measure = (typeof MEASURES)[number];
const SCALE: Record<Measure, ScaleKind> = {
  services: 'quantile',
  tiesInside: 'quantile',
  tiesOutside: 'quantile',
  shareWithoutTie: 'share',
  eiIndex: 'diverging',
  languageBorder: 'share',
  population: 'quantile',
  income: 'quantile',
};
/** Tableau 10: the first ten communities; the rest share one grey. */
const COMMUNITY_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const OTHER_COMMUNITY = '#6e7781';

type Shapes = NonNullable<DashboardZoneShapesQuery['zone']>;
type Figures = DashboardQuartierFiguresQuery['quartierFigures']['quartiers'][number];
type Service = NonNullable<DashboardZoneNetworkQuery['acquaintances']['services']>[number];

export interface GeoData {
  shapes: Shapes;
  figures: DashboardQuartierFiguresQuery;
  communities: DashboardZoneCommunitiesQuery;
  services: Service[];
  edges: MapEdge[];
  filterUsed: string;
  lang: Lang;
}

export const geoState = {
  measure: 'services' as Measure,
  colourBy: 'sector' as 'sector' | 'community',
  selected: null as string | null,
};
let data: GeoData | null = null;
let drawn: GeoMap | null = null;
let onService: (id: string) => void = () => {};

type Area = { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'MultiPolygon'; coordinates: LonLat[][][] };
const polygonsOf = (geoJson: string): LonLat[][][] => {
  const area = JSON.parse(geoJson) as Area;
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
};

const numberFormat = (lang: Lang, digits: number) => new Intl.NumberFormat(lang === 'FR' ? 'fr-BE' : 'nl-BE', { maximumFractionDigits: digits });

/** How a figure of the measure is written (legend breaks, tooltips, the panel). */
function formatter(measure: Measure, lang: Lang): (v: number) => string {
  if (SCALE[measure] === 'share') return (v) => `${numberFormat(lang, 0).format(v * 100)} %`;
  if (measure === 'eiIndex') return (v) => `${v > 0 ? '+' : ''}${numberFormat(lang, 1).format(v)}`.replace('-', '−');
  if (measure === 'income') return (v) => `${numberFormat(lang, 0).format(v)} €`;
  return (v) => numberFormat(lang, 1).format(v);
}

function valueOf(measure: Measure, q: Shapes['neighbourhoods'][number], f: Figures | undefined): number | null {
  switch (measure) {
    case 'population':
      return q.population?.value ?? null;
    case 'income':
      return q.income?.value ?? null;
    case 'languageBorder':
      return f?.languageBorderShare ?? null;
    default:
      return f ? f[measure] : null;
  }
}

/** The service → community number map (1 for the largest); tied services only. */
function communityOf(c: DashboardZoneCommunitiesQuery): Map<string, number> {
  return new Map(c.communities.communities.flatMap((k) => k.services.map((s) => [s.id, k.index] as const)));
}

export function renderGeo(next: GeoData, showService: (id: string) => void): void {
  data = next;
  onService = showService;
  draw();
}

export function redrawGeo(): void {
  if (data) draw();
}

function draw(): void {
  if (!data) return;
  const { shapes, lang } = data;
  const figures = new Map(data.figures.quartierFigures.quartiers.map((f) => [f.neighbourhood.code, f]));
  const measure = geoState.measure;
  const withShape = shapes.neighbourhoods.filter((q) => q.geometry);
  const quartiers: GeoQuartier[] = withShape.map((q) => ({
    code: q.code,
    name: q.name,
    polygons: polygonsOf(q.geometry!.geoJson),
    inner: q.innerPoint ? [q.innerPoint.lon, q.innerPoint.lat] : null,
    value: valueOf(measure, q, figures.get(q.code)),
  }));
  const classes = classify(
    quartiers.map((q) => q.value),
    SCALE[measure],
  );

  // Points: every service with a place; coloured by sector, or by community (untied: hollow).
  const community = communityOf(data.communities);
  const located = data.services.filter((s) => s.location);
  const byCommunity = geoState.colourBy === 'community';
  const colourOfService = (s: Service): { colour: string; hollow: boolean } => {
    if (!byCommunity) return { colour: `rgb(${colourOf(s.primarySector?.code ?? '').join(',')})`, hollow: false };
    const k = community.get(s.id);
    if (k === undefined) return { colour: '#ffffff', hollow: true };
    return { colour: COMMUNITY_COLOURS[k - 1] ?? OTHER_COMMUNITY, hollow: false };
  };
  const points = located.map((s) => ({ id: s.id, at: [s.location!.lon, s.location!.lat] as const, label: s.name, ...colourOfService(s) }));
  const at = new Map(points.map((p) => [p.id, p.at]));
  const ties = data.edges.flatMap((e) => {
    const [a, b] = [at.get(e.a), at.get(e.b)];
    return a && b ? [[a, b] as const] : [];
  });

  const legend: Swatch[] = [];
  if (!byCommunity) {
    const sectors = new Map<string, Swatch & { count: number }>();
    for (const s of located) {
      const code = s.primarySector?.code ?? '';
      const entry = sectors.get(code) ?? { label: s.primarySector?.name ?? '–', colour: `rgb(${colourOf(code).join(',')})`, count: 0 };
      entry.count += 1;
      sectors.set(code, entry);
    }
    legend.push(...[...sectors.values()].sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)).map((s) => ({ label: `${s.label} (${s.count})`, colour: s.colour })));
  } else {
    const counts = new Map<number, number>();
    for (const s of located) {
      const k = community.get(s.id) ?? 0;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of [...counts].sort(([a], [b]) => a - b))
      if (k >= 1 && k <= COMMUNITY_COLOURS.length) legend.push({ label: `${t('community', lang)} ${k} (${n})`, colour: COMMUNITY_COLOURS[k - 1]! });
    const others = [...counts].filter(([k]) => k > COMMUNITY_COLOURS.length).reduce((s, [, n]) => s + n, 0);
    if (others) legend.push({ label: `${t('otherCommunities', lang)} (${others})`, colour: OTHER_COMMUNITY });
    const untied = counts.get(0) ?? 0;
    if (untied) legend.push({ label: `${t('noTie', lang)} (${untied})`, colour: '#ffffff', hollow: true });
  }

  const source = measure === 'population' || measure === 'income' ? withShape.map((q) => q[measure]?.source).find((s) => s) : undefined;
  // The indicator's source by its publisher's words up to the first comma (the panel gives it whole).
  const attribution = [withShape.find((q) => q.geometry)?.geometry?.attribution ?? '', source?.split(/[,(]/)[0]?.trim()].filter(Boolean).join('; ');
  const measureTitle = t(`m_${measure}` as Word, lang);
  const format = formatter(measure, lang);
  drawn = drawGeoMap(
    document.getElementById('geo-map')!,
    {
      title: `${t('mapOf', lang)} — ${shapes.name} — ${measureTitle}`,
      quartiers,
      classes,
      measureTitle,
      formatBreak: format,
      noDataLabel: t('noData', lang),
      points,
      pointsTitle: t(byCommunity ? 'pointsByCommunity' : 'pointsBySector', lang),
      pointLegend: legend,
      ties,
      tiesLabel: `${t('tiesDrawn', lang)} (${ties.length})`,
      filterUsed: data.filterUsed,
      attribution,
      selected: geoState.selected,
    },
    selectQuartier,
  );
  document.getElementById('geo-map')!.dataset.measure = measure;
  document.getElementById('geo-map')!.dataset.colourBy = geoState.colourBy;
  renderQuartier();
}

function selectQuartier(code: string): void {
  geoState.selected = code;
  draw();
}

/** The quartier panel: its figures (as the map has them) and its services. */
function renderQuartier(): void {
  if (!data) return;
  const { lang } = data;
  const q = data.shapes.neighbourhoods.find((n) => n.code === geoState.selected);
  if (!q) return fill('quartier', el('p', { class: 'help hint' }, t('quartierHint', lang)));
  const f = data.figures.quartierFigures.quartiers.find((x) => x.neighbourhood.code === q.code);
  const n = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '–' : numberFormat(lang, digits).format(v));
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${numberFormat(lang, 0).format(v * 100)} %`);
  // French puts a space before a colon, Dutch does not.
  const colon = lang === 'FR' ? ' : ' : ': ';
  const cold = (v: { value?: number | null; year: number; source: string } | null | undefined, unit = '') =>
    v ? `${v.value === null || v.value === undefined ? t('missing', lang) : `${n(v.value)}${unit}`} (${t('source', lang)}${colon}${v.source}, ${v.year})` : '–';
  const row = (key: string, word: Word, value: string) => el('div', { 'data-figure': key }, el('dt', {}, t(word, lang)), el('dd', {}, value));
  const services = data.services.filter((s) => s.neighbourhood?.code === q.code).sort((a, b) => a.name.localeCompare(b.name));
  const link = (s: Service) => {
    const b = el('button', { type: 'button', class: 'link', 'data-service': s.id }, s.name);
    b.addEventListener('click', () => onService(s.id));
    return b;
  };
  fill(
    'quartier',
    el('h3', { id: 'quartier-name', 'data-code': q.code }, `${q.name} (${q.code})`),
    el(
      'dl',
      {},
      row('services', 'f_services', n(f?.services)),
      row('servicesWithoutTie', 'f_withoutTie', f ? `${n(f.servicesWithoutTie)} (${pct(f.shareWithoutTie)})` : '–'),
      row('tiesInside', 'f_tiesInside', n(f?.tiesInside)),
      row('tiesOutside', 'f_tiesOutside', n(f?.tiesOutside)),
      row('eiIndex', 'f_eiIndex', f?.eiIndex === null || f?.eiIndex === undefined ? '–' : formatter('eiIndex', lang)(f.eiIndex)),
      row('languageBorder', 'f_border', f ? `${n(f.crossBorderTies)} (${pct(f.languageBorderShare)})` : '–'),
      row('population', 'f_population', cold(q.population)),
      row('income', 'f_income', cold(q.income, ' €')),
    ),
    el('h4', {}, `${t('quartierServices', lang)} (${services.length})`),
    services.length ? el('ul', { id: 'quartier-services' }, ...services.map((s) => el('li', {}, link(s)))) : el('p', {}, t('none', lang)),
  );
}

/** For tests and the PNG button. */
export const geoMap = (): GeoMap | null => drawn;
