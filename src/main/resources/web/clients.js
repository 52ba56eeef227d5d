// 客户列表 and the client detail page. The list colours each client by the class of the
// dimension the operator picks (SPEC §2: size, nature, contract type, overall return), with a
// legend from /api/reports/classification (colours and labels from conf/classification.yaml).
// The detail page gathers what a manager needs about one client: contracts, each account's
// positions with weight bars against the limits, the return against its band, alerts,
// contact records, pending changes and the audit trail.

import { t, has, addStrings, label, getLang } from './i18n.js';
import { el, dash, orDash, toast, field, select, showErrors, clearErrors, heading, button, printButton, inkFor } from './dom.js';
import { api, query, download, can } from './session.js';
import { bizDate, maturityCell } from './alerts.js';
import { personName, personLabel } from './people.js';
import {
  formatAmount, formatRatioPair, formatPercentExact, formatNumber, formatPrice, formatShanghai, parseDecimal, compareDecimal,
  sumDecimals, toNumber,
} from './fmt.js';

addStrings({
  'clients.title': '客户列表',
  'clients.new': '新建客户',
  'clients.filters': '查询客户',
  'clients.name': '客户名称包含',
  'clients.nature': '企业性质',
  'clients.stage': '生命周期',
  'clients.status': '记录状态',
  'clients.class': '分类',
  'clients.dimension': '按此维度着色',
  'clients.legend': '图例（按全部客户统计，不受筛选影响）：{dim}',
  'clients.legendItem': '{label}：{n} 户，{amount}',
  'clients.unclassified': '未分类',
  'clients.count': '共 {n} 户', 'clients.classCol': '{dim}分类',
  'clients.empty': '没有符合条件的客户',
  'col.code': '客户代码', 'col.name': '客户名称', 'col.nature': '企业性质', 'col.manager': '客户经理',
  'col.stage': '生命周期', 'col.record': '记录状态',
  'detail.edit': '编辑',
  'detail.seal': '封存',
  'detail.sealed': '已封存 {code}',
  'detail.sealConfirm': '封存后修改需经审批。确定封存 {code}？',
  'detail.newContract': '新建合同',
  'detail.info': '基本信息',
  'detail.classes': '客户分类',
  'detail.contracts': '委托合同',
  'detail.noContracts': '没有合同',
  'detail.account': '账户 {account}',
  'detail.nav': '净值 {nav}',
  'detail.positions': '持仓与比例限制',
  'detail.noPositions': '暂无持仓数据',
  'detail.byKind': '按资产类别',
  'detail.return': '累计收益率与区间',
  'detail.returnNone': '尚无收益率数据',
  'detail.returnIn': '在区间内',
  'detail.returnLow': '低于下限',
  'detail.returnHigh': '高于上限',
  'detail.band': '区间 {low} ~ {high}',
  'detail.alerts': '预警记录',
  'detail.noAlerts': '没有预警',
  'detail.contacts': '联系记录',
  'detail.noContacts': '没有联系记录',
  'detail.audit': '修改记录（审计）',
  'detail.noAudit': '没有修改记录',
  'detail.pending': '待审批的变更',
  'detail.accountUnavailable': '账户数据暂不可用：{reason}',
  'detail.accountNotForRole': '持仓明细不在本岗位查看范围内',
  'detail.noPositionsYet': '尚无持仓：数据源还未发来该账户的持仓',
  'k.code': '合同编号', 'k.account': '账户', 'k.type': '合同类型', 'k.status': '合同状态', 'k.amount': '委托金额',
  'k.start': '起始日期', 'k.maturity': '到期日期', 'k.target': '目标收益率', 'k.band': '收益区间', 'k.record': '记录状态',
  'k.actions': '操作', 'k.limits': '投资限制', 'k.excluded': '禁投', 'k.single': '单一股票 ≤ {max}',
  'k.warn': '（预警线为限额的 {f}）', 'k.issuer': '发行人 {i}', 'k.flag': '标记 {f}',
  'p.code': '证券', 'p.kind': '类别', 'p.quantity': '数量', 'p.price': '价格', 'p.value': '市值', 'p.weight': '占净值比例',
  'p.limit': '上限 {limit}（预警线 {warn}）', 'p.min': '下限 {limit}', 'p.noLimit': '无单一证券限制',
  'p.over': '超限', 'p.warn': '接近上限', 'p.under': '低于下限', 'p.ok': '正常', 'p.unvalued': '无法估值',
  'a.time': '开始时间', 'a.state': '状态', 'a.message': '说明', 'detail.asOf': '按业务日期 {date}：',
  'c.kind.FIRST': '首次联系', 'c.kind.FOLLOW_UP': '跟进',
  'c.time': '时间', 'c.place': '地点', 'c.participants': '参与人员（姓名:职级，逗号分隔）', 'c.problems': '存在问题',
  'c.summary': '跟进内容', 'c.nextStep': '下一步', 'c.add': '添加联系记录', 'c.saved': '联系记录已保存',
  'au.at': '时间', 'au.actor': '操作人', 'au.action': '动作', 'au.entity': '对象', 'au.changes': '变化',
  'au.act.CREATE': '新建', 'au.act.UPDATE': '修改', 'au.act.DELETE': '删除', 'au.act.SEAL': '封存',
  'au.act.CHANGE_REQUESTED': '提交变更申请', 'au.act.CHANGE_APPROVED': '批准变更', 'au.act.CHANGE_REJECTED': '驳回变更',
  'detail.delete': '删除', 'detail.deleteConfirm': '删除误录的客户 {code}？只有没有合同和联系记录的草稿可以删除，删除记入审计日志。',
  'detail.deleted': '已删除客户 {code}',
  'fld.code': '代码', 'fld.name': '名称', 'fld.nature': '企业性质', 'fld.manager': '客户经理', 'fld.stage': '生命周期阶段',
  'fld.status': '状态', 'fld.recordStatus': '记录状态', 'fld.clientCode': '客户代码', 'fld.account': '账户', 'fld.amount': '委托金额',
  'fld.startDate': '起始日期', 'fld.maturityDate': '到期日期', 'fld.type': '合同类型', 'fld.targetReturn': '目标收益率',
  'fld.returnBand.low': '收益区间下限', 'fld.returnBand.high': '收益区间上限', 'fld.limits.singleSecurityMax': '单一股票上限',
  'fld.limits.warnFraction': '预警系数', 'fld.kindMin': '{kind}下限', 'fld.kindMax': '{kind}上限',
  'fld.excluded.codes': '禁投证券', 'fld.excluded.issuers': '禁投发行人', 'fld.excluded.flags': '禁投标记',
  'fld.expectedRenewal': '预计续约金额', 'fld.tradingManager': '交易经理',
}, {
  'clients.title': 'Clients',
  'clients.new': 'New client',
  'clients.filters': 'Find clients',
  'clients.name': 'Name contains',
  'clients.nature': 'Nature',
  'clients.stage': 'Lifecycle stage',
  'clients.status': 'Record status',
  'clients.class': 'Class',
  'clients.dimension': 'Colour by',
  'clients.legend': 'Legend (all clients, not the filter): {dim}',
  'clients.legendItem': '{label}: {n} clients, {amount}',
  'clients.unclassified': 'Unclassified',
  'clients.count': '{n} clients', 'clients.classCol': '{dim} class',
  'clients.empty': 'No client matches',
  'col.code': 'Code', 'col.name': 'Name', 'col.nature': 'Nature', 'col.manager': 'Manager',
  'col.stage': 'Stage', 'col.record': 'Record',
  'detail.edit': 'Edit',
  'detail.seal': 'Seal',
  'detail.sealed': '{code} sealed',
  'detail.sealConfirm': 'After sealing, changes need approval. Seal {code}?',
  'detail.newContract': 'New contract',
  'detail.info': 'Details',
  'detail.classes': 'Classification',
  'detail.contracts': 'Contracts',
  'detail.noContracts': 'No contracts',
  'detail.account': 'Account {account}',
  'detail.nav': 'NAV {nav}',
  'detail.positions': 'Positions and limits',
  'detail.noPositions': 'No positions yet',
  'detail.byKind': 'By asset kind',
  'detail.return': 'Cumulative return and band',
  'detail.returnNone': 'No return received yet',
  'detail.returnIn': 'within the band',
  'detail.returnLow': 'below the band',
  'detail.returnHigh': 'above the band',
  'detail.band': 'band {low} to {high}',
  'detail.alerts': 'Alerts',
  'detail.noAlerts': 'No alerts',
  'detail.contacts': 'Contact records',
  'detail.noContacts': 'No contact records',
  'detail.audit': 'Changes (audit)',
  'detail.noAudit': 'No changes recorded',
  'detail.pending': 'Changes waiting for approval',
  'detail.accountUnavailable': 'Account data unavailable: {reason}',
  'detail.accountNotForRole': 'Positions are not shown to your role',
  'detail.noPositionsYet': 'No positions yet: the feed has not sent this account\'s holdings',
  'k.code': 'Contract', 'k.account': 'Account', 'k.type': 'Type', 'k.status': 'Status', 'k.amount': 'Amount',
  'k.start': 'Start', 'k.maturity': 'Maturity', 'k.target': 'Target return', 'k.band': 'Return band', 'k.record': 'Record',
  'k.actions': 'Actions', 'k.limits': 'Limits', 'k.excluded': 'Excluded', 'k.single': 'single stock ≤ {max}',
  'k.warn': ' (warning at {f} of a limit)', 'k.issuer': 'issuer {i}', 'k.flag': 'flag {f}',
  'p.code': 'Security', 'p.kind': 'Kind', 'p.quantity': 'Quantity', 'p.price': 'Price', 'p.value': 'Market value', 'p.weight': 'Weight',
  'p.limit': 'max {limit} (warning {warn})', 'p.min': 'min {limit}', 'p.noLimit': 'no single-security limit',
  'p.over': 'over the limit', 'p.warn': 'near the limit', 'p.under': 'below the minimum', 'p.ok': 'ok', 'p.unvalued': 'not valued',
  'a.time': 'Opened', 'a.state': 'State', 'a.message': 'Message', 'detail.asOf': 'As of business date {date}: ',
  'c.kind.FIRST': 'First contact', 'c.kind.FOLLOW_UP': 'Follow-up',
  'c.time': 'Time', 'c.place': 'Place', 'c.participants': 'Participants (name:level, comma-separated)', 'c.problems': 'Problems',
  'c.summary': 'Summary', 'c.nextStep': 'Next step', 'c.add': 'Add contact record', 'c.saved': 'Contact record saved',
  'au.at': 'Time', 'au.actor': 'By', 'au.action': 'Action', 'au.entity': 'Record', 'au.changes': 'Changes',
  'au.act.CREATE': 'Created', 'au.act.UPDATE': 'Changed', 'au.act.DELETE': 'Deleted', 'au.act.SEAL': 'Sealed',
  'au.act.CHANGE_REQUESTED': 'Change requested', 'au.act.CHANGE_APPROVED': 'Change approved', 'au.act.CHANGE_REJECTED': 'Change rejected',
  'detail.delete': 'Delete', 'detail.deleteConfirm': 'Delete client {code} entered by mistake? Only a draft with no contract and no contact record can be deleted; the audit log keeps it.',
  'detail.deleted': 'Client {code} deleted',
  'fld.code': 'Code', 'fld.name': 'Name', 'fld.nature': 'Nature', 'fld.manager': 'Client manager', 'fld.stage': 'Lifecycle stage',
  'fld.status': 'Status', 'fld.recordStatus': 'Record status', 'fld.clientCode': 'Client', 'fld.account': 'Account', 'fld.amount': 'Amount',
  'fld.startDate': 'Start date', 'fld.maturityDate': 'Maturity date', 'fld.type': 'Contract type', 'fld.targetReturn': 'Target return',
  'fld.returnBand.low': 'Return band low', 'fld.returnBand.high': 'Return band high', 'fld.limits.singleSecurityMax': 'Single stock max',
  'fld.limits.warnFraction': 'Warn fraction', 'fld.kindMin': '{kind} min', 'fld.kindMax': '{kind} max',
  'fld.excluded.codes': 'Excluded codes', 'fld.excluded.issuers': 'Excluded issuers', 'fld.excluded.flags': 'Excluded flags',
  'fld.expectedRenewal': 'Expected renewal', 'fld.tradingManager': 'Trading manager',
});

export const DIMENSIONS = ['size', 'nature', 'contractType', 'return'];
const NATURES = ['LISTED_COMPANY', 'STATE_OWNED', 'PRIVATE', 'OTHER'];
const STAGES = ['PROSPECT', 'DEVELOPING', 'SIGNED', 'MAINTAINING', 'TERMINATED'];
const DIM_KEY = 'mw.classDimension';

function chosenDimension() {
  try {
    const d = localStorage.getItem(DIM_KEY);
    return DIMENSIONS.includes(d) ? d : 'size';
  } catch { return 'size'; }
}

/** dimension → class → {colour, label, count, totalAmount}, from the classification report. */
export async function classStyles() {
  const r = await api('api/reports/classification');
  const out = {};
  for (const d of r.dimensions || []) {
    out[d.dimension] = { label: d.label, unclassified: d.unclassified, classes: {} };
    for (const c of d.classes || []) out[d.dimension].classes[c.class] = c;
  }
  return out;
}

/** Paints an element with a class colour and the text colour that reads best on it. */
export function paint(node, colour) {
  if (!colour) return node;
  node.classList.add('painted');
  node.style.backgroundColor = colour;
  node.style.color = inkFor(colour);
  return node;
}

/** The class letter on its colour, as text too: colour is never the only carrier of meaning. */
export function classChip(styles, dim, cls) {
  if (!cls) return el('span', { class: 'chip chip-none', text: dash, title: t('clients.unclassified') });
  const s = styles?.[dim]?.classes?.[cls];
  return paint(el('span', { class: 'chip', text: cls, title: s?.label || cls }), s?.colour);
}

// ---------------------------------------------------------------- the list

export async function clientList(root) {
  const filters = { name: '', nature: '', stage: '', status: '', cls: '' };
  let dim = chosenDimension();
  let styles = await classStyles();

  const form = el('form', { class: 'toolbar no-print', role: 'search', 'aria-label': t('clients.filters') });
  const name = el('input', { name: 'name', type: 'search', autocomplete: 'off' });
  const nature = select('nature', [['', t('common.all')], ...NATURES.map((n) => [n, label('nature', n)])]);
  const stage = select('stage', [['', t('common.all')], ...STAGES.map((s) => [s, label('stage', s)])]);
  const status = select('status', [['', t('common.all')], ['DRAFT', label('record', 'DRAFT')], ['SEALED', label('record', 'SEALED')]]);
  const dimSel = select('dimension', DIMENSIONS.map((d) => [d, t(`dim.${d}`)]), dim);
  const cls = select('cls', [['', t('common.all')], ...['A', 'B', 'C', 'D'].map((c) => [c, c])]);
  form.append(field('cName', 'clients.name', name), field('cNature', 'clients.nature', nature),
    field('cStage', 'clients.stage', stage), field('cStatus', 'clients.status', status),
    field('cDim', 'clients.dimension', dimSel), field('cCls', 'clients.class', cls),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('common.search') }));

  const legend = el('div', { class: 'legend', id: 'classLegend' });
  const count = el('p', { class: 'muted', role: 'status' });
  const tbody = el('tbody');
  const table = el('table', { class: 'grid', id: 'clientTable' },
    el('caption', { class: 'visually-hidden', text: t('clients.title') }),
    el('thead', {}, el('tr', {}, ...['col.code', 'col.name', 'col.nature', 'col.manager', 'col.stage', 'col.record']
      .map((k) => el('th', { scope: 'col', text: t(k) })),
    // "分类" tells the class columns from the record's own 企业性质 beside them
    ...DIMENSIONS.map((d) => el('th', { scope: 'col', class: 'c-class', dataset: { dim: d }, text: t('clients.classCol', { dim: t(`dim.${d}`) }) })))),
    tbody);

  const exportQuery = (format) => `api/clients/export${query({ format, ...apiFilters() })}`;
  const actions = [];
  if (can('edit')) actions.push(el('a', { class: 'btn btn-primary', href: '#/clients/new', text: t('clients.new') }));
  actions.push(button(t('common.exportCsv'), () => download(exportQuery('csv')).catch((e) => toast(t('common.failed', { reason: e.message })))),
    button(t('common.exportTxt'), () => download(exportQuery('txt')).catch((e) => toast(t('common.failed', { reason: e.message })))),
    printButton());
  root.append(heading(t('clients.title'), ...actions), form, legend, count, el('div', { class: 'table-wrap' }, table));

  function apiFilters() {
    const q = { name: filters.name, nature: filters.nature, stage: filters.stage, status: filters.status };
    if (filters.cls) q[`class.${dim}`] = filters.cls;
    return q;
  }

  function drawLegend() {
    const d = styles[dim];
    if (!d) { legend.replaceChildren(); return; }
    const items = ['A', 'B', 'C', 'D'].map((c) => d.classes[c]).filter(Boolean).map((c) => el('li', {},
      paint(el('span', { class: 'swatch', 'aria-hidden': 'true', text: c.class }), c.colour),
      el('span', { text: t('clients.legendItem', { label: c.label, n: c.count, amount: formatAmount(c.totalAmount) }) })));
    if (d.unclassified?.count) {
      items.push(el('li', {}, el('span', { class: 'swatch swatch-none', 'aria-hidden': 'true', text: dash }),
        el('span', { text: `${t('clients.unclassified')}：${d.unclassified.count}` })));
    }
    legend.replaceChildren(el('h3', { class: 'legend-title', text: t('clients.legend', { dim: d.label || t(`dim.${dim}`) }) }),
      el('ul', {}, items));
  }

  async function load() {
    // the legend's counts are read with the rows: classes move with returns (the replay), and a legend read once per
    // visit contradicted the rows beneath it
    const [r, fresh] = await Promise.all([api(`api/clients${query({ ...apiFilters(), limit: 5000 })}`), classStyles()]);
    styles = fresh;
    drawLegend();
    count.textContent = t('clients.count', { n: r.total });
    const rows = (r.items || []).map((c) => {
      const cl = c.classification || {};
      const tr = el('tr', { dataset: { code: c.code, cls: cl[dim] || '' } },
        el('td', {}, el('a', { href: `#/clients/${encodeURIComponent(c.code)}`, text: c.code })),
        el('td', { class: 'client-name', text: c.name }),
        el('td', { text: label('nature', c.nature) }),
        el('td', { text: orDash(c.managerName || c.manager) }),
        el('td', { text: label('stage', c.stage) }),
        el('td', { text: label('record', c.status) }),
        ...DIMENSIONS.map((d) => el('td', { class: d === dim ? 'c-class current' : 'c-class' }, classChip(styles, d, cl[d]))));
      return paint(tr, styles[dim]?.classes?.[cl[dim]]?.colour);
    });
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 10, text: t('clients.empty') }))]));
    table.querySelectorAll('th.c-class').forEach((th) => th.classList.toggle('current', th.dataset.dim === dim));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(filters, { name: name.value.trim(), nature: nature.value, stage: stage.value, status: status.value, cls: cls.value });
    load().catch((err) => toast(t('common.failed', { reason: err.message })));
  });
  dimSel.addEventListener('change', () => {
    dim = dimSel.value;
    try { localStorage.setItem(DIM_KEY, dim); } catch { /* not kept */ }
    load().catch((err) => toast(t('common.failed', { reason: err.message })));
  });
  await load();
}

// ---------------------------------------------------------------- the detail page

export async function clientDetail(root, code) {
  let client;
  try {
    client = await api(`api/clients/${encodeURIComponent(code)}`);
  } catch (err) {
    if (err.status === 404) { root.append(el('p', { class: 'msg', role: 'alert', text: t('common.notFound', { what: code }) })); return; }
    throw err;
  }
  const [styles, contracts] = await Promise.all([
    classStyles(), api(`api/contracts${query({ clientCode: code, limit: 1000 })}`).then((r) => r.items || []),
  ]);

  const actions = [el('a', { class: 'btn btn-ghost no-print', href: '#/clients', text: t('common.back') })];
  if (can('edit')) {
    actions.push(el('a', { class: 'btn btn-ghost', href: `#/clients/${encodeURIComponent(code)}/edit`, text: t('detail.edit') }),
      el('a', { class: 'btn btn-ghost', href: `#/clients/${encodeURIComponent(code)}/contracts/new`, text: t('detail.newContract') }));
  }
  if (can('seal') && client.status === 'DRAFT') actions.push(sealButton('clients', code, () => clientDetail(clear(root), code)));
  // only a draft entered by mistake can go, and only while nothing hangs off it (the server says why otherwise)
  if (can('edit') && client.status === 'DRAFT' && contracts.length === 0) actions.push(deleteButton(code));
  actions.push(printButton());

  const cl = client.classification || {};
  root.append(
    heading(`${client.name}（${client.code}）`, ...actions),
    el('section', { class: 'card-panel', 'aria-labelledby': 'sec-info' },
      el('h3', { id: 'sec-info', text: t('detail.info') }),
      el('dl', { class: 'kv wide' },
        el('dt', { text: t('col.nature') }), el('dd', { text: label('nature', client.nature) }),
        el('dt', { text: t('col.manager') }), el('dd', { text: client.managerName ? `${client.managerName}（${client.manager}）` : orDash(client.manager) }),
        el('dt', { text: t('col.stage') }), el('dd', { text: label('stage', client.stage) }),
        el('dt', { text: t('col.record') }), el('dd', {}, el('span', { class: `rec rec-${client.status}`, text: label('record', client.status) })),
        el('dt', { text: t('detail.classes') }), el('dd', { class: 'chips' }, ...DIMENSIONS.map((d) =>
          el('span', { class: 'chip-l' }, el('span', { text: `${t(`dim.${d}`)} ` }), classChip(styles, d, cl[d])))))),
    contractsSection(code, contracts));

  // each watched account: positions against limits, return against band (in parallel, failures shown in place)
  const accounts = el('div', { class: 'accounts' });
  root.append(accounts);
  const seen = new Set();
  for (const k of contracts) {
    if (seen.has(k.account)) continue;
    seen.add(k.account);
    const box = el('section', { class: 'card-panel account', 'aria-label': t('detail.account', { account: k.account }) },
      el('h3', { text: t('detail.account', { account: k.account }) }), el('p', { class: 'muted', text: t('common.loading') }));
    accounts.append(box);
    if (!can('accounts')) {
      box.replaceChildren(el('h3', { text: t('detail.account', { account: k.account }) }),
        el('p', { class: 'muted', text: t('detail.accountNotForRole') }));
      continue;
    }
    api(`api/accounts/${encodeURIComponent(k.account)}`)
      .then((v) => box.replaceChildren(...accountView(k, v)))
      .catch((err) => box.replaceChildren(el('h3', { text: t('detail.account', { account: k.account }) }),
        // 404: the feed has not sent this account's positions yet (a new or draft contract), which is no error
        el('p', { class: 'muted', text: err.status === 404 ? t('detail.noPositionsYet') : t('detail.accountUnavailable', { reason: err.message }) })));
  }

  const lower = el('div', { class: 'two-col' });
  root.append(lower);
  if (can('alerts')) lower.append(await alertsSection([...seen]));
  if (can('contactRead')) lower.append(await contactsSection(code, () => clientDetail(clear(root), code)));
  if (can('changes')) root.append(await pendingSection(code, contracts.map((k) => k.code)));
  if (can('audit')) root.append(await auditSection(code, contracts.map((k) => k.code)));
}

function clear(node) { node.replaceChildren(); return node; }

function deleteButton(code) {
  return button(t('detail.delete'), async () => {
    if (!window.confirm(t('detail.deleteConfirm', { code }))) return;
    try {
      await api(`api/clients/${encodeURIComponent(code)}`, { method: 'DELETE' });
      toast(t('detail.deleted', { code }));
      location.hash = '#/clients';
    } catch (err) {
      if (err.status !== 401) toast(t('common.failed', { reason: err.message }));
    }
  }, 'btn btn-ghost', { dataset: { action: 'delete' } });
}

export function sealButton(kind, code, after) {
  return button(t('detail.seal'), async () => {
    if (!window.confirm(t('detail.sealConfirm', { code }))) return;
    try {
      await api(`api/${kind}/${encodeURIComponent(code)}/seal`, { method: 'POST' });
      toast(t('detail.sealed', { code }));
      after();
    } catch (err) {
      if (err.status !== 401) toast(t('common.failed', { reason: err.message }));
    }
  }, 'btn btn-ghost', { dataset: { action: 'seal' } });
}

function contractsSection(clientCode, contracts) {
  const head = ['k.code', 'k.account', 'k.type', 'k.status', 'k.amount', 'k.start', 'k.maturity', 'k.target', 'k.band', 'k.record', 'k.actions'];
  const rows = contracts.map((k) => {
    const acts = [];
    if (can('edit')) acts.push(el('a', { class: 'btn btn-link', href: `#/contracts/${encodeURIComponent(k.code)}/edit`, text: t('detail.edit') }));
    if (can('seal') && k.recordStatus === 'DRAFT') {
      acts.push(sealButton('contracts', k.code, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    }
    const restrictions = restrictionsText(k);
    return [el('tr', {},
      el('td', { text: k.code }), el('td', { text: k.account }), el('td', { text: label('ctype', k.type) }),
      el('td', { text: label('cstatus', k.status) }), el('td', { class: 'num', text: formatAmount(k.amount) }),
      el('td', { text: k.startDate }), el('td', { text: k.maturityDate }),
      el('td', { class: 'num', text: k.targetReturn ? formatPercentExact(k.targetReturn) : dash }),
      el('td', { class: 'num', text: bandRange(k.returnBand) }),
      el('td', {}, el('span', { class: `rec rec-${k.recordStatus}`, text: label('record', k.recordStatus) })),
      el('td', { class: 'no-print' }, ...acts)),
    // what the client's mandate forbids, for every reader (合规 and 资料保管 have no contract form to look in)
    restrictions ? el('tr', { class: 'restrictions' }, el('td', { colspan: head.length, text: restrictions })) : null];
  }).flat().filter(Boolean);
  return el('section', { class: 'card-panel', 'aria-labelledby': 'sec-contracts' },
    el('h3', { id: 'sec-contracts', text: t('detail.contracts') }),
    rows.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', class: h === 'k.actions' ? 'no-print' : null, text: t(h) })))),
      el('tbody', {}, rows)))
      : el('p', { class: 'muted', text: t('detail.noContracts') }));
}

/** 投资限制：股票 ≤ 60%；单一股票 ≤ 10%（预警线为限额的 90%） · 禁投：600000.SH、ST — or "" when the contract sets none. */
function restrictionsText(k) {
  const l = k.limits || {};
  const pct = (x) => formatPercentExact(x, 0); // limits as written: 10%, 12.5%
  const parts = [];
  for (const [kind, b] of Object.entries(l.kinds || {})) {
    if (b?.min != null) parts.push(`${t(`kind.${kind}`)} ≥ ${pct(b.min)}`);
    if (b?.max != null) parts.push(`${t(`kind.${kind}`)} ≤ ${pct(b.max)}`);
  }
  if (l.singleSecurityMax != null) parts.push(t('k.single', { max: pct(l.singleSecurityMax) }));
  const x = k.excluded || {};
  const banned = [...(x.codes || []), ...(x.issuers || []).map((i) => t('k.issuer', { i })), ...(x.flags || []).map((f) => t('k.flag', { f }))];
  const out = [];
  if (parts.length) {
    out.push(`${t('k.limits')}：${parts.join('；')}${l.warnFraction != null ? t('k.warn', { f: pct(l.warnFraction) }) : ''}`);
  }
  if (banned.length) out.push(`${t('k.excluded')}：${banned.join('、')}`);
  return out.join(' · ');
}

/** "-10.00% ~ 30.00%": the band in a column that is already headed 收益区间. */
function bandRange(b) {
  if (!b || (b.low == null && b.high == null)) return dash;
  return `${b.low == null ? dash : formatPercentExact(b.low)} ~ ${b.high == null ? dash : formatPercentExact(b.high)}`;
}

function bandText(b) {
  if (!b || (b.low == null && b.high == null)) return dash;
  return t('detail.band', { low: b.low == null ? dash : formatPercentExact(b.low), high: b.high == null ? dash : formatPercentExact(b.high) });
}

// -- account: weight bars and the return band

/**
 * A bar of a weight against its limit: the limit and the warning line are drawn as marks on a
 * scale a little wider than the larger of the two, so that a 10% limit is not a sliver at the
 * left. A weight with no limit is drawn on the whole 0–100% (cash at 88% must not look like a
 * stock at 12%). The bar is a picture for the eye; the verdict is the alert, taken exactly by the server.
 */
function weightBar(weight, max, warnFraction, min) {
  const w = toNumber(weight) ?? 0;
  const m = max != null ? toNumber(max) : null;
  const lo = min != null ? toNumber(min) : null;
  const scale = m == null && lo == null ? 1 : Math.min(1, Math.max(w, m ?? 0, lo ?? 0, 0.0001) * 1.2);
  const pct = (x) => `${Math.min(100, (x / scale) * 100).toFixed(2)}%`;
  const wd = parseDecimal(weight);
  let level = 'ok';
  if (wd && max != null && compareDecimal(wd, parseDecimal(max)) > 0) level = 'over';
  else if (wd && max != null && compareDecimal(wd, product(max, warnFraction)) > 0) level = 'warn';
  else if (wd && min != null && compareDecimal(wd, parseDecimal(min)) < 0) level = 'under';
  const fill = el('span', { class: `bar-fill bar-${level}` });
  fill.style.width = pct(w);
  const track = el('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill);
  if (m != null) {
    const warn = el('span', { class: 'bar-mark bar-mark-warn' });
    warn.style.left = pct(m * (toNumber(warnFraction) ?? 0.9));
    const lim = el('span', { class: 'bar-mark bar-mark-limit' });
    lim.style.left = pct(m);
    track.append(warn, lim);
  }
  if (lo != null) {
    const mk = el('span', { class: 'bar-mark bar-mark-limit' });
    mk.style.left = pct(lo);
    track.append(mk);
  }
  return { track, level };
}

/** max × warnFraction exactly, as a parsed decimal. */
function product(a, b) {
  const x = parseDecimal(a), y = parseDecimal(b ?? '0.9');
  return { neg: x.neg !== y.neg, digits: x.digits * y.digits, scale: x.scale + y.scale };
}

function weightCell(weight, max, warnFraction, min) {
  if (weight == null) return el('td', { class: 'c-weight', text: t('p.unvalued') });
  const { track, level } = weightBar(weight, max, warnFraction, min);
  const pair = formatRatioPair(weight, max ?? min);
  const limitText = max != null ? t('p.limit', { limit: pair.limit, warn: formatPercentExact(mulText(max, warnFraction)) })
    : min != null ? t('p.min', { limit: pair.limit }) : '';
  return el('td', { class: `c-weight lvl-${level}`, dataset: { level } },
    el('span', { class: 'weight-text' }, el('strong', { text: pair.value }),
      el('span', { class: 'visually-hidden', text: ` ${t(`p.${level}`)}` })),
    track,
    limitText ? el('span', { class: 'sub', text: limitText }) : null);
}

/** a × b exactly, as decimal text (the warning line: max × warnFraction). */
function mulText(a, b) {
  const p = product(a, b);
  const s = p.digits.toString().padStart(p.scale + 1, '0');
  const int = s.slice(0, s.length - p.scale);
  return `${p.neg ? '-' : ''}${int}${p.scale ? `.${s.slice(s.length - p.scale)}` : ''}`;
}

function accountView(k, v) {
  const limits = v.contract?.limits || k.limits || {};
  const warnFraction = limits.warnFraction ?? '0.9';
  const single = limits.singleSecurityMax ?? null;
  const positions = v.positions || [];
  // an account the feed has not reported has no NAV: "0.00万元" would read as an account emptied
  const nav = positions.length && v.nav != null ? formatAmount(v.nav) : dash;
  const out = [el('h3', {}, el('span', { text: t('detail.account', { account: k.account }) }),
    el('span', { class: 'h-sub', text: t('detail.nav', { nav }) }))];

  if (!positions.length) {
    out.push(el('p', { class: 'muted', text: t('detail.noPositions') }));
  } else {
    const rows = positions.map((p) => el('tr', {},
      el('td', {}, el('span', { text: p.name && p.name !== p.code ? p.name : p.code }), p.name && p.name !== p.code ? el('span', { class: 'code', text: p.code }) : null),
      el('td', { text: p.kind ? t(`kind.${p.kind}`) : dash }),
      el('td', { class: 'num', text: formatNumber(p.quantity) }),
      el('td', { class: 'num', text: p.price == null ? dash : formatPrice(p.price) }),
      el('td', { class: 'num', text: p.marketValue == null ? dash : formatAmount(p.marketValue) }),
      // SPEC §2: the single-security maximum applies to stocks
      weightCell(p.weight, p.kind === 'STOCK' ? single : null, warnFraction, null)));
    out.push(el('h4', { text: t('detail.positions') }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'grid positions' },
        el('thead', {}, el('tr', {}, ['p.code', 'p.kind', 'p.quantity', 'p.price', 'p.value', 'p.weight']
          .map((h) => el('th', { scope: 'col', text: t(h) })))),
        el('tbody', {}, rows))));

    // weights per kind against the kind limits
    const kinds = limits.kinds || {};
    const byKind = new Map();
    for (const p of positions) if (p.kind && p.weight != null) byKind.set(p.kind, [...(byKind.get(p.kind) || []), p.weight]);
    for (const kind of Object.keys(kinds)) if (!byKind.has(kind)) byKind.set(kind, ['0']);
    const kindRows = [...byKind].map(([kind, ws]) => el('tr', {},
      el('td', { text: t(`kind.${kind}`) }),
      weightCell(sumDecimals(ws), kinds[kind]?.max ?? null, warnFraction, kinds[kind]?.min ?? null)));
    out.push(el('h4', { text: t('detail.byKind') }), el('table', { class: 'grid positions' }, el('tbody', {}, kindRows)));
  }

  out.push(el('h4', { text: t('detail.return') }), returnBand(v.cumulativeReturn, v.contract?.returnBand || k.returnBand));
  return out;
}

function returnBand(ret, band) {
  if (ret == null) return el('p', { class: 'muted', text: t('detail.returnNone') });
  const r = parseDecimal(ret);
  const low = band?.low != null ? parseDecimal(band.low) : null;
  const high = band?.high != null ? parseDecimal(band.high) : null;
  // the band is inclusive (SPEC §4)
  const where = low && compareDecimal(r, low) < 0 ? 'Low' : high && compareDecimal(r, high) > 0 ? 'High' : 'In';
  const nums = [toNumber(ret), low ? toNumber(band.low) : null, high ? toNumber(band.high) : null].filter((x) => x != null);
  const lo = Math.min(...nums), hi = Math.max(...nums);
  const pad = (hi - lo) * 0.15 || 0.01;
  const pos = (x) => `${(((x - (lo - pad)) / (hi - lo + 2 * pad)) * 100).toFixed(2)}%`;
  const track = el('span', { class: 'band-track', 'aria-hidden': 'true' });
  if (low || high) {
    const zone = el('span', { class: 'band-zone' });
    const a = low ? toNumber(band.low) : lo - pad, b = high ? toNumber(band.high) : hi + pad;
    zone.style.left = pos(a);
    zone.style.width = `${(((b - a) / (hi - lo + 2 * pad)) * 100).toFixed(2)}%`;
    track.append(zone);
  }
  const mark = el('span', { class: `band-mark band-${where}` });
  mark.style.left = pos(toNumber(ret));
  track.append(mark);
  return el('div', { class: `return-band lvl-${where}`, dataset: { where } },
    el('p', {}, el('strong', { text: formatPercentExact(ret) }), ' ',
      el('span', { class: `verdict verdict-${where}`, text: t(`detail.return${where}`) }), ' ',
      el('span', { class: 'muted', text: `（${bandText(band)}）` })),
    track);
}

// -- alerts, contacts, pending changes, audit

async function alertsSection(accounts) {
  const items = [];
  for (const a of accounts) {
    try { items.push(...((await api(`api/alerts${query({ state: 'all', account: a, limit: 50 })}`)).items || [])); } catch { /* shown empty */ }
  }
  items.sort((x, y) => Date.parse(y.updatedAt || y.openedAt) - Date.parse(x.updatedAt || x.openedAt));
  const rows = items.slice(0, 50).map((a) => el('tr', { class: `sev-${a.severity}` },
    el('td', {}, el('span', { class: `badge sev-${a.severity}`, text: t(`severity.${a.severity}`) })),
    el('td', { text: t(`rule.${a.rule}`) }),
    el('td', { text: a.account }), // a client with two accounts has one alert of a rule on each
    el('td', { class: 'c-msg' }, orDash(getLang() === 'en' && a.messageEn ? a.messageEn : a.message), liveCountdown(a)),
    el('td', { text: t(`state.${a.state}`) }),
    el('td', { text: formatShanghai(a.openedAt) })));
  return el('section', { class: 'card-panel', 'aria-labelledby': 'sec-alerts' },
    el('h3', { id: 'sec-alerts', text: t('detail.alerts') }),
    rows.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'grid client-alerts' },
      el('thead', {}, el('tr', {}, ['col.severity', 'col.rule', 'col.account', 'a.message', 'a.state', 'a.time'].map((h) => el('th', { scope: 'col', text: t(h) })))),
      el('tbody', {}, rows)))
      : el('p', { class: 'muted', text: t('detail.noAlerts') }));
}

/**
 * The message was written when the alert last changed; an open maturity warning's countdown has moved since. The
 * alert window counts it from the business date, and so does this line under the message.
 */
function liveCountdown(a) {
  if (a.rule !== 'MATURITY' || a.state === 'RESOLVED' || !bizDate()) return null;
  return el('div', { class: 'sub' }, t('detail.asOf', { date: bizDate() }), ...maturityCell(a).slice(0, 1));
}

async function contactsSection(code, reload) {
  const r = await api(`api/clients/${encodeURIComponent(code)}/contacts`).catch(() => ({ items: [] }));
  const items = r.items || [];
  const list = items.map((c) => el('li', { class: 'contact' },
    el('p', { class: 'contact-head' }, el('strong', { text: t(`c.kind.${c.kind}`) }), ' · ', el('span', { text: formatShanghai(c.time) }),
      c.place ? el('span', { text: ` · ${c.place}` }) : null, el('span', { class: 'muted', text: ` · ${personName(c.createdBy)}` })),
    c.participants?.length ? el('p', { text: c.participants.map((p) => `${p.name}（${p.level}）`).join('、') }) : null,
    ...['problems', 'summary', 'nextStep'].filter((f) => c[f]).map((f) => el('p', { class: 'pre' },
      el('span', { class: 'muted', text: `${t(`c.${f}`)}：` }), c[f]))));
  const section = el('section', { class: 'card-panel', 'aria-labelledby': 'sec-contacts' },
    el('h3', { id: 'sec-contacts', text: t('detail.contacts') }),
    list.length ? el('ol', { class: 'contacts' }, list) : el('p', { class: 'muted', text: t('detail.noContacts') }));
  if (can('contactWrite')) section.append(contactForm(code, items.some((c) => c.kind === 'FIRST') ? 'FOLLOW_UP' : 'FIRST', reload));
  return section;
}

/** One FIRST contact per client, then follow-ups: the form offers the kind that can be recorded. */
function contactForm(code, kind, reload) {
  const form = el('form', { class: 'form compact no-print', novalidate: true, 'aria-label': t('c.add') });
  const now = new Date();
  const local = new Date(now.getTime() + 8 * 3600000).toISOString().slice(0, 16); // Shanghai wall time
  const fields = [field('ctTime', 'c.time', el('input', { name: 'time', type: 'datetime-local', value: local }))];
  if (kind === 'FIRST') {
    fields.push(field('ctPlace', 'c.place', el('input', { name: 'place' })),
      field('ctParticipants', 'c.participants', el('input', { name: 'participants' })),
      field('ctProblems', 'c.problems', el('textarea', { name: 'problems', rows: 2 })));
  } else {
    fields.push(field('ctSummary', 'c.summary', el('textarea', { name: 'summary', rows: 2 })),
      field('ctNext', 'c.nextStep', el('input', { name: 'nextStep' })));
  }
  form.append(el('h4', { text: `${t('c.add')}：${t(`c.kind.${kind}`)}` }), el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true }),
    ...fields, el('button', { type: 'submit', class: 'btn btn-primary', text: t('common.save') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const v = (n) => form.elements[n]?.value.trim() ?? '';
    // datetime-local has no zone: the operator types Shanghai time
    const body = { kind, time: v('time') ? `${v('time')}:00+08:00` : '' };
    if (kind === 'FIRST') {
      body.place = v('place');
      body.participants = v('participants').split(/[,，、]/).map((s) => s.trim()).filter(Boolean).map((s) => {
        const [name, level] = s.split(/[:：]/);
        return { name: (name || '').trim(), level: (level || '').trim() };
      });
      body.problems = v('problems');
    } else {
      body.summary = v('summary');
      if (v('nextStep')) body.nextStep = v('nextStep');
    }
    try {
      await api(`api/clients/${encodeURIComponent(code)}/contacts`, { method: 'POST', body });
      toast(t('c.saved'));
      reload();
    } catch (err) {
      if (err.status !== 401) showErrors(form, err);
    }
  });
  return form;
}

async function pendingSection(code, contractCodes) {
  const r = await api('api/changes?status=PENDING').catch(() => ({ items: [] }));
  const mine = (r.items || []).filter((c) => (c.entity === 'client' && c.code === code) || (c.entity === 'contract' && contractCodes.includes(c.code)));
  return el('section', { class: 'card-panel', 'aria-labelledby': 'sec-pending' },
    el('h3', { id: 'sec-pending', text: t('detail.pending') }),
    mine.length ? el('ul', {}, mine.map((c) => el('li', {},
      el('a', { href: '#/changes', text: `#${c.id} ${c.code}` }), el('span', { text: ` · ${c.requestedByName || personName(c.requestedBy)} · ${formatShanghai(c.requestedAt)}` }))))
      : el('p', { class: 'muted', text: t('common.none') }));
}

async function auditSection(code, contractCodes) {
  const lists = await Promise.all([
    api(`api/audit${query({ entity: 'client', code, limit: 100 })}`),
    ...contractCodes.map((k) => api(`api/audit${query({ entity: 'contract', code: k, limit: 100 })}`)),
  ].map((p) => p.then((r) => r.items || []).catch(() => [])));
  const items = lists.flat().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const rows = items.map((a) => el('tr', {},
    el('td', { text: formatShanghai(a.at) }), el('td', { text: personLabel(a.actor) }), el('td', { text: has(`au.act.${a.action}`) ? t(`au.act.${a.action}`) : a.action }),
    el('td', { text: a.code }), el('td', { class: 'c-msg', text: diffText(a.entity, a.before, a.after) || orDash(a.detail) })));
  return el('section', { class: 'card-panel', 'aria-labelledby': 'sec-audit' },
    el('h3', { id: 'sec-audit', text: t('detail.audit') }),
    rows.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['au.at', 'au.actor', 'au.action', 'au.entity', 'au.changes'].map((h) => el('th', { scope: 'col', text: t(h) })))),
      el('tbody', {}, rows)))
      : el('p', { class: 'muted', text: t('detail.noAudit') }));
}

/** A record field's name for people: "limits.kinds.STOCK.max" is 股票类上限. */
export function fieldLabel(path) {
  const kind = /^limits\.kinds\.(\w+)\.(min|max)$/.exec(path);
  if (kind) return t(kind[2] === 'min' ? 'fld.kindMin' : 'fld.kindMax', { kind: label('kind', kind[1]) });
  return has(`fld.${path}`) ? t(`fld.${path}`) : path;
}

const RATIO_FIELDS = /^(targetReturn|returnBand\.|limits\.(singleSecurityMax|kinds\.))/;

/** A record field's value for people: enum labels, amounts in 万元/亿元, ratios in percent. */
export function fieldValue(entity, path, v) {
  if (v === null || v === undefined || v === '') return dash;
  if (path === 'nature' || path === 'stage') return label(path, v);
  if (path === 'type') return label('ctype', v);
  if (path === 'status') return label(entity === 'contract' ? 'cstatus' : 'record', v);
  if (path === 'recordStatus') return label('record', v);
  if (path === 'amount' || path === 'expectedRenewal') return formatAmount(v);
  if (RATIO_FIELDS.test(path)) return formatPercentExact(v);
  return String(v);
}

/** "300000000.00" and "300000000" are one amount, "0.10" and "0.1" one limit: decimals compare by value, as text. */
function canonical(v) {
  const s = String(v ?? '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const [int, frac = ''] = s.replace(/^(-?)0+(?=\d)/, '$1').split('.');
  const f = frac.replace(/0+$/, '');
  const out = f ? `${int}.${f}` : int;
  return out === '-0' ? '0' : out;
}

/** The fields that differ between two records, flattened ("limits.singleSecurityMax: 0.1 → 0.12"). */
export function diffs(before, after) {
  const flat = (o, p = '', out = {}) => {
    if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) flat(v, p ? `${p}.${k}` : k, out);
    else out[p] = Array.isArray(o) ? o.join(', ') : o;
    return out;
  };
  const a = flat(before || {}), b = flat(after || {});
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== 'version' && canonical(a[k]) !== canonical(b[k]))
    .map((k) => ({ field: k, before: a[k], after: b[k] }));
}

function diffText(entity, before, after) {
  if (!before) return '';
  return diffs(before, after).map((d) => `${fieldLabel(d.field)}：${fieldValue(entity, d.field, d.before)} → ${fieldValue(entity, d.field, d.after)}`).join('；');
}
