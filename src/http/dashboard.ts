/**
 * The zone dashboard at /dashboard: a page, its stylesheet inline, and one script bundled by esbuild
 * from src/dashboard (sigma.js, graphology, the typed operations) — all from installed packages, so
 * it works offline. `npm run build` writes the bundle to dist/dashboard/; without it (development),
 * the bundle is built in memory on first request.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../config';
import { logger } from '../logger';

const ENTRY = path.join(PROJECT_ROOT, 'src', 'dashboard', 'main.ts');
export const DASHBOARD_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'dashboard', 'dashboard.js');

/** Bundles the dashboard with esbuild (a development dependency: production serves the prebuilt file). */
export async function bundleDashboard(outfile?: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  if (outfile) {
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    fs.writeFileSync(outfile, code);
  }
  return code;
}

const PAGE = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8" />
  <title>Brussels network graph — zone dashboard</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <style>
    :root { font-family: system-ui, sans-serif; color: #1f2328; }
    body { margin: 0; }
    header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #123c69; color: #fff; }
    header h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
    header label { font-size: .85rem; }
    header input, header select, header button { font: inherit; padding: .2rem .4rem; }
    button[aria-pressed="true"] { font-weight: bold; outline: 2px solid #fff; }
    #status { padding: .3rem 1rem; min-height: 1.2rem; color: #8a1c1c; }
    main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1rem; padding: 0 1rem 1rem; }
    @media (max-width: 800px) { main { grid-template-columns: minmax(0, 1fr); padding: 0 .5rem .5rem; } #map { height: 380px; } header { gap: .5rem; } #key { width: 10rem; } }
    #legend { display: flex; flex-wrap: wrap; gap: .2rem .8rem; font-size: .8rem; margin: .3rem 0; }
    .legend-item { display: inline-flex; align-items: center; gap: .3rem; }
    .swatch { width: .8rem; height: .8rem; border-radius: 50%; display: inline-block; }
    .scroll { overflow-x: auto; }
    .heat abbr { text-decoration: none; cursor: help; }
    .heat .abbr { color: #57606a; font-weight: normal; }
    ul.fragile li { margin-bottom: .4rem; }
    .hint { font-style: italic; }
    section { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .8rem; }
    section h2 { font-size: 1rem; margin: .2rem 0 .5rem; }
    #map { height: 560px; }
    section { margin-bottom: 1rem; overflow-x: auto; }
    main > div { min-width: 0; }
    .help, #map-count { font-size: .8rem; color: #57606a; }
    table { border-collapse: collapse; font-size: .8rem; }
    td, th { padding: .15rem .35rem; text-align: left; }
    .heat td { text-align: center; min-width: 1.6rem; border: 1px solid #fff; }
    .heat th[scope="row"] { white-space: nowrap; }
    button.link { background: none; border: none; padding: 0; color: #0b5cad; cursor: pointer; text-align: left; font: inherit; }
    dl div { display: flex; gap: .5rem; } dt { font-weight: 600; } dd { margin: 0; }
    ol, ul { padding-left: 1.2rem; font-size: .85rem; }
    #tie-filter { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; padding: .4rem 1rem; background: #f6f8fa; border-bottom: 1px solid #d0d7de; font-size: .85rem; }
    #tie-filter fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: center; }
    #tie-filter legend { font-weight: 600; float: left; margin-right: .5rem; }
    #min-weight { width: 9rem; vertical-align: middle; }
    #filter-used { flex-basis: 100%; margin: 0; }
    .tabs { display: flex; gap: .3rem; border-bottom: 1px solid #d0d7de; margin-bottom: .5rem; }
    .tabs button { font: inherit; padding: .3rem .8rem; border: 1px solid #d0d7de; border-bottom: none; border-radius: 6px 6px 0 0; background: #f6f8fa; cursor: pointer; }
    .tabs button[aria-selected="true"] { background: #fff; font-weight: 600; margin-bottom: -1px; border-bottom: 1px solid #fff; }
    [hidden] { display: none !important; }
    .geo-controls { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; font-size: .85rem; margin-bottom: .4rem; }
    .geo-controls fieldset { border: none; margin: 0; padding: 0; display: flex; gap: .6rem; align-items: center; }
    .geo-controls legend { float: left; margin-right: .4rem; }
    .geo-controls > label { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; max-width: 100%; }
    #measure { flex: 1 1 12rem; min-width: 0; max-width: 100%; }
    #geo-map { min-height: 260px; }
    #change .chart { max-width: 640px; }
    #change svg { display: block; height: auto; }
    table.change td, table.change th[scope="row"] { text-align: right; }
    #geo-map svg { display: block; max-width: 100%; height: auto; }
    #geo-map path.quartier:focus { outline: none; stroke: #d00000; stroke-width: 2; }
    @media print {
      header, #tie-filter, #status, .tabs, .geo-controls, #panel-geo > .help, #panel-network, main > div:last-child, main > div:first-child > section:not(#views) { display: none !important; }
      #panel-geo { display: block !important; }
      main { display: block; padding: 0; }
      section { border: none; padding: 0; margin: 0; }
      #geo-map svg { width: 100%; height: auto; }
    }
  </style>
</head>
<body data-state="loading">
  <header>
    <h1 data-word="title">Tableau de bord de zone</h1>
    <form id="key-form">
      <label for="key" data-word="key">Clé API</label>
      <input id="key" type="password" autocomplete="off" size="28" />
      <button type="submit" data-word="use">Utiliser</button>
    </form>
    <label for="zone" data-word="zone">Zone de soins</label>
    <select id="zone"></select>
    <span role="group" aria-label="Langue / Taal">
      <button type="button" data-lang="FR">FR</button>
      <button type="button" data-lang="NL">NL</button>
    </span>
  </header>
  <form id="tie-filter" aria-describedby="filter-used">
    <fieldset>
      <legend data-word="filter">Ce qui compte comme lien</legend>
      <label for="min-weight" data-word="minWeight">Force minimale</label>
      <input id="min-weight" type="range" min="0" max="3" step="0.05" value="0.25" />
      <output id="min-weight-value" for="min-weight"></output>
    </fieldset>
    <fieldset id="evidence-kinds">
      <legend data-word="evidence">Preuves</legend>
    </fieldset>
    <fieldset>
      <label><input id="no-events" type="checkbox" /> <span data-word="noEvents"></span></label>
      <label><input id="backbone" type="checkbox" /> <span data-word="backbone"></span></label>
      <button type="button" id="filter-reset" data-word="reset">Par défaut</button>
    </fieldset>
    <p id="filter-used" class="help"></p>
  </form>
  <div id="status" role="status" aria-live="polite"></div>
  <main>
    <div>
      <section id="views">
        <div role="tablist" class="tabs">
          <button type="button" role="tab" id="tab-geo" aria-controls="panel-geo" aria-selected="true" data-word="tabMap">Carte</button>
          <button type="button" role="tab" id="tab-network" aria-controls="panel-network" aria-selected="false" data-word="tabNetwork">Qui connaît qui</button>
        </div>
        <div id="panel-geo" role="tabpanel" aria-labelledby="tab-geo">
          <p class="help" data-word="geoHelp"></p>
          <div class="geo-controls">
            <label><span data-word="measure">Mesure</span> <select id="measure"></select></label>
            <fieldset id="colour-by">
              <legend data-word="colourBy">Couleur des points</legend>
              <label><input type="radio" name="colour-by" value="sector" checked /> <span data-word="bySector"></span></label>
              <label><input type="radio" name="colour-by" value="community" /> <span data-word="byCommunity"></span></label>
            </fieldset>
            <button type="button" id="map-png" data-word="png">PNG</button>
            <button type="button" id="map-print" data-word="print">Imprimer</button>
            <a id="map-png-link" hidden>PNG</a>
          </div>
          <div id="geo-map" aria-label="geographic map"></div>
        </div>
        <div id="panel-network" role="tabpanel" aria-labelledby="tab-network" hidden>
          <h2 data-word="map">Qui connaît qui</h2>
          <p class="help" data-word="mapHelp"></p>
          <div id="map" aria-label="network map"></div>
          <div id="map-count"></div>
          <div id="map-isolates" class="help"></div>
          <div id="legend"></div>
        </div>
      </section>
      <section><h2 data-word="mixing"></h2><div id="mixing"></div></section>
      <section><h2 data-word="impact"></h2><div id="impact"></div></section>
      <section><h2 data-word="change"></h2><div id="change"></div></section>
    </div>
    <div>
      <section aria-live="polite"><h2 data-word="quartier"></h2><div id="quartier"></div></section>
      <section aria-live="polite"><h2 data-word="detail"></h2><div id="service"></div></section>
      <section><h2 data-word="gaps"></h2><div id="gaps"></div></section>
      <section><h2 data-word="brokers"></h2><div id="brokers"></div><h2 data-word="isolates"></h2><div id="isolates"></div></section>
      <section><h2 data-word="fragile"></h2><div id="fragile"></div></section>
    </div>
  </main>
  <script src="/dashboard/dashboard.js"></script>
</body>
</html>`;

/** The newest modification time among the dashboard's sources (and the shared modules it bundles). */
function newestSource(): number {
  let newest = 0;
  for (const dir of [path.dirname(ENTRY), path.join(PROJECT_ROOT, 'src', 'modules', 'common')])
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) newest = Math.max(newest, fs.statSync(path.join(dir, file)).mtimeMs);
  return newest;
}

export function dashboardRouter(production: boolean): Router {
  const router = express.Router();
  let bundle: Promise<string> | null = null;
  let builtFrom = 0;
  const script = () => {
    // Production serves the file `npm run build` wrote; development rebuilds when a source changed.
    if (production && fs.existsSync(DASHBOARD_BUNDLE)) return (bundle ??= fs.promises.readFile(DASHBOARD_BUNDLE, 'utf8'));
    const newest = newestSource();
    if (!bundle || newest > builtFrom) {
      builtFrom = newest;
      bundle = bundleDashboard();
      bundle.catch(() => (bundle = null));
    }
    return bundle;
  };
  router.get('/dashboard', (_req, res) => res.type('html').send(PAGE));
  router.get('/dashboard/dashboard.js', async (_req, res) => {
    try {
      res
        .type('js')
        .set('cache-control', 'no-cache')
        .send(await script());
    } catch (err) {
      logger.error({ err }, 'dashboard bundle unavailable');
      res.status(503).type('text').send('The dashboard bundle is not built: run `npm run build`.');
    }
  });
  return router;
}
