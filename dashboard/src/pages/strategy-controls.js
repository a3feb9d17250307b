// The strategy page's controls: Start / Pause / Stop / Delete, enabled by the strategy's status, with 409s explained
// and a confirmation before delete (then back to the overview). Self-contained: loads the status and follows pushes.
import { ApiError, api } from '../api.js';
import { controlApi } from '../control-api.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText } from '../format.js';
import { subscribe } from '../hub.js';
import { go } from '../router.js';

/**
 * What each status allows (the StrategyGrain's rules): a button is enabled when its action is allowed, and the
 * reason shown otherwise says why not.
 */
const RULES = {
  created: { start: null, pause: 'it is not running yet', stop: null, hint: 'Created: Start subscribes it to its instrument and it trades the next bars.' },
  running: { start: 'it is already running', pause: null, stop: null, hint: 'Running: Pause ignores bars but stays subscribed; Stop unsubscribes and keeps its state.' },
  paused: { start: null, pause: 'it is already paused', stop: null, hint: 'Paused: bars are ignored (no orders, no marks) until Start resumes it.' },
  stopped: { start: null, pause: 'it is not running', stop: 'it is already stopped', hint: 'Stopped: Start subscribes it again; bars published meanwhile are caught up from the history.' },
  failed: { start: 'a failed strategy cannot be started again; delete it and create it anew', pause: 'it failed', stop: 'it failed and is already stopped', hint: 'Failed: its state up to the failing bar stays readable; delete it to start over.' },
};

/** Explains a 409 from a state change: the server's reason and what the buttons do now. */
function conflictText(action, err) {
  const reason = err.problem?.detail ?? err.message;
  return `Could not ${action} (409 conflict): ${reason} The status changed since the page showed it; the buttons now follow the current status.`;
}

/**
 * Builds the controls of strategy id.
 * @param {string} id strategy id
 * @returns {{ el: HTMLElement, dispose: () => void }}
 */
export function strategyControls(id) {
  let disposed = false;
  let status = '';
  const button = (label, cls, testid) => h(`button${cls}`, { type: 'button', testid, disabled: true }, label);
  const startBtn = button('Start', '', 'strategy-start');
  const pauseBtn = button('Pause', '.secondary', 'strategy-pause');
  const stopBtn = button('Stop', '.secondary', 'strategy-stop');
  const deleteBtn = button('Delete', '.danger', 'strategy-delete');
  const hint = h('p.muted.control-hint', { testid: 'strategy-control-hint' });
  const message = h('p.control-message', { testid: 'strategy-control-message', role: 'status', 'aria-live': 'polite' });

  const confirmDelete = h('button.danger', { type: 'button', testid: 'confirm-delete' }, 'Delete');
  const cancelDelete = h('button.secondary', { type: 'button', testid: 'cancel-delete', autofocus: true }, 'Cancel');
  const dialog = h('dialog.confirm', { testid: 'delete-dialog', 'aria-labelledby': 'delete-dialog-title' },
    h('h2', { id: 'delete-dialog-title' }, `Delete strategy ${id}?`),
    h('p', {}, 'Its trades, positions and metrics are removed and it leaves the portfolio. This cannot be undone.'),
    h('div.form-actions', {}, cancelDelete, confirmDelete));

  const el = h('div.strategy-controls', { testid: 'strategy-controls' },
    h('div.button-row', { role: 'group', 'aria-label': 'Strategy controls' }, startBtn, pauseBtn, stopBtn, deleteBtn),
    hint, message, dialog);

  function render(next) {
    status = enumText(next);
    el.dataset.status = status;
    const rule = RULES[status];
    for (const [btn, key] of [[startBtn, 'start'], [pauseBtn, 'pause'], [stopBtn, 'stop']]) {
      const why = rule ? rule[key] : 'the status is not known yet';
      btn.disabled = why !== null;
      btn.title = why === null ? '' : `Not available: ${why}.`;
    }
    startBtn.textContent = status === 'paused' ? 'Resume' : 'Start';
    deleteBtn.disabled = !rule;
    hint.textContent = rule?.hint ?? '';
  }

  async function refresh() {
    try {
      const details = await api.strategy(id);
      if (!disposed) render(details.status);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        render('');
        message.textContent = `Strategy '${id}' does not exist.`;
      } else {
        reportError(`loading the status of '${id}'`, err);
      }
    }
  }

  async function act(label, call) {
    for (const b of [startBtn, pauseBtn, stopBtn, deleteBtn]) b.disabled = true;
    message.textContent = `${label}…`;
    message.classList.remove('neg');
    try {
      const details = await call(id);
      if (disposed) return;
      message.textContent = `${label}: now ${enumText(details.status)}.`;
      render(details.status);
    } catch (err) {
      if (disposed) return;
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) {
        message.textContent = err.status === 409 ? conflictText(label.toLowerCase(), err) : `Strategy '${id}' no longer exists.`;
        message.classList.add('neg');
      } else {
        message.textContent = '';
        reportError(`${label.toLowerCase()} '${id}'`, err);
      }
      await refresh();
    }
  }

  startBtn.addEventListener('click', () => act(status === 'paused' ? 'Resume' : 'Start', controlApi.startStrategy));
  pauseBtn.addEventListener('click', () => act('Pause', controlApi.pauseStrategy));
  stopBtn.addEventListener('click', () => act('Stop', controlApi.stopStrategy));
  deleteBtn.addEventListener('click', () => dialog.showModal());
  cancelDelete.addEventListener('click', () => dialog.close());
  confirmDelete.addEventListener('click', async () => {
    confirmDelete.disabled = true;
    try {
      await controlApi.deleteStrategy(id);
      dialog.close();
      if (!disposed) go('/');
    } catch (err) {
      dialog.close();
      if (err instanceof ApiError && err.status === 404) {
        message.textContent = `Strategy '${id}' was already deleted.`;
      } else {
        reportError(`deleting '${id}'`, err);
      }
    } finally {
      confirmDelete.disabled = false;
    }
  });

  const unsubscribe = subscribe([`strategy:${id}`], {
    metrics: (list) => {
      const s = (list ?? []).find((x) => x.id === id);
      if (s?.status !== undefined && enumText(s.status) !== status) render(s.status);
    },
  });
  render('');
  refresh();

  return {
    el,
    dispose: () => {
      disposed = true;
      unsubscribe();
      if (dialog.open) dialog.close();
    },
  };
}
