// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// The hyco-https (Node) listener of the http benchmark: forwards every request to the origin, as our
// listener's RelayedHttpHandler.forwardTo does, and answers with the origin's status and body (read
// whole first: hyco-https 1.4.5 picks the control channel or a rendezvous by the first write's size).
// Args: listenUri keyName key origin. Prints "READY" once its control channel is open; exits on
// "QUIT" or end of input.
'use strict';
const https = require('hyco-https');
const http = require('http');
const readline = require('readline');

const [listenUri, keyName, key, origin] = process.argv.slice(2);
const target = new URL(origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer',
  'upgrade', 'host']);

const server = https.createRelayedServer({
  server: listenUri,
  token: () => https.createRelayToken(listenUri, keyName, key),
}, (req, res) => {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!hopByHop.has(name)) {
      headers[name] = value;
    }
  }
  const forward = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method,
    headers, agent }, (answer) => {
    const chunks = [];
    answer.on('data', (chunk) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(answer.statusCode, { 'Content-Type': answer.headers['content-type'] || 'application/octet-stream' });
      // end() with an empty buffer sends nothing at all (hyco-https 1.4.5)
      res.end(body.length > 0 ? body : undefined);
    });
  });
  forward.on('error', (e) => {
    res.writeHead(503, 'Origin unreachable');
    res.end();
  });
  req.pipe(forward);
});
server.on('listening', () => console.log('READY'));
server.on('error', (e) => console.log('EVENT error ' + (e && e.message)));
server.listen();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'QUIT') {
    process.exit(0);
  }
}).on('close', () => process.exit(0));
