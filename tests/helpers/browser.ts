/// <reference lib="dom" />
/**
 * Headless Chromium for the browser tests: Debian's `chromium` (installed by scripts/ensure-browser.sh)
 * driven by playwright-core, with the flags a sandbox-less CI machine needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { createServer, type ApiServer } from '../../src/server';
import { testApi, type TestApi } from './api';
import { closeTestDb, resetGraph, testDb } from './db';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The RGB of the given points of a screenshot, read back through a canvas in the page. */
export function pixelsOf(page: Page, png: Buffer, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    async ({ url, points }) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.width, img.height];
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return points.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
    },
    { url: `data:image/png;base64,${png.toString('base64')}`, points },
  );
}

export interface DemoBrowserRig {
  browser: Browser;
  /** The HTTP server's base URL. */
  base: string;
  /** The same API in process (as an analyst unless told otherwise): what the page must show. */
  api: TestApi;
}

/**
 * The setup every browser test shares: the demo graph (seed 42) with its ties, an API server on a
 * free port, the API in process, and a headless browser; `prepare` runs once they exist (creating
 * keys, say). Everything is closed after the file. Returns a getter.
 */
export function useDemoBrowserRig(prepare?: (rig: DemoBrowserRig) => Promise<void>): () => DemoBrowserRig {
  let rig: DemoBrowserRig | undefined;
  let server: ApiServer | undefined;
  beforeAll(async () => {
    await resetGraph();
    await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
    await rebuildAllTies(testDb());
    server = await createServer(loadConfig(process.env), testDb());
    rig = { base: await server.listen(0, '127.0.0.1'), api: await testApi(), browser: await launchBrowser() };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await prepare?.(rig);
  }, 180_000);
  afterAll(async () => {
    await rig?.browser.close();
    await server?.stop();
    await rig?.api.server.stop();
    await closeTestDb();
  });
  return () => {
    if (!rig) throw new Error('the rig is made in beforeAll');
    return rig;
  };
}

/** Where browser tests write their screenshots (ignored by git). */
export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
