/* GraphiQL start-up, served as a static asset (plain browser JavaScript, no build step).
   Ready example operations, one tab each, for the questions of the design brief (§3). The API key
   goes in the Headers panel: { "Authorization": "Bearer bng_…" }. */
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var tab = function (title, query, variables) {
    return { query: '# ' + title + '\n' + query.trim() + '\n', variables: JSON.stringify(variables || {}, null, 2) };
  };
  var tabs = [
    tab(
      'Which services of zone Sud know each other? (ties = people who met through initiatives)',
      'query WhoKnowsWhomInSud($zone: String!) {\n  acquaintances(territory: { zone: $zone }, window: { from: "2023-01-01" }, first: 20) {\n    totalCount\n    nodes { a { name } b { name } strength lastMet initiatives { name } }\n  }\n}',
      { zone: 'SUD' },
    ),
    tab(
      'Where are the intersectoral gaps in Forest / Vorst (NIS 21007)?',
      'query GapsInForest($nis: String!) {\n  gaps(territory: { municipality: $nis }, first: 10) {\n    sectorA { name } sectorB { name } observed expected unconnectedServices\n  }\n  eiIndex(territory: { municipality: $nis }) { territory { index } sectors { sector { name } index } }\n}',
      { nis: '21007' },
    ),
    tab(
      'Who bridges sectors in zone Sud, and who is isolated?',
      'query BrokersInSud {\n  brokers(territory: { zone: "SUD" }, first: 10) {\n    brokers { service { name } betweenness constraint roles { liaison gatekeeper representative consultant coordinator } }\n    isolates { name }\n  }\n}',
    ),
    tab(
      'What did Rézoneweek 2023 change?',
      'query RezoneWeek2023 {\n  initiativeImpact(edition: "ed-rezone-2023") {\n    edition { name }\n    newTies newCrossSectorTies newCrossLanguageTies\n    reach { zone { name } services }\n    participants { value } firstTimeParticipants { value } hosts firstTimeHosts noShowRate capacityUse\n  }\n}',
    ),
    tab(
      'Who can introduce me to this service? (analysts: a chain of acquaintances, step by step)',
      'query WhoCanIntroduceMe($from: ID!, $to: ID!) {\n  introductionPath(fromService: $from, to: $to) {\n    found\n    steps { from { name } to { name } initiatives { name } firstMet }\n  }\n}',
      { from: 'svc-00001', to: 'svc-00300' },
    ),
    tab(
      'Which ties would staff turnover break in zone Sud?',
      'query FragileTies {\n  fragileTies(territory: { zone: "SUD" }, first: 10) { status carriersA { value suppressed } carriersB { value suppressed } tie { a { name } b { name } } }\n}',
    ),
    tab(
      'The service directory: mental health in zone Sud, in Dutch',
      'query Directory {\n  services(filter: { territory: { zone: "SUD" }, sector: "MENTAL_HEALTH" }, first: 10) {\n    totalCount\n    nodes { name(lang: NL) workingLanguage organisation { name } neighbourhood { name municipality { name(lang: NL) } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}',
    ),
  ];
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      defaultHeaders: '{\n  "Accept-Language": "fr"\n}',
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
