'use strict';
// The dashboard: plain DOM and SVG over the query API, no build step and no library.

const MAX_ALERTS = 200;
const VERDICTS = [['INSPECTING', 'Inspect'], ['CONFIRMED', 'Confirm'], ['DISMISSED', 'Dismiss']];
const $ = (selector) => document.querySelector(selector);
// Who is logged in and what they may do (GET /api/me); the CSRF token goes with every verdict.
let me = { user: null, mayTriage: false, csrfToken: null };
// Each listed alert's verdict in force, by alert id: a FINAL arriving on the feed keeps its PROVISIONAL's verdict.
const dispositions = new Map();

function usd(value) {
  const n = Number(value);
  if (!isFinite(n)) return '–';
  if (Math.abs(n) >= 1e9) return '$' + (n / 1e9).toFixed(2) + 'B';
  if (Math.abs(n) >= 1e6) return '$' + (n / 1e6).toFixed(2) + 'M';
  if (Math.abs(n) >= 1e3) return '$' + (n / 1e3).toFixed(0) + 'k';
  return '$' + n.toFixed(0);
}

function flowName(flow) {
  // A TRANSSHIPMENT route names where its goods were made before where they were dispatched from.
  const origin = flow.originCountry ? flow.originCountry + '⇒' : '';
  return origin + flow.dispatchCountry + '→' + flow.destinationCountry + ' ' + flow.hsCode;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const error = new Error(body.error || response.statusText);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function svg(tag, attributes, parent) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  if (parent) parent.appendChild(element);
  return element;
}

/** A sparkline of window totals with the baseline as a shaded area beneath. */
function sparkline(windows) {
  const width = 160, height = 28;
  const box = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'spark' });
  const recent = windows.slice(-26);
  const max = Math.max(1, ...recent.map((w) => Math.max(Number(w.totalValueUsd), Number(w.baselineValueUsd || 0))));
  const x = (i) => (recent.length < 2 ? width / 2 : (i * (width - 2)) / (recent.length - 1) + 1);
  const y = (v) => height - 1 - (Number(v) / max) * (height - 2);
  const band = recent.map((w, i) => `${x(i)},${y(w.baselineValueUsd || 0)}`).join(' ');
  svg('polygon', { points: `${x(0)},${height} ${band} ${x(recent.length - 1)},${height}`, fill: 'rgba(255,152,0,.3)' }, box);
  svg('polyline', { points: recent.map((w, i) => `${x(i)},${y(w.totalValueUsd)}`).join(' '), fill: 'none', stroke: '#3f6fb5', 'stroke-width': 1.5 }, box);
  return box;
}

async function refreshFlows() {
  let top;
  try {
    top = await getJson('/api/flows/top?limit=15');
  } catch (error) {
    $('#window').textContent = error.status === 503 ? 'state restoring…' : 'flows unavailable: ' + error.message;
    return;
  }
  $('#window').textContent = top.windowStart ? 'latest window from ' + top.windowStart.slice(0, 10) : 'no flows yet';
  const rows = top.flows.map((f) => {
    const row = document.createElement('tr');
    row.dataset.flow = f.flowKey;
    // Cells as text, never as HTML: a flow's names come from declarations.
    const cells = [flowName(f.flow), usd(f.totalValueUsd), f.baselineValueUsd == null ? '–' : usd(f.baselineValueUsd),
      f.ratio == null ? '–' : Number(f.ratio).toFixed(1) + '×', ''];
    cells.forEach((text, i) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      if (i >= 1 && i <= 3) {
        cell.className = 'num';
      }
      row.appendChild(cell);
    });
    row.addEventListener('click', () => showFlow(f.flow));
    return row;
  });
  $('#flows tbody').replaceChildren(...rows);
  // Sparklines after the table is up: one series request per flow.
  await Promise.all(top.flows.map(async (f, i) => {
    try {
      const series = await getJson(`/api/flows/${f.flow.dispatchCountry}/${f.flow.destinationCountry}/${f.flow.hsCode}`);
      rows[i].lastChild.replaceChildren(sparkline(series.windows));
    } catch (error) {
      rows[i].lastChild.textContent = '…';
    }
  }));
}

async function showFlow(flow) {
  const path = `${flow.dispatchCountry}/${flow.destinationCountry}/${flow.hsCode}`;
  const flowKey = `${flow.dispatchCountry}|${flow.destinationCountry}|${flow.hsCode}`;
  const [series, alerts] = await Promise.all([
    getJson('/api/flows/' + path),
    getJson('/api/alerts?limit=200&flow=' + encodeURIComponent(flowKey)).catch(() => []),
  ]);
  $('#detail').hidden = false;
  $('#detail-title').textContent = flowName(flow) + ' — window totals';
  const chart = $('#detail-chart');
  chart.replaceChildren();
  const width = 760, height = 220, left = 56, bottom = 20;
  const windows = series.windows.slice(-78);
  const max = Math.max(1, ...windows.map((w) => Math.max(Number(w.totalValueUsd), Number(w.baselineValueUsd || 0))));
  const step = (width - left) / Math.max(1, windows.length);
  const y = (v) => (height - bottom) - (Number(v) / max) * (height - bottom - 8);
  [0, 0.5, 1].forEach((f) => {
    svg('line', { x1: left, x2: width, y1: y(max * f), y2: y(max * f), stroke: '#e6e9ee' }, chart);
    svg('text', { x: 2, y: y(max * f) + 3 }, chart).textContent = usd(max * f);
  });
  const band = windows.map((w, i) => `${left + i * step + step / 2},${y(w.baselineValueUsd || 0)}`).join(' ');
  svg('polygon', { points: `${left + step / 2},${y(0)} ${band} ${left + (windows.length - 0.5) * step},${y(0)}`, fill: 'rgba(255,152,0,.3)' }, chart);
  windows.forEach((w, i) => {
    const bar = svg('rect', { x: left + i * step + 1, y: y(w.totalValueUsd), width: Math.max(1, step - 2), height: y(0) - y(w.totalValueUsd), fill: '#3f6fb5' }, chart);
    svg('title', {}, bar).textContent = `${w.windowStart.slice(0, 10)}: ${usd(w.totalValueUsd)} (baseline ${usd(w.baselineValueUsd || 0)})`;
  });
  alerts.forEach((alert) => {
    // The window the alert speaks of: the one holding its last instant (a SURGE spans several and ends with one).
    const end = Date.parse(alert.windowEnd);
    const at = alert.windowStart === alert.windowEnd ? end : end - 1;
    const index = windows.findIndex((w) => Date.parse(w.windowStart) <= at && at < Date.parse(w.windowEnd));
    if (index < 0) return;
    const marker = svg('circle', { cx: left + index * step + step / 2, cy: 8, r: 4, fill: '#c62828' }, chart);
    svg('title', {}, marker).textContent = alert.status + ' ' + alert.summary;
  });
  if (windows.length) {
    svg('text', { x: left, y: height - 4 }, chart).textContent = windows[0].windowStart.slice(0, 10);
    svg('text', { x: width - 60, y: height - 4 }, chart).textContent = windows[windows.length - 1].windowStart.slice(0, 10);
  }
}

function alertItem(alert) {
  const item = document.createElement('li');
  item.dataset.alertId = alert.alertId;
  item.dataset.status = alert.status;
  const severity = document.createElement('span');
  severity.className = 'sev ' + alert.severity;
  severity.textContent = alert.severity;
  const rule = document.createElement('span');
  rule.className = 'rule';
  rule.textContent = alert.ruleId || alert.rule;
  const status = document.createElement('span');
  status.className = 'status';
  status.textContent = alert.status;
  const verdict = document.createElement('span');
  verdict.className = 'verdict';
  const summary = document.createElement('div');
  summary.className = 'summary';
  summary.textContent = alert.summary;
  item.append(severity, rule, status, verdict, summary);
  if (me.mayTriage) {
    item.append(triageControls(alert.alertId));
  }
  showVerdict(item, dispositions.get(alert.alertId));
  return item;
}

/** The verdict in force on an alert's line, as text (notes are typed by people), with who gave it. */
function showVerdict(item, disposition) {
  const badge = item.querySelector('.verdict');
  if (!disposition) {
    badge.textContent = '';
    badge.className = 'verdict';
    badge.removeAttribute('title');
    return;
  }
  const latest = disposition.latest;
  badge.textContent = latest.verdict + ' · ' + latest.decidedBy;
  badge.className = 'verdict ' + latest.verdict;
  badge.title = latest.decidedAt.slice(0, 16).replace('T', ' ') + (latest.note ? ': ' + latest.note : '');
}

/** A note field and one button per verdict, for users who may triage. */
function triageControls(alertId) {
  const controls = document.createElement('div');
  controls.className = 'triage';
  const note = document.createElement('input');
  note.type = 'text';
  note.maxLength = 1000;
  note.placeholder = 'note';
  note.setAttribute('aria-label', 'note for the verdict');
  controls.append(note);
  VERDICTS.forEach(([verdict, label]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.verdict = verdict;
    button.textContent = label;
    button.addEventListener('click', () => decide(alertId, verdict, note, controls));
    controls.append(button);
  });
  return controls;
}

async function decide(alertId, verdict, note, controls) {
  controls.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  controls.querySelector('.error')?.remove();
  try {
    const response = await fetch(`/api/alerts/${alertId}/disposition`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': me.csrfToken },
      body: JSON.stringify({ verdict, note: note.value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || response.statusText);
    dispositions.set(alertId, body);
    note.value = '';
    const item = controls.closest('li');
    showVerdict(item, body);
    if (!keptByFilter(body)) item.remove();
    refreshPrecision();
  } catch (error) {
    const message = document.createElement('span');
    message.className = 'error';
    message.textContent = error.message;
    controls.append(message);
  } finally {
    controls.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

function keptByFilter(disposition) {
  const filter = $('#verdict-filter').value;
  if (filter === 'all') return true;
  if (filter === 'open') return !disposition;
  return !!disposition && disposition.latest.verdict === filter.toUpperCase();
}

/** Keeps an alert's verdict from an answer that carries one (the API's lists do; the live feed does not). */
function rememberVerdict(alert) {
  if (!('disposition' in alert)) return;
  if (alert.disposition) dispositions.set(alert.alertId, alert.disposition); else dispositions.delete(alert.alertId);
}

function addAlert(alert) {
  rememberVerdict(alert);
  if (!keptByFilter(dispositions.get(alert.alertId))) return;
  const list = $('#alerts');
  const existing = list.querySelector(`li[data-alert-id="${alert.alertId}"]`);
  if (existing) existing.remove();
  list.prepend(alertItem(alert));
  while (list.children.length > MAX_ALERTS) list.lastChild.remove();
}

function alertsPath() {
  return '/api/alerts?limit=50&verdict=' + encodeURIComponent($('#verdict-filter').value);
}

async function loadAlerts() {
  try {
    me = await getJson('/api/me');
    $('#me').textContent = me.user ? me.user + (me.mayTriage ? ' · may triage' : ' · reader') : '';
  } catch (error) {
    // Read-only without a login: no buttons.
  }
  try {
    const recent = await getJson(alertsPath());
    recent.slice().reverse().forEach(addAlert);
  } catch (error) {
    // The feed below fills the list once the app is ready.
  }
  const feed = new EventSource('/api/alerts/stream');
  feed.addEventListener('alert', (event) => addAlert(JSON.parse(event.data)));
  $('#verdict-filter').addEventListener('change', async () => {
    $('#alerts').replaceChildren();
    await refreshAlerts();
  });
}

/** Verdicts others gave (on any instance) show within a refresh; a line being typed into is never redrawn. */
async function refreshAlerts() {
  let recent;
  try {
    recent = await getJson(alertsPath());
  } catch (error) {
    return;
  }
  const list = $('#alerts');
  recent.slice().reverse().forEach((alert) => {
    const existing = list.querySelector(`li[data-alert-id="${alert.alertId}"]`);
    if (!existing) {
      addAlert(alert);
      return;
    }
    rememberVerdict(alert);
    showVerdict(existing, alert.disposition);
  });
  const listed = new Set(recent.map((a) => a.alertId));
  [...list.children].forEach((item) => {
    if (!keptByFilter(dispositions.get(item.dataset.alertId)) && !listed.has(item.dataset.alertId)) item.remove();
  });
}

async function refreshPrecision() {
  const period = $('#precision-period').value;
  const since = period === 'all' ? '1970-01-01' : new Date(Date.now() - Number(period) * 86400000).toISOString().slice(0, 10);
  let answer;
  try {
    answer = await getJson('/api/dispositions/precision?since=' + since);
  } catch (error) {
    return;
  }
  const rows = answer.rules.map((r) => {
    const row = document.createElement('tr');
    row.dataset.rule = r.rule;
    [r.rule, r.confirmed, r.dismissed, r.inspecting, r.precision == null ? '–' : (r.precision * 100).toFixed(0) + '%'].forEach((text, i) => {
      const cell = row.insertCell();
      cell.textContent = String(text);
      if (i > 0) cell.className = 'num';
    });
    return row;
  });
  if (!rows.length) {
    const row = document.createElement('tr');
    const cell = row.insertCell();
    cell.colSpan = 5;
    cell.className = 'muted';
    cell.textContent = 'no verdicts in this period';
    rows.push(row);
  }
  $('#precision tbody').replaceChildren(...rows);
}

async function refreshHealth() {
  const pill = $('#health');
  try {
    const health = await fetch('/api/health').then((r) => r.json());
    pill.textContent = health.state + (health.inputLag ? ` · lag ${health.inputLag}` : '');
    pill.className = 'pill ' + (health.state === 'RUNNING' ? 'ok' : 'bad');
  } catch (error) {
    pill.textContent = 'unreachable';
    pill.className = 'pill bad';
  }
}

async function refreshRejections() {
  try {
    const counts = await getJson('/api/rejections');
    const rows = Object.entries(counts).map(([reason, count]) => {
      // Reason codes come from a topic anyone with write access fills: text, never HTML.
      const row = document.createElement('tr');
      const code = row.insertCell();
      code.textContent = reason;
      const number = row.insertCell();
      number.className = 'num';
      number.textContent = count.toLocaleString();
      return row;
    });
    if (!rows.length) {
      const row = document.createElement('tr');
      row.innerHTML = '<td class="muted">none</td>';
      rows.push(row);
    }
    $('#rejections tbody').replaceChildren(...rows);
  } catch (error) {
    // Shown again on the next refresh.
  }
}

const LANES = ['GREEN', 'YELLOW', 'ORANGE', 'RED'];

/** Declarations per window as stacked bars, GREEN at the bottom. */
function drawLanes(windows) {
  const chart = $('#lanes-chart');
  chart.replaceChildren();
  if (!windows.length) {
    svg('text', { x: 10, y: 20 }, chart).textContent = 'no declarations scored yet';
    return;
  }
  const width = 760, height = 160, left = 40, bottom = 16;
  const totals = windows.map((w) => LANES.reduce((sum, lane) => sum + w[lane], 0));
  const max = Math.max(1, ...totals);
  const step = (width - left) / windows.length;
  windows.forEach((w, i) => {
    let y = height - bottom;
    LANES.forEach((lane) => {
      const h = (w[lane] / max) * (height - bottom - 8);
      if (h > 0) {
        const bar = svg('rect', { x: left + i * step + 1, y: y - h, width: Math.max(1, step - 2), height: h, class: 'lane-' + lane }, chart);
        svg('title', {}, bar).textContent = `${w.windowStart.slice(0, 10)} ${lane}: ${w[lane].toLocaleString()}`;
        y -= h;
      }
    });
  });
  svg('text', { x: 0, y: 12 }, chart).textContent = max.toLocaleString();
  svg('text', { x: left, y: height - 2 }, chart).textContent = windows[0].windowStart.slice(0, 10);
  svg('text', { x: width - 60, y: height - 2 }, chart).textContent = windows[windows.length - 1].windowStart.slice(0, 10);
}

/** One RED declaration: what it is and every reason, as text (party names come from declarations, never HTML). */
function redItem(risk) {
  const item = document.createElement('li');
  item.dataset.declarationId = risk.declarationId;
  const head = document.createElement('div');
  const lane = document.createElement('span');
  lane.className = 'sev lane-' + risk.lane;
  lane.textContent = risk.lane + ' ' + risk.score;
  const what = document.createElement('span');
  what.className = 'rule';
  what.textContent = risk.declarationId;
  const who = document.createElement('span');
  who.className = 'party';
  who.textContent = `${risk.exporterName} · ${flowName(risk.flow)} · ${risk.lodgedAt.slice(0, 10)}`;
  head.append(lane, what, who);
  const reasons = document.createElement('ul');
  reasons.className = 'reasons';
  risk.indicators.forEach((indicator) => {
    const reason = document.createElement('li');
    reason.textContent = `+${indicator.weight} ${indicator.name}: ${indicator.detail}`;
    reasons.append(reason);
  });
  item.append(head, reasons);
  return item;
}

async function refreshRisk() {
  try {
    const [windows, red] = await Promise.all([getJson('/api/risk/lanes?limit=26'), getJson('/api/risk/red?limit=10')]);
    drawLanes(windows);
    $('#red').replaceChildren(...red.map(redItem));
  } catch (error) {
    // Shown again on the next refresh.
  }
}

function refresh() {
  refreshHealth();
  refreshFlows();
  refreshRejections();
  refreshRisk();
  refreshAlerts();
  refreshPrecision();
}

$('#precision-period').addEventListener('change', refreshPrecision);
loadAlerts().then(refresh);
setInterval(refresh, 5000);
