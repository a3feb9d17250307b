// Entry point: routes the location to a page, starts the live connection.
import './errors.js';
import { loadUser } from './auth.js';
import { h, replace } from './dom.js';
import { clearErrors, reportError } from './errors.js';
import { startHub } from './hub.js';
import { clusterPage } from './pages/cluster.js';
import { comparePage } from './pages/compare.js';
import { experimentPage } from './pages/experiment.js';
import { experimentsPage } from './pages/experiments.js';
import { overviewPage } from './pages/overview.js';
import { newStrategyPage } from './pages/strategy-new.js';
import { strategyPage } from './pages/strategy.js';
import { link, setNavigator } from './router.js';

/**
 * The route table, matched in order: a path pattern (its first capture group, URL-decoded, is passed to render),
 * the page name (root's data-page) and render(root, arg) → dispose. More specific paths go first
 * ("/strategies/new" before "/strategies/{id}", "/experiments" before "/experiments/{id}").
 * @type {{ pattern: RegExp, page: string, render: (root: HTMLElement, arg?: string) => (() => void) }[]}
 */
const ROUTES = [
  { pattern: /^\/$/, page: 'overview', render: (root) => overviewPage(root) },
  { pattern: /^\/strategies\/new$/, page: 'strategy-new', render: (root) => newStrategyPage(root) },
  { pattern: /^\/strategies\/(.+)$/, page: 'strategy', render: (root, id) => strategyPage(root, id) },
  { pattern: /^\/compare$/, page: 'compare', render: (root) => comparePage(root) },
  { pattern: /^\/experiments$/, page: 'experiments', render: (root) => experimentsPage(root) },
  { pattern: /^\/experiments\/([^/]+)$/, page: 'experiment', render: (root, id) => experimentPage(root, id) },
  { pattern: /^\/cluster$/, page: 'cluster', render: (root) => clusterPage(root) },
];

let dispose = () => {};

function render() {
  const root = document.getElementById('app');
  try {
    dispose();
  } catch (err) {
    reportError('leaving the page', err);
  }
  dispose = () => {};
  clearErrors();
  const path = decodeURIComponent(location.pathname.replace(/\/+$/, '')) || '/';
  for (const a of document.querySelectorAll('.nav a')) {
    const href = a.getAttribute('href');
    const active = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  root.dataset.page = '';
  try {
    for (const route of ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      root.dataset.page = route.page;
      dispose = route.render(root, m[1]) ?? (() => {});
      return;
    }
    root.dataset.page = 'not-found';
    replace(root, h('section.card', {}, h('h2', {}, 'Not found'), h('p', {}, `No page at ${path}. `, link('/', 'Back to the overview'))));
  } catch (err) {
    reportError(`showing ${path}`, err);
  }
}

setNavigator(render);
render();
// Who is signed in first (the hub's groups depend on the roles); a 401 opens the sign-in dialog, and the live
// connection waits for the sign-in (which reloads the page).
loadUser().then((user) => user && startHub(), (err) => {
  reportError('finding who is signed in', err);
  startHub();
});
