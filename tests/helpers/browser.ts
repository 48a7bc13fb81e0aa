/// <reference lib="dom" />
/**
 * Headless Chromium for the browser tests: Debian's `chromium` (installed by scripts/ensure-browser.sh)
 * driven by playwright-core, with the flags a sandbox-less CI machine needs.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

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
