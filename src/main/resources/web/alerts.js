// 预警窗口 — the live alert window (SPEC §5, §6): the open alerts over the /ws/alerts
// WebSocket, counts per rule, filters by rule, severity, manager and state, acknowledge with a
// comment, silence the mail of an alert, an unread count and an optional sound.
//
// The socket stays open while the operator is on another page, so the unread count in the
// navigation keeps moving. Every server string reaches the DOM as text (dom.js el()).

import { t, has, getLang, addStrings } from './i18n.js';
import { $, el, dash, orDash, toast, showErrors, clearErrors } from './dom.js';
import { session, api, can, seesAllClients, readsRule } from './session.js';
import { personName, personLabel } from './people.js';
import {
  formatAmount, formatRatioPair, formatNumber, formatPercentExact, formatPrice, formatShanghai, parseDecimal,
} from './fmt.js';

addStrings({
  'alerts.filters': '筛选预警',
  'alerts.fRule': '规则',
  'alerts.fSeverity': '级别',
  'alerts.fManager': '客户经理',
  'alerts.fState': '状态',
  'alerts.unread': '{n} 条新预警未读',
  'alerts.markRead': '全部标为已读',
  'alerts.new': '新',
  'alerts.newLabel': '未读',
  'alerts.announce': '新预警：{severity}，{rule}，{who}',
  'alerts.soundOn': '提示音：开',
  'alerts.soundOff': '提示音：关',
  'alerts.soundLabel': '新预警时播放提示音',
  'silence.button': '静默',
  'silence.buttonLabel': '静默预警 {id} 的邮件',
  'silence.title': '静默预警邮件',
  'silence.note': '静默期间预警照常记录和显示，只是不发送邮件；到期后仍未解除的预警会重新通知。',
  'silence.matchers': '匹配条件',
  'silence.rule': '规则：{v}',
  'silence.account': '账户：{v}',
  'silence.subject': '对象：{v}',
  'silence.for': '静默时长',
  'silence.h1': '1 小时', 'silence.h4': '4 小时', 'silence.h24': '24 小时', 'silence.d7': '7 天',
  'silence.reason': '原因（必填）',
  'silence.submit': '静默',
  'silence.done': '已静默至 {time}',
  'silence.active': '邮件已静默至 {time}',
  'silence.needMatcher': '至少选择一个匹配条件',
}, {
  'alerts.filters': 'Filter alerts',
  'alerts.fRule': 'Rule',
  'alerts.fSeverity': 'Severity',
  'alerts.fManager': 'Client manager',
  'alerts.fState': 'State',
  'alerts.unread': '{n} new alerts unread',
  'alerts.markRead': 'Mark all read',
  'alerts.new': 'New',
  'alerts.newLabel': 'unread',
  'alerts.announce': 'New alert: {severity}, {rule}, {who}',
  'alerts.soundOn': 'Sound: on',
  'alerts.soundOff': 'Sound: off',
  'alerts.soundLabel': 'Play a sound on new alerts',
  'silence.button': 'Silence',
  'silence.buttonLabel': 'Silence the mail of alert {id}',
  'silence.title': 'Silence alert mail',
  'silence.note': 'Silenced alerts are still recorded and shown, only not e-mailed; those still open when it ends are announced again.',
  'silence.matchers': 'Match',
  'silence.rule': 'Rule: {v}',
  'silence.account': 'Account: {v}',
  'silence.subject': 'Subject: {v}',
  'silence.for': 'Duration',
  'silence.h1': '1 hour', 'silence.h4': '4 hours', 'silence.h24': '24 hours', 'silence.d7': '7 days',
  'silence.reason': 'Reason (required)',
  'silence.submit': 'Silence',
  'silence.done': 'Silenced until {time}',
  'silence.active': 'Mail silenced until {time}',
  'silence.needMatcher': 'Choose at least one matcher',
});

const RULES = ['MATURITY', 'RETURN_BAND', 'HOLDING_RATIO', 'EXCLUDED_SECURITY', 'DISCLOSURE', 'DATA_QUALITY'];
const SEVERITIES = ['CRITICAL', 'WARNING'];
const OPEN_STATES = ['FIRING', 'ACKNOWLEDGED'];
// Rules whose value and limit are fractions (shown as percent).
const RATIO_RULES = new Set(['RETURN_BAND', 'HOLDING_RATIO', 'DISCLOSURE']);
const COLUMNS = 13;

const FADE_MS = 600;          // matches .leaving transition in app.css
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const SOUND_KEY = 'mw.sound';
// The server closes an open socket with this (policy violation) when its sign-in no longer holds, or the page stopped reading.
const WS_CLOSE_POLICY = 1008;

const state = {
  alerts: new Map(),      // String(id) → open alert
  lastSeq: null,          // highest seq applied; sent back as ?since= on reconnect
  loaded: false,          // a snapshot has arrived
  filter: { rule: null, severity: null, manager: null, state: null },
  expanded: new Set(),    // ids whose evidence row is open
  leaving: new Set(),     // ids fading out after RESOLVED
  flash: new Set(),       // ids to flash on the next render
  unread: new Set(),      // ids opened (or raised to CRITICAL) since the operator last looked at them
  rows: new Map(),        // id → { tr, detail, key } cached DOM, so unchanged rows keep focus
  cards: new Map(),       // filter key → card button
  clients: new Map(),     // client code → { manager, name }, for the manager filter
  securities: new Map(),  // security code → name (600519.SH → 贵州茅台), shown under a holding's code
  silences: [],           // active silences, to mark rows whose mail is held back
  ws: null,
  retries: 0,
  retryTimer: null,
  renderQueued: false,
  pendingFocus: null,     // focus key to move to after the next render
  ackId: null,
  silenceId: null,
  connKind: null,
  bizTime: null,
  sound: false,
  audio: null,
  timers: [],
};

let hooks = { onExpired: () => {}, onUnread: () => {}, onBizTime: () => {}, visible: () => true };

// ---------------------------------------------------------------- start & stop

/** Called once at page load: builds the static parts and wires the dialogs. */
export function initAlerts(h) {
  hooks = { ...hooks, ...h };
  buildCards();
  buildFilters();
  try { state.sound = localStorage.getItem(SOUND_KEY) === 'on'; } catch { /* default off */ }
  showSound();
  $('soundBtn').addEventListener('click', toggleSound);
  $('markRead').addEventListener('click', () => { state.unread.clear(); render(); });
  $('alertFilters').addEventListener('change', onFilterChange);
  $('alertFilters').addEventListener('submit', (e) => e.preventDefault());
  $('clearFilter').addEventListener('click', () => toggleFilter('total'));
  $('ackForm').addEventListener('submit', onAckSubmit);
  $('ackCancel').addEventListener('click', () => $('ackDialog').close());
  $('silenceForm').addEventListener('submit', onSilenceSubmit);
  $('silenceCancel').addEventListener('click', () => $('silenceDialog').close());
  // Back online: don't wait out the back-off.
  window.addEventListener('online', () => { if (session.token && !state.ws) { state.retries = 0; connect(); } });
}

/** After sign-in: open the socket and load what the filters and silence marks need. */
export function startAlerts() {
  state.retries = 0;
  $('fManager').closest('.field').hidden = !seesAllClients() || !can('clients');
  if (state.filter.rule && !readsRule(state.filter.rule)) state.filter.rule = null;
  buildCards(); // the rule cards are the signed-in role's (a second person may sign in on the same page)
  buildFilters();
  render();
  connect();
  loadClients();
  loadSecurities();
  loadSilences();
  state.timers.push(setInterval(loadSilences, 30000), setInterval(loadClients, 120000));
}

/** At sign-out: close the socket and forget everything learnt with the token. */
export function stopAlerts() {
  disconnect();
  state.timers.forEach(clearInterval);
  state.timers = [];
  for (const k of ['alerts', 'rows', 'clients', 'securities']) state[k].clear();
  for (const k of ['expanded', 'leaving', 'unread', 'flash']) state[k].clear();
  state.silences = [];
  state.lastSeq = null;
  state.loaded = false;
  for (const d of ['ackDialog', 'silenceDialog']) if ($(d).open) $(d).close();
}

/** The language changed: every row is re-rendered (row cache keys include the language). */
export function refreshAlerts() {
  buildFilters();
  showSound();
  if (state.connKind) setConn(state.connKind);
  render();
}

export function unreadCount() { return state.unread.size; }

async function loadClients() {
  // names of clients for the manager filter: only for those who see every client and read the client records
  if (!seesAllClients() || !can('clients')) return;
  try {
    const r = await api('api/clients?limit=5000');
    state.clients = new Map((r.items || []).map((c) => [c.code, { manager: c.manager, managerName: c.managerName, name: c.name }]));
    buildFilters();
    scheduleRender();
  } catch { /* the manager filter just stays empty */ }
}

async function loadSecurities() {
  try {
    const r = await api('api/securities');
    state.securities = new Map((r.items || []).filter((x) => x.name && x.name !== x.code).map((x) => [x.code, x.name]));
    scheduleRender();
  } catch { /* codes alone, as the feed writes them */ }
}

async function loadSilences() {
  try {
    const r = await api('api/silences?state=active');
    state.silences = r.items || [];
    scheduleRender();
  } catch { /* marks are a convenience */ }
}

function setConn(kind) {
  state.connKind = kind;
  $('conn').dataset.state = kind;
  $('connText').textContent = t(`conn.${kind}`);
}

function showBizTime(ts) {
  if (state.bizTime && Date.parse(ts) <= Date.parse(state.bizTime)) return;
  state.bizTime = ts;
  hooks.onBizTime(ts);
}

/** app.js learns business time from /api/status too; countdowns move with it. */
export function setBizTime(ts) {
  if (!ts || (state.bizTime && Date.parse(ts) <= Date.parse(state.bizTime))) return;
  state.bizTime = ts;
  scheduleRender();
}

// ---------------------------------------------------------------- WebSocket

/** ws(s)://<same host and path base>/ws/alerts?token=…[&since=…] */
function wsUrl() {
  const u = new URL('ws/alerts', location.href);
  u.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  u.hash = '';
  u.search = '';
  u.searchParams.set('token', session.token);
  if (state.lastSeq !== null) u.searchParams.set('since', String(state.lastSeq));
  return u.toString();
}

function connect() {
  clearTimeout(state.retryTimer);
  if (!session.token) return;
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
    // the server closes with 1008 "sign in again" when the account was deactivated or its role or password changed
    if (e.code === WS_CLOSE_POLICY && String(e.reason).includes('sign in again')) { hooks.onExpired('login.changed'); return; }
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
  const subject = msg.alert?.subject;
  // a security first seen after sign-in: its name is read again (at most every 10 s)
  if (subject && /\.(SH|SZ|BJ)$/.test(subject) && !state.securities.has(subject)) refreshSecurities();
  scheduleRender();
}

let securitiesReadAt = 0;
function refreshSecurities() {
  if (Date.now() - securitiesReadAt < 10000) return;
  securitiesReadAt = Date.now();
  loadSecurities();
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
    state.unread.delete(id);
    resolveAlert(id);
    return;
  }
  const before = state.alerts.get(id);
  // news for the operator: a new alert, or one that became critical; reminders and acks are not
  if (msg.event === 'OPENED' || (msg.event === 'UPDATED' && a.severity === 'CRITICAL' && before?.severity !== 'CRITICAL')) {
    state.unread.add(id);
    announce(a);
  }
  state.alerts.set(id, a);
  state.leaving.delete(id);
  state.flash.add(id);
}

/** Says a new alert out loud for screen readers (aria-live region) and, if switched on, with a tone. */
function announce(a) {
  const who = a.clientName || a.clientCode || (a.account === 'FIRM' ? t('account.FIRM') : orDash(a.account));
  $('announce').textContent = t('alerts.announce', {
    severity: t(`severity.${a.severity}`), rule: has(`rule.${a.rule}`) ? t(`rule.${a.rule}`) : a.rule, who,
  });
  if (state.sound) beep(a.severity === 'CRITICAL' ? [880, 660] : [660]);
}

/** A short tone from Web Audio: no sound file to ship, nothing fetched. */
function beep(freqs) {
  const ctx = state.audio;
  if (!ctx) return;
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  freqs.forEach((f, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const start = ctx.currentTime + i * 0.22;
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.21);
  });
}

/** Browsers only let a page make sound after a user gesture: the click on this toggle is that gesture. */
function toggleSound() {
  state.sound = !state.sound;
  try { localStorage.setItem(SOUND_KEY, state.sound ? 'on' : 'off'); } catch { /* not kept */ }
  if (state.sound && !state.audio && window.AudioContext) state.audio = new AudioContext();
  showSound();
  if (state.sound) beep([660]);
}

function showSound() {
  const b = $('soundBtn');
  b.textContent = t(state.sound ? 'alerts.soundOn' : 'alerts.soundOff');
  b.setAttribute('aria-pressed', String(state.sound));
  b.title = t('alerts.soundLabel');
  // a sound chosen in an earlier visit needs a gesture on this page before it can play
  if (state.sound && !state.audio && window.AudioContext) {
    document.addEventListener('click', () => { if (state.sound && !state.audio) state.audio = new AudioContext(); }, { once: true });
  }
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
  syncFilters();
  renderRows();
  renderUnread();
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
  // a card for a rule the role never sees would read "0 open" where the truth is "not yours to see"
  for (const r of RULES.filter(readsRule)) add(`rule:${r}`, 'card-rule');
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
  for (const r of RULES.filter(readsRule)) {
    const c = byRule[r];
    set(`rule:${r}`, t(`rule.${r}`), c.n, c.critical ? t('counts.critical', { n: c.critical }) : '', rule === r);
  }
}

/** Rule and severity cards toggle their filter; the total card clears every filter. */
function toggleFilter(key) {
  const [kind, value] = key.split(':');
  if (kind === 'total') state.filter = { rule: null, severity: null, manager: null, state: null };
  else state.filter[kind] = state.filter[kind] === value ? null : value;
  render();
}

/** The selects beside the cards: rule, severity, client manager, state. Rebuilt when clients load or the language changes. */
function buildFilters() {
  const opts = (sel, values, labelOf) => {
    const keep = state.filter[sel.name];
    sel.replaceChildren(el('option', { value: '', text: t('common.all') }),
      ...values.map((v) => el('option', { value: v, text: labelOf(v) })));
    sel.value = keep && values.includes(keep) ? keep : '';
  };
  opts($('fRule'), RULES.filter(readsRule), (r) => t(`rule.${r}`));
  opts($('fSeverity'), SEVERITIES, (s) => t(`severity.${s}`));
  opts($('fState'), OPEN_STATES, (s) => t(`state.${s}`));
  const managers = [...new Set([...state.clients.values()].map((c) => c.manager).filter(Boolean))].sort();
  const nameOf = new Map([...state.clients.values()].map((c) => [c.manager, c.managerName]));
  opts($('fManager'), managers, (m) => (nameOf.get(m) ? `${nameOf.get(m)}（${m}）` : m));
}

function onFilterChange(e) {
  const sel = e.target;
  if (!(sel.name in state.filter)) return;
  state.filter[sel.name] = sel.value || null;
  render();
}

function syncFilters() {
  for (const name of Object.keys(state.filter)) {
    const sel = document.querySelector(`#alertFilters select[name="${name}"]`);
    if (sel && sel.value !== (state.filter[name] || '')) sel.value = state.filter[name] || '';
  }
  const any = Object.values(state.filter).some(Boolean);
  $('clearFilter').hidden = !any;
}

function renderUnread() {
  for (const id of [...state.unread]) if (!state.alerts.has(id)) state.unread.delete(id);
  const n = state.unread.size;
  $('unreadBox').hidden = n === 0;
  $('unreadText').textContent = t('alerts.unread', { n });
  hooks.onUnread(n);
}

function updateTitle() {
  if (!hooks.visible()) return;
  const critical = openAlerts().filter((a) => a.severity === 'CRITICAL').length;
  const unread = state.unread.size;
  document.title = (unread ? `【${unread}】` : '') + (critical ? `(${critical}) ` : '') + t('nav.alerts') + ' · Mandate Watch';
}

// -- table

function visibleAlerts() {
  const { rule, severity, manager, state: st } = state.filter;
  return [...state.alerts.values()]
    .filter((a) => (!rule || a.rule === rule) && (!severity || a.severity === severity) && (!st || a.state === st))
    // firm-wide and feed alerts have no client, hence no manager: a manager filter leaves them out
    .filter((a) => !manager || state.clients.get(a.clientCode)?.manager === manager)
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
    const silencedUntil = silenceOf(a);
    const unread = state.unread.has(id);
    // the business date moves countdowns; silences and the unread mark change rows too
    const key = `${getLang()}|${bizDate()}|${open}|${unread}|${silencedUntil}|${state.securities.size}|${JSON.stringify(a)}`;
    let row = state.rows.get(id);
    if (!row) {
      row = { tr: el('tr', { class: 'alert-row', onclick: (e) => onRowClick(e, id) }), detail: null, key: null };
      state.rows.set(id, row);
    }
    if (row.key !== key) {
      row.tr.replaceChildren(...rowCells(a, open, unread, silencedUntil));
      row.tr.className = `alert-row sev-${a.severity} state-${a.state}${unread ? ' unread' : ''}`;
      row.tr.dataset.alertId = id;
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
    const filtered = Object.values(state.filter).some(Boolean);
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
  state.unread.delete(id); // looked at
  if (state.expanded.has(id)) state.expanded.delete(id);
  else state.expanded.add(id);
  state.pendingFocus = `exp:${id}`;
  render();
}

/** The end of the longest active silence that matches this alert (every matcher it names must match), or null. */
function silenceOf(a) {
  let until = null;
  for (const s of state.silences) {
    const m = s.matchers || {};
    if ((m.rule && m.rule !== a.rule) || (m.account && m.account !== a.account) || (m.subject && m.subject !== a.subject)) continue;
    if (!until || Date.parse(s.until) > Date.parse(until)) until = s.until;
  }
  return until;
}

function rowCells(a, open, unread, silencedUntil) {
  const id = String(a.id);
  const td = (cls, ...kids) => el('td', { class: cls }, ...kids);
  const actions = [];
  if (a.state === 'FIRING' && can('ack')) {
    actions.push(el('button', {
      type: 'button', class: 'btn btn-ack', 'aria-label': t('ack.buttonLabel', { id }),
      dataset: { focusKey: `ack:${id}` }, onclick: () => openAck(id), text: t('ack.button'),
    }));
  } else if (a.state === 'ACKNOWLEDGED' && can('ack')) {
    // how it is handled moves on (or another person takes it over): a new acknowledgement replaces the comment
    actions.push(el('button', {
      type: 'button', class: 'btn btn-ack btn-reack', 'aria-label': t('ack.updateLabel', { id }),
      dataset: { focusKey: `ack:${id}` }, onclick: () => openAck(id), text: t('ack.update'),
    }));
  }
  if (can('silence') && !silencedUntil) {
    actions.push(el('button', {
      type: 'button', class: 'btn btn-silence', 'aria-label': t('silence.buttonLabel', { id }),
      dataset: { focusKey: `sil:${id}` }, onclick: () => openSilence(id), text: t('silence.button'),
    }));
  }
  return [
    td('c-expand', unread ? el('span', { class: 'new-dot', title: t('alerts.newLabel') },
      el('span', { 'aria-hidden': 'true', text: t('alerts.new') }), el('span', { class: 'visually-hidden', text: t('alerts.newLabel') })) : null,
    el('button', {
      type: 'button', class: 'expander', 'aria-expanded': String(open), 'aria-controls': `detail-${id}`,
      'aria-label': t(open ? 'row.collapse' : 'row.expand'), dataset: { focusKey: `exp:${id}` },
      onclick: () => toggleExpand(id),
    }, el('span', { 'aria-hidden': 'true', text: '▸' }))),
    td('c-sev', severityBadge(a.severity)),
    td('c-rule', has(`rule.${a.rule}`) ? t(`rule.${a.rule}`) : orDash(a.rule)),
    td('c-client', ...clientCell(a)),
    td('c-account', a.account === 'FIRM' ? t('account.FIRM') : orDash(a.account)),
    td('c-subject', subjectText(a), state.securities.has(a.subject) ? el('span', { class: 'sub', text: state.securities.get(a.subject) }) : null),
    td('num c-value', ...valueLimitCell(a)),
    td('c-cause', has(`cause.${a.cause}`) ? t(`cause.${a.cause}`) : orDash(a.cause)),
    td('c-cure', ...cureCell(a)),
    td('c-msg', messageText(a)),
    // date and time on two lines rather than one wide column: the table fits a laptop's 1280 px
    td('c-time', a.openedAt ? el('time', { datetime: a.openedAt }, ...formatShanghai(a.openedAt).split(' ')
      .map((part) => el('span', { class: 'nowrap-line', text: part }))) : dash),
    td('c-state', stateNode(a), silencedUntil
      ? el('span', { class: 'sub silenced', text: t('silence.active', { time: formatShanghai(silencedUntil) }) }) : null),
    td('c-actions', ...actions),
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
export function bizDate() {
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

/** Days to maturity as people say them: 剩余 3 天, 今日到期, 已逾期 2 天. */
function daysText(n) {
  if (n > 0) return t(n === 1 ? 'maturity.left1' : 'maturity.left', { n });
  if (n === 0) return t('maturity.today');
  return t(n === -1 ? 'maturity.overdue1' : 'maturity.overdue', { n: -n });
}

export function maturityCell(a) {
  const counted = daysToMaturity(a);
  const n = counted !== null ? counted : /^-?\d+$/.test(String(a.value ?? '').trim()) ? Number(a.value) : null;
  const text = n === null ? orDash(a.value) : daysText(n);
  const out = [el('span', { class: n !== null && n <= 0 ? 'val overdue' : 'val', text })];
  const date = /^\d{4}-\d{2}-\d{2}$/.test(String(a.limit ?? '')) ? a.limit : a.evidence?.maturityDate;
  if (date) out.push(el('span', { class: 'sub', text: t('maturity.date', { date }) }));
  return out;
}

function stateNode(a) {
  if (a.state === 'ACKNOWLEDGED') {
    const text = a.acknowledgedBy ? t('state.ackBy', { user: personName(a.acknowledgedBy) }) : t('state.ACKNOWLEDGED');
    return el('span', { class: 'state ack', title: a.comment || null, text });
  }
  return el('span', { class: `state ${a.state === 'FIRING' ? 'firing' : ''}`,
    text: has(`state.${a.state}`) ? t(`state.${a.state}`) : orDash(a.state) });
}

// -- evidence (expanded row)

const AMOUNT_KEYS = new Set(['nav', 'marketValue', 'amount', 'expectedRenewal', 'cash']);
// limits and lines are ratios like the weights they bound: one row must not read 10.30% beside 0.10
const RATIO_KEYS = new Set(['weight', 'ratio', 'cumulativeReturn', 'low', 'high', 'targetReturn', 'filedRatio', 'max', 'min', 'warnLine', 'warnFraction']);
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

/** `valuesAre`: the key whose meaning the values share, where the keys are names (a disclosure's accounts → quantity). */
function evidenceList(obj, depth, valuesAre = null) {
  const dl = el('dl', { class: 'kv' });
  for (const [k, v] of Object.entries(obj)) {
    dl.append(el('dt', { text: has(`ev.${k}`) ? t(`ev.${k}`) : k }),
      el('dd', { title: v !== null && typeof v !== 'object' ? String(v) : null }, evidenceValue(valuesAre || k, v, depth)));
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
  if (typeof v === 'object') return depth >= MAX_DEPTH ? JSON.stringify(v) : evidenceList(v, depth + 1, k === 'accounts' ? 'quantity' : null);
  return evidenceScalar(k, v);
}

function evidenceScalar(k, v) {
  if (v === null || v === undefined) return dash;
  if (k === 'trigger' && has(`trigger.${v}`)) return t(`trigger.${v}`);
  if (k === 'kind' && has(`kind.${v}`)) return t(`kind.${v}`);
  if (k === 'missing' && has(`ev.missing.${v}`)) return t(`ev.missing.${v}`);
  if (k === 'tradingManager') return personLabel(v);
  if (k === 'daysToMaturity' && /^-?\d+$/.test(String(v))) return daysText(Number(v)); // -25 reads 已逾期 25 天
  // enumerations and flags in words, not as the API spells them
  if (k === 'contractType' && has(`ctype.${v}`)) return t(`ctype.${v}`);
  if (k === 'status' && has(`cstatus.${v}`)) return t(`cstatus.${v}`);
  if (typeof v === 'boolean') return t(`ev.${v}`);
  if (k === 'matched' && typeof v === 'string' && /^(code|issuer|flag):/.test(v)) {
    const i = v.indexOf(':');
    return `${t(`ev.match.${v.slice(0, i)}`)}：${v.slice(i + 1)}`;
  }
  if (AMOUNT_KEYS.has(k)) return formatAmount(v);
  if (RATIO_KEYS.has(k)) return formatPercentExact(v);
  if (COUNT_KEYS.has(k)) return formatNumber(v);
  if (k === 'price') return formatPrice(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatShanghai(v);
  return String(v);
}

// ---------------------------------------------------------------- acknowledge

function openAck(id) {
  const a = state.alerts.get(id);
  if (!a) return;
  state.unread.delete(id);
  state.ackId = id;
  const client = a.clientName || a.clientCode || (a.account === 'FIRM' ? t('account.FIRM') : a.account);
  $('ackSummary').textContent = [t(`rule.${a.rule}`), subjectText(a), client].filter(Boolean).join(' · ');
  $('ackComment').value = a.state === 'ACKNOWLEDGED' ? a.comment || '' : '';
  $('ackTitle').textContent = t(a.state === 'ACKNOWLEDGED' ? 'ack.updateTitle' : 'ack.title');
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
      : current && { ...current, state: 'ACKNOWLEDGED', acknowledgedBy: session.user, comment };
    if (updated && state.alerts.has(id) && updated.state !== 'RESOLVED') {
      state.alerts.set(id, updated);
      state.flash.add(id);
    }
    $('ackDialog').close();
    state.pendingFocus = `exp:${id}`; // the 确认 button is gone; keep the keyboard user on this row
    const what = updated || current;
    toast(t('ack.done', { what: what ? `${t(`rule.${what.rule}`)} · ${subjectText(what)}` : '' }));
    render();
  } catch (err) {
    if (err.status === 401) return; // already back at login
    const reason = err.message || (err.status ? `HTTP ${err.status}` : t('net.down'));
    showAckMsg(err.status === 403 ? t('ack.forbidden') : t('ack.failed', { reason }));
  } finally {
    btn.disabled = false;
    btn.textContent = t('ack.submit');
  }
}


// ---------------------------------------------------------------- silence

const SILENCE_HOURS = { h1: 1, h4: 4, h24: 24, d7: 168 };

function openSilence(id) {
  const a = state.alerts.get(id);
  if (!a) return;
  state.silenceId = id;
  const form = $('silenceForm');
  clearErrors(form);
  const client = a.clientName || a.clientCode || (a.account === 'FIRM' ? t('account.FIRM') : a.account);
  $('silenceSummary').textContent = [t(`rule.${a.rule}`), subjectText(a), client].filter(Boolean).join(' · ');
  const box = $('silenceMatchers');
  const check = (name, text) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name, checked: true }), el('span', { text }));
  box.replaceChildren(check('rule', t('silence.rule', { v: t(`rule.${a.rule}`) })),
    check('account', t('silence.account', { v: a.account === 'FIRM' ? t('account.FIRM') : a.account })),
    check('subject', t('silence.subject', { v: subjectText(a) })));
  const dur = $('silenceFor');
  dur.replaceChildren(...Object.keys(SILENCE_HOURS).map((k) => el('option', { value: k, text: t(`silence.${k}`) })));
  dur.value = 'h4';
  $('silenceReason').value = '';
  $('silenceDialog').showModal();
  $('silenceReason').focus();
}

async function onSilenceSubmit(ev) {
  ev.preventDefault();
  const a = state.alerts.get(state.silenceId);
  const form = $('silenceForm');
  if (!a) { $('silenceDialog').close(); return; }
  const matchers = {};
  for (const k of ['rule', 'account', 'subject']) if (form.querySelector(`input[name="${k}"]`).checked) matchers[k] = a[k];
  // the server names each bad field; the one check made here is the one it cannot phrase for a checkbox
  if (!Object.keys(matchers).length) {
    showErrors(form, { body: { error: t('silence.needMatcher'), details: [{ field: 'matchers', message: t('silence.needMatcher') }] } });
    return;
  }
  const until = new Date(Date.now() + SILENCE_HOURS[$('silenceFor').value] * 3600000).toISOString();
  const btn = $('silenceSubmit');
  btn.disabled = true;
  try {
    const s = await api('api/silences', { method: 'POST', body: { matchers, until, reason: $('silenceReason').value.trim() } });
    $('silenceDialog').close();
    state.silences = [...state.silences, s];
    state.pendingFocus = `exp:${state.silenceId}`;
    toast(t('silence.done', { time: formatShanghai(s.until) }));
    render();
  } catch (err) {
    if (err.status !== 401) showErrors(form, err);
  } finally {
    btn.disabled = false;
  }
}
