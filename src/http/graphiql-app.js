/* GraphiQL start-up, served as a static asset (plain browser JavaScript, no build step).
   Ready example operations, one tab each, for the questions of the design brief (§3), each with its
   variables filled in and chosen to answer on the demo graph (seed 42).
   One API key box above the editor applies to every tab (sent as `Authorization: Bearer <key>`
   unless a tab's Headers set their own) and is remembered in this browser's localStorage. */
/* global React, ReactDOM, GraphiQL -- the UMD builds the page loads before this script */
(function () {
  var tab = function (title, query, variables) {
    return { query: '# ' + title + '\n' + query.trim() + '\n', variables: JSON.stringify(variables || {}, null, 2) };
  };
  var examples = [
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
      'query BrokersInSud($zone: String!) {\n  brokers(territory: { zone: $zone }, first: 10) {\n    brokers { service { name } betweenness constraint roles { liaison gatekeeper representative consultant coordinator } }\n    isolates { name }\n  }\n}',
      { zone: 'SUD' },
    ),
    tab(
      'What did Rézoneweek 2023 change?',
      'query RezoneWeek2023($edition: ID!) {\n  initiativeImpact(edition: $edition) {\n    edition { name }\n    newTies newCrossSectorTies newCrossLanguageTies\n    reach { zone { name } services }\n    participants { value } firstTimeParticipants { value } hosts firstTimeHosts noShowRate capacityUse\n  }\n}',
      { edition: 'ed-rezone-2023' },
    ),
    tab(
      'Who can introduce me to this service? (analysts: a chain of acquaintances, step by step; ids are source ids or the ids the API returns)',
      'query WhoCanIntroduceMe($from: ID!, $to: ID!) {\n  introductionPath(fromService: $from, to: $to) {\n    found\n    steps { from { name } to { name } initiatives { name } firstMet }\n  }\n}',
      { from: 'svc-00028', to: 'svc-00300' },
    ),
    tab(
      'Which ties would staff turnover break in zone Sud? (carriers = the people who hold the tie on each side)',
      'query FragileTies($zone: String!) {\n  fragileTies(territory: { zone: $zone }, first: 10) { status carriersA { value suppressed } carriersB { value suppressed } tie { a { name } b { name } } }\n}',
      { zone: 'SUD' },
    ),
    tab(
      'What does the tie filter change? Zone Sud with every tie, with network events left out, with the default filter and with significant ties only (aliases side by side; see TieFilter in Docs)',
      'query WhatTheFilterChanges($zone: String!) {\n  everyTie: eiIndex(territory: { zone: $zone }, ties: { minWeight: 0 }) {\n    territory { index internal external }\n  }\n  withoutNetworkEvents: eiIndex(territory: { zone: $zone }, ties: { minWeight: 0, excludeInitiativeKinds: [NETWORK_EVENT] }) {\n    territory { index internal external }\n    appliedTieFilter { minWeight excludeInitiativeKinds isDefault }\n  }\n  byDefault: eiIndex(territory: { zone: $zone }) {\n    territory { index internal external }\n    appliedTieFilter { minWeight excludeInitiativeKinds isDefault }\n  }\n  significantOnly: eiIndex(territory: { zone: $zone }, ties: { backbone: { model: HYPERGEOMETRIC, alpha: 0.05, correction: HOLM }, minWeight: 0 }) {\n    territory { index internal external }\n    appliedTieFilter { backbone { model alpha correction } }\n  }\n  brokersOfEveryTie: brokers(territory: { zone: $zone }, first: 5, ties: { minWeight: 0 }) { brokers { service { name } betweenness degree } }\n  brokersWithoutNetworkEvents: brokers(territory: { zone: $zone }, first: 5, ties: { minWeight: 0, excludeInitiativeKinds: [NETWORK_EVENT] }) { brokers { service { name } betweenness degree } }\n}',
      { zone: 'SUD' },
    ),
    tab(
      'The service directory: mental health in zone Sud, in Dutch (no key needed)',
      'query Directory($zone: String!, $sector: String!) {\n  services(filter: { territory: { zone: $zone }, sector: $sector }, first: 10) {\n    totalCount\n    nodes { id name(lang: NL) workingLanguage organisation { name } neighbourhood { name municipality { name(lang: NL) } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}',
      { zone: 'SUD', sector: 'MENTAL_HEALTH' },
    ),
  ];
  window.graphiqlExamples = examples;
  if (typeof document === 'undefined') return;

  var KEY_STORE = 'bng:apiKey';
  var readKey = function () {
    try {
      return localStorage.getItem(KEY_STORE) || '';
    } catch {
      return '';
    }
  };
  var writeKey = function (key) {
    try {
      if (key) localStorage.setItem(KEY_STORE, key);
      else localStorage.removeItem(KEY_STORE);
    } catch {
      /* private mode: the key then lasts as long as the page */
    }
  };
  var apiKey = readKey();

  /* GraphiQL's saved tabs live under a name tied to these examples: a changed example reaches
     returning users instead of being hidden behind their old saved tabs. */
  var version = (function (text) {
    var h = 5381;
    for (var i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
    return h.toString(36);
  })(JSON.stringify(examples));
  var prefix = 'bng-graphiql-' + version + ':';
  try {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var k = localStorage.key(i);
      if (k && (k.indexOf('graphiql:') === 0 || (k.indexOf('bng-graphiql-') === 0 && k.indexOf(prefix) !== 0))) localStorage.removeItem(k);
    }
  } catch {
    /* no storage: GraphiQL keeps its tabs in memory */
  }
  var ownKeys = function () {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) if ((localStorage.key(i) || '').indexOf(prefix) === 0) keys.push(localStorage.key(i));
    return keys;
  };
  var storage = {
    getItem: function (k) {
      return localStorage.getItem(prefix + k);
    },
    setItem: function (k, v) {
      localStorage.setItem(prefix + k, v);
    },
    removeItem: function (k) {
      localStorage.removeItem(prefix + k);
    },
    clear: function () {
      ownKeys().forEach(function (k) {
        localStorage.removeItem(k);
      });
    },
    get length() {
      return ownKeys().length;
    },
  };
  var hasSavedTabs = false;
  try {
    hasSavedTabs = Boolean(storage.getItem('graphiql:tabState'));
  } catch {
    storage = null;
  }

  /* The key box's key on every request (the schema's too), unless the tab's Headers name one. */
  var keyedFetch = function (input, init) {
    var headers = new Headers((init && init.headers) || {});
    if (apiKey && !headers.has('authorization') && !headers.has('x-api-key')) headers.set('authorization', 'Bearer ' + apiKey);
    return fetch(input, Object.assign({}, init, { headers: headers }));
  };

  var input = document.getElementById('api-key');
  var status = document.getElementById('api-key-status');
  var form = document.getElementById('api-key-form');
  var forget = document.getElementById('api-key-forget');
  var say = function (text, state) {
    status.textContent = text;
    status.dataset.state = state;
  };
  var NO_KEY =
    'No key: you are public (territory and service directory only). `npm start` prints a local analyst key in its log; or create one with npm run keys -- create --role analyst.';
  var describe = function () {
    if (!apiKey) return say(NO_KEY, 'public');
    say('Checking the key…', 'checking');
    keyedFetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { role zone } }' }) })
      .then(function (res) {
        return res.json().then(function (body) {
          if (res.ok && body.data) {
            var me = body.data.me;
            say('Key of role ' + me.role + (me.zone ? ' (zone ' + me.zone + ')' : '') + ': sent with every tab, remembered in this browser.', 'ok');
          } else say('This key was refused (unknown, malformed or revoked): ' + ((body.errors && body.errors[0] && body.errors[0].message) || res.status), 'refused');
        });
      })
      .catch(function () {
        say('The server did not answer.', 'refused');
      });
  };

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var render = function () {
    var props = {
      /* A new fetcher when the key changes: GraphiQL then reloads the schema with it. */
      fetcher: GraphiQL.createFetcher({ url: '/graphql', fetch: keyedFetch }),
      defaultTabs: examples,
      defaultHeaders: '{\n  "Accept-Language": "fr"\n}',
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'variables',
      storage: storage,
    };
    /* GraphiQL 3 fills the first tab's editors from these props, not from defaultTabs[0]. */
    if (!hasSavedTabs) {
      props.query = examples[0].query;
      props.variables = examples[0].variables;
    }
    root.render(React.createElement(GraphiQL, props));
  };

  input.value = apiKey;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apiKey = input.value.trim().replace(/^Bearer\s+/i, '');
    input.value = apiKey;
    writeKey(apiKey);
    describe();
    render();
  });
  forget.addEventListener('click', function () {
    apiKey = '';
    input.value = '';
    writeKey('');
    describe();
    render();
  });
  describe();
  render();
})();
