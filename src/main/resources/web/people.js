// Who is who: the records keep user names (lead1), people know each other by name (陈晓东). Loaded once a
// session starts; until it has arrived, or for a user name it does not know, the user name is shown.

import { api } from './session.js';

let names = new Map();
let everyone = [];

/** Loads the names of everyone (GET /api/people); a failure leaves user names shown as they are. */
export async function loadPeople() {
  try {
    const r = await api('api/people');
    everyone = r.items || [];
  } catch {
    everyone = [];
  }
  names = new Map(everyone.map((p) => [p.username, p.name]));
}

export function forgetPeople() { names = new Map(); everyone = []; }

/** The people who hold a role, as [user name, "张伟（cm1）"] choices for a form, by name. */
export function choicesOf(role) {
  return everyone.filter((p) => p.role === role).map((p) => [p.username, personLabel(p.username)])
    .sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
}

/** 陈晓东, or the user name when the name is unknown. */
export function personName(username) {
  if (!username) return '';
  return names.get(username) || username;
}

/** 陈晓东（lead1）: where the user name matters too (the audit log). */
export function personLabel(username) {
  if (!username) return '';
  const name = names.get(username);
  return name && name !== username ? `${name}（${username}）` : username;
}
