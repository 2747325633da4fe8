// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// Computes tokens with the real hyco-ws createRelayToken for cases read from stdin, one per line:
// base64(uri) base64(keyName) base64(key) nowMillis expirySeconds, separated by spaces.
// Writes one token per line. Date.now is frozen per case so that "now + expiry" is reproducible.
'use strict';
const path = require('node:path');
const peers = process.argv[2];
const hycows = require(path.join(peers, 'node_modules', 'hyco-ws'));

const b64 = (s) => Buffer.from(s, 'base64').toString('utf8');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = [];
  for (const line of input.split('\n')) {
    if (!line.trim()) continue;
    const [uri, keyName, key, now, expiry] = line.split(' ');
    Date.now = () => Number(now);
    out.push(hycows.createRelayToken(b64(uri), b64(keyName), b64(key), Number(expiry)));
  }
  process.stdout.write(out.join('\n') + '\n');
});
