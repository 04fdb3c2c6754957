// The privacy officer's page: no framework, no build, no third-party code. The token lives in
// sessionStorage and is sent as a Bearer header; every value from the gateway is shown as text, never as
// markup. Search, export, erase, holds and the audit check are the privacy API's own endpoints.
'use strict';

const KEY = 'recording-gateway-privacy-token';
const $ = (id) => document.getElementById(id);
let shownNumber = null;

function token() { return sessionStorage.getItem(KEY); }

function say(text) { $('status').textContent = text; $('error').textContent = ''; }
function fail(text) { $('error').textContent = text; }

async function api(path, options) {
  const init = Object.assign({ cache: 'no-store' }, options || {});
  init.headers = Object.assign({ 'Authorization': 'Bearer ' + token() }, init.headers || {});
  const response = await fetch(path, init);
  if (!response.ok) {
    let reason = response.status + ' ' + response.statusText;
    try {
      const body = await response.json();
      reason = body.error || reason;
    } catch (e) { /* not JSON */ }
    const error = new Error(reason);
    error.status = response.status;
    throw error;
  }
  return response;
}

function post(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// Times with their time zone, e.g. "2.6.2025, 12:00:00 CEST".
function when(iso) { return iso ? new Date(iso).toLocaleString(undefined, { timeZoneName: 'short' }) : ''; }

function cell(row, content) {
  const c = document.createElement('td');
  if (Array.isArray(content)) {
    const list = document.createElement('ul');
    list.className = 'plain';
    content.forEach((line) => { const li = document.createElement('li'); li.textContent = line; list.append(li); });
    c.append(list);
  } else if (content instanceof Node) {
    c.append(content);
  } else {
    c.textContent = content == null ? '' : String(content);
  }
  row.append(c);
  return c;
}

function purposes(r) {
  return r.purposes.map((p) => p.purpose + ' – ' + p.legalBasis + ', kept ' + p.retention
    + (p.until ? ' until ' + when(p.until) : '') + (p.ended ? '; ended ' + p.ended : ''));
}

function renderRecordings(number, data) {
  shownNumber = number;
  $('found').hidden = false;
  $('erase-confirm').hidden = true;
  $('export-result').textContent = '';
  $('found-title').textContent = 'Recordings of ' + number;
  $('found-summary').textContent = data.count === 0 ? 'Nothing is held of this number.'
    : data.count + (data.count === 1 ? ' recording' : ' recordings') + ' of this number, in any notation.';
  const body = $('recordings').tBodies[0];
  body.replaceChildren();
  data.recordings.forEach((r) => {
    const row = document.createElement('tr');
    row.dataset.recording = r.id;
    cell(row, [r.id, r.kind, 'caller ' + (r.callerNumber || 'unknown') + ', called ' + (r.calledNumber || 'unknown')]);
    cell(row, [when(r.started), r.ended ? 'to ' + when(r.ended) : 'running']);
    cell(row, [r.status].concat(r.deleted ? ['deleted ' + r.deleted] : []));
    cell(row, purposes(r));
    cell(row, [r.notice ? 'Notice: ' + r.notice : 'No notice recorded', r.choices || '']);
    cell(row, r.accessedBy.length ? r.accessedBy : ['nobody']);
    body.append(row);
  });
}

async function search(number) {
  say('Searching…');
  const response = await api('/api/privacy/access?number=' + encodeURIComponent(number));
  renderRecordings(number, await response.json());
  say('Search done.');
}

// The names in a ZIP's central directory, so the officer sees what the export holds.
function zipEntries(buffer) {
  const view = new DataView(buffer);
  let end = buffer.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) { end--; }
  if (end < 0) { return null; }
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) { return null; }
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    names.push(decoder.decode(new Uint8Array(buffer, at + 46, nameLength)));
    at += 46 + skip;
  }
  return names;
}

async function exportZip() {
  say('Exporting…');
  const response = await api('/api/privacy/export?number=' + encodeURIComponent(shownNumber));
  const buffer = await response.arrayBuffer();
  const names = zipEntries(buffer);
  if (names === null) {
    throw new Error('the export is not a readable ZIP file; try again, and report it if it stays so');
  }
  const audio = names.filter((n) => n.startsWith('audio/'));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([buffer], { type: 'application/zip' }));
  link.download = 'subject-access.zip';
  link.hidden = true;
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 60000);
  const result = $('export-result');
  result.dataset.bytes = String(buffer.byteLength);
  result.dataset.entries = names.join(' ');
  result.textContent = 'Saved subject-access.zip (' + buffer.byteLength + ' bytes): a summary and '
    + audio.length + (audio.length === 1 ? ' audio file' : ' audio files') + (audio.length ? ' (' + audio.join(', ') + ')' : '') + '.';
  say('Export done.');
}

async function erase() {
  say('Erasing…');
  const response = await post('/api/privacy/erasure', { number: shownNumber });
  const report = await response.json();
  const table = $('erasure');
  const body = table.tBodies[0];
  body.replaceChildren();
  report.recordings.forEach((o) => {
    const row = document.createElement('tr');
    row.dataset.recording = o.recordingId;
    cell(row, o.recordingId);
    cell(row, o.outcome);
    cell(row, o.why + (o.purposesEnded.length ? ' (purposes ended: ' + o.purposesEnded.join(', ') + ')' : ''));
    body.append(row);
  });
  table.hidden = false;
  $('erase-confirm').hidden = true;
  say('Erasure done: ' + report.deleted + ' deleted, ' + report.kept + ' kept, ' + report.alreadyDeleted + ' already deleted.');
}

async function loadHolds() {
  const response = await api('/api/privacy/holds');
  const body = $('hold-list').tBodies[0];
  body.replaceChildren();
  (await response.json()).holds.forEach((h) => {
    const row = document.createElement('tr');
    row.dataset.hold = h.id;
    cell(row, h.kind + ' ' + h.target);
    cell(row, h.reason);
    cell(row, when(h.setAt) + ' by ' + h.setBy);
    cell(row, h.inForce ? 'in force' : 'lifted ' + when(h.liftedAt) + ' by ' + h.liftedBy);
    const actions = cell(row, '');
    if (h.inForce) {
      const lift = document.createElement('button');
      lift.type = 'button';
      lift.className = 'lift';
      lift.dataset.hold = h.id;
      lift.textContent = 'Lift';
      lift.addEventListener('click', () => guarded(async () => {
        await post('/api/privacy/holds/' + encodeURIComponent(h.id) + '/lift', {});
        await loadHolds();
        say('Hold lifted; what it paused is deleted at the next sweep.');
      }));
      actions.append(lift);
    }
    body.append(row);
  });
}

async function placeHold() {
  await post('/api/privacy/holds', { kind: $('hold-kind').value, target: $('hold-target').value.trim(),
    reason: $('hold-reason').value.trim() });
  $('hold-reason').value = '';
  await loadHolds();
  say('Hold set.');
}

async function verify() {
  const result = await (await api('/api/audit/verify')).json();
  const out = $('verify-result');
  out.dataset.intact = String(result.intact);
  out.className = result.intact ? 'ok' : 'broken';
  out.textContent = result.intact ? 'Intact: ' + result.events + ' events, last hash ' + result.lastHash + '.'
    : 'Broken at event ' + result.brokenAt + ' (' + result.problem + '): ' + result.reason
      + '. ' + result.verifiedEvents + ' events before it verified.';
}

function showSignedIn(signedIn) {
  $('signin').hidden = signedIn;
  $('desk').hidden = !signedIn;
}

function signOut(reason) {
  sessionStorage.removeItem(KEY);
  shownNumber = null;
  showSignedIn(false);
  $('found').hidden = true;
  if (reason) { fail(reason); }
}

// Runs one action; a refused token signs out, any other failure is shown as the gateway said it.
async function guarded(action) {
  try {
    await action();
  } catch (e) {
    if (e.status === 401) {
      signOut('Signed out: ' + e.message);
    } else {
      fail(e.message);
    }
  }
}

async function signIn() {
  await loadHolds();
  showSignedIn(true);
  say('Signed in.');
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    guarded(async () => {
      try {
        await signIn();
      } catch (e) {
        sessionStorage.removeItem(KEY);
        showSignedIn(false);
        throw e;
      }
    });
  });
  $('signout').addEventListener('click', () => signOut(null));
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    $('erasure').hidden = true;
    guarded(() => search($('number').value.trim()));
  });
  $('export').addEventListener('click', () => guarded(exportZip));
  $('erase').addEventListener('click', () => { $('erase-confirm').hidden = false; });
  $('erase-no').addEventListener('click', () => { $('erase-confirm').hidden = true; });
  $('erase-yes').addEventListener('click', () => guarded(async () => {
    await erase();
    await search(shownNumber);
  }));
  $('hold-number').addEventListener('click', () => {
    $('hold-kind').value = 'number';
    $('hold-target').value = shownNumber;
    $('hold-reason').focus();
  });
  $('hold-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(placeHold);
  });
  $('verify').addEventListener('click', () => guarded(verify));
  if (token()) { guarded(signIn); }
});
