// 绩效考核 — the monthly assessment of client managers (SPEC §7, README "Assessment"): the
// year's ranking, the month's records with the breakdown the server counted, and for
// supervisors (SALES_LEAD, MARKETING_MANAGER) the form that records or revises a month.
// Scores are exact decimal strings from the server and are shown as they come.

import { t, addStrings } from './i18n.js';
import { el, dash, orDash, toast, field, select, showErrors, clearErrors, heading, button, printButton } from './dom.js';
import { personName } from './people.js';
import { api, call, query, can, seesAllClients, businessMonth } from './session.js';
import { formatAmount, formatShanghai } from './fmt.js';

addStrings({
  'as.title': '绩效考核',
  'as.year': '年份',
  'as.month': '月份',
  'as.allMonths': '全年',
  'as.summary': '{year} 年排名（按月均得分）',
  'as.records': '月度记录',
  'as.none': '没有记录',
  'as.rank': '名次', 'as.manager': '客户经理', 'as.months': '已考核月份', 'as.total': '总分', 'as.average': '月均得分',
  'as.period': '月份', 'as.quant': '定量得分', 'as.qual': '定性评分', 'as.score': '综合得分', 'as.by': '记录人',
  'as.breakdown': '计分明细',
  'as.item': '项目', 'as.count': '数量', 'as.points': '得分',
  'as.unsealed': '未封存（未计入）：{list}',
  'as.form': '记录 / 修改月度考核',
  'as.formEdit': '修改 {manager} {year}-{month} 的考核',
  'as.qualitativeScore': '定性评分（0–100）',
  'as.marketingPlans': '市场营销方案（个）',
  'as.productItems': '产品开发（项）',
  'as.comment': '评语',
  'as.save': '保存考核',
  'as.revise': '修改',
  'as.saved': '已保存 {manager} {year}-{month} 的考核，得分 {score}',
  'as.newAmount': '新签合同金额合计 {amount}',
  'as.asOf': '计算时点 {time}',
  'as.monthN': '{m}月',
}, {
  'as.title': 'Assessment',
  'as.year': 'Year',
  'as.month': 'Month',
  'as.allMonths': 'Whole year',
  'as.summary': 'Ranking {year} (by average monthly score)',
  'as.records': 'Monthly records',
  'as.none': 'No records',
  'as.rank': 'Rank', 'as.manager': 'Client manager', 'as.months': 'Months recorded', 'as.total': 'Total', 'as.average': 'Average',
  'as.period': 'Month', 'as.quant': 'Quantitative', 'as.qual': 'Qualitative', 'as.score': 'Score', 'as.by': 'Recorded by',
  'as.breakdown': 'Breakdown',
  'as.item': 'Item', 'as.count': 'Count', 'as.points': 'Points',
  'as.unsealed': 'Unsealed (not counted): {list}',
  'as.form': 'Record or revise a month',
  'as.formEdit': 'Revise {manager} {year}-{month}',
  'as.qualitativeScore': 'Qualitative score (0–100)',
  'as.marketingPlans': 'Marketing plans',
  'as.productItems': 'Product items',
  'as.comment': 'Comment',
  'as.save': 'Save assessment',
  'as.revise': 'Revise',
  'as.saved': 'Saved {manager} {year}-{month}, score {score}',
  'as.newAmount': 'New contracts in all: {amount}',
  'as.asOf': 'Computed at {time}',
  'as.monthN': 'M{m}',
});

const COMPONENTS = ['newContracts', 'renewals', 'lostClients', 'lateCriticalAlerts', 'marketingPlans', 'productItems'];

/** The year and month of business time: assessments count the alerts of business time (the replay's years in the demo). */
function shanghaiYearMonth() {
  const s = businessMonth();
  return { year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)) };
}

export async function assessmentsPage(root) {
  const now = shanghaiYearMonth();
  const year = el('input', { name: 'year', type: 'number', min: 2000, max: 2100, value: String(now.year) });
  const month = select('month', [['', t('as.allMonths')], ...Array.from({ length: 12 }, (_, i) => [String(i + 1), String(i + 1)])]);
  const filters = el('form', { class: 'toolbar no-print', role: 'search', novalidate: true },
    el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true }),
    field('asYear', 'as.year', year), field('asMonth', 'as.month', month),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('common.search') }));
  const summary = el('section', { class: 'card-panel', 'aria-labelledby': 'as-sum' });
  const records = el('section', { class: 'card-panel', 'aria-labelledby': 'as-rec' });
  root.append(heading(t('as.title'), printButton()), filters, summary, records);

  let editor = null;
  if (can('assessWrite')) {
    editor = await assessmentForm(now, () => load());
    root.append(editor.node);
  }

  async function load() {
    clearErrors(filters);
    try {
      const [sum, list] = await Promise.all([
        api(`api/assessments/summary${query({ year: year.value })}`),
        api(`api/assessments${query({ year: year.value, month: month.value })}`),
      ]);
      drawSummary(summary, sum);
      drawRecords(records, list.items || [], editor);
    } catch (err) {
      if (err.status === 400) showErrors(filters, err); else if (err.status !== 401) throw err;
    }
  }
  filters.addEventListener('submit', (e) => { e.preventDefault(); load().catch((err) => toast(t('common.failed', { reason: err.message }))); });
  await load();
}

function drawSummary(box, sum) {
  const rows = (sum.items || []).map((r) => el('tr', {},
    el('td', { class: 'num', text: String(r.rank) }), el('td', { text: `${orDash(r.name)}（${r.manager}）` }),
    el('td', { text: (r.months || []).map((m) => t('as.monthN', { m })).join('、') }), el('td', { class: 'num', text: r.totalScore }),
    el('td', { class: 'num', text: r.averageScore })));
  box.replaceChildren(el('h3', { id: 'as-sum', text: t('as.summary', { year: sum.year }) }),
    rows.length ? el('table', { class: 'grid', id: 'assessmentSummary' },
      el('thead', {}, el('tr', {}, ['as.rank', 'as.manager', 'as.months', 'as.total', 'as.average']
        .map((h) => el('th', { scope: 'col', class: ['as.rank', 'as.total', 'as.average'].includes(h) ? 'num' : null, text: t(h) })))),
      el('tbody', {}, rows)) : el('p', { class: 'muted', text: t('as.none') }));
}

function drawRecords(box, items, editor) {
  const list = items.map((a) => {
    const b = a.breakdown || {};
    const rows = COMPONENTS.filter((k) => b[k]).map((k) => el('tr', {},
      el('td', { text: b[k].label || k }), el('td', { class: 'num', text: String(b[k].count) }),
      el('td', { class: 'num', text: b[k].points })));
    const unsealed = (b.newContracts?.unsealed || []).concat(b.renewals?.unsealed || []);
    return el('article', { class: 'assessment' },
      el('h4', {}, el('span', { text: `${a.year}-${String(a.month).padStart(2, '0')} · ${orDash(a.managerName)}（${a.manager}）` }), ' ',
        el('strong', { class: 'score', text: `${t('as.score')} ${a.score}` })),
      el('p', { class: 'muted', text: [`${t('as.quant')} ${a.quantitativePoints}`, `${t('as.qual')} ${a.qualitativeScore}`,
        `${t('as.by')} ${personName(a.updatedBy || a.createdBy)}`, t('as.asOf', { time: formatShanghai(a.asOf) })].join(' · ') }),
      a.comment ? el('p', { class: 'pre', text: a.comment }) : null,
      el('details', {}, el('summary', { text: t('as.breakdown') }),
        el('table', { class: 'grid' },
          el('thead', {}, el('tr', {}, ['as.item', 'as.count', 'as.points'].map((h) => el('th', { scope: 'col', text: t(h) })))),
          el('tbody', {}, rows)),
        Number(b.newContracts?.amount) > 0 ? el('p', { class: 'muted', text: t('as.newAmount', { amount: formatAmount(b.newContracts.amount) }) }) : null,
        unsealed.length ? el('p', { class: 'hint', text: t('as.unsealed', { list: unsealed.join('、') }) }) : null),
      editor ? button(t('as.revise'), () => editor.edit(a), 'btn btn-link no-print') : null);
  });
  box.replaceChildren(el('h3', { id: 'as-rec', text: t('as.records') }),
    ...(list.length ? list : [el('p', { class: 'muted', text: t('as.none') })]));
}

/** A month as the page writes it everywhere: 2017-01, not 2017-1. */
const mm = (m) => String(m).padStart(2, '0');

/** The supervisor's form: POST records a month, PUT (after 修改) revises it; every bad field is named by the server. */
async function assessmentForm(now, reload) {
  let editing = null;
  // client managers to choose from: the managers of the clients this supervisor sees
  const clients = seesAllClients() ? (await api('api/clients?limit=5000').catch(() => ({ items: [] }))).items || [] : [];
  const managers = [...new Set(clients.map((c) => c.manager).filter(Boolean))].sort();
  const nameOf = new Map(clients.map((c) => [c.manager, c.managerName]));
  const who = (m, name = nameOf.get(m)) => (name ? `${name}（${m}）` : m);
  const form = el('form', { class: 'form compact no-print', novalidate: true, 'aria-labelledby': 'as-form' });
  const title = el('h3', { id: 'as-form', text: t('as.form') });
  const manager = select('manager', [['', dash], ...managers.map((m) => [m, who(m)])]);
  const year = el('input', { name: 'year', type: 'number', value: String(now.year) });
  const month = el('input', { name: 'month', type: 'number', min: 1, max: 12, value: String(now.month) });
  const qual = el('input', { name: 'qualitativeScore', inputmode: 'decimal' });
  const plans = el('input', { name: 'marketingPlans', type: 'number', min: 0, max: 100, value: '0' });
  const items = el('input', { name: 'productItems', type: 'number', min: 0, max: 100, value: '0' });
  const comment = el('textarea', { name: 'comment', rows: 2, maxlength: 2000 });
  form.append(title, el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true }),
    el('div', { class: 'form-row' }, field('afManager', 'as.manager', manager), field('afYear', 'as.year', year), field('afMonth', 'as.month', month)),
    el('div', { class: 'form-row' }, field('afQual', 'as.qualitativeScore', qual), field('afPlans', 'as.marketingPlans', plans),
      field('afItems', 'as.productItems', items)),
    field('afComment', 'as.comment', comment),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', text: t('as.save') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const num = (x) => (x.value.trim() === '' ? undefined : Number(x.value));
    const body = { manager: manager.value || undefined, year: num(year), month: num(month), qualitativeScore: qual.value.trim() || undefined,
      marketingPlans: num(plans), productItems: num(items) };
    if (comment.value.trim()) body.comment = comment.value;
    try {
      const res = editing
        ? await call(`api/assessments/${editing.id}`, { method: 'PUT', body })
        : await call('api/assessments', { method: 'POST', body });
      const a = res.data;
      toast(t('as.saved', { manager: who(a.manager, a.managerName), year: a.year, month: mm(a.month), score: a.score }));
      editing = null;
      title.textContent = t('as.form');
      // the next record starts empty: one manager's comment and scores must not ride along into another's month
      manager.value = '';
      qual.value = '';
      plans.value = '0';
      items.value = '0';
      comment.value = '';
      reload();
    } catch (err) {
      if (err.status !== 401) showErrors(form, err);
    }
  });
  return {
    node: form,
    edit(a) {
      editing = a;
      if (![...manager.options].some((o) => o.value === a.manager)) manager.append(el('option', { value: a.manager, text: who(a.manager, a.managerName) }));
      manager.value = a.manager;
      year.value = a.year;
      month.value = a.month;
      qual.value = a.qualitativeScore;
      plans.value = a.marketingPlans;
      items.value = a.productItems;
      comment.value = a.comment || '';
      title.textContent = t('as.formEdit', { manager: who(a.manager, a.managerName), year: a.year, month: mm(a.month) });
      qual.focus();
    },
  };
}
