// 到期分布 — the months ahead as a chart (SPEC §7): bars for maturing and adjusted maturing
// funds, lines for existing and adjusted existing funds, the table of every figure beneath,
// and the CSV export. The chart library (ECharts, Apache-2.0) is served from this jar
// (web/vendor/echarts, copied from its webjar at build time) and loaded only on this page.

import { t, addStrings } from './i18n.js';
import { el, toast, field, showErrors, clearErrors, heading, button, printButton } from './dom.js';
import { api, query, download, businessMonth } from './session.js';
import { formatAmount, toYi } from './fmt.js';

addStrings({
  'mat.title': '到期分布',
  'mat.from': '起始月份（yyyy-MM）',
  'mat.months': '月数（1–60）',
  'mat.show': '查询',
  'mat.chart': '到期分布图：{from} 起 {months} 个月',
  'mat.opening': '期初存量资金 {amount}',
  'mat.unit': '亿元',
  'mat.month': '月份',
  'mat.maturing': '到期兑付金额',
  'mat.newFunds': '新输入资金额',
  'mat.existing': '存量资金',
  'mat.adjustedMaturing': '调整后到期兑付金额',
  'mat.adjustedExisting': '调整后存量资金',
  'mat.tableCaption': '各月明细（元，显示为万元 / 亿元）',
  'mat.noChart': '图表库未能载入：{reason}（下表数据完整）',
}, {
  'mat.title': 'Maturity distribution',
  'mat.from': 'From month (yyyy-MM)',
  'mat.months': 'Months (1–60)',
  'mat.show': 'Show',
  'mat.chart': 'Maturity distribution: {months} months from {from}',
  'mat.opening': 'Opening existing funds {amount}',
  'mat.unit': '100M CNY (亿元)',
  'mat.month': 'Month',
  'mat.maturing': 'Maturing',
  'mat.newFunds': 'New funds',
  'mat.existing': 'Existing funds',
  'mat.adjustedMaturing': 'Adjusted maturing',
  'mat.adjustedExisting': 'Adjusted existing',
  'mat.tableCaption': 'Per month (yuan, shown in 万元 / 亿元)',
  'mat.noChart': 'The chart library did not load: {reason} (the table below is complete)',
});

const COLUMNS = ['maturing', 'newFunds', 'existing', 'adjustedMaturing', 'adjustedExisting'];
// Colours with a word in the legend; the bars differ in hue and lightness, the lines in dash.
const COLOURS = { maturing: '#b42318', adjustedMaturing: '#e8930c', existing: '#17365d', adjustedExisting: '#1f7a8c' };

let echartsLoading = null;

/** Loads the chart library once, from this server (CSP script-src 'self'). */
function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  echartsLoading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'vendor/echarts/echarts.min.js';
    s.onload = () => resolve(window.echarts);
    s.onerror = () => { echartsLoading = null; reject(new Error('vendor/echarts/echarts.min.js')); };
    document.head.append(s);
  });
  return echartsLoading;
}


export async function maturityPage(root, params) {
  const from = params.get('from') || businessMonth(); // twelve months from business time
  const months = params.get('months') || '12';
  const fromInput = el('input', { name: 'from', value: from, inputmode: 'numeric', autocomplete: 'off', size: 8 });
  const monthsInput = el('input', { name: 'months', value: months, type: 'number', min: 1, max: 60 });
  const form = el('form', { class: 'toolbar no-print', novalidate: true, role: 'search' },
    el('div', { class: 'form-errors msg', role: 'alert', tabindex: '-1', hidden: true }),
    field('matFrom', 'mat.from', fromInput), field('matMonths', 'mat.months', monthsInput),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('mat.show') }));
  const chartBox = el('div', { id: 'maturityChart', class: 'chart', role: 'img' });
  const opening = el('p', { class: 'muted' });
  const table = el('table', { class: 'grid', id: 'maturityTable' });
  const exportCsv = () => download(`api/reports/maturity-distribution${query({ from: fromInput.value.trim(), months: monthsInput.value })}&format=csv`)
    .catch((e) => toast(t('common.failed', { reason: e.message })));
  root.append(heading(t('mat.title'), button(t('common.exportCsv'), exportCsv), printButton()),
    form, opening, chartBox, el('div', { class: 'table-wrap' }, table));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // the range goes into the address, so a view can be bookmarked, reloaded and printed
    location.hash = `#/maturity${query({ from: fromInput.value.trim(), months: monthsInput.value.trim() })}`;
  });

  let data;
  try {
    data = await api(`api/reports/maturity-distribution${query({ from, months })}`);
  } catch (err) {
    if (err.status === 400) { showErrors(form, err); return undefined; }
    throw err;
  }
  clearErrors(form);
  const rows = data.rows || [];
  opening.textContent = t('mat.opening', { amount: formatAmount(data.opening) });
  drawTable(table, rows);

  let chart = null;
  const onResize = () => chart?.resize();
  try {
    const echarts = await loadECharts();
    if (!chartBox.isConnected) return undefined;
    chart = echarts.init(chartBox, null, { renderer: 'canvas' });
    // says when the drawing (animation included) is done: for a screenshot, or a reader waiting for it
    chart.on('finished', () => { chartBox.dataset.rendered = 'true'; });
    chart.setOption(chartOption(rows));
    chartBox.setAttribute('aria-label', t('mat.chart', { from: data.from, months: data.months }));
    window.addEventListener('resize', onResize);
  } catch (err) {
    chartBox.replaceChildren(el('p', { class: 'msg', text: t('mat.noChart', { reason: err.message }) }));
  }
  return () => {
    window.removeEventListener('resize', onResize);
    chart?.dispose();
  };
}

function chartOption(rows) {
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const series = (key, type, extra = {}) => ({
    id: key, name: t(`mat.${key}`), type, data: rows.map((r) => toYi(r[key])),
    itemStyle: { color: COLOURS[key] }, ...extra,
  });
  return {
    animation: !reduced,
    textStyle: { fontFamily: getComputedStyle(document.documentElement).fontFamily },
    aria: { enabled: true },
    legend: { top: 0, textStyle: { color: '#1b2330' } },
    grid: { left: 64, right: 24, top: 48, bottom: 36 },
    tooltip: { trigger: 'axis', formatter: (items) => tooltip(rows, items) },
    xAxis: { type: 'category', data: rows.map((r) => r.month), axisLabel: { color: '#3e4756' } },
    yAxis: { type: 'value', name: t('mat.unit'), nameTextStyle: { color: '#3e4756' }, axisLabel: { color: '#3e4756' } },
    series: [
      series('maturing', 'bar', { barMaxWidth: 28 }),
      series('adjustedMaturing', 'bar', { barMaxWidth: 28 }),
      series('existing', 'line', { symbolSize: 6, lineStyle: { width: 2, color: COLOURS.existing } }),
      series('adjustedExisting', 'line', { symbolSize: 6, lineStyle: { width: 2, type: 'dashed', color: COLOURS.adjustedExisting } }),
    ],
  };
}

/** The tooltip is built as elements with text (ECharts takes a DOM node), never as an HTML string. */
function tooltip(rows, items) {
  const row = rows[items[0]?.dataIndex];
  if (!row) return '';
  const box = el('div', { class: 'chart-tip' }, el('strong', { text: row.month }));
  for (const it of items) {
    const dot = el('span', { class: 'tip-dot' });
    dot.style.backgroundColor = COLOURS[it.seriesId];
    box.append(el('div', {}, dot, el('span', { text: `${it.seriesName}：${formatAmount(row[it.seriesId])}` })));
  }
  return box;
}

function drawTable(table, rows) {
  table.replaceChildren(
    el('caption', { text: t('mat.tableCaption') }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('mat.month') }),
      ...COLUMNS.map((c) => el('th', { scope: 'col', class: 'num', text: t(`mat.${c}`) })))),
    el('tbody', {}, rows.map((r) => el('tr', { dataset: { month: r.month } },
      el('th', { scope: 'row', text: r.month }),
      ...COLUMNS.map((c) => el('td', { class: 'num', title: r[c], text: formatAmount(r[c]) }))))));
}
