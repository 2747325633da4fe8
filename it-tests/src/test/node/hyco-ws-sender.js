// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
// Our listener's peer: hyco-ws's relayedConnect. Args: address token message. Prints what comes back.
const WebSocket = require('hyco-ws');
const [address, token, message] = process.argv.slice(2);
const ws = WebSocket.relayedConnect(address, token, (client) => client.send(message));
ws.on('message', (m) => { console.log('received ' + m); ws.close(); });
ws.on('close', () => process.exit(0));
ws.on('error', (e) => { console.log('error ' + e.message); process.exit(1); });
setTimeout(() => { console.log('timeout'); process.exit(2); }, 20000);
