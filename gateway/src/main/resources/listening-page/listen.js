// The provider's listening page: no framework, no build. The token lives in sessionStorage and is
// sent as a Bearer header; audio is fetched with it and played from a blob URL.
'use strict';

const KEY = 'recording-gateway-token';
const $ = (id) => document.getElementById(id);
let currentUrl = null;

function token() { return sessionStorage.getItem(KEY); }

function say(text) { $('status').textContent = text; }
function fail(text) { $('error').textContent = text; }

async function api(path) {
  const response = await fetch(path, { headers: { 'Authorization': 'Bearer ' + token() }, cache: 'no-store' });
  if (!response.ok) {
    let reason = response.status + ' ' + response.statusText;
    try { reason = (await response.json()).error || reason; } catch (e) { /* not JSON */ }
    const error = new Error(reason);
    error.status = response.status;
    throw error;
  }
  return response;
}

function when(iso) { return iso ? new Date(iso).toLocaleString() : 'not set'; }

function seconds(s) { return Number(s).toFixed(1).replace(/\.0$/, '') + ' s'; }

function render(data) {
  $('samples-title').textContent = 'Samples for ' + data.provider;
  const list = $('sample-list');
  list.replaceChildren();
  $('empty').hidden = data.samples.length > 0;
  data.samples.forEach((s) => {
    const item = document.createElement('li');
    item.dataset.recording = s.recordingId;
    const title = document.createElement('h3');
    title.textContent = 'Ticket ' + s.ticketReference + ' – sample from ' + when(s.started);
    const facts = document.createElement('p');
    facts.className = 'facts';
    const markers = s.markersSeconds.length ? s.markersSeconds.map(seconds).join(', ') : 'none (you hear the beginning)';
    facts.textContent = 'Length ' + (s.durationSeconds == null ? 'unknown' : seconds(s.durationSeconds))
      + '. Fault markers at ' + markers + '.';
    const plays = document.createElement('p');
    plays.className = 'plays';
    plays.id = 'plays-' + s.recordingId;
    plays.textContent = 'Plays left: ' + s.playsLeft + ' of ' + s.playsPerSample
      + '. Window ends: ' + when(s.windowUntil) + '.';
    item.append(title, facts, plays);
    if (s.refusal) {
      const refusal = document.createElement('p');
      refusal.className = 'refusal';
      refusal.textContent = 'Not playable now: ' + s.refusal;
      item.append(refusal);
    }
    const segments = s.segments.length ? s.segments : [{ index: 0, fromSeconds: null, toSeconds: null }];
    segments.forEach((g) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'play';
      button.dataset.recording = s.recordingId;
      button.dataset.segment = g.index;
      button.textContent = g.fromSeconds == null ? 'Play'
        : 'Play ' + seconds(g.fromSeconds) + ' to ' + seconds(g.toSeconds);
      button.setAttribute('aria-describedby', plays.id);
      button.addEventListener('click', () => play(s.recordingId, g.index, button.textContent));
      item.append(button);
    });
    list.append(item);
  });
}

async function load() {
  fail('');
  try {
    const data = await (await api('/api/listening/samples')).json();
    $('signin').hidden = true;
    $('samples').hidden = false;
    render(data);
    say(data.samples.length + ' sample(s) loaded.');
  } catch (e) {
    if (e.status === 401) {
      sessionStorage.removeItem(KEY);
      $('signin').hidden = false;
      $('samples').hidden = true;
    }
    fail('Could not load the samples: ' + e.message);
  }
}

async function play(recordingId, segment, label) {
  fail('');
  say('Fetching ' + label + '…');
  try {
    const response = await api('/api/listening/samples/' + encodeURIComponent(recordingId) + '/audio?segment=' + segment);
    const blob = await response.blob();
    if (currentUrl) { URL.revokeObjectURL(currentUrl); }
    currentUrl = URL.createObjectURL(blob);
    const audio = $('audio');
    audio.src = currentUrl;
    $('player').hidden = false;
    $('now-playing').textContent = label + ' (play ' + response.headers.get('X-Play') + ')';
    say('Playing ' + label + ', play ' + response.headers.get('X-Play') + '.');
    audio.play().catch(() => say('Press play on the player to listen.'));
  } catch (e) {
    fail('Refused: ' + e.message);
  }
  await refreshList();
}

async function refreshList() {
  try {
    render(await (await api('/api/listening/samples')).json());
  } catch (e) { /* the error is shown already */ }
}

function signOut() {
  sessionStorage.removeItem(KEY);
  if (currentUrl) { URL.revokeObjectURL(currentUrl); currentUrl = null; }
  $('audio').removeAttribute('src');
  $('player').hidden = true;
  $('samples').hidden = true;
  $('signin').hidden = false;
  $('token').value = '';
  say('Signed out.');
  $('token').focus();
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    load();
  });
  $('refresh').addEventListener('click', load);
  $('signout').addEventListener('click', signOut);
  if (token()) { load(); } else { $('token').focus(); }
});
