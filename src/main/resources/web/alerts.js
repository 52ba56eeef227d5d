// Mandate Watch — live alert window (SPEC §5, §6, §7).
//
// One page, two views: login, and the dashboard fed by the /ws/alerts WebSocket.
// Every server-provided string reaches the DOM through textContent or text nodes
// (el() below); there is no innerHTML anywhere, because client names and messages
// are not ours to trust.

import { t, has, getLang, setLang, applyStatic } from './i18n.js';
import {
  formatAmount, formatRatioPair, formatNumber, formatPercentExact, formatShanghai, parseDecimal,
} from './fmt.js';

const RULES = ['MATURITY', 'RETURN_BAND', 'HOLDING_RATIO', 'EXCLUDED_SECURITY', 'DISCLOSURE', 'DATA_QUALITY'];
const SEVERITIES = ['CRITICAL', 'WARNING'];
// Rules whose value and limit are fractions (shown as percent).
const RATIO_RULES = new Set(['RETURN_BAND', 'HOLDING_RATIO', 'DISCLOSURE']);
const COLUMNS = 13;

const TOKEN_KEY = 'mw.token';
const USER_KEY = 'mw.user';
const FADE_MS = 600;          // matches .leaving transition in app.css
const TOAST_MS = 4000;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
// A server that wants to say "token no longer valid" on an open socket can close with this.
const WS_CLOSE_UNAUTHORIZED = 4401;

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  user: null,
  alerts: new Map(),      // String(id) → open alert
  lastSeq: null,          // highest seq applied; sent back as ?since= on reconnect
  loaded: false,          // a snapshot has arrived
  filter: { rule: null, severity: null },
  expanded: new Set(),    // ids whose evidence row is open
  leaving: new Set(),     // ids fading out after RESOLVED
  flash: new Set(),       // ids to flash on the next render
  rows: new Map(),        // id → { tr, detail, key } cached DOM, so unchanged rows keep focus
  cards: new Map(),       // filter key → card button
  ws: null,
  retries: 0,
  retryTimer: null,
  renderQueued: false,
  pendingFocus: null,     // focus key to move to after the next render
  ackId: null,
  loginMsgKey: null,
  connKind: null,
  bizTime: null,
  toastTimer: null,
};

// ---------------------------------------------------------------- DOM helper

/**
 * Creates an element. `text` sets textContent; string children become text nodes
 * (Node.append), so nothing passed here is ever parsed as HTML.
 */
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

const dash = '—';
const orDash = (s) => (s === null || s === undefined || s === '' ? dash : String(s));

// ---------------------------------------------------------------- session & HTTP

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function readJson(res) {
  try { return await res.json(); } catch { return null; }
}

/**
 * Authenticated JSON call. A 401 from any endpoint means the token is gone
 * (expired, server restarted): back to login with a message saying so.
 */
async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { error: t('net.down') });
  }
  if (res.status === 401) {
    endSession('login.expired');
    throw new ApiError(401, null);
  }
  const data = await readJson(res);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function saveSession(token, user) {
  state.token = token;
  state.user = user;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, user);
  } catch { /* private mode: the session just won't survive a reload */ }
}

function loadSession() {
  try {
    state.token = sessionStorage.getItem(TOKEN_KEY);
    state.user = sessionStorage.getItem(USER_KEY);
  } catch { state.token = null; }
}

/** Drops the token and everything learned with it, then shows the login form. */
function endSession(msgKey) {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  } catch { /* ignore */ }
  state.token = null;
  disconnect();
  state.alerts.clear();
  state.rows.clear();
  state.expanded.clear();
  state.leaving.clear();
  state.lastSeq = null;
  state.loaded = false;
  state.bizTime = null;
  if ($('ackDialog').open) $('ackDialog').close();
  showLogin(msgKey);
}

// ---------------------------------------------------------------- login view

function showLogin(msgKey) {
  $('dashView').hidden = true;
  $('loginView').hidden = false;
  for (const id of ['conn', 'whoami', 'logoutBtn', 'bizTime']) $(id).hidden = true;
  document.title = t('app.title');
  setLoginMsg(msgKey);
  const user = $('username');
  if (!user.value && state.user) user.value = state.user;
  (user.value ? $('password') : user).focus();
}

function setLoginMsg(key) {
  state.loginMsgKey = key;
  const m = $('loginMsg');
  m.hidden = !key;
  m.textContent = key ? t(key.key || key, key.vars) : '';
  m.classList.toggle('info', key === 'login.loggedOut');
}

async function onLoginSubmit(ev) {
  ev.preventDefault();
  const username = $('username').value.trim();
  const password = $('password').value;
  if (!username || !password) {
    setLoginMsg('login.bad');
    (username ? $('password') : $('username')).focus();
    return;
  }
  const btn = $('loginBtn');
  btn.disabled = true;
  btn.textContent = t('login.busy');
  try {
    const res = await fetch('api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const data = await readJson(res);
    if (res.status === 401 || res.status === 403) {
      setLoginMsg('login.bad');
      $('password').select();
    } else if (!res.ok || !data?.token) {
      setLoginMsg({ key: 'login.failed', vars: { status: res.status } });
    } else {
      $('password').value = '';
      saveSession(data.token, username);
      startDashboard();
    }
  } catch {
    setLoginMsg('net.down');
  } finally {
    btn.disabled = false;
    btn.textContent = t('login.submit');
  }
}

// ---------------------------------------------------------------- dashboard view

function startDashboard() {
  setLoginMsg(null);
  $('loginView').hidden = true;
  $('dashView').hidden = false;
  $('conn').hidden = false;
  $('logoutBtn').hidden = false;
  $('whoami').hidden = !state.user;
  $('whoami').textContent = state.user ? t('header.user', { user: state.user }) : '';
  state.retries = 0;
  render();
  connect();
  pollStatus();
}

/** Business time and unsent mail, every 10 s: the outbox is visible when mail cannot go out (SPEC §6). */
async function pollStatus() {
  clearTimeout(state.statusTimer);
  if ($('dashView').hidden) return;
  try {
    const s = await api('api/status');
    if (s && s.businessTime && (!state.bizTime || Date.parse(s.businessTime) > Date.parse(state.bizTime))) showBizTime(s.businessTime);
    state.status = s;
    showMailStatus(s);
    scheduleRender(); // countdowns move with business time
  } catch { /* a failed poll is retried; the socket shows the connection state */ }
  state.statusTimer = setTimeout(pollStatus, 10000);
}

function showMailStatus(s) {
  const box = $('mailStatus');
  const out = (s && s.outbox) || {};
  const waiting = Number(out.PENDING || 0) + Number(out.SENDING || 0);
  const failed = Number(out.FAILED || 0);
  const parts = [];
  if (waiting > 0) parts.push(t(s.smtpConfigured ? 'header.mailWaiting' : 'header.mailNoSmtp', { n: waiting }));
  if (failed > 0) parts.push(t('header.mailFailed', { n: failed }));
  box.hidden = parts.length === 0;
  box.textContent = parts.join(' · ');
  box.dataset.state = failed > 0 || !s.smtpConfigured ? 'warn' : 'ok';
}

function setConn(kind) {
  state.connKind = kind;
  $('conn').dataset.state = kind;
  $('connText').textContent = t(`conn.${kind}`);
}

function showBizTime(ts) {
  state.bizTime = ts;
  const b = $('bizTime');
  b.hidden = !ts;
  b.textContent = ts ? t('header.bizTime', { time: formatShanghai(ts) }) : '';
}

function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => { box.hidden = true; }, TOAST_MS);
}

// ---------------------------------------------------------------- WebSocket

/** ws(s)://<same host and path base>/ws/alerts?token=…[&since=…] */
function wsUrl() {
  const u = new URL('ws/alerts', location.href);
  u.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  u.hash = '';
  u.search = '';
  u.searchParams.set('token', state.token);
  if (state.lastSeq !== null) u.searchParams.set('since', String(state.lastSeq));
  return u.toString();
}

function connect() {
  clearTimeout(state.retryTimer);
  if (!state.token) return;
  setConn(state.retries > 0 ? 'down' : 'connecting');
  let ws;
  try {
    ws = new WebSocket(wsUrl());
  } catch {
    scheduleReconnect();
    return;
  }
  state.ws = ws;
  let opened = false;
  ws.onopen = () => { opened = true; setConn('live'); };
  ws.onmessage = (e) => {
    state.retries = 0; // only real traffic proves the connection healthy
    handleMessage(e.data);
  };
  ws.onclose = (e) => {
    if (state.ws !== ws) return; // superseded, or we closed it on logout
    state.ws = null;
    if (e.code === WS_CLOSE_UNAUTHORIZED) { endSession('login.expired'); return; }
    setConn('down');
    scheduleReconnect();
    // A handshake refused with 401 looks like any network error to the browser;
    // ask the REST API, whose 401 handler sends the user back to login.
    if (!opened) probeToken();
  };
}

function probeToken() {
  api('api/alerts?state=open').catch(() => { /* 401 handled in api(); others: keep retrying */ });
}

/** Exponential back-off with jitter so that many screens don't reconnect in lock-step. */
function scheduleReconnect() {
  clearTimeout(state.retryTimer);
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** state.retries);
  state.retries += 1;
  state.retryTimer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
}

function disconnect() {
  clearTimeout(state.retryTimer);
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close(1000);
}

function handleMessage(data) {
  let msg;
  try { msg = JSON.parse(data); } catch { return; } // one bad frame must not kill the view
  if (!msg || typeof msg !== 'object') return;
  if (msg.businessTime) showBizTime(msg.businessTime);
  if (msg.type === 'snapshot') applySnapshot(msg);
  else if (msg.type === 'event') applyEvent(msg);
  else return;
  scheduleRender();
}

/** A snapshot is the whole truth: replace the list (first connect, or a reconnect the server chose not to replay). */
function applySnapshot(msg) {
  const next = new Map();
  for (const a of msg.alerts || []) {
    if (a && a.id !== null && a.id !== undefined && a.state !== 'RESOLVED') next.set(String(a.id), a);
  }
  // After a reconnect, highlight what changed while we were away.
  if (state.loaded) {
    for (const [id, a] of next) {
      const old = state.alerts.get(id);
      if (!old || old.updatedAt !== a.updatedAt || old.state !== a.state) state.flash.add(id);
    }
  }
  state.alerts = next;
  state.leaving.clear();
  for (const id of [...state.expanded]) if (!next.has(id)) state.expanded.delete(id);
  if (typeof msg.seq === 'number') state.lastSeq = msg.seq;
  state.loaded = true;
}

function applyEvent(msg) {
  if (typeof msg.seq === 'number') {
    if (state.lastSeq !== null && msg.seq <= state.lastSeq) return; // replay overlap / duplicate
    state.lastSeq = msg.seq;
  }
  const a = msg.alert;
  if (!a || a.id === null || a.id === undefined) return;
  // alert times are business time: an event is the freshest news of it (an acknowledgement is not)
  if (msg.event !== 'ACKNOWLEDGED' && a.updatedAt && (!state.bizTime || Date.parse(a.updatedAt) > Date.parse(state.bizTime))) {
    showBizTime(a.updatedAt);
  }
  const id = String(a.id);
  if (msg.event === 'RESOLVED' || a.state === 'RESOLVED') {
    resolveAlert(id);
    return;
  }
  state.alerts.set(id, a);
  state.leaving.delete(id);
  state.flash.add(id);
}

/** Fades a resolved row out before dropping it, so the operator sees it go. */
function resolveAlert(id) {
  if (!state.alerts.has(id)) return;
  const row = state.rows.get(id);
  if (!row?.tr.isConnected) {
    dropAlert(id);
    return;
  }
  state.leaving.add(id);
  setTimeout(() => {
    if (state.leaving.has(id)) { dropAlert(id); scheduleRender(); }
  }, FADE_MS);
}

function dropAlert(id) {
  state.alerts.delete(id);
  state.leaving.delete(id);
  state.expanded.delete(id);
}

// ---------------------------------------------------------------- rendering

/** Coalesces bursts (a replay after reconnect) into one render per frame. */
function scheduleRender() {
  if (state.renderQueued) return;
  state.renderQueued = true;
  requestAnimationFrame(() => { state.renderQueued = false; render(); });
}

function render() {
  const focusKey = document.activeElement?.dataset?.focusKey;
  renderCounts();
  renderFilterBar();
  renderRows();
  updateTitle();
  restoreFocus(focusKey);
}

/**
 * Rebuilt rows lose focus; put it back on the same control, or on the one an action
 * asked for (state.pendingFocus). Focus the user has moved elsewhere is left alone.
 */
function restoreFocus(previous) {
  const want = state.pendingFocus || previous;
  state.pendingFocus = null;
  if (!want) return;
  const active = document.activeElement;
  if (active?.isConnected && active.dataset?.focusKey === want) return;
  const lost = !active || active === document.body;
  if (!lost && want === previous) return;
  document.querySelector(`[data-focus-key="${CSS.escape(want)}"]`)?.focus({ preventScroll: true });
}

function openAlerts() {
  return [...state.alerts.entries()].filter(([id]) => !state.leaving.has(id)).map(([, a]) => a);
}

// -- count cards

function buildCards() {
  const box = $('counts');
  box.replaceChildren();
  state.cards.clear();
  const add = (key, cls) => {
    const b = el('button', {
      type: 'button', class: `card ${cls}`, 'aria-pressed': 'false', dataset: { focusKey: `card:${key}` },
      onclick: () => toggleFilter(key),
    }, el('span', { class: 'card-label' }), el('span', { class: 'card-count' }), el('span', { class: 'card-sub' }));
    state.cards.set(key, b);
    box.append(b);
  };
  add('total', 'card-total');
  for (const s of SEVERITIES) add(`severity:${s}`, `card-sev sev-${s}`);
  for (const r of RULES) add(`rule:${r}`, 'card-rule');
}

function renderCounts() {
  const list = openAlerts();
  const bySev = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  const byRule = Object.fromEntries(RULES.map((r) => [r, { n: 0, critical: 0 }]));
  for (const a of list) {
    if (a.severity in bySev) bySev[a.severity] += 1;
    if (a.rule in byRule) {
      byRule[a.rule].n += 1;
      if (a.severity === 'CRITICAL') byRule[a.rule].critical += 1;
    }
  }
  const set = (key, label, n, sub, pressed) => {
    const b = state.cards.get(key);
    b.children[0].textContent = label;
    b.children[1].textContent = String(n);
    b.children[2].textContent = sub;
    b.classList.toggle('zero', n === 0);
    b.setAttribute('aria-pressed', String(pressed));
  };
  const { rule, severity } = state.filter;
  set('total', t('counts.total'), list.length, '', !rule && !severity);
  for (const s of SEVERITIES) set(`severity:${s}`, t(`severity.${s}`), bySev[s], '', severity === s);
  for (const r of RULES) {
    const c = byRule[r];
    set(`rule:${r}`, t(`rule.${r}`), c.n, c.critical ? t('counts.critical', { n: c.critical }) : '', rule === r);
  }
}

/** Rule and severity cards toggle their filter; the total card clears both. */
function toggleFilter(key) {
  const [kind, value] = key.split(':');
  if (kind === 'total') state.filter = { rule: null, severity: null };
  else state.filter[kind] = state.filter[kind] === value ? null : value;
  render();
}

function renderFilterBar() {
  const { rule, severity } = state.filter;
  const parts = [];
  if (rule) parts.push(t(`rule.${rule}`));
  if (severity) parts.push(t(`severity.${severity}`));
  $('filterBar').hidden = parts.length === 0;
  $('filterText').textContent = parts.length ? t('filter.active', { what: parts.join(' · ') }) : '';
}

function updateTitle() {
  const critical = openAlerts().filter((a) => a.severity === 'CRITICAL').length;
  document.title = (critical ? `(${critical}) ` : '') + t('app.title');
}

// -- table

function visibleAlerts() {
  const { rule, severity } = state.filter;
  return [...state.alerts.values()]
    .filter((a) => (!rule || a.rule === rule) && (!severity || a.severity === severity))
    .sort(newestFirst);
}

function newestFirst(a, b) {
  const ta = Date.parse(a.updatedAt || a.openedAt) || 0;
  const tb = Date.parse(b.updatedAt || b.openedAt) || 0;
  if (tb !== ta) return tb - ta;
  return Number(b.id) - Number(a.id) || String(b.id).localeCompare(String(a.id));
}

let emptyRow = null;

function renderRows() {
  const nodes = [];
  for (const a of visibleAlerts()) {
    const id = String(a.id);
    const open = state.expanded.has(id);
    const key = `${getLang()}|${bizDate()}|${open}|${JSON.stringify(a)}`; // the business date moves countdowns
    let row = state.rows.get(id);
    if (!row) {
      row = { tr: el('tr', { class: 'alert-row', onclick: (e) => onRowClick(e, id) }), detail: null, key: null };
      state.rows.set(id, row);
    }
    if (row.key !== key) {
      row.tr.replaceChildren(...rowCells(a, open));
      row.tr.className = `alert-row sev-${a.severity} state-${a.state}`;
      row.detail = open ? detailRow(a) : null;
      row.key = key;
    }
    row.tr.classList.toggle('leaving', state.leaving.has(id));
    nodes.push(row.tr);
    if (row.detail) nodes.push(row.detail);
  }
  for (const id of [...state.rows.keys()]) if (!state.alerts.has(id)) state.rows.delete(id);

  if (nodes.length === 0) {
    emptyRow ??= el('tr', { class: 'empty' }, el('td', { colspan: COLUMNS }));
    const filtered = state.filter.rule || state.filter.severity;
    emptyRow.firstChild.textContent = t(!state.loaded ? 'empty.waiting' : filtered ? 'empty.filtered' : 'empty.none');
    nodes.push(emptyRow);
  }
  reconcile($('rows'), nodes);

  for (const id of state.flash) {
    const row = state.rows.get(id);
    if (row?.tr.isConnected) flash(row.tr);
  }
  state.flash.clear();
}

/** Puts `nodes` in order under parent, moving only what is out of place (keeps focus and animations). */
function reconcile(parent, nodes) {
  let cur = parent.firstChild;
  for (const n of nodes) {
    if (cur === n) { cur = cur.nextSibling; continue; }
    parent.insertBefore(n, cur);
  }
  while (cur) {
    const next = cur.nextSibling;
    cur.remove();
    cur = next;
  }
}

function flash(tr) {
  tr.classList.remove('flash');
  void tr.offsetWidth; // restart the CSS animation when a row changes twice in a row
  tr.classList.add('flash');
}

function onRowClick(e, id) {
  // Buttons inside the row do their own thing; selecting text to copy a code should not toggle.
  if (e.target.closest('button, a, input, textarea, select')) return;
  if (String(window.getSelection?.() || '')) return;
  toggleExpand(id);
}

function toggleExpand(id) {
  if (state.expanded.has(id)) state.expanded.delete(id);
  else state.expanded.add(id);
  state.pendingFocus = `exp:${id}`;
  render();
}

function rowCells(a, open) {
  const id = String(a.id);
  const td = (cls, ...kids) => el('td', { class: cls }, ...kids);
  return [
    td('c-expand', el('button', {
      type: 'button', class: 'expander', 'aria-expanded': String(open), 'aria-controls': `detail-${id}`,
      'aria-label': t(open ? 'row.collapse' : 'row.expand'), dataset: { focusKey: `exp:${id}` },
      onclick: () => toggleExpand(id),
    }, el('span', { 'aria-hidden': 'true', text: '▸' }))),
    td('c-sev', severityBadge(a.severity)),
    td('c-rule', has(`rule.${a.rule}`) ? t(`rule.${a.rule}`) : orDash(a.rule)),
    td('c-client', ...clientCell(a)),
    td('c-account', a.account === 'FIRM' ? t('account.FIRM') : orDash(a.account)),
    td('c-subject', subjectText(a)),
    td('num c-value', ...valueLimitCell(a)),
    td('c-cause', has(`cause.${a.cause}`) ? t(`cause.${a.cause}`) : orDash(a.cause)),
    td('c-cure', ...cureCell(a)),
    td('c-msg', messageText(a)),
    td('c-time', a.openedAt ? el('time', { datetime: a.openedAt, text: formatShanghai(a.openedAt) }) : dash),
    td('c-state', stateNode(a)),
    td('c-actions', a.state === 'FIRING' ? el('button', {
      type: 'button', class: 'btn btn-ack', 'aria-label': t('ack.buttonLabel', { id }),
      dataset: { focusKey: `ack:${id}` }, onclick: () => openAck(id), text: t('ack.button'),
    }) : null),
  ];
}

/** Colour plus a word, so severity never depends on colour vision. */
function severityBadge(sev) {
  return el('span', { class: `badge sev-${sev}`, text: has(`severity.${sev}`) ? t(`severity.${sev}`) : orDash(sev) });
}

function clientCell(a) {
  if (a.clientName) {
    return [el('span', { class: 'client-name', text: a.clientName }),
      a.clientCode ? el('span', { class: 'code', text: a.clientCode }) : null];
  }
  return [orDash(a.clientCode)];
}

/** The business date (Shanghai) the page last learnt, or null. */
function bizDate() {
  return state.bizTime ? formatShanghai(state.bizTime).slice(0, 10) : null;
}

function cureCell(a) {
  if (!a.cureBy) return [dash];
  const biz = bizDate();
  const overdue = biz && a.cureBy < biz && a.severity === 'CRITICAL';
  return overdue ? [el('span', { class: 'val overdue', text: a.cureBy }), el('span', { class: 'sub', text: t('cure.overdue') })]
    : [a.cureBy];
}

/** The server's message, except for maturity: its day count is shown live in the value column instead. */
function messageText(a) {
  const date = a.evidence?.maturityDate;
  const n = a.rule === 'MATURITY' ? daysToMaturity(a) : null;
  if (n !== null && date) {
    const key = n > 0 ? 'maturity.msgUpcoming' : n === 0 ? 'maturity.msgToday' : 'maturity.msgOverdue';
    return t(key, { code: a.subject, date });
  }
  return orDash(getLang() === 'en' && a.messageEn ? a.messageEn : a.message);
}

function subjectText(a) {
  const s = a.subject;
  if ((a.rule === 'RETURN_BAND' && (s === 'LOW' || s === 'HIGH')) || (a.rule === 'DATA_QUALITY' && s === 'FEED')) {
    return t(`subject.${s}`);
  }
  if (a.rule === 'HOLDING_RATIO' && has(`kind.${s}`)) return t(`kind.${s}`);
  return orDash(s);
}

function valueLimitCell(a) {
  if (a.rule === 'MATURITY') return maturityCell(a);
  if (RATIO_RULES.has(a.rule)) {
    const p = formatRatioPair(a.value, a.limit);
    return pair(p.value, p.limit);
  }
  return pair(plainNumber(a.value), plainNumber(a.limit));
}

function plainNumber(x) {
  return parseDecimal(x) ? formatNumber(x) : (x === null || x === undefined ? '' : String(x));
}

function pair(value, limit) {
  if (!value && !limit) return [dash];
  const out = [el('span', { class: 'val', text: value || dash })];
  if (limit) out.push(el('span', { class: 'sep', text: ' / ' }), el('span', { class: 'lim', text: limit }));
  return out;
}

/** MATURITY's value is days to maturity: positive ahead, negative overdue. */
/** Days from the business date to maturity, counted here so that the countdown moves with business time. */
function daysToMaturity(a) {
  const date = a.evidence?.maturityDate;
  const biz = bizDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(date ?? '')) || !/^\d{4}-\d{2}-\d{2}$/.test(String(biz ?? ''))) return null;
  const utc = (d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(date) - utc(biz)) / 86400000);
}

function maturityCell(a) {
  const counted = daysToMaturity(a);
  const n = counted !== null ? counted : /^-?\d+$/.test(String(a.value ?? '').trim()) ? Number(a.value) : null;
  let text;
  if (n === null) text = orDash(a.value);
  else if (n > 0) text = t('maturity.left', { n });
  else if (n === 0) text = t('maturity.today');
  else text = t('maturity.overdue', { n: -n });
  const out = [el('span', { class: n !== null && n <= 0 ? 'val overdue' : 'val', text })];
  const date = /^\d{4}-\d{2}-\d{2}$/.test(String(a.limit ?? '')) ? a.limit : a.evidence?.maturityDate;
  if (date) out.push(el('span', { class: 'sub', text: t('maturity.date', { date }) }));
  return out;
}

function stateNode(a) {
  if (a.state === 'ACKNOWLEDGED') {
    const text = a.acknowledgedBy ? t('state.ackBy', { user: a.acknowledgedBy }) : t('state.ACKNOWLEDGED');
    return el('span', { class: 'state ack', title: a.comment || null, text });
  }
  return el('span', { class: `state ${a.state === 'FIRING' ? 'firing' : ''}`,
    text: has(`state.${a.state}`) ? t(`state.${a.state}`) : orDash(a.state) });
}

// -- evidence (expanded row)

const AMOUNT_KEYS = new Set(['nav', 'marketValue', 'amount', 'expectedRenewal', 'cash']);
const RATIO_KEYS = new Set(['weight', 'ratio', 'cumulativeReturn', 'low', 'high', 'targetReturn', 'filedRatio']);
const COUNT_KEYS = new Set(['quantity', 'totalShares', 'firmQuantity']);
const MAX_DEPTH = 3;

function detailRow(a) {
  const id = String(a.id);
  const meta = el('p', { class: 'meta' },
    el('span', { text: t('row.fingerprint', { fp: orDash(a.fingerprint) }) }),
    a.updatedAt ? el('span', { text: t('row.updatedAt', { time: formatShanghai(a.updatedAt) }) }) : null,
    a.comment ? el('span', { text: t('row.comment', { comment: a.comment }) }) : null);
  const ev = a.evidence && typeof a.evidence === 'object' && Object.keys(a.evidence).length
    ? evidenceList(a.evidence, 0)
    : el('p', { class: 'muted', text: t('row.noEvidence') });
  return el('tr', { class: 'detail', id: `detail-${id}` },
    el('td', { colspan: COLUMNS },
      el('h3', { class: 'detail-h', text: t('row.evidence') }), ev, meta));
}

function evidenceList(obj, depth) {
  const dl = el('dl', { class: 'kv' });
  for (const [k, v] of Object.entries(obj)) {
    dl.append(el('dt', { text: has(`ev.${k}`) ? t(`ev.${k}`) : k }),
      el('dd', { title: v !== null && typeof v !== 'object' ? String(v) : null }, evidenceValue(k, v, depth)));
  }
  return dl;
}

/** Nested objects become nested lists (bounded depth); scalars are formatted by what their key means. */
function evidenceValue(k, v, depth) {
  if (v === null || v === undefined) return dash;
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => evidenceScalar(k, x)).join('、') || dash;
    if (depth >= MAX_DEPTH) return JSON.stringify(v);
    return el('ul', { class: 'ev-list' }, ...v.map((x) => el('li', {}, evidenceValue(k, x, depth + 1))));
  }
  if (typeof v === 'object') return depth >= MAX_DEPTH ? JSON.stringify(v) : evidenceList(v, depth + 1);
  return evidenceScalar(k, v);
}

function evidenceScalar(k, v) {
  if (v === null || v === undefined) return dash;
  if (k === 'trigger' && has(`trigger.${v}`)) return t(`trigger.${v}`);
  if (k === 'kind' && has(`kind.${v}`)) return t(`kind.${v}`);
  if (AMOUNT_KEYS.has(k)) return formatAmount(v);
  if (RATIO_KEYS.has(k)) return formatPercentExact(v);
  if (COUNT_KEYS.has(k)) return formatNumber(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatShanghai(v);
  return String(v);
}

// ---------------------------------------------------------------- acknowledge

function openAck(id) {
  const a = state.alerts.get(id);
  if (!a) return;
  state.ackId = id;
  const client = a.clientName || a.clientCode || (a.account === 'FIRM' ? t('account.FIRM') : a.account);
  $('ackSummary').textContent = [t(`rule.${a.rule}`), subjectText(a), client].filter(Boolean).join(' · ');
  $('ackComment').value = '';
  showAckMsg(null);
  $('ackDialog').showModal();
  $('ackComment').focus();
}

function showAckMsg(text) {
  $('ackMsg').hidden = !text;
  $('ackMsg').textContent = text || '';
}

async function onAckSubmit(ev) {
  ev.preventDefault();
  const id = state.ackId;
  const comment = $('ackComment').value.trim();
  if (!comment) {
    showAckMsg(t('ack.comment'));
    $('ackComment').focus();
    return;
  }
  const btn = $('ackSubmit');
  btn.disabled = true;
  btn.textContent = t('ack.busy');
  try {
    const res = await api(`api/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST', body: { comment } });
    // Show it at once; the ACKNOWLEDGED event on the socket will confirm (or correct) it.
    const current = state.alerts.get(id);
    const updated = res && res.id !== undefined ? res
      : current && { ...current, state: 'ACKNOWLEDGED', acknowledgedBy: state.user, comment };
    if (updated && state.alerts.has(id) && updated.state !== 'RESOLVED') {
      state.alerts.set(id, updated);
      state.flash.add(id);
    }
    $('ackDialog').close();
    state.pendingFocus = `exp:${id}`; // the 确认 button is gone; keep the keyboard user on this row
    toast(t('ack.done', { id }));
    render();
  } catch (err) {
    if (err.status === 401) return; // already back at login
    const reason = err.body?.error || (err.status ? `HTTP ${err.status}` : t('net.down'));
    showAckMsg(err.status === 403 ? t('ack.forbidden') : t('ack.failed', { reason }));
  } finally {
    btn.disabled = false;
    btn.textContent = t('ack.submit');
  }
}

// ---------------------------------------------------------------- language

function switchLang() {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  applyStatic();
  if (state.loginMsgKey) setLoginMsg(state.loginMsgKey);
  if (state.connKind) setConn(state.connKind);
  if (state.bizTime) showBizTime(state.bizTime);
  if (state.status) showMailStatus(state.status);
  if (state.user) $('whoami').textContent = t('header.user', { user: state.user });
  if ($('dashView').hidden) document.title = t('app.title');
  else render(); // row cache keys include the language, so every row is re-rendered
}

// ---------------------------------------------------------------- start

function init() {
  setLang(getLang());
  applyStatic();
  buildCards();
  $('langBtn').addEventListener('click', switchLang);
  $('logoutBtn').addEventListener('click', () => endSession('login.loggedOut'));
  $('loginForm').addEventListener('submit', onLoginSubmit);
  $('clearFilter').addEventListener('click', () => toggleFilter('total'));
  $('ackForm').addEventListener('submit', onAckSubmit);
  $('ackCancel').addEventListener('click', () => $('ackDialog').close());
  // Back online: don't wait out the back-off.
  window.addEventListener('online', () => { if (state.token && !state.ws) { state.retries = 0; connect(); } });

  loadSession();
  if (state.token) startDashboard();
  else showLogin(null);
}

init(); // module scripts run after the document is parsed
