// Mounts GraphiQL (UMD globals React, ReactDOM, GraphiQL) on the page served at GET /graphql.
// Kept out of the page so the Content-Security-Policy needs no inline scripts.
(function () {
  'use strict';

  var endpoint = new URL('/graphql', window.location.href).href;
  // Subscriptions go over a WebSocket to the same path (graphql-transport-ws, bundled in GraphiQL):
  // the Headers pane becomes connection_init's payload, so the same {"Authorization": "Bearer …"} works.
  var socketEndpoint = endpoint.replace(/^http/, 'ws');

  var defaultQuery = [
    '# Welcome to TaskGraph. Most fields need a bearer token:',
    '#  1. run the Login operation below (bob, from the README) or with your own credentials;',
    '#  2. open Headers (below the editor) and paste',
    '#     {"Authorization": "Bearer <accessToken>"}',
    '#  3. run Me, or explore the schema with the Docs button;',
    '#  4. run Changes, then change a task (REST or createTask in another tab):',
    '#     the event appears here as it is committed.',
    '',
    'mutation Login {',
    '  login(input: { username: "bob", password: "bob-password-1" }) {',
    '    accessToken',
    '    expiresIn',
    '  }',
    '}',
    '',
    'query Me {',
    '  me {',
    '    id',
    '    username',
    '  }',
    '}',
    '',
    'subscription Changes {',
    '  taskChanged {',
    '    id',
    '    type',
    '    task { id title completed version }',
    '  }',
    '}',
    '',
  ].join('\n');

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(
      GraphiQL,
      {
        fetcher: GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: socketEndpoint }),
        defaultQuery: defaultQuery,
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: 'headers',
        // Tokens stay in this tab's memory, not in localStorage.
        shouldPersistHeaders: false,
      },
      React.createElement(GraphiQL.Logo, null, 'TaskGraph'),
    ),
  );
})();
