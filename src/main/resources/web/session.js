// The signed-in user and every call to the API. The token lives in sessionStorage (one tab,
// gone with it); the role decides which actions the page offers. The server checks every call
// again: hiding a button is a courtesy, never the protection.

import { t, inLang } from './i18n.js';
import { formatShanghai } from './fmt.js';

const KEY = 'mw.session';

export const session = { token: null, user: null, role: null, name: null, businessTime: null };

/** "2015-04": the month of business time (the replayed month in the demo), else the Shanghai month on the wall. */
export function businessMonth() {
  if (session.businessTime) return formatShanghai(session.businessTime).slice(0, 7);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

let onExpired = () => {};

/** app.js tells us what to do when the server says 401 (back to the login form). */
export function setExpiredHandler(fn) { onExpired = fn; }

export function saveSession(s) {
  Object.assign(session, { token: s.token, user: s.username, role: s.role, name: s.name });
  try { sessionStorage.setItem(KEY, JSON.stringify(session)); } catch { /* private mode: not kept over a reload */ }
}

export function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    // a session from before roles were kept cannot decide which actions to show: sign in again
    if (s && s.token && s.role) Object.assign(session, s);
  } catch { /* ignore */ }
  return !!session.token;
}

export function clearSession() {
  try { sessionStorage.removeItem(KEY); } catch { /* ignore */ }
  Object.assign(session, { token: null, role: null, name: null });
}

export class ApiError extends Error {
  constructor(status, body) {
    super(inLang(body?.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function readJson(res) {
  try { return await res.json(); } catch { return null; }
}

/**
 * Authenticated JSON call. Answers `{status, data, headers}` for 2xx (202 matters: a change to a
 * sealed record waits for approval), throws ApiError otherwise. A 401 means the token is gone
 * (expired, server restarted): back to login with a message saying so.
 */
export async function call(path, { method = 'GET', body, headers = {} } = {}) {
  const h = { Accept: 'application/json', Authorization: `Bearer ${session.token}`, ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { error: t('net.down') });
  }
  if (res.status === 401 && session.token) {
    // the server says when the account itself changed (deactivated, new role or password): not a timed-out session
    const reason = (await readJson(res))?.error || '';
    onExpired(reason.includes('deactivated') ? 'login.changed' : 'login.expired');
    throw new ApiError(401, null);
  }
  const data = await readJson(res);
  if (!res.ok) throw new ApiError(res.status, data);
  return { status: res.status, data, headers: res.headers };
}

export async function api(path, options) {
  return (await call(path, options)).data;
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads an export (CSV, text). The API wants the token in a header, which a plain link
 * cannot send, so the file is fetched and handed to the browser as a blob with its own name.
 */
export async function download(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` } });
  } catch {
    throw new ApiError(0, { error: t('net.down') });
  }
  if (!res.ok) throw new ApiError(res.status, await readJson(res));
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '')?.[1] || 'export';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// What each role may do, as the server decides it (README "Roles", the permission table in auth/Permission).
// ADMIN passes the server's role checks except where a supervisor's own judgement is asked: approvals, scoring.
const ROLES = {
  alerts: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'OPS', 'TRADING', 'FINANCE', 'ADMIN'],
  clients: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'RECORDS_CUSTODIAN', 'COMPLIANCE', 'TRADING', 'FINANCE', 'ADMIN'],
  maturity: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'TRADING', 'FINANCE', 'ADMIN'],
  accounts: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'OPS', 'TRADING', 'ADMIN'],
  contactRead: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'RECORDS_CUSTODIAN', 'COMPLIANCE', 'ADMIN'],
  ack: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'OPS', 'TRADING', 'FINANCE', 'ADMIN'],
  silence: ['SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'OPS', 'ADMIN'],
  edit: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'ADMIN'],
  seal: ['RECORDS_CUSTODIAN', 'ADMIN'],
  approve: ['SALES_LEAD', 'MARKETING_MANAGER'],
  changes: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'ADMIN'],
  audit: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'ADMIN'],
  assessRead: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'COMPLIANCE', 'ADMIN'],
  assessWrite: ['SALES_LEAD', 'MARKETING_MANAGER'],
  contactWrite: ['CLIENT_MANAGER', 'SALES_LEAD', 'MARKETING_MANAGER', 'ADMIN'],
};

/** The alert rules a role reads (auth/Permission.alertRules): the page offers no card or filter for the others. */
export function readsRule(rule) {
  if (session.role === 'TRADING' || session.role === 'FINANCE') return rule === 'MATURITY';
  if (session.role === 'OPS') return rule === 'DATA_QUALITY';
  return true;
}

export function can(action) {
  return (ROLES[action] || []).includes(session.role);
}

/** The pages of the navigation a role reads, in order; the first is where a session starts. */
const PAGES = [['alerts', 'alerts'], ['clients', 'clients'], ['maturity', 'maturity'], ['changes', 'changes'], ['assessments', 'assessRead']];

export function pageAllowed(page) {
  const entry = PAGES.find(([p]) => p === page);
  return !entry || can(entry[1]);
}

export function homePage() {
  return (PAGES.find(([p]) => pageAllowed(p)) || ['alerts'])[0];
}

/** A client manager sees own clients only, so filters by manager mean nothing to them. */
export function seesAllClients() {
  return session.role !== 'CLIENT_MANAGER';
}
