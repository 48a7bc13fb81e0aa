/// <reference lib="dom" />
/** The dashboard's panels beside the map: each renders one query's answer. */
import type { DashboardEditionImpactQuery, DashboardServiceQuery, DashboardZoneBrokersQuery, DashboardZoneMixingQuery, DashboardZoneRisksQuery } from './__generated__/graphql';
import { el, fill, fmt } from './dom';
import { t, type Lang } from './i18n';

const MAX_ISOLATES_SHOWN = 12;

type Count = { value: number | null; suppressed: boolean };
const count = (c: Count, lang: Lang) => (c.suppressed ? t('suppressed', lang) : String(c.value ?? 0));

/** Sector × sector heat map: colour = observed / expected (white: none, deep blue: twice or more). */
export function renderMixing(data: DashboardZoneMixingQuery, lang: Lang): void {
  const sectors = [...new Map(data.mixingMatrix.flatMap((c) => [c.sectorA, c.sectorB]).map((s) => [s.code, s.name])).entries()].sort((x, y) => x[1].localeCompare(y[1]));
  const cell = new Map(data.mixingMatrix.flatMap((c) => [[`${c.sectorA.code}|${c.sectorB.code}`, c], [`${c.sectorB.code}|${c.sectorA.code}`, c]] as const));
  // Columns numbered like the rows: sector names are too long for column heads.
  const header = el('tr', {}, el('th', {}), ...sectors.map(([, name], i) => el('th', { scope: 'col', title: name }, i + 1)));
  const rows = sectors.map(([a, name], i) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, `${i + 1}. ${name}`),
      ...sectors.map(([b]) => {
        const c = cell.get(`${a}|${b}`);
        if (!c) return el('td', {}, '');
        const ratio = c.expected > 0 ? c.observed / c.expected : c.observed > 0 ? 2 : 0;
        const shade = Math.round(255 - Math.min(ratio, 2) * 100);
        return el(
          'td',
          { style: `background: rgb(${shade}, ${shade + 20 > 255 ? 255 : shade + 20}, 255)`, title: `${c.observed} ${t('observed', lang)} / ${fmt(c.expected, 1)} ${t('expected', lang)}`, 'data-cell': `${a}|${b}` },
          String(c.observed),
        );
      }),
    ),
  );
  fill('mixing', el('table', { class: 'heat' }, el('thead', {}, header), el('tbody', {}, ...rows)));
  fill(
    'gaps',
    el(
      'ol',
      {},
      ...data.gaps.map((g) => el('li', {}, `${g.sectorA.name} — ${g.sectorB.name}: ${g.observed} ${t('observed', lang)} / ${fmt(g.expected, 1)} ${t('expected', lang)}, ${g.unconnectedServices} ${t('unconnected', lang)}`)),
    ),
  );
}

export function renderBrokers(data: DashboardZoneBrokersQuery, lang: Lang, onService: (id: string) => void): void {
  const link = (s: { id: string; name: string }) => {
    const a = el('button', { type: 'button', class: 'link', 'data-service': s.id }, s.name);
    a.addEventListener('click', () => onService(s.id));
    return a;
  };
  fill(
    'brokers',
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, t('detail', lang)), el('th', {}, t('degree', lang)), el('th', {}, t('betweenness', lang)), el('th', {}, t('constraint', lang)))),
      el('tbody', {}, ...data.brokers.brokers.map((b) => el('tr', {}, el('td', {}, link(b.service)), el('td', {}, b.degree), el('td', {}, fmt(b.betweenness, 3)), el('td', {}, fmt(b.constraint, 2))))),
    ),
  );
  const isolates = data.brokers.isolates;
  const shown = isolates.slice(0, MAX_ISOLATES_SHOWN);
  fill(
    'isolates',
    isolates.length ? el('p', { class: 'help' }, `${isolates.length} / ${data.brokers.serviceCount} ${t('services', lang)}`) : t('none', lang),
    shown.length ? el('ul', {}, ...shown.map((s) => el('li', {}, link(s))), isolates.length > shown.length ? el('li', {}, `+ ${isolates.length - shown.length}`) : null) : null,
  );
}

export function renderFragile(data: DashboardZoneRisksQuery, lang: Lang): void {
  const rows = data.fragileTies.map((r) =>
    el('li', {}, `${r.tie.a.name} — ${r.tie.b.name} (${r.tie.strength ?? t('suppressed', lang)} ${t('encounters', lang)}, ${r.tie.lastMet}; ${t('carriers', lang)} ${count(r.carriersA, lang)} / ${count(r.carriersB, lang)})`),
  );
  // A zone key gets FEW_CARRIERS (under 5 on a side) where an analyst gets FRAGILE (exactly one).
  const help = data.fragileTies.some((r) => r.status === 'FEW_CARRIERS') ? t('fewCarriersHelp', lang) : t('fragileHelp', lang);
  fill('fragile', rows.length ? el('p', { class: 'help' }, help) : null, rows.length ? el('ul', {}, ...rows) : t('none', lang));
}

export function renderImpact(impacts: DashboardEditionImpactQuery[], zone: string, lang: Lang): void {
  const rows = impacts.map(({ initiativeImpact: i }) =>
    el(
      'tr',
      {},
      el('td', {}, i.edition.name),
      el('td', {}, i.newTies),
      el('td', {}, i.newCrossSectorTies),
      el('td', {}, i.newCrossLanguageTies),
      el('td', {}, count(i.participants, lang)),
      el('td', {}, i.reach.find((r) => r.zone.code === zone)?.services ?? 0),
    ),
  );
  const head = ['', 'newTies', 'crossSector', 'crossLanguage', 'participants', 'inZone'] as const;
  fill('impact', el('table', {}, el('thead', {}, el('tr', {}, ...head.map((w) => el('th', {}, w ? t(w, lang) : '')))), el('tbody', {}, ...rows)));
}

export function renderService(data: DashboardServiceQuery, ties: Array<{ other: string; strength: number | null }>, lang: Lang): void {
  const s = data.service;
  if (!s) return fill('service', '');
  const row = (word: Parameters<typeof t>[0], value: string) => el('div', {}, el('dt', {}, t(word, lang)), el('dd', {}, value));
  fill(
    'service',
    el('h3', { id: 'service-name' }, s.name),
    el(
      'dl',
      {},
      row('organisation', s.organisation?.name ?? '–'),
      row('sectors', s.sectors.map((x) => x.name).join(', ')),
      row('place', [s.neighbourhood?.name, s.municipality?.name].filter(Boolean).join(', ')),
      row('language', s.workingLanguage),
      row('staff', count(s.staffCount, lang)),
    ),
    el('h4', {}, `${t('strongest', lang)} (${ties.length} ${t('ties', lang)})`),
    el('ol', { id: 'service-ties' }, ...ties.slice(0, 8).map((x) => el('li', {}, `${x.other} — ${x.strength ?? t('suppressed', lang)} ${t('encounters', lang)}`))),
  );
}
