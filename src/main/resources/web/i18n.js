// User-visible strings, Chinese first (the department works in Chinese; SPEC §6
// "Chinese by default") with an English switch. The choice is kept in localStorage
// so that it survives logins and new tabs.

const STORAGE_KEY = 'mw.lang';

const STRINGS = {
  zh: {
    'app.dept': '资产委托管理部',
    'app.title': 'Mandate Watch 预警窗口',
    'lang.switch': 'EN',
    'lang.switchLabel': 'Switch to English',
    'login.heading': '登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.busy': '正在登录…',
    'login.bad': '用户名或密码错误',
    'login.expired': '登录已过期，请重新登录',
    'login.loggedOut': '已退出登录',
    'login.failed': '登录失败（{status}）',
    'net.down': '无法连接服务器，请稍后重试',
    'header.user': '当前用户：{user}',
    'header.logout': '退出',
    'header.bizTime': '业务时间 {time}',
    'conn.connecting': '正在连接…',
    'conn.live': '实时连接中',
    'conn.down': '已断开，正在重连…',
    'counts.label': '预警统计',
    'counts.total': '合计',
    'counts.critical': '严重 {n}',
    'counts.filterHint': '点击筛选，再次点击取消',
    'filter.active': '筛选：{what}',
    'filter.clear': '清除筛选',
    'table.caption': '未关闭的预警（最近更新在前）',
    'col.expand': '展开',
    'col.severity': '级别',
    'col.rule': '规则',
    'col.client': '客户',
    'col.account': '账户',
    'col.subject': '对象',
    'col.valueLimit': '当前值 / 限额',
    'col.cause': '原因',
    'col.cureBy': '整改期限',
    'col.message': '说明',
    'col.openedAt': '开始时间',
    'col.state': '状态',
    'col.actions': '操作',
    'row.expand': '展开详情',
    'row.collapse': '收起详情',
    'row.noEvidence': '没有证据数据',
    'row.evidence': '触发依据',
    'row.comment': '确认备注：{comment}',
    'row.updatedAt': '最近更新：{time}',
    'row.fingerprint': '指纹：{fp}',
    'empty.none': '当前没有未关闭的预警',
    'empty.filtered': '没有符合筛选条件的预警',
    'empty.waiting': '正在载入预警…',
    'state.FIRING': '未处理',
    'state.ACKNOWLEDGED': '已确认',
    'state.ackBy': '已确认 · {user}',
    'state.RESOLVED': '已解除',
    'ack.button': '确认',
    'ack.buttonLabel': '确认预警 {id}',
    'ack.title': '确认预警',
    'ack.comment': '处理说明（必填）',
    'ack.submit': '确认',
    'ack.cancel': '取消',
    'ack.busy': '正在提交…',
    'ack.failed': '确认失败：{reason}',
    'ack.forbidden': '没有权限确认此预警',
    'ack.done': '已确认预警 {id}',
    'maturity.left': '剩余 {n} 天',
    'maturity.today': '今日到期',
    'maturity.overdue': '已逾期 {n} 天',
    'maturity.date': '到期日 {date}',
    'account.FIRM': '全公司',
    'subject.LOW': '低于下限',
    'subject.HIGH': '高于上限',
    'subject.FEED': '行情数据源',
    'severity.CRITICAL': '严重',
    'severity.WARNING': '预警',
    'rule.MATURITY': '合同到期',
    'rule.RETURN_BAND': '收益率区间',
    'rule.HOLDING_RATIO': '持仓比例',
    'rule.EXCLUDED_SECURITY': '禁投证券',
    'rule.DISCLOSURE': '举牌披露',
    'rule.DATA_QUALITY': '数据质量',
    'cause.TRADE': '交易 · 主动',
    'cause.PRICE': '价格 · 被动',
    'cause.REFERENCE': '参考数据',
    'cause.SCHEDULE': '日程',
    'ev.nav': '净值',
    'ev.marketValue': '市值',
    'ev.weight': '占净值比例',
    'ev.quantity': '数量',
    'ev.price': '价格',
    'ev.accounts': '账户',
    'ev.account': '账户',
    'ev.totalShares': '总股本',
    'ev.ratio': '比例',
    'ev.cumulativeReturn': '累计收益率',
    'ev.maturityDate': '到期日',
    'ev.amount': '委托金额',
    'ev.code': '证券代码',
    'ev.limit': '限额',
    'ev.low': '下限',
    'ev.high': '上限',
  },
  en: {
    'app.dept': 'Asset Management Dept.',
    'app.title': 'Mandate Watch',
    'lang.switch': '中文',
    'lang.switchLabel': '切换到中文',
    'login.heading': 'Sign in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.bad': 'Wrong username or password',
    'login.expired': 'Your session has expired, please sign in again',
    'login.loggedOut': 'Signed out',
    'login.failed': 'Sign-in failed ({status})',
    'net.down': 'Cannot reach the server, please try again later',
    'header.user': 'User: {user}',
    'header.logout': 'Sign out',
    'header.bizTime': 'Business time {time}',
    'conn.connecting': 'Connecting…',
    'conn.live': 'Live',
    'conn.down': 'Disconnected, reconnecting…',
    'counts.label': 'Alert counts',
    'counts.total': 'Total',
    'counts.critical': 'Critical {n}',
    'counts.filterHint': 'Click to filter, click again to clear',
    'filter.active': 'Filter: {what}',
    'filter.clear': 'Clear filter',
    'table.caption': 'Open alerts (most recently updated first)',
    'col.expand': 'Expand',
    'col.severity': 'Severity',
    'col.rule': 'Rule',
    'col.client': 'Client',
    'col.account': 'Account',
    'col.subject': 'Subject',
    'col.valueLimit': 'Value / limit',
    'col.cause': 'Cause',
    'col.cureBy': 'Cure by',
    'col.message': 'Message',
    'col.openedAt': 'Opened',
    'col.state': 'State',
    'col.actions': 'Actions',
    'row.expand': 'Show details',
    'row.collapse': 'Hide details',
    'row.noEvidence': 'No evidence recorded',
    'row.evidence': 'Evidence',
    'row.comment': 'Acknowledgement note: {comment}',
    'row.updatedAt': 'Last updated: {time}',
    'row.fingerprint': 'Fingerprint: {fp}',
    'empty.none': 'No open alerts',
    'empty.filtered': 'No alerts match the filter',
    'empty.waiting': 'Loading alerts…',
    'state.FIRING': 'Open',
    'state.ACKNOWLEDGED': 'Acknowledged',
    'state.ackBy': 'Acknowledged · {user}',
    'state.RESOLVED': 'Resolved',
    'ack.button': 'Ack',
    'ack.buttonLabel': 'Acknowledge alert {id}',
    'ack.title': 'Acknowledge alert',
    'ack.comment': 'Note (required)',
    'ack.submit': 'Acknowledge',
    'ack.cancel': 'Cancel',
    'ack.busy': 'Submitting…',
    'ack.failed': 'Acknowledge failed: {reason}',
    'ack.forbidden': 'You may not acknowledge this alert',
    'ack.done': 'Alert {id} acknowledged',
    'maturity.left': '{n} days left',
    'maturity.today': 'Matures today',
    'maturity.overdue': '{n} days overdue',
    'maturity.date': 'Matures {date}',
    'account.FIRM': 'Firm-wide',
    'subject.LOW': 'Below low',
    'subject.HIGH': 'Above high',
    'subject.FEED': 'Market feed',
    'severity.CRITICAL': 'Critical',
    'severity.WARNING': 'Warning',
    'rule.MATURITY': 'Contract maturity',
    'rule.RETURN_BAND': 'Return band',
    'rule.HOLDING_RATIO': 'Holding ratio',
    'rule.EXCLUDED_SECURITY': 'Excluded security',
    'rule.DISCLOSURE': 'Shareholding disclosure',
    'rule.DATA_QUALITY': 'Data quality',
    'cause.TRADE': 'Trade · active',
    'cause.PRICE': 'Price · passive',
    'cause.REFERENCE': 'Reference data',
    'cause.SCHEDULE': 'Schedule',
    'ev.nav': 'NAV',
    'ev.marketValue': 'Market value',
    'ev.weight': 'Weight',
    'ev.quantity': 'Quantity',
    'ev.price': 'Price',
    'ev.accounts': 'Accounts',
    'ev.account': 'Account',
    'ev.totalShares': 'Total shares',
    'ev.ratio': 'Ratio',
    'ev.cumulativeReturn': 'Cumulative return',
    'ev.maturityDate': 'Maturity date',
    'ev.amount': 'Mandate amount',
    'ev.code': 'Security',
    'ev.limit': 'Limit',
    'ev.low': 'Low',
    'ev.high': 'High',
  },
};

let lang = readStoredLang();

function readStoredLang() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be disabled; Chinese is the default anyway
  }
}

export function getLang() { return lang; }

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* not fatal */ }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** True when a key exists, so callers can fall back to the raw server value. */
export function has(key) { return key in STRINGS[lang]; }

/**
 * The string for key with {name} placeholders filled in. A missing English string
 * falls back to Chinese, and a missing key shows itself, so a gap is visible but
 * never breaks the page.
 */
export function t(key, vars) {
  const s = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/**
 * Fills static markup: data-i18n sets textContent, data-i18n-aria sets aria-label,
 * data-i18n-title sets title. Text only, never markup.
 */
export function applyStatic(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}
