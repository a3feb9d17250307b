// New strategy: a form built from the strategy-kind catalogue (GET /strategy-kinds) that POSTs /strategies and shows
// the server's field errors next to their fields. On success it opens the new strategy's page.
import { ApiError } from '../api.js';
import { controlApi } from '../control-api.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { field, FormErrors } from '../forms.js';
import { fmtNumber } from '../format.js';
import { go, link } from '../router.js';

const TIMEFRAMES = [['1d', '1 day'], ['1h', '1 hour'], ['15m', '15 minutes'], ['5m', '5 minutes'], ['1m', '1 minute']];

/** Renders the form into root; returns a dispose function. */
export function newStrategyPage(root) {
  let disposed = false;
  /** @type {any[]} */
  let kinds = [];
  const general = h('ul.form-errors', { testid: 'form-errors', role: 'alert', hidden: true });
  const errors = new FormErrors(general);
  const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });
  const num = (attrs = {}) => h('input', { type: 'number', step: 'any', ...attrs });

  const kind = h('select', { name: 'kind' }, h('option', { value: '' }, 'Loading…'));
  const kindHelp = h('span', {}, 'What the strategy trades on; its parameters follow.');
  const paramsBox = h('div.field-grid', { testid: 'strategy-parameters' });
  const instrumentList = h('datalist', { id: 'known-instruments' });
  const instrument = text({ name: 'instrument', value: 'SPX', list: 'known-instruments', size: 10 });
  const timeframe = h('select', { name: 'timeframe' }, TIMEFRAMES.map(([v, t]) => h('option', { value: v }, `${v} (${t})`)));
  const benchmark = text({ name: 'benchmark', placeholder: 'the instrument', size: 10 });
  const capital = num({ name: 'capital', value: 100000, min: 0 });
  const sizing = h('select', { name: 'sizing' },
    h('option', { value: 'all-in' }, 'all-in (whole equity)'),
    h('option', { value: 'fixed' }, 'fixed quantity'),
    h('option', { value: 'percent' }, 'percent of equity'));
  const sizingAmount = num({ name: 'sizingAmount', min: 0, disabled: true, placeholder: '—' });
  const feeBps = num({ name: 'feeBps', value: 0, min: 0, max: 10000 });
  const feePerUnit = num({ name: 'feePerUnit', value: 0, min: 0 });
  const feePerOrder = num({ name: 'feePerOrder', value: 0, min: 0 });
  const slippageBps = num({ name: 'slippageBps', value: 0, min: 0, max: 10000 });
  const name = text({ name: 'name', placeholder: 'e.g. trend', size: 16 });
  const version = text({ name: 'version', placeholder: 'e.g. 1.1', size: 8 });
  const id = text({ name: 'id', placeholder: 'from kind and parameters', size: 24 });
  const maxDrawdown = num({ name: 'maxDrawdown', min: 0, max: 100, placeholder: 'off' });
  const dailyLoss = num({ name: 'dailyLoss', min: 0, placeholder: 'off' });
  const minWinRate = num({ name: 'minWinRate', min: 0, max: 100, placeholder: 'off' });
  const minTrades = num({ name: 'minTrades', min: 1, step: 1, value: 10 });
  const start = h('input', { type: 'checkbox', name: 'start', checked: true });
  const submit = h('button', { type: 'submit', testid: 'create-strategy' }, 'Create strategy');
  const status = h('p.muted', { testid: 'form-status', role: 'status' });

  const reg = (key, label, control, help) => errors.register(key, field(label, control, { help })).el;
  const form = h('form.steer-form', { testid: 'strategy-form', novalidate: true, 'aria-label': 'New strategy' },
    h('fieldset', {}, h('legend', {}, 'Strategy'),
      h('div.field-grid', {},
        reg('kind', 'Kind', kind, kindHelp)),
      paramsBox,
      errors.register('parameters', { control: paramsBox, help: null, error: h('p.field-error', { id: 'parameters-error', testid: 'field-error', hidden: true }) }).error),
    h('fieldset', {}, h('legend', {}, 'Market'),
      h('div.field-grid', {},
        reg('instruments', 'Instrument', instrument, 'Symbol traded, e.g. SPX (1-32 of A-Z, 0-9, . - _ ^).'),
        reg('timeframe', 'Timeframe', timeframe, 'Bar size the strategy trades on.'),
        reg('benchmark', 'Benchmark', benchmark, 'Buy-and-hold comparison; for now only the instrument itself.'))),
    h('fieldset', {}, h('legend', {}, 'Money'),
      h('div.field-grid', {},
        reg('capital', 'Capital', capital, 'Starting cash, > 0.'),
        reg('sizing', 'Sizing', sizing, 'How large each position is.'),
        field('Sizing amount', sizingAmount, { help: 'Quantity (fixed) or percent of equity (percent, up to 100).' }).el,
        reg('feeBps', 'Fee (bps)', feeBps, 'Basis points of notional, 0-10000.'),
        reg('feePerUnit', 'Fee per unit', feePerUnit, '≥ 0.'),
        reg('feePerOrder', 'Fee per order', feePerOrder, '≥ 0.'),
        reg('slippageBps', 'Slippage (bps)', slippageBps, 'Basis points against each fill, 0-10000.'))),
    h('fieldset', {}, h('legend', {}, 'Identity'),
      h('div.field-grid', {},
        reg('name', 'Name', name, 'Optional name shared by the versions of one strategy.'),
        reg('version', 'Version', version, 'Optional, e.g. 1.0 and 1.1 for an experiment.'),
        reg('id', 'Id', id, 'Optional slug (a-z, 0-9, . _ -); default: kind and parameter values.'))),
    h('fieldset', {}, h('legend', {}, 'Alert thresholds'),
      h('div.field-grid', {},
        reg('alerts.maxDrawdown', 'Max drawdown (%)', maxDrawdown, 'Alert when the drawdown reaches it; empty = off.'),
        reg('alerts.dailyLoss', 'Daily loss', dailyLoss, 'Alert when a day loses this much money; empty = off.'),
        reg('alerts.minWinRate', 'Min win rate (%)', minWinRate, 'Alert when the win rate falls below it; empty = off.'),
        reg('alerts.minTrades', 'Min trades', minTrades, 'Closed trades before the win-rate alert applies.'))),
    h('div.form-actions', {}, field('Start trading at once', start).el, submit),
    general, status);

  replace(root,
    h('p.crumbs', {}, link('/', '← Overview')),
    h('section.card', {}, h('h2', {}, 'New strategy'), form, instrumentList));

  /** @type {Map<string, HTMLInputElement>} */
  let paramInputs = new Map();
  function renderParameters() {
    const k = kinds.find((x) => x.kind === kind.value);
    kindHelp.textContent = k ? k.description : 'What the strategy trades on; its parameters follow.';
    for (const key of [...errors.fields.keys()]) if (key.startsWith('parameters.')) errors.fields.delete(key);
    paramInputs = new Map();
    if (!k) {
      replace(paramsBox);
      return;
    }
    if (!k.parameters.length) {
      replace(paramsBox, h('p.muted', { testid: 'no-parameters' }, `${k.kind} takes no parameters.`));
      return;
    }
    replace(paramsBox, k.parameters.map((p) => {
      const input = p.type === 'boolean'
        ? h('input', { type: 'checkbox', name: `parameters.${p.name}`, checked: p.default !== 0 })
        : h('input', { type: 'number', name: `parameters.${p.name}`, value: p.default, min: p.minimum, max: p.maximum, step: p.type === 'integer' ? 1 : 'any' });
      paramInputs.set(p.name, input);
      const range = p.type === 'boolean' ? `default ${p.default !== 0}` : `${fmtNumber(p.minimum)} to ${fmtNumber(p.maximum)}, default ${fmtNumber(p.default)}`;
      const rule = (k.rules ?? []).filter((r) => r.includes(p.name) && r.length === 2 && r[0] === p.name).map((r) => `; must be less than ${r[1]}`).join('');
      return errors.register(`parameters.${p.name}`, field(p.name, input, { help: `${p.description} (${p.type}, ${range}${rule})` })).el;
    }));
  }
  kind.addEventListener('change', () => { errors.clear(); renderParameters(); });
  sizing.addEventListener('change', () => {
    sizingAmount.disabled = sizing.value === 'all-in';
    sizingAmount.placeholder = sizing.value === 'fixed' ? 'quantity' : sizing.value === 'percent' ? 'percent' : '—';
  });

  const numberOrNull = (input) => (input.value.trim() === '' ? null : Number(input.value));
  const textOrNull = (input) => (input.value.trim() === '' ? null : input.value.trim());

  function definition() {
    const parameters = {};
    for (const [n, input] of paramInputs) {
      if (input.type === 'checkbox') parameters[n] = input.checked;
      else if (input.value.trim() !== '') parameters[n] = Number(input.value);
    }
    const pct = (input) => { const v = numberOrNull(input); return v === null ? null : v / 100; };
    const alerts = { maxDrawdown: pct(maxDrawdown), dailyLoss: numberOrNull(dailyLoss), minWinRate: pct(minWinRate), minTrades: numberOrNull(minTrades) ?? 10 };
    const anyAlert = alerts.maxDrawdown !== null || alerts.dailyLoss !== null || alerts.minWinRate !== null;
    const sizingText = sizing.value === 'all-in' ? 'all-in' : `${sizing.value}:${sizingAmount.value.trim()}`;
    return {
      id: textOrNull(id),
      kind: kind.value || null,
      parameters,
      instruments: instrument.value.trim() ? [instrument.value.trim().toUpperCase()] : [],
      timeframe: timeframe.value,
      capital: numberOrNull(capital),
      sizing: sizingText,
      feeBps: numberOrNull(feeBps),
      feePerUnit: numberOrNull(feePerUnit),
      feePerOrder: numberOrNull(feePerOrder),
      slippageBps: numberOrNull(slippageBps),
      alerts: anyAlert ? alerts : null,
      start: start.checked,
      name: textOrNull(name),
      version: textOrNull(version),
      benchmark: textOrNull(benchmark)?.toUpperCase() ?? null,
    };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    status.textContent = 'Creating…';
    submit.disabled = true;
    try {
      const created = await controlApi.createStrategy(definition());
      if (disposed) return;
      status.textContent = `Created ${created.id}.`;
      go(`/strategies/${encodeURIComponent(created.id)}`);
    } catch (err) {
      if (disposed) return;
      status.textContent = '';
      if (err instanceof ApiError && err.status === 400) {
        errors.show(err.problem);
        status.textContent = 'The strategy was not created: correct the fields marked below.';
      } else if (err instanceof ApiError && err.status === 409) {
        errors.show(err.problem, '');
        status.textContent = 'A strategy with this id already exists with other settings (409): change its Id, or its Name/Version, and create it again.';
      } else {
        reportError('creating the strategy', err);
      }
    } finally {
      submit.disabled = false;
    }
  });

  (async () => {
    try {
      kinds = await controlApi.strategyKinds();
      if (disposed) return;
      replace(kind, h('option', { value: '' }, 'Choose a kind…'), kinds.map((k) => h('option', { value: k.kind }, k.kind)));
      kind.value = kinds.some((k) => k.kind === 'sma-cross') ? 'sma-cross' : '';
      renderParameters();
      // First meaningful content: the form with the default kind's parameters (read by the page-timing tests).
      performance.mark('trp:first-content');
    } catch (err) {
      reportError('loading the strategy kinds', err);
    }
  })();
  (async () => {
    try {
      const list = await controlApi.instruments();
      if (disposed) return;
      replace(instrumentList, (list ?? []).map((i) => h('option', { value: i.symbol ?? i.instrument ?? String(i) })));
    } catch (err) {
      reportError('loading the instruments', err);
    }
  })();

  return () => {
    disposed = true;
  };
}
