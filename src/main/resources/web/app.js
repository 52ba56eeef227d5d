// Mandate Watch — the page shell: sign-in, the header, the navigation and the hash router
// (#/alerts, #/clients, #/clients/C001, #/maturity, #/changes, #/assessments …).
// Each page lives in its own module and renders into a fresh element, so an answer that
// arrives after the operator moved on lands in a detached node and shows nowhere.

import { t, getLang, setLang, applyStatic, inLang } from './i18n.js';
import { $, el } from './dom.js';
import { session, saveSession, loadSession, clearSession, setExpiredHandler, api, can, pageAllowed, homePage } from './session.js';
import { formatShanghai } from './fmt.js';
import { initAlerts, startAlerts, stopAlerts, refreshAlerts, setBizTime, unreadCount } from './alerts.js';
import { loadPeople, forgetPeople } from './people.js';
import { clientList, clientDetail } from './clients.js';
import { clientForm, contractForm, changesPage } from './records.js';
import { maturityPage } from './maturity.js';
import { assessmentsPage } from './assessments.js';

const dec = decodeURIComponent;

// [pattern, nav entry, page]; a page is (root, match, params) => Promise and may return a cleanup function.
// params are the hash's query (#/maturity?from=2025-01&months=12), so a view can be bookmarked.
const ROUTES = [
  [/^\/alerts$/, 'alerts', null],
  [/^\/clients$/, 'clients', (root) => clientList(root)],
  [/^\/clients\/new$/, 'clients', (root) => clientForm(root, null), 'edit'],
  [/^\/clients\/([^/]+)\/edit$/, 'clients', (root, m) => clientForm(root, dec(m[1])), 'edit'],
  [/^\/clients\/([^/]+)\/contracts\/new$/, 'clients', (root, m) => contractForm(root, null, dec(m[1])), 'edit'],
  [/^\/clients\/([^/]+)$/, 'clients', (root, m) => clientDetail(root, dec(m[1]))],
  [/^\/contracts\/([^/]+)\/edit$/, 'clients', (root, m) => contractForm(root, dec(m[1]), null), 'edit'],
  [/^\/maturity$/, 'maturity', (root, m, params) => maturityPage(root, params)],
  [/^\/changes$/, 'changes', (root, m, params) => changesPage(root, params)],
  [/^\/assessments$/, 'assessments', (root) => assessmentsPage(root)],
];

const shell = { page: null, cleanup: null, statusTimer: null, loginMsgKey: null, status: null, bizTime: null };

// ---------------------------------------------------------------- login

function showLogin(msgKey) {
  for (const id of ['dashView', 'pageView', 'nav', 'conn', 'whoami', 'logoutBtn', 'bizTime', 'mailStatus']) $(id).hidden = true;
  delete document.body.dataset.session;
  $('loginView').hidden = false;
  document.title = t('app.title');
  setLoginMsg(msgKey);
  const user = $('username');
  if (!user.value && session.user) user.value = session.user;
  (user.value ? $('password') : user).focus();
}

function setLoginMsg(key) {
  shell.loginMsgKey = key;
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
    setLoginMsg('login.missing');
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
    let data = null;
    try { data = await res.json(); } catch { /* not JSON */ }
    if (res.status === 401 || res.status === 403) {
      setLoginMsg('login.bad');
      $('password').select();
    } else if (res.status === 429) {
      setLoginMsg({ key: 'login.throttled', vars: { reason: inLang(data?.error) || '' } });
    } else if (!res.ok || !data?.token) {
      setLoginMsg({ key: 'login.failed', vars: { status: res.status } });
    } else {
      $('password').value = '';
      saveSession(data);
      // the page asked for stays (a link from an e-mail); one the role may not read sends it to its first page
      startSession();
    }
  } catch {
    setLoginMsg('net.down');
  } finally {
    btn.disabled = false;
    btn.textContent = t('login.submit');
  }
}

/** Drops the token and everything learned with it, then shows the login form. */
function endSession(msgKey) {
  clearSession();
  forgetPeople();
  stopAlerts();
  clearTimeout(shell.statusTimer);
  runCleanup();
  $('pageView').replaceChildren();
  shell.bizTime = null;
  session.businessTime = null;
  showLogin(msgKey);
}

// ---------------------------------------------------------------- signed in

function startSession() {
  setLoginMsg(null);
  $('loginView').hidden = true;
  for (const id of ['nav', 'conn', 'logoutBtn', 'whoami']) $(id).hidden = false;
  showWho();
  // pages a role cannot read are not offered (the server refuses them anyway)
  for (const a of document.querySelectorAll('#nav [data-page]')) a.hidden = !pageAllowed(a.dataset.page);
  // the records custodian reads no alerts: no socket (the server would refuse it)
  if (can('alerts')) startAlerts();
  // the first status brings business time, which pages use as their default date (the demo replays 2015)
  // data-session=ready once the first page is drawn on the first status (tests wait for it, not for time)
  Promise.all([pollStatus(), loadPeople()])
    .finally(() => route().finally(() => { document.body.dataset.session = 'ready'; }));
}

function showWho() {
  const who = session.name || session.user;
  $('whoami').textContent = t('header.user', { user: `${who}（${t(`role.${session.role}`)}）` });
}

/** Business time and unsent mail, every 10 s: the outbox is visible when mail cannot go out (SPEC §6). */
async function pollStatus() {
  clearTimeout(shell.statusTimer);
  if (!session.token) return;
  try {
    const s = await api('api/status');
    shell.status = s;
    if (s?.businessTime) onBizTime(s.businessTime);
    showMailStatus(s);
  } catch { /* retried; the socket shows the connection state */ }
  shell.statusTimer = setTimeout(pollStatus, 10000);
}

function onBizTime(ts) {
  if (shell.bizTime && Date.parse(ts) <= Date.parse(shell.bizTime)) return;
  shell.bizTime = ts;
  session.businessTime = ts;
  setBizTime(ts);
  showBizTime();
}

function showBizTime() {
  const b = $('bizTime');
  b.hidden = !shell.bizTime;
  b.textContent = shell.bizTime ? t('header.bizTime', { time: formatShanghai(shell.bizTime) }) : '';
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

function showUnread(n) {
  const b = $('navUnread');
  b.hidden = n === 0;
  b.textContent = String(n);
  $('navUnreadSr').textContent = n ? t('nav.unread', { n }) : ''; // the badge is a number; readers get words
}

// ---------------------------------------------------------------- router

function runCleanup() {
  const c = shell.cleanup;
  shell.cleanup = null;
  if (typeof c === 'function') { try { c(); } catch { /* a page's cleanup must not stop navigation */ } }
}

async function route() {
  if (!session.token) return;
  // the address names the page shown, so that it can be bookmarked and sent (hashchange routes again)
  if (!location.hash.replace(/^#\/?/, '')) { location.replace(`#/${homePage()}`); return; }
  const [path, qs] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(qs || '');
  const found = ROUTES.map(([re, nav, page, needs]) => [re.exec(path), nav, page, needs]).find(([m]) => m);
  // a form typed into the address bar by a role that may read but not edit goes home like an unknown page:
  // it would otherwise be filled in, autosaved in the browser and refused only on saving
  if (!found || !pageAllowed(found[1]) || (found[3] && !can(found[3]))) { location.replace(`#/${homePage()}`); return; }
  const [match, nav, page] = found;
  runCleanup();
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  shell.page = nav;
  $('dashView').hidden = page !== null;
  $('pageView').hidden = page === null;
  if (page === null) {
    $('pageView').replaceChildren();
    refreshAlerts();
    $('alertsTitle').focus({ preventScroll: true });
    return;
  }
  document.title = `${t(`nav.${nav}`)} · Mandate Watch`;
  const root = el('div', { class: 'page' });
  $('pageView').replaceChildren(root);
  try {
    const cleanup = await page(root, match, params);
    if (root.isConnected) shell.cleanup = cleanup; else if (typeof cleanup === 'function') cleanup();
  } catch (err) {
    if (err?.status === 401) return;
    root.replaceChildren(el('p', { class: 'msg', role: 'alert',
      text: err?.status === 403 ? t('common.forbidden') : t('common.failed', { reason: err?.message || String(err) }) }));
  }
  // the new page's heading takes the focus (screen readers announce it), unless the operator has
  // already moved into the page while it was loading: typing must never be cut off
  const active = document.activeElement;
  const untouched = !active || active === document.body || $('nav').contains(active);
  if (root.isConnected && untouched) root.querySelector('.page-title')?.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- language

function switchLang() {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  applyStatic();
  if (shell.loginMsgKey) setLoginMsg(shell.loginMsgKey);
  showBizTime();
  if (shell.status) showMailStatus(shell.status);
  if (!session.token) { document.title = t('app.title'); return; }
  showWho();
  showUnread(unreadCount());
  refreshAlerts(); // the connection state in the header and the alert rows, whichever page shows
  route(); // pages render again in the new language; forms come back from their autosaved draft
}

// ---------------------------------------------------------------- start

function init() {
  setLang(getLang());
  applyStatic();
  setExpiredHandler(endSession);
  initAlerts({
    onExpired: endSession,
    onUnread: showUnread,
    onBizTime: onBizTime,
    visible: () => shell.page === 'alerts',
  });
  $('langBtn').addEventListener('click', switchLang);
  $('logoutBtn').addEventListener('click', () => endSession('login.loggedOut'));
  $('loginForm').addEventListener('submit', onLoginSubmit);
  window.addEventListener('hashchange', route);

  if (loadSession()) startSession();
  else showLogin(null);
}

init(); // module scripts run after the document is parsed
