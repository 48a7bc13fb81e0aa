/// <reference lib="dom" />
/**
 * The zone dashboard in a real browser (Debian chromium driven by playwright-core) on the demo graph
 * (seed 42), over HTTP with real API keys: a zone key sees its zone only; the map, heat map, gaps,
 * brokers and edition impact show what the API answers; FR/NL switches; clicking a service on the
 * map shows it; an analyst key switches zones; the tie filter bar (strength slider, evidence
 * chooser built from the API's TieEvidence, network events, backbone) starts at the documented
 * default and re-asks every panel; nothing is fetched from outside. The first tab is the
 * geographic map: one path per quartier, a choropleth of the measure chosen, the quartier panel a
 * click fills, points by sector or community, ties under the filter, a PNG with its legend.
 * Screenshots go to tests/artifacts/. GraphiQL's page is tested in graphiql-browser.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/access/api-keys';
import { DEFAULT_TIE_FILTER } from '../../src/modules/network/tie-filter';
import { testDb } from '../helpers/db';
import type { TestApi } from '../helpers/api';
import { ARTIFACTS, pixelsOf, useDemoBrowserRig } from '../helpers/browser';

let browser: Browser;
let api: TestApi;
let base = '';
const keys: Record<'SUD' | 'NORD' | 'analyst', string> = { SUD: '', NORD: '', analyst: '' };

useDemoBrowserRig(async (rig) => {
  ({ browser, base, api } = rig);
  keys.SUD = (await createApiKey(testDb(), 'zone', { zone: 'SUD', label: 'dashboard test' })).key;
  keys.NORD = (await createApiKey(testDb(), 'zone', { zone: 'NORD', label: 'dashboard test' })).key;
  keys.analyst = (await createApiKey(testDb(), 'analyst', { label: 'dashboard test' })).key;
});

/** What the API itself says about a zone (as an analyst, in process): the figures the page must show. */
async function zoneFacts(zone: string) {
  const res = await api.run<{ acquaintances: { totalCount: number; services: Array<{ id: string }> }; brokers: { brokers: unknown[]; isolates: unknown[] }; gaps: unknown[] }>(
    `query ($zone: String!) { acquaintances(territory: { zone: $zone }, first: 1) { totalCount services { id } } brokers(territory: { zone: $zone }, first: 10) { brokers { degree } isolates { id } } gaps(territory: { zone: $zone }, first: 8) { observed } }`,
    { zone },
  );
  return res.data!;
}

/** A page that may only talk to our server: any other request is refused and remembered. */
async function openPage(query: string): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(`${base}/dashboard?${query}`);
  await ready(page);
  return { page, outside, errors };
}

const ready = (page: Page) => page.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout: 90_000 });
const text = async (page: Page, selector: string) => (await page.textContent(selector))?.trim() ?? '';

it('a SUD zone key: its zone only, every panel filled, FR/NL switch, a click on the map shows the service', async () => {
  const { page, outside, errors } = await openPage(`key=${keys.SUD}&zone=NORD&lang=fr`);
  expect(await text(page, '#status')).toBe('');
  // Asked for NORD in the address, but the key holds SUD: the only zone offered, the select locked.
  expect(await page.$$eval('#zone option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['SUD']);
  expect(await page.isDisabled('#zone')).toBe(true);
  expect(page.url()).not.toContain('key='); // the key never stays in the address bar

  const sud = await zoneFacts('SUD');
  expect(await text(page, '#map-count')).toBe(`${sud.acquaintances.services.length} services, ${sud.acquaintances.totalCount} liens`);
  expect(await page.$$eval('#brokers tbody tr', (rows) => rows.length)).toBe(sud.brokers.brokers.length);
  expect(await page.$$eval('#gaps li', (rows) => rows.length)).toBe(sud.gaps.length);
  expect(await page.$$eval('.heat td[data-cell]', (cells) => cells.length)).toBeGreaterThan(0);
  expect(await page.$$eval('#impact tbody tr', (rows) => rows.length)).toBe(3); // the three latest editions
  // The zone year by year: the chart's three lines, and one table row per year as the API gives them.
  const change = await api.run<{ networkChange: { years: Array<{ year: number; ties: number }> } }>('{ networkChange(territory: { zone: "SUD" }) { years { year ties } } }');
  const years = change.data!.networkChange.years;
  expect(years.length).toBeGreaterThan(1);
  expect(await page.$$eval('#change svg path.series', (paths) => paths.map((p) => p.getAttribute('data-series')))).toEqual(['ties', 'new', 'lost']);
  expect(await page.$$eval('#change svg circle[data-series="ties"]', (dots) => dots.length)).toBe(years.length);
  expect(await page.$$eval('#change tbody tr', (rows) => rows.map((r) => [Number(r.children[0]?.textContent), Number(r.children[1]?.textContent)]))).toEqual(
    years.map((y) => [y.year, y.ties]),
  );
  expect(await text(page, 'h1')).toBe('Tableau de bord de zone');
  // Read without help: a hint in the empty service panel, a sector legend, named heat-map columns,
  // fragile ties in words, isolates listed rather than drawn.
  expect(await text(page, '#service .hint')).toContain('Cliquez sur un service');
  const legend = await page.$$eval('#legend .legend-item', (items) => items.map((i) => i.textContent));
  expect(legend.length).toBeGreaterThan(1);
  expect(legend.every((l) => /\(\d+\)$/.test(l))).toBe(true);
  const heads = await page.$$eval('.heat thead abbr', (abbrs) => abbrs.map((a): [string, string] => [a.textContent, a.getAttribute('title') ?? '']));
  expect(heads.length).toBeGreaterThan(1);
  expect(heads.every(([abbr, title]) => abbr.length > 0 && abbr.length <= 4 && title.length > abbr.length)).toBe(true);
  expect(new Set(heads.map(([abbr]) => abbr)).size).toBe(heads.length);
  const fragile = await page.$$eval('ul.fragile li', (rows) => rows.map((r) => r.textContent));
  expect(fragile.length).toBeGreaterThan(0);
  expect(fragile.every((r) => /porté par (\d+ personnes?|moins de 5 personnes) chez .+, (\d+ personnes?|moins de 5 personnes) chez /.test(r))).toBe(true);
  const drawn = await page.evaluate(() => window.dashboard.serviceIds().length);
  expect(drawn).toBe(sud.acquaintances.services.length - sud.brokers.isolates.length);
  expect(await text(page, '#map-isolates')).toContain(`${sud.brokers.isolates.length} services sans lien`);

  await page.click('button[data-lang="NL"]');
  await page.waitForFunction(() => document.documentElement.lang === 'nl' && document.body.dataset.state === 'ready', null, { timeout: 90_000 });
  expect(await text(page, 'h1')).toBe('Zonedashboard');
  expect(await text(page, '#map-count')).toContain('diensten');

  // Click the best-connected service where sigma drew it (on the second tab).
  await page.click('#tab-network');
  const [first] = await page.evaluate(() => window.dashboard.serviceIds());
  const brokerId = await page.getAttribute('#brokers tbody tr:first-child [data-service]', 'data-service');
  const target = brokerId ?? first!;
  const at = await page.evaluate((id) => window.dashboard.nodePosition(id), target);
  expect(at).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await page.waitForFunction((id) => document.body.dataset.service === id, target, { timeout: 30_000 });
  const detail = await api.run<{ service: { nameNl: string } }>('query ($id: ID!) { service(id: $id) { nameNl } }', { id: target });
  await page.waitForFunction((name) => document.getElementById('service-name')?.textContent === name, detail.data!.service.nameNl, { timeout: 30_000 });
  const degree = await page.$eval('#brokers tbody tr:first-child td:nth-child(2)', (td) => Number(td.textContent));
  expect(await text(page, '#service h4')).toContain(`(${degree} banden)`); // the ties listed are the service's degree
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-sud-nl.png'), fullPage: true });

  // The map is drawn: the pixel under the clicked node is not the white background.
  const shot = await page.screenshot({ clip: { x: at!.x - 2, y: at!.y - 2, width: 5, height: 5 } });
  const [centre] = await pixelsOf(page, shot, [[2, 2]]);
  expect(centre).not.toEqual([255, 255, 255]);

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}, 240_000);

/** What the API says about SUD's quartiers (as an analyst, in process): what the map must draw. */
async function sudQuartiers(ties = '') {
  const res = await api.run<{
    zone: { neighbourhoods: Array<{ code: string; geometry: { attribution: string } | null; population: { value: number | null } | null }> };
    quartierFigures: { quartiers: Array<{ neighbourhood: { code: string }; services: number; servicesWithoutTie: number; tiesInside: number; tiesOutside: number }> };
    acquaintances: { totalCount: number; services: Array<{ id: string; location: { lon: number } | null }> };
    communities: { communities: Array<{ index: number; services: Array<{ id: string }> }> };
  }>(
    `{ zone(code: "SUD") { neighbourhoods { code geometry { attribution } population: indicator(name: "population", year: 2019) { value } } }
       quartierFigures(territory: { zone: "SUD" }${ties}) { quartiers { neighbourhood { code } services servicesWithoutTie tiesInside tiesOutside } }
       acquaintances(territory: { zone: "SUD" }, first: 1${ties}) { totalCount services { id location { lon } } }
       communities(territory: { zone: "SUD" }${ties}) { communities(first: 30) { index services(first: 500) { id } } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const fills = (page: Page) => page.$$eval('#geo-map path.quartier', (ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-code') ?? '', p.getAttribute('fill') ?? ''])));
const pointFills = (page: Page) =>
  page.$$eval('#geo-map circle.service', (cs) => Object.fromEntries(cs.map((c) => [c.getAttribute('data-service') ?? '', c.getAttribute('fill') ?? ''])));

it('the Map tab, with a SUD zone key: a path per quartier, the choropleth follows the measure, a click fills the quartier panel, points by community, a PNG', async () => {
  const { page, outside, errors } = await openPage(`key=${keys.SUD}&zone=SUD&lang=fr`);
  expect(await page.getAttribute('#tab-geo', 'aria-selected')).toBe('true'); // the first tab
  expect(await page.isVisible('#geo-map svg')).toBe(true);
  expect(await page.isVisible('#map')).toBe(false);
  const sud = await sudQuartiers();

  // One path per quartier of the zone, as the API has them; every figure of the default measure (services) as the API counts it.
  const shaped = sud.zone.neighbourhoods
    .filter((n) => n.geometry)
    .map((n) => n.code)
    .sort();
  expect(shaped.length).toBeGreaterThan(10);
  const drawnCodes = await page.$$eval('#geo-map path.quartier', (ps) => ps.map((p) => p.getAttribute('data-code') ?? ''));
  expect(drawnCodes.sort()).toEqual(shaped);
  expect(sud.quartierFigures.quartiers.map((q) => q.neighbourhood.code).sort()).toEqual(shaped);
  const values = await page.$$eval('#geo-map path.quartier', (ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-code') ?? '', Number(p.getAttribute('data-value'))])));
  expect(values).toEqual(Object.fromEntries(sud.quartierFigures.quartiers.map((q) => [q.neighbourhood.code, q.services])));
  // Points: every service with a place; lines: every tie under the default filter.
  const located = sud.acquaintances.services.filter((s) => s.location).length;
  expect(await page.$$eval('#geo-map circle.service', (cs) => cs.length)).toBe(located);
  expect(await page.$$eval('#geo-map line.tie', (ls) => ls.length)).toBe(sud.acquaintances.totalCount);
  // Legend, scale bar, attribution and the filter used, on the figure itself.
  expect(await page.$$eval('#geo-map rect.legend-class', (rs) => rs.length)).toBeGreaterThan(1);
  expect(Number(await page.getAttribute('#geo-map g.scale-bar', 'data-metres'))).toBeGreaterThan(0);
  const attribution = await page.$eval('#geo-map g.attribution', (g) => g.textContent);
  expect(attribution).toContain('UrbIS © CIRB/SPRB');
  expect(attribution).toContain('IBSA');
  expect(
    await page.$eval('#geo-map svg', (svg) =>
      Array.from(svg.querySelectorAll('.legend-filter'))
        .map((t) => t.textContent)
        .join(' '),
    ),
  ).toContain('Filtre appliqué');

  // Another measure, another choropleth: population (cold data, its source added to the attribution).
  const byServices = await fills(page);
  await page.selectOption('#measure', 'population');
  await page.waitForFunction(() => document.getElementById('geo-map')?.dataset.measure === 'population', null, { timeout: 30_000 });
  const byPopulation = await fills(page);
  expect(byPopulation).not.toEqual(byServices);
  const population = await page.$$eval('#geo-map path.quartier', (ps) =>
    Object.fromEntries(ps.map((p) => [p.getAttribute('data-code') ?? '', p.getAttribute('data-value') === '' ? null : Number(p.getAttribute('data-value'))])),
  );
  expect(population).toEqual(Object.fromEntries(sud.zone.neighbourhoods.filter((n) => n.geometry).map((n) => [n.code, n.population?.value ?? null])));
  expect(await page.$eval('#geo-map g.attribution', (g) => g.textContent)).toContain('Statbel');
  await page.selectOption('#measure', 'eiIndex');
  await page.waitForFunction(() => document.getElementById('geo-map')?.dataset.measure === 'eiIndex', null, { timeout: 30_000 });
  expect(await fills(page)).not.toEqual(byPopulation);

  // A click on the quartier with most services fills the panel with its figures and its services.
  const target = [...sud.quartierFigures.quartiers].sort((a, b) => b.services - a.services)[0]!;
  const at = await page.evaluate((code) => window.dashboard.quartierPoint(code), target.neighbourhood.code);
  expect(at).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await page.waitForFunction((code) => document.getElementById('quartier-name')?.dataset.code === code, target.neighbourhood.code, { timeout: 30_000 });
  expect(await text(page, '[data-figure="services"] dd')).toBe(String(target.services));
  expect(await text(page, '[data-figure="servicesWithoutTie"] dd')).toMatch(new RegExp(`^${target.servicesWithoutTie} \\(\\d+ %\\)$`));
  expect(await text(page, '[data-figure="tiesInside"] dd')).toBe(String(target.tiesInside));
  expect(await text(page, '[data-figure="tiesOutside"] dd')).toBe(String(target.tiesOutside));
  expect(await text(page, '[data-figure="population"] dd')).toContain('2019');
  expect(await page.$$eval('#quartier-services li', (li) => li.length)).toBe(target.services);
  expect(await page.getAttribute(`#geo-map path.quartier[data-code="${target.neighbourhood.code}"]`, 'stroke')).toBe('#d00000');
  // A service of the list opens its card.
  const serviceId = await page.getAttribute('#quartier-services button', 'data-service');
  await page.click('#quartier-services button');
  await page.waitForFunction((id) => document.body.dataset.service === id, serviceId, { timeout: 30_000 });

  // Colour by community: the points take the communities' colours; services of one community share one.
  const bySector = await pointFills(page);
  await page.check('input[name="colour-by"][value="community"]');
  await page.waitForFunction(() => document.getElementById('geo-map')?.dataset.colourBy === 'community', null, { timeout: 30_000 });
  const byCommunity = await pointFills(page);
  expect(byCommunity).not.toEqual(bySector);
  const largest = sud.communities.communities.find((c) => c.index === 1)!;
  expect(new Set(largest.services.map((s) => byCommunity[s.id])).size).toBe(1);
  expect(await page.$eval('#geo-map g.legend', (g) => g.textContent)).toContain('Communauté 1');

  // The PNG: the figure with its legend and filter, twice its size on screen.
  await page.click('#map-png');
  await page.waitForFunction(() => document.body.dataset.png === 'ready', null, { timeout: 30_000 });
  const href = (await page.getAttribute('#map-png-link', 'href')) ?? '';
  expect(href.startsWith('data:image/png;base64,')).toBe(true);
  const png = Buffer.from(href.slice('data:image/png;base64,'.length), 'base64');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(20_000);
  const svgSize = await page.$eval('#geo-map svg', (svg) => [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))]);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(svgSize.map((v) => v * 2)); // IHDR width, height
  fs.writeFileSync(path.join(ARTIFACTS, 'dashboard-map-sud.png'), png);

  // The filter bar drives the map: every tie (slider to 0), the figures as the API gives them under it.
  await page.focus('#min-weight');
  await page.keyboard.press('Home');
  const every = await sudQuartiers(', ties: { minWeight: 0 }');
  await showsTies(page, every.acquaintances.totalCount);
  expect(await page.$$eval('#geo-map line.tie', (ls) => ls.length)).toBe(every.acquaintances.totalCount);
  await page.selectOption('#measure', 'tiesInside');
  await page.waitForFunction(() => document.getElementById('geo-map')?.dataset.measure === 'tiesInside', null, { timeout: 30_000 });
  const inside = await page.$$eval('#geo-map path.quartier', (ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-code') ?? '', Number(p.getAttribute('data-value'))])));
  expect(inside).toEqual(Object.fromEntries(every.quartierFigures.quartiers.map((q) => [q.neighbourhood.code, q.tiesInside])));
  expect(
    await page.$eval('#geo-map svg', (svg) =>
      Array.from(svg.querySelectorAll('.legend-filter'))
        .map((t) => t.textContent)
        .join(' '),
    ),
  ).toContain('Force minimale ≥ 0,00');

  // In Dutch.
  await page.click('button[data-lang="NL"]');
  await page.waitForFunction(() => document.documentElement.lang === 'nl' && document.body.dataset.state === 'ready', null, { timeout: 90_000 });
  expect(await text(page, '#tab-geo')).toBe('Kaart');
  expect(await page.$eval('#measure', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toBe('Banden binnen de wijk (aantal)');
  expect(await page.$eval('#geo-map g.legend', (g) => g.textContent)).toContain('Gemeenschap 1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-map-sud-nl.png'), fullPage: true });

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);

/** What the API says about SUD under a tie filter (`, ties: {…}` or ''), as an analyst in process. */
async function sudUnder(ties: string) {
  const t = `territory: { zone: "SUD" }${ties}`;
  const res = await api.run<{ acquaintances: { totalCount: number }; gaps: unknown[]; brokers: { brokers: Array<{ degree: number }> } }>(
    `{ acquaintances(${t}, first: 1) { totalCount } gaps(${t}, first: 8) { observed } brokers(${t}, first: 10) { brokers { degree } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** Waits for the page to show a zone's network of this many ties, every panel answered. */
const showsTies = (page: Page, ties: number, word = 'liens') =>
  page.waitForFunction(
    ([n, w]) => document.body.dataset.state === 'ready' && (document.getElementById('map-count')?.textContent ?? '').endsWith(`, ${n} ${w}`),
    [ties, word] as const,
    { timeout: 120_000 },
  );

it('the tie filter bar, with a SUD zone key: the default first, every panel re-asked with the filter chosen, in FR and NL', async () => {
  const { page, outside, errors } = await openPage(`key=${keys.SUD}&zone=SUD&lang=fr`);
  // The documented default (tie-filter.ts), as the API reports it.
  expect(Number(await page.inputValue('#min-weight'))).toBe(DEFAULT_TIE_FILTER.minWeight);
  expect(await text(page, '#min-weight-value')).toBe(DEFAULT_TIE_FILTER.minWeight.toFixed(2).replace('.', ','));
  expect(await text(page, '#filter-used')).toContain('(par défaut)');
  // One checkbox per kind of evidence the API's schema knows, all ticked.
  const kinds = (await api.run<{ __type: { enumValues: Array<{ name: string }> } }>('{ __type(name: "TieEvidence") { enumValues { name } } }')).data!.__type.enumValues.map(
    (v) => v.name,
  );
  expect(kinds).toEqual(expect.arrayContaining(['CO_PRESENCE', 'VISIT']));
  expect(await page.$$eval('#evidence-kinds input', (inputs) => inputs.map((i) => [(i as HTMLInputElement).value, (i as HTMLInputElement).checked]))).toEqual(
    kinds.map((k) => [k, true]),
  );
  expect(await page.$$eval('#evidence-kinds label', (labels) => labels.map((l) => l.textContent.trim()))).toEqual(expect.arrayContaining(['co-présence', 'visites']));
  const byDefault = await sudUnder('');
  await showsTies(page, byDefault.acquaintances.totalCount);

  // The slider to its lowest (keyboard Home): every tie, whatever its weight.
  await page.focus('#min-weight');
  await page.keyboard.press('Home');
  const every = await sudUnder(', ties: { minWeight: 0 }');
  expect(every.acquaintances.totalCount).toBeGreaterThan(byDefault.acquaintances.totalCount);
  await showsTies(page, every.acquaintances.totalCount);
  expect(await text(page, '#min-weight-value')).toBe('0,00');
  expect(await text(page, '#filter-used')).toContain('Force minimale ≥ 0,00');
  expect(await text(page, '#filter-used')).not.toContain('par défaut');
  // Every panel answered under the same filter.
  expect(await page.$$eval('#gaps li', (rows) => rows.length)).toBe(every.gaps.length);
  expect(await page.$$eval('#brokers tbody td:nth-child(2)', (tds) => tds.map((td) => Number(td.textContent)))).toEqual(every.brokers.brokers.map((b) => b.degree));

  // Network events left out.
  await page.check('#no-events');
  const noEvents = await sudUnder(', ties: { minWeight: 0, excludeInitiativeKinds: [NETWORK_EVENT] }');
  expect(noEvents.acquaintances.totalCount).toBeLessThan(every.acquaintances.totalCount);
  await showsTies(page, noEvents.acquaintances.totalCount);
  expect(await text(page, '#filter-used')).toContain('événements de réseau exclus');
  expect(await page.$$eval('#brokers tbody td:nth-child(2)', (tds) => tds.map((td) => Number(td.textContent)))).toEqual(noEvents.brokers.brokers.map((b) => b.degree));

  // Visits unticked: co-presence (and any other kind) only.
  await page.uncheck('#evidence-kinds input[value="VISIT"]');
  const rest = kinds.filter((k) => k !== 'VISIT');
  const noVisits = await sudUnder(`, ties: { minWeight: 0, excludeInitiativeKinds: [NETWORK_EVENT], evidence: [${rest.join(', ')}] }`);
  expect(noVisits.acquaintances.totalCount).toBeLessThan(noEvents.acquaintances.totalCount);
  await showsTies(page, noVisits.acquaintances.totalCount);

  // In Dutch the bar speaks Dutch and the filter stays.
  await page.click('button[data-lang="NL"]');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: 30_000 });
  await showsTies(page, noVisits.acquaintances.totalCount, 'banden');
  expect(await text(page, '#filter-used')).toContain('Toegepaste filter');
  expect(await text(page, '#filter-used')).toContain('netwerkevenementen uitgesloten');
  expect(await page.$$eval('#evidence-kinds label', (labels) => labels.map((l) => l.textContent.trim()))).toEqual(expect.arrayContaining(['samen aanwezig', 'bezoeken']));
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-filter-nl.png'), fullPage: true });

  // Significant ties only (the hypergeometric backbone), then back to the default.
  await page.check('#backbone');
  const significant = await sudUnder(`, ties: { minWeight: 0, excludeInitiativeKinds: [NETWORK_EVENT], evidence: [${rest.join(', ')}], backbone: { model: HYPERGEOMETRIC } }`);
  expect(significant.acquaintances.totalCount).toBeLessThan(noVisits.acquaintances.totalCount);
  await showsTies(page, significant.acquaintances.totalCount, 'banden');
  expect(await text(page, '#filter-used')).toContain('significante banden (α = 0,05)');
  await page.click('#filter-reset');
  await showsTies(page, byDefault.acquaintances.totalCount, 'banden');
  expect(await text(page, '#filter-used')).toContain('(standaard)');
  expect(await page.$$eval('#tie-filter input[type="checkbox"]:checked', (inputs) => inputs.length)).toBe(kinds.length);

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);

it('an analyst key switches zones; another zone key shows its own zone', async () => {
  const { page, outside } = await openPage(`key=${keys.analyst}&zone=SUD&lang=fr`);
  expect(await page.$$eval('#zone option', (os) => os.length)).toBe(5);
  await page.selectOption('#zone', 'NORD');
  await page.waitForFunction(() => location.search.includes('zone=NORD') && document.body.dataset.state === 'ready', null, { timeout: 90_000 });
  const nord = await zoneFacts('NORD');
  expect(await text(page, '#map-count')).toBe(`${nord.acquaintances.services.length} services, ${nord.acquaintances.totalCount} liens`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-nord-fr.png'), fullPage: true });

  // Same page, the NORD zone key typed into the form.
  await page.fill('#key', keys.NORD);
  await page.click('#key-form button[type="submit"]');
  await page.waitForFunction(() => (document.getElementById('zone') as HTMLSelectElement).disabled && document.body.dataset.state === 'ready', null, { timeout: 90_000 });
  expect(await page.$$eval('#zone option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['NORD']);
  expect(outside).toEqual([]);
  await page.close();
}, 240_000);

it('screenshots at 1,400 × 900 and at a phone width (390 px): everything fits the width, labels stay on the map', async () => {
  for (const [name, viewport] of [
    ['dashboard-1400x900.png', { width: 1400, height: 900 }],
    ['dashboard-390.png', { width: 390, height: 844 }],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/dashboard?key=${keys.analyst}&zone=SUD&lang=fr`);
    await ready(page);
    expect(await text(page, '#status')).toBe('');
    await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
    // Nothing wider than the page but the heat map's own scroll box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ name, overflow }).toEqual({ name, overflow: 0 });
    // The map tab first: its quartiers drawn inside the page's width.
    expect(await page.$$eval('#geo-map path.quartier', (ps) => ps.length)).toBeGreaterThan(10);
    const box = await page.$eval('#geo-map svg', (svg) => svg.getBoundingClientRect().right);
    expect(box).toBeLessThanOrEqual(viewport.width);
    await (await page.$('#views'))!.screenshot({ path: path.join(ARTIFACTS, name.replace('dashboard-', 'dashboard-map-')) });
    await page.close();
  }
}, 240_000);

it('printing gives the map and its legend alone (the print stylesheet), here as a PDF', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/dashboard?key=${keys.SUD}&zone=SUD&lang=fr`);
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('#geo-map svg')).toBe(true);
  for (const selector of ['header', '#tie-filter', '.tabs', '.geo-controls', '#mixing', '#quartier', '#brokers', '#panel-network'])
    expect({ selector, visible: await page.isVisible(selector) }).toEqual({ selector, visible: false });
  expect(await page.$eval('#geo-map g.legend', (g) => g.textContent)).toContain('Filtre appliqué');
  const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'dashboard-map-print.pdf'), format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.close();
}, 120_000);

it('without a key the page asks for one and shows no network', async () => {
  const { page } = await openPage('lang=nl');
  expect(await text(page, '#status')).toBe('Voer een API-sleutel in om het netwerk te zien.');
  expect(await text(page, '#map-count')).toBe('');
  await page.close();
}, 120_000);
