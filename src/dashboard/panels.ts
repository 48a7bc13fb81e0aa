/// <reference lib="dom" />
/** The dashboard's panels beside the map: each renders one query's answer. */
import type {
  DashboardEditionImpactQuery,
  DashboardServiceQuery,
  DashboardZoneBrokersQuery,
  DashboardZoneChangeQuery,
  DashboardZoneMixingQuery,
  DashboardZoneRisksQuery,
} from './__generated__/graphql';
import { el, fill, fmt } from './dom';
import { t, type Lang } from './i18n';
import { lineChart } from './line-chart';

const MAX_ISOLATES_SHOWN = 12;

type Count = { value: number | null; suppressed: boolean };
const count = (c: Count, lang: Lang) => (c.suppressed ? t('suppressed', lang) : String(c.value ?? 0));

/** Stop words left out of a sector's abbreviation (FR and NL). */
const SMALL_WORDS = new Set(['à', 'a', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'en', 'van', 'voor', 'en', 'het', 'de']);

/**
 * Short column heads for the sectors (initials of the name's words: "Santé mentale" → SM), unique
 * within the table: a clash takes one more letter of the last word.
 */
export function abbreviations(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const words = name
      .replace(/\(.*?\)/g, ' ')
      .split(/[\s\-–/,]+/)
      .filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()));
    const base = (words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? name).slice(0, 3)).toUpperCase();
    let abbr = base;
    for (let extra = 1; taken.has(abbr); extra++) abbr = `${base}${(words[words.length - 1] ?? name).slice(1, 1 + extra).toLowerCase() || extra}`;
    taken.add(abbr);
    return abbr;
  });
}

/** Sector × sector heat map: colour = observed / expected (white: none, deep blue: twice or more). */
export function renderMixing(data: DashboardZoneMixingQuery, lang: Lang): void {
  const sectors = [...new Map(data.mixingMatrix.flatMap((c) => [c.sectorA, c.sectorB]).map((s) => [s.code, s.name])).entries()].sort((x, y) => x[1].localeCompare(y[1]));
  const cell = new Map(
    data.mixingMatrix.flatMap(
      (c) =>
        [
          [`${c.sectorA.code}|${c.sectorB.code}`, c],
          [`${c.sectorB.code}|${c.sectorA.code}`, c],
        ] as const,
    ),
  );
  // Sector names are too long for column heads: abbreviations, the full name on hover and in the row heads.
  const abbr = abbreviations(sectors.map(([, name]) => name));
  const header = el('tr', {}, el('th', {}), ...sectors.map(([code, name], i) => el('th', { scope: 'col', 'data-sector': code }, el('abbr', { title: name }, abbr[i]))));
  const rows = sectors.map(([a, name], i) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, `${name} `, el('span', { class: 'abbr' }, `(${abbr[i]})`)),
      ...sectors.map(([b]) => {
        const c = cell.get(`${a}|${b}`);
        if (!c) return el('td', {}, '');
        const ratio = c.expected > 0 ? c.observed / c.expected : c.observed > 0 ? 2 : 0;
        const shade = Math.round(255 - Math.min(ratio, 2) * 100);
        return el(
          'td',
          {
            style: `background: rgb(${shade}, ${shade + 20 > 255 ? 255 : shade + 20}, 255)`,
            title: `${name} × ${sectors.find(([code]) => code === b)?.[1] ?? b}: ${c.observed} ${t('observed', lang)} / ${fmt(c.expected, 1)} ${t('expected', lang)}`,
            'data-cell': `${a}|${b}`,
          },
          String(c.observed),
        );
      }),
    ),
  );
  fill(
    'mixing',
    el('p', { class: 'help' }, t('heatHelp', lang)),
    el('div', { class: 'scroll' }, el('table', { class: 'heat' }, el('thead', {}, header), el('tbody', {}, ...rows))),
  );
  fill(
    'gaps',
    el(
      'ol',
      {},
      ...data.gaps.map((g) =>
        el(
          'li',
          {},
          `${g.sectorA.name} — ${g.sectorB.name}: ${g.observed} ${t('observed', lang)} / ${fmt(g.expected, 1)} ${t('expected', lang)}, ${g.unconnectedServices} ${t('unconnected', lang)}`,
        ),
      ),
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
      el(
        'tbody',
        {},
        ...data.brokers.brokers.map((b) =>
          el('tr', {}, el('td', {}, link(b.service)), el('td', {}, b.degree), el('td', {}, fmt(b.betweenness, 3)), el('td', {}, fmt(b.constraint, 2))),
        ),
      ),
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

/** Who carries a tie on one side, in words: "1 personne chez A", "moins de 5 personnes chez B". */
function carriersAt(c: Count, service: string, lang: Lang): string {
  const people = c.suppressed ? t('fewPeople', lang) : `${c.value ?? 0} ${t(c.value === 1 ? 'person' : 'people', lang)}`;
  return `${people} ${t('at', lang)} ${service}`;
}

export function renderFragile(data: DashboardZoneRisksQuery, lang: Lang): void {
  const rows = data.fragileTies.map((r) =>
    el(
      'li',
      { 'data-status': r.status },
      el('strong', {}, `${r.tie.a.name} — ${r.tie.b.name}`),
      el('br', {}),
      `${t('carriedBy', lang)} ${carriersAt(r.carriersA, r.tie.a.name, lang)}, ${carriersAt(r.carriersB, r.tie.b.name, lang)}`,
      el('br', {}),
      el('span', { class: 'help' }, `${r.tie.count ?? t('suppressed', lang)} ${t('encounters', lang)}, ${t('lastMet', lang)} ${r.tie.lastMet}`),
    ),
  );
  // A zone key gets FEW_CARRIERS (under 5 on a side) where an analyst gets FRAGILE (exactly one).
  const help = data.fragileTies.some((r) => r.status === 'FEW_CARRIERS') ? t('fewCarriersHelp', lang) : t('fragileHelp', lang);
  fill('fragile', rows.length ? el('p', { class: 'help' }, help) : null, rows.length ? el('ul', { class: 'fragile' }, ...rows) : t('none', lang));
}

/** The sectors of the map: colour, name and how many of the drawn services are of that sector. */
export function renderLegend(sectors: Array<{ code: string; name: string; count: number; colour: string }>, lang: Lang): void {
  fill(
    'legend',
    el('span', { class: 'help' }, t('legend', lang)),
    ...sectors.map((s) => el('span', { class: 'legend-item', 'data-sector': s.code }, el('span', { class: 'swatch', style: `background: ${s.colour}` }), `${s.name} (${s.count})`)),
  );
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

export function renderService(data: DashboardServiceQuery, ties: Array<{ other: string; strength: number | null; count: number | null }>, lang: Lang): void {
  const s = data.service;
  if (!s) return renderServiceHint(lang);
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
      row('language', s.workingLanguage ?? '–'),
      row('staff', count(s.staffCount, lang)),
    ),
    el('h4', {}, `${t('strongest', lang)} (${ties.length} ${t('ties', lang)})`),
    el('ol', { id: 'service-ties' }, ...ties.slice(0, 8).map((x) => el('li', {}, `${x.other} — ${x.count ?? t('suppressed', lang)} ${t('encounters', lang)}`))),
  );
}

/** The service panel before any click: what to do to fill it. */
export function renderServiceHint(lang: Lang): void {
  fill('service', el('p', { class: 'help hint' }, t('serviceHint', lang)));
}

/** A figure with a decimal comma (French and Dutch both write one); a dash for none. */
const decimal = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits).replace('.', ','));

/** The zone year by year: ties, new and lost ties as lines, then every figure of each year in a table. */
export function renderChange(data: DashboardZoneChangeQuery, lang: Lang): void {
  const years = data.networkChange.years;
  if (!years.length) return fill('change', t('noYears', lang));
  const chart = lineChart({
    title: t('changeChart', lang),
    years: years.map((y) => y.year),
    series: [
      { key: 'ties', label: t('ties', lang), colour: '#123c69', values: years.map((y) => y.ties) },
      { key: 'new', label: t('newTies', lang), colour: '#1a7f37', values: years.map((y) => y.newTies ?? null) },
      { key: 'lost', label: t('lostTies', lang), colour: '#cf222e', values: years.map((y) => y.lostTies ?? null), dashed: true },
    ],
  });
  const head = ['year', 'ties', 'newTies', 'lostTies', 'density', 'eiShort', 'borderShort', 'isolated', 'communities', 'communityEvents'] as const;
  const rows = years.map((y) => {
    const c = y.communities;
    const events = c.continued === null ? '–' : [c.continued, c.split, c.merged, c.new].map((n) => n ?? 0).join(' / ');
    return el(
      'tr',
      { 'data-year': String(y.year) },
      el('th', { scope: 'row' }, y.year),
      el('td', {}, y.ties),
      el('td', {}, y.newTies ?? '–'),
      el('td', {}, y.lostTies ?? '–'),
      el('td', {}, decimal(y.density, 3)),
      el('td', {}, decimal(y.eiIndex)),
      el('td', {}, y.languageBorderShare === null ? '–' : `${Math.round(y.languageBorderShare * 100)} %`),
      el('td', {}, y.isolates),
      el('td', {}, `${c.count} (${decimal(c.modularity)})`),
      el('td', {}, events),
    );
  });
  fill(
    'change',
    el('p', { class: 'help' }, t('changeHelp', lang)),
    el('div', { class: 'chart' }, chart),
    el(
      'div',
      { class: 'scroll' },
      el('table', { class: 'change' }, el('thead', {}, el('tr', {}, ...head.map((w) => el('th', { scope: 'col' }, t(w, lang))))), el('tbody', {}, ...rows)),
    ),
  );
}
