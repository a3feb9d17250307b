// Experiments: create an A/B experiment from two strategies (POST /experiments), list them, stop the running ones.
// Each row links to the experiment's own page (/experiments/{id}). The list is live: the hub group 'experiments' sends
// every experiment the caller may read on joining, then the rows that changed (created, stopped, new paired days).
import { ApiError, api } from '../api.js';
import { controlApi } from '../control-api.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { field, FormErrors } from '../forms.js';
import { enumText, fmtNumber, fmtPct, fmtRatio } from '../format.js';
import { subscribe } from '../hub.js';
import { link } from '../router.js';

const idText = (v) => (typeof v === 'string' ? v : v?.value ?? String(v ?? ''));

/**
 * True when snapshot b is not older than a of the same experiment. Both only move forward: a running experiment
 * stops once, and its paired days only grow (a row is pushed only on create, stop or new paired days, docs/api.md). A
 * push can repeat an older row right after the join state or a REST answer; it must not undo them.
 */
export function notOlder(b, a) {
  if (!a) return true;
  const stopped = (e) => (enumText(e.status) === 'stopped' ? 1 : 0);
  if (stopped(b) !== stopped(a)) return stopped(b) > stopped(a);
  return (b.result?.days ?? 0) >= (a.result?.days ?? 0);
}

/** Renders the experiments page into root; returns a dispose function. */
export function experimentsPage(root) {
  let disposed = false;
  /** @type {Map<string, any>} */
  const experiments = new Map();

  const general = h('ul.form-errors', { testid: 'form-errors', role: 'alert', hidden: true });
  const errors = new FormErrors(general);
  const name = h('input', { type: 'text', name: 'name', placeholder: 'e.g. trend', autocomplete: 'off', size: 18 });
  const control = h('select', { name: 'control' }, h('option', { value: '' }, 'Loading…'));
  const treatment = h('select', { name: 'treatment' }, h('option', { value: '' }, 'Loading…'));
  const id = h('input', { type: 'text', name: 'id', placeholder: 'from the name', autocomplete: 'off', size: 18 });
  const submit = h('button', { type: 'submit', testid: 'create-experiment' }, 'Create experiment');
  const status = h('p.muted', { testid: 'experiment-form-status', role: 'status' });
  const form = h('form.steer-form', { testid: 'experiment-form', novalidate: true, 'aria-label': 'New experiment' },
    h('div.field-grid', {},
      errors.register('name', field('Name', name, { help: 'Display name, e.g. trend (letters, digits, space . _ -).' })).el,
      errors.register('control', field('Control strategy', control, { help: 'The current version.' })).el,
      errors.register('treatment', field('Treatment strategy', treatment, { help: 'The candidate: same instrument and timeframe as the control.' })).el,
      errors.register('id', field('Id', id, { help: 'Optional slug; default: the name lower-cased with spaces as -.' })).el),
    h('div.form-actions', {}, submit), general, status);

  const tbody = h('tbody', { testid: 'experiments-body' });
  const listMessage = h('p.control-message', { testid: 'experiments-message', role: 'status', 'aria-live': 'polite' });
  replace(root,
    h('section.card', {}, h('h2', {}, 'New experiment'),
      h('p.muted', {}, 'Compares two versions of a strategy on the same bars: daily return differences, confidence interval and p-values. Create both strategies first (',
        link('/strategies/new', 'New strategy'), ', e.g. with one Name and Versions 1.0 and 1.1).'),
      form),
    h('section.card', {}, h('h2', {}, 'Experiments'), listMessage,
      h('div.table-wrap', {}, h('table', { testid: 'experiments' },
        h('thead', {}, h('tr', {},
          h('th', {}, 'Experiment'), h('th', {}, 'Control'), h('th', {}, 'Treatment'), h('th', {}, 'Status'),
          h('th.num', {}, 'Days'), h('th.num', {}, 'Mean daily diff'), h('th.num', {}, 'p-value'), h('th', {}, h('span.visually-hidden', {}, 'Actions')))),
        tbody))));

  /** @type {Map<string, { tr: HTMLElement, update: (e: any) => void }>} the rendered rows by experiment id */
  const rows = new Map();

  function makeRow(e) {
    const status = h('span.badge', { testid: 'experiment-status' });
    const days = h('td.num', { testid: 'experiment-days' });
    const mean = h('td.num', { testid: 'experiment-mean' });
    const pValue = h('td.num', { testid: 'experiment-p-value' });
    const stop = h('button.secondary', { type: 'button', testid: 'experiment-stop', 'aria-label': `Stop ${e.id}` }, 'Stop');
    stop.addEventListener('click', () => stopExperiment(e.id, stop));
    const tr = h('tr', { testid: 'experiment-row', 'data-experiment-id': e.id },
      h('td', {}, link(`/experiments/${encodeURIComponent(e.id)}`, e.settings?.name ? `${e.settings.name} (${e.id})` : e.id, { testid: 'experiment-link' })),
      h('td', {}, link(`/strategies/${encodeURIComponent(idText(e.settings?.control))}`, idText(e.settings?.control))),
      h('td', {}, link(`/strategies/${encodeURIComponent(idText(e.settings?.treatment))}`, idText(e.settings?.treatment))),
      h('td', {}, status), days, mean, pValue, h('td', {}, stop));
    // Cells are updated in place, so a push never replaces the button under the pointer.
    const update = (x) => {
      const st = enumText(x.status);
      const r = x.result ?? {};
      tr.dataset.status = st;
      status.className = `badge ${st}`;
      status.textContent = st || '—';
      days.textContent = fmtNumber(r.days);
      mean.textContent = fmtPct(r.meanDifference);
      pValue.textContent = fmtRatio(r.pValue);
      stop.disabled = st !== 'running';
      stop.title = st === 'running' ? 'Close the arms\u2019 open days; the result becomes final.' : 'Already stopped: its result is final.';
    };
    return { tr, update };
  }

  function renderList() {
    const ids = [...experiments.keys()].sort((a, b) => a.localeCompare(b));
    if (!ids.length) {
      rows.clear();
      replace(tbody, h('tr', {}, h('td.muted', { colspan: 8 }, 'No experiments yet.')));
      return;
    }
    for (const id of [...rows.keys()]) if (!experiments.has(id)) rows.delete(id);
    const trs = ids.map((id) => {
      const e = experiments.get(id);
      let row = rows.get(id);
      if (!row) rows.set(id, (row = makeRow(e)));
      row.update(e);
      return row.tr;
    });
    // Re-attached only when rows came or went (re-attaching would take the focus off a row's button).
    const same = tbody.children.length === trs.length && trs.every((tr, i) => tbody.children[i] === tr);
    if (!same) replace(tbody, trs);
  }

  /**
   * Merges experiment snapshots into the list, keeping per id the newest (notOlder); with complete (the hub's join
   * state: every experiment the caller may read) rows not in it are dropped.
   */
  function merge(items, complete = false) {
    const incoming = new Map((items ?? []).map((e) => [e.id, e]));
    if (complete) for (const id of [...experiments.keys()]) if (!incoming.has(id)) experiments.delete(id);
    for (const e of incoming.values()) if (notOlder(e, experiments.get(e.id))) experiments.set(e.id, e);
    renderList();
  }

  async function stopExperiment(experimentId, button) {
    button.disabled = true;
    listMessage.classList.remove('neg');
    try {
      const snapshot = await controlApi.stopExperiment(experimentId);
      if (disposed) return;
      listMessage.textContent = `Stopped ${snapshot.id}: its result is final.`;
      merge([snapshot]);
    } catch (err) {
      if (disposed) return;
      if (err instanceof ApiError && err.status === 409) {
        listMessage.textContent = `Could not stop ${experimentId} (409 conflict): ${err.problem?.detail ?? err.message} It was stopped elsewhere; the list now shows its current status.`;
        listMessage.classList.add('neg');
      } else {
        reportError(`stopping experiment '${experimentId}'`, err);
      }
      await loadList();
    }
  }

  async function loadList() {
    try {
      const page = await controlApi.experiments();
      if (disposed) return;
      merge(page.items);
      // First meaningful content: the experiment rows (read by the page-timing tests).
      performance.mark('trp:first-content');
    } catch (err) {
      reportError('loading the experiments', err);
    }
  }

  async function loadStrategies() {
    try {
      const page = await api.strategies();
      if (disposed) return;
      const items = [...(page.items ?? [])].sort((a, b) => a.id.localeCompare(b.id));
      const options = (placeholder) => [h('option', { value: '' }, placeholder),
        ...items.map((s) => h('option', { value: s.id }, `${s.id} (${(s.instruments ?? []).map(idText).join(', ')})`))];
      const keep = [control.value, treatment.value];
      replace(control, options('Choose the control…'));
      replace(treatment, options('Choose the treatment…'));
      [control.value, treatment.value] = keep;
    } catch (err) {
      reportError('loading the strategies', err);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    status.textContent = 'Creating…';
    submit.disabled = true;
    const text = (input) => (input.value.trim() === '' ? null : input.value.trim());
    try {
      const snapshot = await controlApi.createExperiment({ id: text(id), name: text(name), control: control.value || null, treatment: treatment.value || null });
      if (disposed) return;
      merge([snapshot]);
      status.textContent = `Created ${snapshot.id}.`;
      form.reset();
    } catch (err) {
      if (disposed) return;
      status.textContent = '';
      if (err instanceof ApiError && err.status === 400) {
        errors.show(err.problem);
        status.textContent = 'The experiment was not created: correct the fields marked below.';
      } else if (err instanceof ApiError && err.status === 409) {
        errors.show(err.problem, '');
        status.textContent = 'An experiment with this id already exists with other arms (409): give another Id or Name.';
      } else {
        reportError('creating the experiment', err);
      }
    } finally {
      submit.disabled = false;
    }
  });

  renderList();
  loadList();
  loadStrategies();
  const unsubscribe = subscribe(['experiments'], {
    experiments: (update) => {
      if (!disposed) merge(update?.experiments, update?.complete === true);
    },
  });
  return () => {
    disposed = true;
    unsubscribe();
  };
}
