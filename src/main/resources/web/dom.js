// DOM helpers shared by every page. Every server-provided string reaches the DOM through
// textContent or text nodes: there is no innerHTML anywhere in the page (C45), because
// client names, comments and messages are not ours to trust.

import { t, has, inLang } from './i18n.js';

export const $ = (id) => document.getElementById(id);

/**
 * Creates an element. `text` sets textContent; string children become text nodes
 * (Node.append), so nothing passed here is ever parsed as HTML. `style` is refused on
 * purpose: the CSP forbids inline style attributes; set element.style.* instead.
 */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'value') e.value = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export const dash = '—';
export const orDash = (s) => (s === null || s === undefined || s === '' ? dash : String(s));

let toastTimer = null;

/** A short notice for sighted and screen-reader users alike (the box is aria-live). */
export function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 4000);
}

/** A labelled form control; the label's `for` ties it to the input for screen readers and clicks. */
export function field(id, labelKey, control, hintText) {
  control.id = id;
  const hint = hintText ? el('span', { class: 'hint', id: `${id}-hint`, text: hintText }) : null;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { class: 'field', dataset: { field: control.name || id } },
    el('label', { for: id, text: t(labelKey) }), control, hint,
    el('span', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true }));
}

export function select(name, options, value) {
  const s = el('select', { name });
  for (const [v, label] of options) s.append(el('option', { value: v, text: label }));
  if (value !== undefined && value !== null) s.value = value;
  return s;
}

/**
 * Shows a server error `{"error","details":[{"field","message"}]}` field by field: each
 * message goes under the input whose name is the field, the input is marked invalid and the
 * first one gets the focus; details that match no input are listed in the form's summary box.
 */
export function showErrors(form, err) {
  clearErrors(form);
  const summary = form.querySelector('.form-errors');
  const details = err?.body?.details || [];
  const loose = [];
  let first = null;
  for (const d of details) {
    // a nested field (participants[0].level, excluded.codes[2]) is shown under the input it came from, saying which
    // entry and part
    const found = boxFor(form, d.field);
    if (!found) { loose.push(d); continue; }
    const { box, rest } = found;
    const input = box.querySelector('input, select, textarea');
    const msg = box.querySelector('.field-error');
    msg.textContent = [msg.hidden ? '' : msg.textContent, partLabel(rest) + inLang(d.message)].filter(Boolean).join('；');
    msg.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), msg.id].filter(Boolean).join(' '));
      first ??= input;
    }
  }
  if (summary) {
    const head = inLang(err?.body?.error) || (err?.status ? `HTTP ${err.status}` : t('net.down'));
    summary.replaceChildren(el('p', { text: head }));
    if (loose.length) summary.append(el('ul', {}, loose.map((d) => el('li', { text: `${d.field}: ${inLang(d.message)}` }))));
    summary.hidden = false;
  }
  (first || summary)?.focus?.();
}

/** The field's box, or that of the nearest enclosing field, with the part of the path below it. */
function boxFor(form, field) {
  let f = String(field);
  for (;;) {
    const box = form.querySelector(`.field[data-field="${CSS.escape(f)}"]`);
    if (box) return { box, rest: String(field).slice(f.length) };
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    if (cut <= 0) return null;
    f = f.slice(0, cut);
  }
}

/** "[1].level" → "第 2 项 · 职级：" (the part named when the page knows its word); "" below nothing. */
function partLabel(rest) {
  if (!rest) return '';
  const m = /^\[(\d+)\](?:\.(\w+))?$/.exec(rest);
  if (!m) return `${rest.replace(/^\./, '')}：`;
  const part = m[2] ? (has(`part.${m[2]}`) ? t(`part.${m[2]}`) : m[2]) : '';
  return `${t('part.item', { n: Number(m[1]) + 1 })}${part ? ` · ${part}` : ''}：`;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((m) => { m.hidden = true; m.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((i) => {
    i.removeAttribute('aria-invalid');
    const rest = (i.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (rest.length) i.setAttribute('aria-describedby', rest.join(' ')); else i.removeAttribute('aria-describedby');
  });
  const summary = form.querySelector('.form-errors');
  if (summary) { summary.hidden = true; summary.replaceChildren(); }
}

/** A page heading that takes the focus when the page opens, so screen readers announce the new page. */
export function heading(text, ...actions) {
  return el('div', { class: 'page-head' },
    el('h2', { class: 'page-title', tabindex: '-1', text }),
    el('div', { class: 'page-actions' }, ...actions));
}

export function button(text, onclick, cls = 'btn btn-ghost', extra = {}) {
  return el('button', { type: 'button', class: cls, onclick, text, ...extra });
}

/** A print button: every page has print CSS that hides navigation and controls. */
export function printButton() {
  return button(t('common.print'), () => window.print(), 'btn btn-ghost no-print');
}

/**
 * Text colour for a background: dark ink or white, whichever contrasts more (WCAG relative
 * luminance). The class colours come from conf/classification.yaml and may be changed there.
 */
export function inkFor(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(String(hex || ''));
  if (!m) return null;
  const lum = (i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const L = 0.2126 * lum(0) + 0.7152 * lum(2) + 0.0722 * lum(4);
  const INK = 0.0137; // relative luminance of #1b2330
  const contrastInk = (L + 0.05) / (INK + 0.05);
  const contrastWhite = 1.05 / (L + 0.05);
  return contrastInk >= contrastWhite ? '#1b2330' : '#ffffff';
}
