// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// A hyco-ws listener (createRelayedServer) that echoes: text as "echo:<text>", binary reversed.
// Usage: node listener.js <listen URI> <token>. Prints LISTENING once online, then one line per event.
'use strict';
const WebSocket = require('hyco-ws');

const [uri, token] = process.argv.slice(2);
const server = WebSocket.createRelayedServer({ server: uri, token: token }, (ws) => {
  console.log('CONNECTION');
  ws.on('message', (data) => {
    if (typeof data === 'string') {
      console.log('TEXT ' + data);
      ws.send('echo:' + data);
    } else {
      const bytes = Buffer.from(data);
      console.log('BINARY ' + bytes.toString('hex'));
      ws.send(Buffer.from(bytes).reverse());
    }
  });
  ws.on('close', (code, reason) => console.log('CLOSE ' + code + ' ' + reason));
});
server.on('listening', () => console.log('LISTENING'));
server.on('error', (e) => console.log('ERROR ' + (e && e.message)));
process.on('SIGTERM', () => { server.close(); process.exit(0); });
