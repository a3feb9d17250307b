// The replay control (on the overview): data set, symbol and speed; Start, Pause/Resume, Stop, Restart from the first
// bar and a speed change while running; progress; and, when no replay runs, what Start would do (GET /replays/preview).
// The form shows the replay that runs or ran (GET /replays/current, then the 'replay' pushes), so it survives a reload.
import { api } from '../api.js';
import { controlApi } from '../control-api.js';
import { h } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText, fmtDuration, fmtNumber } from '../format.js';
import { subscribe } from '../hub.js';

/**
 * Builds the replay control card.
 * @returns {{ el: HTMLElement, update: (status: any) => void, dispose: () => void }}
 */
export function replayControl() {
  let disposed = false;
  let state = 'idle';
  /** @type {any} */
  let last = null;
  let optionsLoaded = false;
  let edited = false;

  const dataSet = h('select', { testid: 'replay-dataset', id: 'replay-dataset' });
  const symbol = h('input', { testid: 'replay-symbol', id: 'replay-symbol', value: 'SPX', size: 8, autocomplete: 'off' });
  const speed = h('input', { testid: 'replay-speed', id: 'replay-speed', type: 'number', min: 0, max: 100000, step: 1, value: 50 });
  const btn = (label, cls, testid) => h(`button${cls}`, { type: 'button', testid }, label);
  const startBtn = btn('Start', '', 'replay-start');
  const pauseBtn = btn('Pause', '.secondary', 'replay-pause');
  const resumeBtn = btn('Resume', '', 'replay-resume');
  const stopBtn = btn('Stop', '.secondary', 'replay-stop');
  const restartBtn = btn('Restart from first bar', '.secondary', 'replay-restart');
  const speedBtn = btn('Set speed', '.secondary', 'replay-set-speed');
  const bar = h('div.progress-bar');
  const progress = h('div.progress', { testid: 'replay-progress', role: 'progressbar', 'aria-label': 'Replay progress', 'aria-valuemin': 0, 'aria-valuemax': 100, 'data-percent': 0 }, bar);
  const replayText = h('div.replay-text', { testid: 'replay-text' }, 'idle');
  const plan = h('p.replay-plan', { testid: 'replay-plan', role: 'status', 'aria-live': 'polite' });

  const el = h('section.card.replay', { testid: 'replay-control' },
    h('h2', {}, 'Replay'),
    h('div.replay-form', {},
      h('label', { for: dataSet.id }, 'Data set '), dataSet,
      h('label', { for: symbol.id }, 'Symbol '), symbol,
      h('label', { for: speed.id }, 'Speed (bars/s, 0 = max) '), speed,
      h('div.button-row', { role: 'group', 'aria-label': 'Replay controls' }, startBtn, pauseBtn, resumeBtn, stopBtn, restartBtn, speedBtn)),
    progress, replayText, plan);

  const active = () => state === 'running' || state === 'paused';

  function renderButtons() {
    startBtn.disabled = active();
    pauseBtn.disabled = state !== 'running';
    resumeBtn.disabled = state !== 'paused';
    stopBtn.disabled = !active();
    restartBtn.disabled = !last?.dataSet;
    speedBtn.disabled = !active();
    startBtn.title = active() ? `A replay is ${state}: stop it first.` : '';
    restartBtn.title = last?.dataSet
      ? `Replays ${last.dataSet} (last to ${last.symbol}) again from its first bar, to a symbol that holds none of its bars: the one typed when it is new, else ${last.symbol?.replace(/\.R\d+$/, '')}.R2, .R3, …`
      : 'No replay has been started yet.';
  }

  /** Shows a status (from a REST answer or a push). */
  function update(r) {
    if (!r || disposed) return;
    const previous = state;
    last = r;
    state = enumText(r.state) || 'idle';
    const pct = Math.max(0, Math.min(100, Number(r.percent) || 0));
    bar.style.width = `${pct}%`;
    progress.dataset.percent = pct.toFixed(1);
    progress.dataset.state = state;
    progress.setAttribute('aria-valuenow', pct.toFixed(1));
    const parts = [state];
    if (r.dataSet) parts.push(`${r.dataSet} → ${r.symbol}`);
    if (r.totalBars) parts.push(`${fmtNumber(r.publishedBars)} / ${fmtNumber(r.totalBars)} bars (${pct.toFixed(1)} %)`);
    if (active()) parts.push(`speed ${r.speedBarsPerSecond ? `${fmtNumber(r.speedBarsPerSecond)} bars/s` : 'max'}`);
    if (state === 'running' || r.barsPerSecond) parts.push(`${fmtNumber(r.barsPerSecond)} bars/s`);
    if (state === 'running') parts.push(`ETA ${fmtDuration(r.etaSeconds)}`);
    if (r.error) parts.push(`error: ${r.error}`);
    // A chunk being retried (ReplayStatus.retrying): the storage is down, or a cluster failure or state conflict.
    const retry = r.retrying;
    if (retry) parts.push(`${enumText(retry.reason) === 'storage' ? 'waiting for the storage' : `retrying (${enumText(retry.reason)})`}: ${fmtNumber(retry.attempts)} failed attempt${retry.attempts === 1 ? '' : 's'}, last: ${retry.error}`);
    replayText.textContent = parts.join(' · ');
    replayText.classList.toggle('neg', Boolean(r.error || retry));
    el.dataset.state = state;
    // The form shows the replay that runs (data set, symbol, speed); after it ends, its data set until the user edits.
    if (r.dataSet && (active() || !edited)) fillForm(r);
    renderButtons();
    if (active()) setPlan(state === 'paused' ? 'Paused: Resume continues after the last published bar; Stop ends the replay where it is.' : '');
    else if (previous !== state || !plan.textContent) refreshPlan();
  }

  function fillForm(r) {
    if (optionsLoaded && document.activeElement !== dataSet) {
      if (![...dataSet.options].some((o) => o.value === r.dataSet)) dataSet.append(h('option', { value: r.dataSet }, r.dataSet));
      dataSet.value = r.dataSet;
    }
    if (!active()) return;
    if (r.symbol && document.activeElement !== symbol) symbol.value = r.symbol;
    if (document.activeElement !== speed) speed.value = String(r.speedBarsPerSecond ?? 0);
  }

  function setPlan(text) {
    plan.textContent = text;
  }

  // One preview at a time; a newer request makes older answers stale.
  let planSeq = 0;
  async function refreshPlan() {
    if (active() || !dataSet.value || !symbol.value.trim()) {
      if (!active()) setPlan('');
      return;
    }
    const seq = ++planSeq;
    try {
      const p = await controlApi.previewReplay(dataSet.value, symbol.value.trim().toUpperCase());
      if (!disposed && seq === planSeq && !active()) setPlan(p.action);
    } catch (err) {
      if (!disposed && seq === planSeq) setPlan(err?.status === 400 ? `Start would be refused: ${Object.values(err.problem?.errors ?? {}).flat().join(' ') || err.message}` : '');
      if (err?.status !== 400) reportError('previewing the replay', err);
    }
  }

  async function run(context, call) {
    for (const b of [startBtn, pauseBtn, resumeBtn, stopBtn, restartBtn, speedBtn]) b.disabled = true;
    try {
      update(await call());
    } catch (err) {
      if (err?.status === 409) setPlan(`Could not ${context} (409 conflict): ${err.problem?.detail ?? err.message}`);
      else reportError(context, err);
      try {
        update(await api.replay());
      } catch (e) {
        reportError('loading the replay status', e);
      }
    }
  }

  startBtn.addEventListener('click', () => { edited = false; run('start the replay', () => api.startReplay(dataSet.value, symbol.value.trim().toUpperCase(), Number(speed.value))); });
  pauseBtn.addEventListener('click', () => run('pause the replay', controlApi.pauseReplay));
  resumeBtn.addEventListener('click', () => run('resume the replay', controlApi.resumeReplay));
  stopBtn.addEventListener('click', () => run('stop the replay', api.stopReplay));
  speedBtn.addEventListener('click', () => run('change the speed', () => controlApi.replaySpeed(Number(speed.value))));
  restartBtn.addEventListener('click', () => {
    // The symbol field names the target only when the user typed a new one; otherwise the server picks a free one.
    const typed = symbol.value.trim().toUpperCase();
    const target = edited && typed && typed !== last?.symbol ? typed : null;
    edited = false;
    run('restart the replay', () => controlApi.restartReplay(target, Number(speed.value)));
  });
  dataSet.addEventListener('change', () => { edited = true; refreshPlan(); });
  // The preview follows typing in the symbol, once the typing pauses.
  let typing = 0;
  symbol.addEventListener('input', () => {
    edited = true;
    clearTimeout(typing);
    typing = setTimeout(refreshPlan, 250);
  });
  speed.addEventListener('keydown', (e) => { if (e.key === 'Enter' && active()) speedBtn.click(); });

  (async () => {
    try {
      const names = await api.datasets();
      if (disposed) return;
      dataSet.replaceChildren(...(names ?? []).map((n) => h('option', { value: n }, n)));
      if (!names?.length) dataSet.replaceChildren(h('option', { value: '' }, '(no data sets)'));
      optionsLoaded = true;
      if (last?.dataSet) fillForm(last);
      if (!active()) refreshPlan();
    } catch (err) {
      reportError('loading data sets', err);
    }
  })();
  (async () => {
    try {
      const r = await api.replay();
      if (!disposed) update(r);
    } catch (err) {
      reportError('loading the replay status', err);
    }
  })();
  renderButtons();
  const unsubscribe = subscribe(['overview'], { replay: update });

  return {
    el,
    update,
    dispose: () => {
      disposed = true;
      clearTimeout(typing);
      unsubscribe();
    },
  };
}
