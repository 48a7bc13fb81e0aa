/// <reference lib="dom" />
/**
 * The SVG network map, as a report reader sees it: rendered by headless Chromium (Debian chromium
 * driven by playwright-core), screenshotted, and its pixels checked — the legend swatches carry the
 * sector colours and a node is drawn for every service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { testDb } from '../helpers/db';
import { useFixtureApi } from '../helpers/api';

const api = useFixtureApi('network-small', () => rebuildAllTies(testDb()).then(() => undefined));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
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
  // Read pixels back from the screenshot through a canvas in the page.
  const pixels = await page.evaluate(async (dataUrl: string) => {
    const img = new Image();
    img.src = dataUrl;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const at = (x: number, y: number) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
    const circles = Array.from(document.querySelectorAll('circle[r="5"]')).map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    const swatches = Array.from(document.querySelectorAll('circle[r="7"]')).map((c) => ({ fill: c.getAttribute('fill'), px: at(Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))) }));
    return { circles: circles.length, swatches, corner: at(3, 3), nodeColours: circles.map(([x, y]) => at(Math.round(x!), Math.round(y!))) };
  }, `data:image/png;base64,${shot.toString('base64')}`);
  expect(pixels.circles).toBe(5); // sA, sB, sC, sD, sF
  expect(pixels.corner).toEqual([255, 255, 255]);
  expect(pixels.swatches).toHaveLength(3); // DISABILITY, HOUSING, MENTAL_HEALTH
  for (const s of pixels.swatches) expect(`rgb(${s.px.join(',')})`).toBe(s.fill);
  expect(pixels.nodeColours.every((c) => c.join() !== '255,255,255')).toBe(true); // every node is drawn
  await page.close();
}, 60_000);
