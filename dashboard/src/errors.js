// Every failure ends here: logged to the console and shown in the banner under the top bar until dismissed (a 401 only
// opens the sign-in dialog, see api.js).
import { h } from './dom.js';

const MAX = 5;

/**
 * Reports an error to the console and the page.
 * @param {string} context what was being done ("loading strategies")
 * @param {unknown} error the error
 */
export function reportError(context, error) {
  if (error?.status === 401) {
    // Not signed in (or the credential was refused): the sign-in dialog that api.js opened says so; no banner.
    console.info(`[dashboard] ${context}: sign-in needed`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[dashboard] ${context}:`, error);
  const box = document.getElementById('errors');
  if (!box) return;
  const item = h('div.error', { testid: 'error', role: 'alert' },
    h('span', {}, `${context}: ${message}`),
    h('button.link', { type: 'button', 'aria-label': 'dismiss', on: { click: () => item.remove() } }, '×'));
  box.prepend(item);
  while (box.children.length > MAX) box.lastElementChild.remove();
}

/** Removes every shown error (on navigation). */
export function clearErrors() {
  document.getElementById('errors')?.replaceChildren();
}

window.addEventListener('error', (e) => reportError('script error', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportError('unhandled promise rejection', e.reason));
