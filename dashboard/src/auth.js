// Sign-in: the credential (an API key or a bearer token) is kept in sessionStorage for this tab only — never in a URL
// or a cookie — and sent as a header by api.js (X-Api-Key or Authorization: Bearer). The live connection (hub.js) gets
// a short-lived token from POST /api/v1/auth/token when signed in with a key, since a browser WebSocket cannot carry
// headers. A 401 from the API opens the sign-in dialog. In the one-user demo (nothing configured) nobody signs in.
import { h } from './dom.js';

const STORAGE = 'trp.credential';

/** @returns {{ kind: 'key' | 'token', value: string } | null} */
function credential() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE) ?? 'null');
    return saved && (saved.kind === 'key' || saved.kind === 'token') && typeof saved.value === 'string' ? saved : null;
  } catch {
    return null;
  }
}

/** The headers that authenticate a request (none when not signed in). */
export function authHeaders() {
  const c = credential();
  if (!c) return {};
  return c.kind === 'key' ? { 'X-Api-Key': c.value } : { Authorization: `Bearer ${c.value}` };
}

let hubToken = null; // { token, expiresMs } obtained for a key

/**
 * The access token of the live connection: the bearer token signed in with, or one issued for the API key (renewed
 * five minutes before it expires); '' when not signed in (the one-user demo needs none).
 */
export async function accessToken() {
  const c = credential();
  if (!c) return '';
  if (c.kind === 'token') return c.value;
  if (hubToken && hubToken.expiresMs - Date.now() > 5 * 60_000) return hubToken.token;
  const res = await fetch('/api/v1/auth/token', { method: 'POST', headers: { Accept: 'application/json', ...authHeaders() } });
  if (!res.ok) {
    if (res.status === 401) requireSignIn('The API key was refused.');
    throw new Error(`token for the live connection: HTTP ${res.status}`);
  }
  const issued = await res.json();
  hubToken = { token: issued.token, expiresMs: Date.parse(issued.expires) };
  return hubToken.token;
}

/** The signed-in owner ({ name, roles, demo }) once known; null before, or when not signed in. */
export let currentUser = null;

/** True when the signed-in owner has the role (the demo has every role). */
export const hasRole = (role) => currentUser?.roles?.includes(role) ?? false;

function showUser() {
  const box = document.querySelector('[data-testid="user"]');
  if (!box) return;
  if (currentUser?.demo) {
    box.replaceChildren(h('span.muted', { title: 'No users configured: the one-user demo on loopback' }, 'demo (one-user demo)'));
  } else if (currentUser) {
    box.replaceChildren(
      h('span', { testid: 'user-name', title: `roles: ${currentUser.roles.join(', ')}` }, `${currentUser.name} (${currentUser.roles.join(', ')})`),
      ' ',
      h('button.link', { type: 'button', on: { click: signOut } }, 'Sign out'));
  } else {
    box.replaceChildren(h('button.link', { type: 'button', on: { click: () => requireSignIn() } }, 'Sign in'));
  }
}

/** Asks the API who is signed in and shows it in the top bar; opens the sign-in dialog on 401. */
export async function loadUser() {
  const res = await fetch('/api/v1/auth/me', { headers: { Accept: 'application/json', ...authHeaders() } });
  if (res.status === 401) {
    currentUser = null;
    showUser();
    requireSignIn(credential() ? 'The saved credential was refused; sign in again.' : undefined);
    return null;
  }
  if (!res.ok) throw new Error(`who is signed in: HTTP ${res.status}`);
  currentUser = await res.json();
  showUser();
  return currentUser;
}

function signOut() {
  sessionStorage.removeItem(STORAGE);
  location.reload();
}

let dialog = null;

/**
 * Opens the sign-in dialog (once), with an optional reason. Signing in checks the credential with GET /auth/me, keeps
 * it in sessionStorage and reloads the page so that every view and the live connection use it.
 * @param {string} [reason] why sign-in is needed
 */
export function requireSignIn(reason) {
  if (dialog?.open) {
    if (reason) dialog.querySelector('[data-testid="signin-message"]').textContent = reason;
    return;
  }
  const kind = h('select', { id: 'signin-kind', name: 'kind' },
    h('option', { value: 'key' }, 'API key'),
    h('option', { value: 'token' }, 'Bearer token'));
  const secret = h('input', { id: 'signin-secret', name: 'secret', type: 'password', autocomplete: 'off', required: true });
  const message = h('p.muted', { testid: 'signin-message', role: 'status' }, reason ?? 'This API needs an API key or a token.');
  const form = h('form', { method: 'dialog', on: { submit: async (e) => {
    e.preventDefault();
    const candidate = { kind: kind.value, value: secret.value.trim() };
    if (!candidate.value) return;
    const headers = candidate.kind === 'key' ? { 'X-Api-Key': candidate.value } : { Authorization: `Bearer ${candidate.value}` };
    const res = await fetch('/api/v1/auth/me', { headers: { Accept: 'application/json', ...headers } });
    if (!res.ok) {
      let detail = `HTTP ${res.status}`;
      try {
        detail = (await res.json()).detail ?? detail;
      } catch { /* not JSON: keep the status */ }
      message.textContent = `Refused: ${detail}`;
      return;
    }
    sessionStorage.setItem(STORAGE, JSON.stringify(candidate));
    location.reload();
  } } },
  h('h2', { id: 'signin-title' }, 'Sign in'),
  message,
  h('label', { for: 'signin-kind' }, 'Credential'), kind,
  h('label', { for: 'signin-secret' }, 'Key or token'), secret,
  h('div.actions', {}, h('button', { type: 'submit' }, 'Sign in')));
  dialog = h('dialog.signin', { testid: 'signin', 'aria-labelledby': 'signin-title' }, form);
  document.body.append(dialog);
  dialog.showModal();
  secret.focus();
}
