// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// A hyco-ws sender (relayedConnect): sends "hello" and the bytes 01 02 03, prints what comes back,
// then closes with 4001 "bye". Usage: node sender.js <send URI> <token>.
'use strict';
const WebSocket = require('hyco-ws');

const [uri, token] = process.argv.slice(2);
let received = 0;
const ws = WebSocket.relayedConnect(uri, token, (socket) => {
  console.log('OPEN');
  socket.send('hello');
  socket.send(Buffer.from([1, 2, 3]));
});
ws.on('message', (data) => {
  if (typeof data === 'string') {
    console.log('TEXT ' + data);
  } else {
    console.log('BINARY ' + Buffer.from(data).toString('hex'));
  }
  if (++received === 2) {
    ws.close(4001, 'bye');
  }
});
ws.on('close', (code, reason) => { console.log('CLOSE ' + code + ' ' + reason); process.exit(0); });
ws.on('error', (e) => { console.log('ERROR ' + e.message); process.exit(1); });
