// The provider's listening page: no framework, no build. The token lives in sessionStorage and is
// sent as a Bearer header; audio is fetched with it and played once through Web Audio (no player
// controls, no download, no replay outside the count); pictures of the sound come from the gateway.
'use strict';

const KEY = 'recording-gateway-token';
const $ = (id) => document.getElementById(id);
let context = null;
let source = null;

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

// Times with their time zone, e.g. "2.6.2025, 12:00:00 CEST".
function when(iso) { return iso ? new Date(iso).toLocaleString(undefined, { timeZoneName: 'short' }) : 'not set'; }

function seconds(s) { return Number(s).toFixed(1).replace(/\.0$/, '') + ' s'; }

function cell(row, text, header) {
  const c = document.createElement(header ? 'th' : 'td');
  c.textContent = text;
  row.append(c);
}

function qualityTable(s) {
  const table = document.createElement('table');
  table.className = 'quality';
  const caption = document.createElement('caption');
  caption.textContent = 'Line quality (RTP statistics from the exchange)';
  const head = document.createElement('tr');
  ['Leg', 'Time', 'Codec', 'Packets received', 'Lost', 'Jitter', 'Round trip'].forEach((h) => cell(head, h, true));
  table.append(caption, head);
  s.lineQuality.forEach((q) => {
    const row = document.createElement('tr');
    [q.leg, when(q.at), q.codec || 'unknown', String(q.receivedPackets), q.lostPackets + ' (' + q.lossPercent + ' %)',
      q.jitterMillis + ' ms', q.roundTripMillis + ' ms'].forEach((v) => cell(row, v, false));
    table.append(row);
  });
  return table;
}

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
    const description = document.createElement('p');
    description.className = 'description';
    description.textContent = s.ticketDescription ? 'Fault: ' + s.ticketDescription : 'No description on the ticket.';
    const facts = document.createElement('p');
    facts.className = 'facts';
    const markers = s.markersSeconds.length ? s.markersSeconds.map(seconds).join(', ') : 'none (you hear the beginning)';
    facts.textContent = 'Length ' + (s.durationSeconds == null ? 'unknown' : seconds(s.durationSeconds))
      + '. Format ' + (s.format || 'unknown') + '. Fault markers at ' + markers + '.';
    const plays = document.createElement('p');
    plays.className = 'plays';
    plays.id = 'plays-' + s.recordingId;
    plays.textContent = 'Plays left: ' + s.playsLeft + ' of ' + s.playsPerSample
      + '. Window ends: ' + when(s.windowUntil) + '.';
    item.append(title, description, facts, plays);
    if (s.lineQuality.length) { item.append(qualityTable(s)); }
    if (s.refusal) {
      const refusal = document.createElement('p');
      refusal.className = 'refusal';
      refusal.textContent = 'Not playable now: ' + s.refusal;
      item.append(refusal);
    }
    const segments = s.segments.length ? s.segments : [{ index: 0, fromSeconds: null, toSeconds: null }];
    segments.forEach((g) => {
      const stretch = g.fromSeconds == null ? '' : seconds(g.fromSeconds) + ' to ' + seconds(g.toSeconds);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'play';
      button.dataset.recording = s.recordingId;
      button.dataset.segment = g.index;
      button.textContent = stretch ? 'Play ' + stretch : 'Play';
      button.disabled = !s.playable || s.playsLeft < 1;
      button.setAttribute('aria-describedby', plays.id);
      button.addEventListener('click', () => play(s.recordingId, g.index, button.textContent));
      item.append(button);
      if (stretch) {
        const look = document.createElement('button');
        look.type = 'button';
        look.className = 'look';
        look.dataset.recording = s.recordingId;
        look.dataset.segment = g.index;
        look.textContent = 'Show the sound of ' + stretch;
        const figure = document.createElement('figure');
        figure.hidden = true;
        const image = document.createElement('img');
        image.alt = 'Waveform (top) and spectrogram (bottom, 0 to 4 kHz) of ' + stretch + '; fault markers as red lines';
        image.width = 800;
        const legend = document.createElement('figcaption');
        legend.textContent = stretch + ' of the sample; red lines are the fault markers.';
        figure.append(image, legend);
        look.addEventListener('click', () => showPicture(s.recordingId, g.index, image, figure));
        item.append(look, figure);
      }
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

async function showPicture(recordingId, segment, image, figure) {
  fail('');
  try {
    const response = await api('/api/listening/samples/' + encodeURIComponent(recordingId) + '/picture?segment=' + segment);
    if (image.src) { URL.revokeObjectURL(image.src); }
    image.src = URL.createObjectURL(await response.blob());
    figure.hidden = false;
    say('Showing the picture of the sound (not a play).');
  } catch (e) {
    fail('Refused: ' + e.message);
  }
}

function stopPlayback() {
  if (source) {
    source.onended = null;
    try { source.stop(); } catch (e) { /* already ended */ }
    source.disconnect();
    source = null;
  }
  $('stop').disabled = true;
}

// One counted play: the segment is fetched, decoded and played once from memory through Web Audio.
// Nothing is kept afterwards (no media element, no blob URL): replaying needs a new, counted play.
async function play(recordingId, segment, label) {
  fail('');
  say('Fetching ' + label + '…');
  try {
    const response = await api('/api/listening/samples/' + encodeURIComponent(recordingId) + '/audio?segment=' + segment);
    const bytes = await response.arrayBuffer();
    context = context || new AudioContext();
    const buffer = await context.decodeAudioData(bytes);
    stopPlayback();
    source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    source.onended = () => { stopPlayback(); say('Finished ' + label + '.'); };
    source.start();
    $('player').hidden = false;
    $('player').dataset.seconds = buffer.duration.toFixed(3);
    $('stop').disabled = false;
    $('now-playing').textContent = label + ' (play ' + response.headers.get('X-Play') + ')';
    say('Playing ' + label + ', play ' + response.headers.get('X-Play') + '.');
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
  stopPlayback();
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
  $('stop').addEventListener('click', () => { stopPlayback(); say('Stopped.'); });
  if (token()) { load(); } else { $('token').focus(); }
});
