// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// Our sender's peer: hyco-ws's createRelayedServer, answering "node:" + message.
// Args: listenUri keyName key. Prints "listening" once its control channel is open; runs until killed.
const WebSocket = require('hyco-ws');
const [listenUri, keyName, key] = process.argv.slice(2);
const server = WebSocket.createRelayedServer({
  server: listenUri,
  token: () => WebSocket.createRelayToken(listenUri, keyName, key),
}, (ws) => {
  ws.on('message', (m) => ws.send('node:' + m));
});
server.on('listening', () => console.log('listening'));
server.on('error', (e) => console.log('error ' + e));
