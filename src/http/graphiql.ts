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

export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Brussels network graph — GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
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
    if (req.query.query !== undefined || !req.accepts('text/html')) return next();
    res.type('html').send(GRAPHIQL_HTML);
  });
  return router;
}
