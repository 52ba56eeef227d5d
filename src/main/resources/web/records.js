// Record forms (SPEC §7 records workflow): clients and contracts are entered as drafts and saved
// at any time; a sealed record is never changed by a save, which becomes a pending change that a
// supervisor other than the requester approves (变更审批 page, also here).
//
// Draft autosave: what the operator types is kept in this browser (localStorage, per user and
// record) on every change, so a closed tab, a lost session or a language switch loses nothing;
// the server copy changes only when 保存 is pressed. Server errors are shown field by field:
// every input is named with the API's field path (limits.kinds.STOCK.max), which is also the
// name the server's 400 details use.

import { t, addStrings, label } from './i18n.js';
import { el, dash, orDash, toast, field, select, showErrors, clearErrors, heading, button, printButton } from './dom.js';
import { session, api, call, query, can, seesAllClients } from './session.js';
import { formatAmount, formatPercentExact, formatShanghai, parseDecimal } from './fmt.js';
import { diffs, fieldLabel, fieldValue } from './clients.js';
import { choicesOf, personLabel } from './people.js';

addStrings({
  'form.newClient': '新建客户',
  'form.editClient': '编辑客户 {code}',
  'form.newContract': '新建合同（客户 {client}）',
  'form.editContract': '编辑合同 {code}',
  'form.sealedNote': '此记录已封存：保存后将生成变更申请，经主管审批后生效。',
  'form.draftRestored': '已恢复本机 {time} 自动保存、尚未提交的内容。',
  'form.discardDraft': '放弃这些修改',
  'form.autosaved': '已自动保存到本机 {time}',
  'form.saved': '已保存（草稿）',
  'form.created': '已创建 {code}',
  'form.pending': '记录已封存，修改已提交审批（变更 #{id}）',
  'form.conflict': '记录已被他人修改。请刷新页面后再改（本机草稿会保留）。',
  'form.save': '保存',
  'f.code': '代码', 'f.name': '名称', 'f.nature': '企业性质', 'f.manager': '客户经理', 'f.stage': '生命周期阶段',
  'f.kcode': '合同编号', 'f.client': '客户代码', 'f.account': '账户（组合代码）', 'f.amount': '委托金额（元）',
  'f.start': '起始日期', 'f.maturity': '到期日期', 'f.type': '合同类型', 'f.status': '合同状态',
  'f.target': '目标收益率（小数，0.06 = 6%）', 'f.low': '收益区间下限（小数）', 'f.high': '收益区间上限（小数）',
  'f.single': '单一股票上限（小数，0.10 = 10%）', 'f.warn': '预警系数（默认 0.9）',
  'f.kinds': '各类资产比例（小数，可空）', 'f.kindMin': '{kind} 下限', 'f.kindMax': '{kind} 上限',
  'f.exCodes': '禁投证券代码（逗号分隔）', 'f.exIssuers': '禁投发行人（逗号分隔）', 'f.exFlags': '禁投标记（如 ST）',
  'f.renewal': '预计续约金额（元）', 'f.trader': '交易经理',
  'f.group.basic': '基本信息', 'f.group.return': '收益', 'f.group.limits': '投资限制', 'f.group.other': '其他',
  'changes.title': '变更审批',
  'changes.status': '状态',
  'changes.PENDING': '待审批', 'changes.APPROVED': '已批准', 'changes.REJECTED': '已驳回',
  'changes.empty': '没有变更申请',
  'changes.head': '#{id} {entity} {code}',
  'changes.by': '{user} 申请于 {time}',
  'changes.decided': '{user} 于 {time} 决定',
  'changes.entity.client': '客户', 'changes.entity.contract': '合同',
  'changes.field': '字段', 'changes.before': '原值', 'changes.after': '新值',
  'changes.approve': '批准', 'changes.reject': '驳回',
  'changes.reason': '驳回理由（必填）',
  'changes.own': '本人提交的申请须由其他主管审批',
  'changes.approved': '已批准变更 #{id}', 'changes.rejected': '已驳回变更 #{id}',
}, {
  'form.newClient': 'New client',
  'form.editClient': 'Edit client {code}',
  'form.newContract': 'New contract (client {client})',
  'form.editContract': 'Edit contract {code}',
  'form.sealedNote': 'This record is sealed: saving creates a change request that takes effect once a supervisor approves it.',
  'form.draftRestored': 'Restored what you typed at {time} and had not saved yet.',
  'form.discardDraft': 'Discard these edits',
  'form.autosaved': 'Autosaved in this browser at {time}',
  'form.saved': 'Saved (draft)',
  'form.created': '{code} created',
  'form.pending': 'The record is sealed: your change waits for approval (change #{id})',
  'form.conflict': 'Someone else changed the record. Reload the page and edit again (your draft is kept here).',
  'form.save': 'Save',
  'f.code': 'Code', 'f.name': 'Name', 'f.nature': 'Nature', 'f.manager': 'Client manager', 'f.stage': 'Lifecycle stage',
  'f.kcode': 'Contract code', 'f.client': 'Client code', 'f.account': 'Account (portfolio code)', 'f.amount': 'Amount (yuan)',
  'f.start': 'Start date', 'f.maturity': 'Maturity date', 'f.type': 'Contract type', 'f.status': 'Contract status',
  'f.target': 'Target return (fraction, 0.06 = 6%)', 'f.low': 'Return band low (fraction)', 'f.high': 'Return band high (fraction)',
  'f.single': 'Single stock max (fraction, 0.10 = 10%)', 'f.warn': 'Warn fraction (default 0.9)',
  'f.kinds': 'Asset kind limits (fractions, optional)', 'f.kindMin': '{kind} min', 'f.kindMax': '{kind} max',
  'f.exCodes': 'Excluded codes (comma-separated)', 'f.exIssuers': 'Excluded issuers (comma-separated)', 'f.exFlags': 'Excluded flags (e.g. ST)',
  'f.renewal': 'Expected renewal (yuan)', 'f.trader': 'Trading manager',
  'f.group.basic': 'Basics', 'f.group.return': 'Return', 'f.group.limits': 'Limits', 'f.group.other': 'Other',
  'changes.title': 'Approvals',
  'changes.status': 'Status',
  'changes.PENDING': 'Pending', 'changes.APPROVED': 'Approved', 'changes.REJECTED': 'Rejected',
  'changes.empty': 'No change requests',
  'changes.head': '#{id} {entity} {code}',
  'changes.by': 'requested by {user} at {time}',
  'changes.decided': 'decided by {user} at {time}',
  'changes.entity.client': 'Client', 'changes.entity.contract': 'Contract',
  'changes.field': 'Field', 'changes.before': 'Before', 'changes.after': 'After',
  'changes.approve': 'Approve', 'changes.reject': 'Reject',
  'changes.reason': 'Reason for rejecting (required)',
  'changes.own': 'Your own request must be decided by another supervisor',
  'changes.approved': 'Change #{id} approved', 'changes.rejected': 'Change #{id} rejected',
});

const NATURES = ['LISTED_COMPANY', 'STATE_OWNED', 'PRIVATE', 'OTHER'];
const STAGES = ['PROSPECT', 'DEVELOPING', 'SIGNED', 'MAINTAINING', 'TERMINATED'];
const TYPES = ['NO_GUARANTEE', 'CAPITAL_GUARANTEED', 'TREASURY_FACE_VALUE', 'OTHER'];
const STATUSES = ['PLANNED', 'ACTIVE', 'MATURED', 'RENEWED', 'TERMINATED', 'SETTLED'];
const KINDS = ['STOCK', 'BOND', 'FUND', 'REPO', 'CASH', 'OTHER'];
const LISTS = new Set(['excluded.codes', 'excluded.issuers', 'excluded.flags']);

// ---------------------------------------------------------------- form values

/** name → value of every named control; the names are API field paths. */
function collect(form) {
  const out = {};
  for (const c of form.elements) if (c.name && !c.disabled && c.type !== 'submit') out[c.name] = c.value;
  return out;
}

/** Puts values into the form; a kept draft never overrides what the page fixes (read-only fields). */
function apply(form, values, { draft = false } = {}) {
  for (const [k, v] of Object.entries(values)) {
    const c = form.elements[k];
    if (!c || (draft && (c.readOnly || c.disabled))) continue;
    c.value = v;
    c.dispatchEvent(new Event('mw:set')); // previews follow values set by the page
  }
}

/** A record as flat field paths, in the spelling the form uses. */
function flatten(o, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(o || {})) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) out[p] = v.join(', ');
    else if (v && typeof v === 'object') flatten(v, p, out);
    else out[p] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

/** Flat field paths back to the nested body; empty fields are left out (the server names the required ones). */
function nest(values) {
  const body = {};
  for (const [path, raw] of Object.entries(values)) {
    const v = String(raw).trim();
    if (v === '' && !LISTS.has(path)) continue;
    const value = LISTS.has(path) ? v.split(/[,，、\s]+/).filter(Boolean) : v;
    const keys = path.split('.');
    let o = body;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
    o[keys.at(-1)] = value;
  }
  return body;
}

// ---------------------------------------------------------------- autosave

/**
 * Keeps the form's values in localStorage (per user and record) on every change. On open, a
 * kept draft that differs from the server's record is put back, with a notice and a way to
 * throw it away. Answers `done()`, to call once the server has the record.
 */
function autosave(form, key, serverValues, notice, status) {
  const storeKey = `mw.draft.${session.user}.${key}`;
  // saved on every keystroke: a small local write, and a tab closed right after typing loses nothing
  const save = () => {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ at: new Date().toISOString(), values: collect(form) }));
      status.textContent = t('form.autosaved', { time: formatShanghai(new Date().toISOString()).slice(11) });
    } catch { /* storage full or off: the form still works */ }
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);

  let kept = null;
  try { kept = JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch { kept = null; }
  const differs = kept && Object.entries(kept.values || {}).some(([k, v]) => String(serverValues[k] ?? '') !== String(v));
  if (differs) {
    apply(form, kept.values, { draft: true });
    notice.replaceChildren(el('span', { text: t('form.draftRestored', { time: formatShanghai(kept.at) }) }), ' ',
      button(t('form.discardDraft'), () => {
        try { localStorage.removeItem(storeKey); } catch { /* ignore */ }
        apply(form, serverValues);
        notice.hidden = true;
      }, 'btn btn-link'));
    notice.hidden = false;
  }
  return {
    done() {
      try { localStorage.removeItem(storeKey); } catch { /* ignore */ }
      status.textContent = '';
    },
  };
}

// ---------------------------------------------------------------- the form frame

/**
 * The frame shared by both forms: heading, sealed note, restored-draft notice, error summary,
 * the groups of fields, save. `submit(values)` answers the {status, data} of the save.
 */
function recordForm(root, { title, sealed, groups, serverValues, draftKey, submit, after }) {
  const form = el('form', { class: 'form', novalidate: true });
  const notice = el('p', { class: 'msg info', role: 'status', hidden: true });
  const status = el('p', { class: 'muted autosave-status', 'aria-live': 'off' });
  const errors = el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true });
  const saveBtn = el('button', { type: 'submit', class: 'btn btn-primary', text: t('form.save') });
  form.append(errors,
    ...groups.map(([legend, fields]) => el('fieldset', { class: 'group' }, el('legend', { text: t(legend) }), ...fields)),
    el('div', { class: 'form-actions' }, saveBtn, button(t('common.cancel'), () => history.back()), status));
  root.append(heading(title, printButton()), el('p', { class: 'msg info', hidden: !sealed, text: t('form.sealedNote') }), notice, form);
  apply(form, serverValues);
  const draft = autosave(form, draftKey, serverValues, notice, status);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    saveBtn.disabled = true;
    try {
      const res = await submit(collect(form));
      draft.done();
      after(res);
    } catch (err) {
      if (err.status === 401) return;
      if (err.status === 409 && err.body?.details?.some((d) => d.field === 'version')) {
        showErrors(form, { status: 409, body: { error: t('form.conflict'), details: [] } });
      } else showErrors(form, err);
    } finally {
      saveBtn.disabled = false;
    }
  });
  return undefined;
}

/** A text input with a live reading beside it: 万元/亿元 for amounts, percent for fractions. */
function withPreview(input, kind) {
  const out = el('span', { class: 'preview', 'aria-live': 'off' });
  const show = () => {
    const d = parseDecimal(input.value);
    out.textContent = !d ? '' : kind === 'amount' ? `= ${formatAmount(input.value)}` : `= ${formatPercentExact(input.value)}`;
  };
  input.addEventListener('input', show);
  input.addEventListener('mw:set', show);
  return [input, out];
}

function f(id, labelKey, control, preview) {
  const box = field(id, labelKey, control);
  if (preview) box.insertBefore(withPreview(control, preview)[1], box.querySelector('.field-error'));
  return box;
}

const input = (name, extra = {}) => el('input', { name, autocomplete: 'off', ...extra });

/**
 * A person of one role to choose by name (张伟（cm1）), not a user name to type: a name typed where the user name
 * belongs was refused. The record's current person stays a choice even if no longer in the role.
 */
function personSelect(name, role, current) {
  const choices = choicesOf(role);
  if (current && !choices.some(([u]) => u === current)) choices.push([current, personLabel(current)]);
  return select(name, [['', dash], ...choices]);
}

// ---------------------------------------------------------------- client form

export async function clientForm(root, code) {
  let current = null;
  if (code) {
    const r = await call(`api/clients/${encodeURIComponent(code)}`);
    current = r.data;
  }
  const codeInput = input('code', { required: true });
  if (code) { codeInput.readOnly = true; codeInput.disabled = true; }
  const manager = personSelect('manager', 'CLIENT_MANAGER', current?.manager);
  const fields = [
    f('fCode', 'f.code', codeInput),
    f('fName', 'f.name', input('name', { maxlength: 200, required: true })),
    f('fNature', 'f.nature', select('nature', [['', dash], ...NATURES.map((n) => [n, label('nature', n)])])),
    // a client manager creates clients for themself: the server fills the field in
    seesAllClients() ? f('fManager', 'f.manager', manager) : null,
    f('fStage', 'f.stage', select('stage', STAGES.map((s) => [s, label('stage', s)]), 'SIGNED')),
  ].filter(Boolean);
  const serverValues = current ? flatten({ code: current.code, name: current.name, nature: current.nature, manager: current.manager, stage: current.stage })
    : { code: '', name: '', nature: '', manager: '', stage: 'SIGNED' };
  return recordForm(root, {
    title: code ? t('form.editClient', { code }) : t('form.newClient'),
    sealed: current?.status === 'SEALED',
    groups: [['f.group.basic', fields]],
    serverValues,
    draftKey: `client.${code || 'new'}`,
    submit: (values) => {
      const body = nest(values);
      if (!code) return call('api/clients', { method: 'POST', body });
      return call(`api/clients/${encodeURIComponent(code)}`, { method: 'PUT', body: { ...body, version: current.version } });
    },
    after: (res) => {
      const saved = res.data?.code || code;
      if (res.status === 202) toast(t('form.pending', { id: res.data.id }));
      else toast(code ? t('form.saved') : t('form.created', { code: saved }));
      location.hash = `#/clients/${encodeURIComponent(saved)}`;
    },
  });
}

// ---------------------------------------------------------------- contract form

export async function contractForm(root, code, clientCode) {
  let current = null;
  if (code) current = (await call(`api/contracts/${encodeURIComponent(code)}`)).data;
  const client = current?.clientCode || clientCode;
  const codeInput = input('code');
  if (code) { codeInput.readOnly = true; codeInput.disabled = true; }
  const clientInput = input('clientCode', { readonly: true });
  const basic = [
    f('kCode', 'f.kcode', codeInput),
    f('kClient', 'f.client', clientInput),
    f('kAccount', 'f.account', input('account')),
    f('kAmount', 'f.amount', input('amount', { inputmode: 'decimal' }), 'amount'),
    f('kStart', 'f.start', input('startDate', { type: 'date' })),
    f('kMaturity', 'f.maturity', input('maturityDate', { type: 'date' })),
    f('kType', 'f.type', select('type', [['', dash], ...TYPES.map((x) => [x, label('ctype', x)])])),
    f('kStatus', 'f.status', select('status', STATUSES.map((x) => [x, label('cstatus', x)]), 'PLANNED')),
  ];
  const ret = [
    f('kTarget', 'f.target', input('targetReturn', { inputmode: 'decimal' }), 'ratio'),
    f('kLow', 'f.low', input('returnBand.low', { inputmode: 'decimal' }), 'ratio'),
    f('kHigh', 'f.high', input('returnBand.high', { inputmode: 'decimal' }), 'ratio'),
  ];
  const kindGrid = el('div', { class: 'kind-grid' }, ...KINDS.flatMap((k) => [
    f(`kMin${k}`, '', input(`limits.kinds.${k}.min`, { inputmode: 'decimal' }), 'ratio'),
    f(`kMax${k}`, '', input(`limits.kinds.${k}.max`, { inputmode: 'decimal' }), 'ratio'),
  ]));
  // the grid's labels name the kind, which the generic field() cannot phrase
  kindGrid.querySelectorAll('label').forEach((l) => {
    const [, minmax, kind] = /^k(Min|Max)(\w+)$/.exec(l.htmlFor);
    l.textContent = t(minmax === 'Min' ? 'f.kindMin' : 'f.kindMax', { kind: t(`kind.${kind}`) });
  });
  const limits = [
    f('kSingle', 'f.single', input('limits.singleSecurityMax', { inputmode: 'decimal' }), 'ratio'),
    f('kWarn', 'f.warn', input('limits.warnFraction', { inputmode: 'decimal' })),
    el('p', { class: 'hint', text: t('f.kinds') }), kindGrid,
    f('kExCodes', 'f.exCodes', input('excluded.codes')),
    f('kExIssuers', 'f.exIssuers', input('excluded.issuers')),
    f('kExFlags', 'f.exFlags', input('excluded.flags')),
  ];
  const other = [
    f('kRenewal', 'f.renewal', input('expectedRenewal', { inputmode: 'decimal' }), 'amount'),
    f('kTrader', 'f.trader', personSelect('tradingManager', 'TRADING', current?.tradingManager)),
  ];
  const blank = Object.fromEntries([...collectNames(basic, ret, limits, other)].map((n) => [n, '']));
  const serverValues = current ? { ...blank, ...flatten(withoutMeta(current)) }
    : { ...blank, clientCode: client, status: 'PLANNED', 'limits.warnFraction': '0.9' };
  return recordForm(root, {
    title: code ? t('form.editContract', { code }) : t('form.newContract', { client }),
    sealed: current?.recordStatus === 'SEALED',
    groups: [['f.group.basic', basic], ['f.group.return', ret], ['f.group.limits', limits], ['f.group.other', other]],
    serverValues,
    draftKey: `contract.${code || `new.${client}`}`,
    submit: (values) => {
      const body = nest(values);
      if (!code) return call('api/contracts', { method: 'POST', body });
      return call(`api/contracts/${encodeURIComponent(code)}`, { method: 'PUT', body: { ...body, version: current.version } });
    },
    after: (res) => {
      if (res.status === 202) toast(t('form.pending', { id: res.data.id }));
      else toast(code ? t('form.saved') : t('form.created', { code: res.data?.code }));
      location.hash = `#/clients/${encodeURIComponent(client)}`;
    },
  });
}

function collectNames(...groups) {
  const names = new Set();
  for (const g of groups) for (const node of g) node.querySelectorAll?.('[name]').forEach((c) => names.add(c.name));
  return names;
}

function withoutMeta(k) {
  const { version, recordStatus, ...rest } = k;
  return rest;
}

// ---------------------------------------------------------------- 变更审批

export async function changesPage(root, params) {
  const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];
  const asked = params?.get('status');
  const statusSel = select('status', STATUSES.map((s) => [s, t(`changes.${s}`)]), STATUSES.includes(asked) ? asked : 'PENDING');
  const list = el('div', { class: 'changes', id: 'changeList' });
  const form = el('form', { class: 'toolbar no-print', role: 'search' }, field('chStatus', 'changes.status', statusSel));
  root.append(heading(t('changes.title'), printButton()), form, list);

  async function load() {
    const r = await api(`api/changes${query({ status: statusSel.value })}`);
    const items = r.items || [];
    list.replaceChildren(...(items.length ? items.map((c) => changeCard(c, load)) : [el('p', { class: 'muted', text: t('changes.empty') })]));
  }
  statusSel.addEventListener('change', () => {
    // kept in the address, so that a language switch (which draws the page again) or a reload keeps the filter
    history.replaceState(null, '', `#/changes?status=${statusSel.value}`);
    load().catch((e) => toast(t('common.failed', { reason: e.message })));
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  await load();
}

function changeCard(c, reload) {
  const rows = diffs(c.before, c.after).map((d) => el('tr', {},
    el('th', { scope: 'row', text: fieldLabel(d.field) }), el('td', { class: 'before', text: fieldValue(c.entity, d.field, d.before) }),
    el('td', { class: 'after', text: fieldValue(c.entity, d.field, d.after) })));
  const card = el('article', { class: 'card-panel change', dataset: { changeId: String(c.id) }, 'aria-labelledby': `ch-${c.id}` },
    el('h3', { id: `ch-${c.id}` }, el('span', { text: t('changes.head', { id: c.id, entity: t(`changes.entity.${c.entity}`), code: c.code }) }), ' ',
      el('span', { class: `rec ch-${c.status}`, text: t(`changes.${c.status}`) })),
    el('p', { class: 'muted', text: t('changes.by', { user: person(c.requestedBy, c.requestedByName), time: formatShanghai(c.requestedAt) }) }),
    c.decidedBy ? el('p', { class: 'muted', text: `${t('changes.decided', { user: person(c.decidedBy, c.decidedByName), time: formatShanghai(c.decidedAt) })}${c.reason ? ` · ${c.reason}` : ''}` }) : null,
    el('table', { class: 'grid diff' },
      el('thead', {}, el('tr', {}, ['changes.field', 'changes.before', 'changes.after'].map((h) => el('th', { scope: 'col', text: t(h) })))),
      el('tbody', {}, rows)));
  if (c.status !== 'PENDING') return card;
  if (!can('approve')) return card;
  if (c.requestedBy === session.user) {
    card.append(el('p', { class: 'hint', text: t('changes.own') }));
    return card;
  }
  const form = el('form', { class: 'decide no-print', novalidate: true });
  const reason = el('input', { name: 'reason', maxlength: 1000 });
  const errors = el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true });
  const decide = async (action) => {
    clearErrors(form);
    try {
      await api(`api/changes/${c.id}/${action}`, { method: 'POST', body: action === 'reject' ? { reason: reason.value.trim() } : {} });
      toast(t(action === 'approve' ? 'changes.approved' : 'changes.rejected', { id: c.id }));
      reload();
    } catch (err) {
      if (err.status !== 401) showErrors(form, err);
    }
  };
  form.append(errors, field(`chReason${c.id}`, 'changes.reason', reason), el('div', { class: 'form-actions' },
    button(t('changes.approve'), () => decide('approve'), 'btn btn-primary', { dataset: { action: 'approve' } }),
    button(t('changes.reject'), () => decide('reject'), 'btn btn-ghost', { dataset: { action: 'reject' } })));
  form.addEventListener('submit', (e) => e.preventDefault());
  card.append(form);
  return card;
}

/** 张伟（cm1）: the name people know, with the user name that the audit log and the API use. */
function person(username, name) {
  return name ? `${name}（${username}）` : username;
}
