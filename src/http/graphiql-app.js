/* GraphiQL start-up, served as a static asset (plain browser JavaScript, no build step). */
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# Brussels territorial knowledge graph.',
    '# Open the Docs panel (top left) for every type and field, explained.',
    '# Names come in French or Dutch: pass lang: NL, or send Accept-Language: nl.',
    '',
    'query ServicesInZoneSud {',
    '  services(filter: { territory: { zone: "SUD" }, sector: "MENTAL_HEALTH" }, first: 10) {',
    '    totalCount',
    '    nodes {',
    '      name',
    '      workingLanguage',
    '      organisation { name }',
    '      neighbourhood { name municipality { name(lang: NL) } }',
    '      sectors { code name }',
    '    }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    '',
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultHeaders: '{\n  "Accept-Language": "fr"\n}',
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
    }),
  );
})();
