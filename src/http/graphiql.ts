/**
 * GraphiQL served from installed packages (graphiql 3 with React 18 UMD builds): no CDN, works
 * offline. GET /graphql from a browser gets the page; everything else goes to Apollo.
 */
import path from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../config';

/** A file inside an installed package (through its package.json: `exports` hides the UMD builds). */
const packageFile = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const ASSETS: Record<string, string> = {
  'react.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.css': packageFile('graphiql', 'graphiql.min.css'),
  // Plain browser JS kept beside this file; resolved from the project root so dist/ finds it too.
  'app.js': path.join(PROJECT_ROOT, 'src', 'http', 'graphiql-app.js'),
};

/**
 * The page: one API key box above GraphiQL (graphiql-app.js sends its key with every tab and keeps
 * it in localStorage). The server never writes a key into the page.
 */
export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Brussels network graph — GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    #keybar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 6px 12px; border-bottom: 1px solid #ddd; background: #f6f7f9; font-size: 14px; }
    #keybar strong { white-space: nowrap; }
    #api-key-form { display: flex; gap: 6px; align-items: center; }
    #api-key { width: 24em; max-width: 60vw; font: 13px ui-monospace, monospace; padding: 3px 6px; }
    #api-key-status { color: #555; flex: 1 1 20em; }
    #api-key-status[data-state="ok"] { color: #1a7f37; }
    #api-key-status[data-state="refused"] { color: #b42318; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="keybar">
    <strong>Brussels network graph</strong>
    <form id="api-key-form" autocomplete="off">
      <label for="api-key">API key</label>
      <input id="api-key" type="password" placeholder="bng_…" spellcheck="false" />
      <button type="submit">Use key</button>
      <button type="button" id="api-key-forget">Forget</button>
    </form>
    <span id="api-key-status" role="status"></span>
  </div>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/app.js"></script>
</body>
</html>`;

export function graphiqlRouter(): Router {
  const router = express.Router();
  router.get('/graphiql/assets/:file', (req, res) => {
    const file = ASSETS[req.params.file];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1h' });
  });
  router.get('/graphql', (req, res, next) => {
    // Only a browser navigating here gets the IDE; GET queries with ?query= go to Apollo.
    if (req.query.query !== undefined || !req.accepts('text/html')) {
      next();
      return;
    }
    res.type('html').send(GRAPHIQL_HTML);
  });
  return router;
}
