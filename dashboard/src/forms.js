// Form fields with a visible <label>, help text and an error slot, and the mapping of a ProblemDetails' `errors`
// (keyed by field path: "capital", "parameters.fast", "instruments[0]", "alerts.maxDrawdown") onto those slots.
import { h, replace } from './dom.js';

let counter = 0;

/**
 * A labelled form field.
 * @param {string} label visible label text (also the accessible name of the control)
 * @param {HTMLElement} control input, select or textarea (gets an id when it has none)
 * @param {{ help?: string|Node, testid?: string }} [options]
 * @returns {{ el: HTMLElement, control: HTMLElement, help: HTMLElement|null, error: HTMLElement }}
 */
export function field(label, control, options = {}) {
  const id = control.id || `f${++counter}`;
  control.id = id;
  const help = options.help ? h('p.field-help', { id: `${id}-help` }, options.help) : null;
  const error = h('p.field-error', { id: `${id}-error`, testid: 'field-error', hidden: true });
  if (help) control.setAttribute('aria-describedby', help.id);
  const isCheck = control instanceof HTMLInputElement && control.type === 'checkbox';
  const labelEl = h('label', { for: id }, label);
  const el = h('div.field', { class: isCheck ? 'check' : '', testid: options.testid },
    isCheck ? h('div.check-row', {}, control, labelEl) : [labelEl, control], help, error);
  return { el, control, help, error };
}

/** Shows server-side field errors next to their fields; errors for unknown fields go to a general list. */
export class FormErrors {
  /** @param {HTMLElement} general where errors without a field of their own are listed */
  constructor(general) {
    this.general = general;
    /** @type {Map<string, { control: HTMLElement, help: HTMLElement|null, error: HTMLElement }>} */
    this.fields = new Map();
  }

  /** Registers a field under its ProblemDetails key (e.g. "parameters.fast"). */
  register(key, f) {
    this.fields.set(key, f);
    return f;
  }

  /** Removes every shown error. */
  clear() {
    for (const f of this.fields.values()) setError(f, []);
    replace(this.general);
    this.general.hidden = true;
  }

  /**
   * Shows a ProblemDetails: each `errors` entry next to its field (an indexed key such as "instruments[0]" or a nested
   * one such as "alerts.maxDrawdown" falls back to its parent when it has no field of its own), the rest and the
   * title/detail in the general list. Focuses the first invalid field.
   * @returns {number} how many field errors were placed next to a field
   */
  show(problem, fallbackMessage) {
    this.clear();
    const byField = new Map();
    const general = [];
    for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
      const f = this.find(key);
      const list = [].concat(messages).map(String);
      if (f) byField.set(f, [...(byField.get(f) ?? []), ...list.map((m) => (this.fields.get(key) === f ? m : `${key}: ${m}`))]);
      else general.push(...list.map((m) => `${key}: ${m}`));
    }
    for (const [f, messages] of byField) setError(f, messages);
    if (!byField.size && !general.length) general.push(fallbackMessage ?? [problem?.title, problem?.detail].filter(Boolean).join(' — '));
    if (general.length) {
      replace(this.general, general.map((m) => h('li', {}, m)));
      this.general.hidden = false;
    }
    const first = [...this.fields.values()].find((f) => byField.has(f));
    first?.control.focus();
    return byField.size;
  }

  find(key) {
    if (this.fields.has(key)) return this.fields.get(key);
    const unindexed = key.replace(/\[\d+\]$/, '');
    if (this.fields.has(unindexed)) return this.fields.get(unindexed);
    const lower = key.toLowerCase();
    for (const [k, f] of this.fields) if (k.toLowerCase() === lower) return f;
    return null;
  }
}

function setError(f, messages) {
  f.error.textContent = messages.join(' ');
  f.error.hidden = messages.length === 0;
  const described = [f.help?.id, messages.length ? f.error.id : null].filter(Boolean).join(' ');
  if (described) f.control.setAttribute('aria-describedby', described);
  else f.control.removeAttribute('aria-describedby');
  if (messages.length) f.control.setAttribute('aria-invalid', 'true');
  else f.control.removeAttribute('aria-invalid');
}
