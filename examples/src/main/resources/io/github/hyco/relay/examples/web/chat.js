// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
'use strict';
// The browser client of the chat: plain WebSocket, no framework, no build step.

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// ?tokenValidity=SECONDS asks for a shorter-lived token; a negative value gives an already expired
// one, to see how the page reports a refused connection (the end-to-end test uses it).
const tokenValidity = params.get('tokenValidity');
// Served through the relay, the page carries a token of the app's for its own requests back (a
// browser can only send it in the query); served by the app directly, it has none.
const relayToken = document.querySelector('meta[name="relay-token"]')?.content ?? null;

// Relative to the page, so that through the relay (http(s)://{namespace}/chat/) it stays below the
// Hybrid Connection.
function api(name, query = new URLSearchParams()) {
  if (relayToken !== null) {
    query.set('sb-hc-token', relayToken);
  }
  return fetch(`api/${name}?${query}`);
}

let socket = null;
let leaving = false;

$('room').value = params.get('room') || $('room').value;
$('name').value = params.get('name') || '';

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').textContent = '';
  $('error').hidden = true;
}

function time(iso) {
  return new Date(iso).toLocaleTimeString();
}

async function fetchStatus() {
  try {
    const response = await api('status');
    const status = await response.json();
    $('relay').textContent = `Relay: ${status.namespace}, Hybrid Connection "${status.hybridConnection}", `
        + `chat listener ${status.online ? 'online' : 'OFFLINE'}${status.problem ? `: ${status.problem}` : ''}`;
    $('relay').classList.toggle('offline', !status.online);
    return status;
  } catch (e) {
    $('relay').textContent = 'Relay: the example app is not reachable (is it still running?)';
    $('relay').classList.add('offline');
    return null;
  }
}

// Browsers do not tell a page why a WebSocket handshake failed (no HTTP status), so say what we can.
async function whyRefused(grant) {
  const status = await fetchStatus();
  const now = status ? Date.parse(status.now) : Date.now();
  if (Date.parse(grant.expiresAt) <= now) {
    return `The relay refused the connection: the token in the send URI expired at ${time(grant.expiresAt)}. `
        + 'Join again to get a new one.';
  }
  if (status && !status.online) {
    // The app knows why its listener is not at the relay; the browser most likely failed the same way.
    return 'Could not connect through the relay: the chat listener is not online there either'
        + (status.problem ? ` (${status.problem}).` : ' (it is still connecting; try again in a moment).');
  }
  if (!status) {
    return 'Could not connect through the relay, and the example app is not reachable: is it still running?';
  }
  return 'Could not connect through the relay, although the chat listener is online. The browser does not '
      + 'say why (its console does): it may not reach the relay, or the relay may have refused the token. '
      + 'Join again to get a new token.';
}

function showChat(joined) {
  $('join').hidden = joined;
  $('chat').hidden = !joined;
}

function render(message) {
  const item = document.createElement('li');
  item.dataset.type = message.type;
  if (message.type === 'message') {
    const at = document.createElement('time');
    at.dateTime = message.at;
    at.textContent = time(message.at);
    item.append(at, `${message.name}: ${message.text}`);
  } else {
    item.className = 'event';
    item.textContent = `${message.name} ${message.type === 'joined' ? 'joined' : 'left'}`;
    $('members').textContent = message.members.join(', ') || 'nobody';
  }
  $('log').append(item);
  $('log').scrollTop = $('log').scrollHeight;
}

function connect(grant, room, name) {
  // The send URI carries the token (sb-hc-token); the chat reads the name from the query.
  const ws = new WebSocket(`${grant.uri}&name=${encodeURIComponent(name)}`);
  let opened = false;
  socket = ws;
  $('join-button').disabled = true;
  ws.onopen = () => {
    opened = true;
    $('room-title').textContent = room;
    $('log').replaceChildren();
    showChat(true);
    $('text').focus();
  };
  ws.onmessage = (event) => render(JSON.parse(event.data));
  ws.onclose = async (event) => {
    socket = null;
    $('join-button').disabled = false;
    showChat(false);
    if (leaving) {
      leaving = false;
    } else if (!opened) {
      showError(await whyRefused(grant));
    } else {
      // 1008 is the chat's own refusal (a taken name, say), whose reason says what to change
      showError(`The chat closed the connection: ${event.reason || 'connection lost'} (code ${event.code}).`
          + (event.code === 1008 ? '' : ' Join again to reconnect.'));
    }
  };
}

$('join').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const room = $('room').value.trim();
  const name = $('name').value.trim();
  const query = new URLSearchParams({ room });
  if (tokenValidity !== null) {
    query.set('validity', tokenValidity);
  }
  let grant;
  try {
    const response = await api('send-uri', query);
    grant = await response.json();
    if (!response.ok) {
      showError(grant.error);
      return;
    }
  } catch (e) {
    showError('The example app is not reachable: is it still running?');
    return;
  }
  connect(grant, room, name);
});

$('send').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (text && socket) {
    socket.send(JSON.stringify({ text }));
    $('text').value = '';
  }
});

$('leave').addEventListener('click', () => {
  if (socket) {
    leaving = true;
    socket.close(1000, 'left');
  }
});

fetchStatus();
