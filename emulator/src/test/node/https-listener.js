// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// A hyco-https listener (createRelayedServer). Answers every request with 201 "Made Here", the
// request it saw in headers (X-Seen-Method, X-Seen-Url, X-Seen-Headers as JSON) and, as the body,
// the request body reversed; for a URL ending in /big/<n>, <n> bytes of 'a'-'z' instead.
// Usage: node https-listener.js <listen URI> <token>. Prints LISTENING once online.
'use strict';
const https = require('hyco-https');

const [uri, token] = process.argv.slice(2);
const server = https.createRelayedServer({ server: uri, token: token }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    console.log('REQUEST ' + req.method + ' ' + req.url + ' ' + body.length);
    const big = /\/big\/(\d+)$/.exec(req.url);
    let out;
    if (big) {
      out = Buffer.alloc(Number(big[1]));
      for (let i = 0; i < out.length; i++) {
        out[i] = 97 + (i % 26);
      }
    } else {
      out = Buffer.from(body).reverse();
    }
    res.setHeader('X-Seen-Method', req.method);
    res.setHeader('X-Seen-Url', req.url);
    res.setHeader('X-Seen-Headers', JSON.stringify(req.headers));
    res.setHeader('X-Reply-Case', 'Kept');
    res.writeHead(201, 'Made Here');
    // end() with an empty buffer sends nothing at all (hyco-https 1.4.5): end without one instead
    res.end(out.length > 0 ? out : undefined);
  });
});
server.on('listening', () => console.log('LISTENING'));
server.on('error', (e) => console.log('ERROR ' + (e && e.message)));
server.listen();
process.on('SIGTERM', () => { server.close(); process.exit(0); });
