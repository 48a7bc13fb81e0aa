/// <reference lib="dom" />
/**
 * The SVG network map, as a report reader sees it: rendered by headless Chromium (Debian chromium
 * driven by playwright-core), screenshotted, and its pixels checked — the legend swatches carry the
 * sector colours and a node is drawn for every service.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { testDb } from '../helpers/db';
import { useFixtureApi } from '../helpers/api';
import { launchBrowser, pixelsOf } from '../helpers/browser';

const api = useFixtureApi('network-small', () => rebuildAllTies(testDb()).then(() => undefined));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
afterAll(() => browser?.close());

it('renders the SVG map in Chromium; the screenshot shows the legend colours and the nodes', async () => {
  const res = await api().run<{ networkExport: { content: string } }>('{ networkExport(territory: { zone: "SUD" }, format: SVG) { content } }');
  const svg = res.data!.networkExport.content;
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
  const dir = path.join(__dirname, '..', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const shot = await page.screenshot({ path: path.join(dir, 'network-map.png') });
  expect(shot.byteLength).toBeGreaterThan(10_000);
  // The SVG's own circles say where to look; the screenshot's pixels say what was drawn there.
  const circles = await page.$$eval('circle[r="5"]', (cs) =>
    cs.map((c) => [Math.round(Number(c.getAttribute('cx'))), Math.round(Number(c.getAttribute('cy')))] as [number, number]),
  );
  const swatchList = await page.$$eval('circle[r="7"]', (cs) =>
    cs.map((c) => ({ fill: c.getAttribute('fill'), at: [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))] as [number, number] })),
  );
  const [corner, ...rest] = await pixelsOf(page, shot, [[3, 3], ...swatchList.map((s) => s.at), ...circles]);
  const pixels = {
    circles: circles.length,
    corner,
    swatches: swatchList.map((s, i) => ({ fill: s.fill, px: rest[i]! })),
    nodeColours: rest.slice(swatchList.length),
  };
  expect(pixels.circles).toBe(5); // sA, sB, sC, sD, sF
  expect(pixels.corner).toEqual([255, 255, 255]);
  expect(pixels.swatches).toHaveLength(3); // DISABILITY, HOUSING, MENTAL_HEALTH
  for (const s of pixels.swatches) expect(`rgb(${s.px.join(',')})`).toBe(s.fill);
  expect(pixels.nodeColours.every((c) => c.join() !== '255,255,255')).toBe(true); // every node is drawn
  await page.close();
}, 60_000);
