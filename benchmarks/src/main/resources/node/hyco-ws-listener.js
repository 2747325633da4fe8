// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// The hyco-ws (Node) listener for the benchmarks: behaves like BenchEndpoint.java.
// Text is echoed; binary is counted; the text "END" is answered with "OK <messages> <bytes>".
// Args: listenUri keyName key. Prints "READY" once its control channel is open; "STATS {...}" on a
// "STATS" line on stdin; exits on "QUIT" or end of input.
'use strict';
const WebSocket = require('hyco-ws');
const readline = require('readline');

const [listenUri, keyName, key] = process.argv.slice(2);
const server = WebSocket.createRelayedServer({
  server: listenUri,
  token: () => WebSocket.createRelayToken(listenUri, keyName, key),
}, (ws) => {
  let messages = 0;
  let bytes = 0;
  ws.on('message', (m) => {
    if (typeof m === 'string') {
      ws.send(m === 'END' ? 'OK ' + messages + ' ' + bytes : m);
    } else {
      messages++;
      bytes += m.length;
    }
  });
  ws.on('error', () => {});
});
server.on('listening', () => console.log('READY'));
server.on('error', (e) => console.log('EVENT error ' + (e && e.message)));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  line = line.trim();
  if (line === 'STATS') {
    const m = process.memoryUsage();
    console.log('STATS ' + JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }));
  } else if (line === 'QUIT') {
    process.exit(0);
  }
}).on('close', () => process.exit(0));
