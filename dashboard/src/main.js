// Entry point: routes the location to a page, starts the live connection.
import './errors.js';
import { h, replace } from './dom.js';
import { clearErrors, reportError } from './errors.js';
import { startHub } from './hub.js';
import { clusterPage } from './pages/cluster.js';
import { comparePage } from './pages/compare.js';
import { experimentPage } from './pages/experiment.js';
import { overviewPage } from './pages/overview.js';
import { strategyPage } from './pages/strategy.js';
import { link, setNavigator } from './router.js';

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
  for (const a of document.querySelectorAll('.nav a')) a.classList.toggle('active', a.getAttribute('href') === path);
  root.dataset.page = '';
  try {
    let m;
    if (path === '/') {
      root.dataset.page = 'overview';
      dispose = overviewPage(root);
    } else if ((m = /^\/strategies\/(.+)$/.exec(path))) {
      root.dataset.page = 'strategy';
      dispose = strategyPage(root, m[1]);
    } else if (path === '/cluster') {
      root.dataset.page = 'cluster';
      dispose = clusterPage(root);
    // --- judging pages (compare, experiment detail) ---
    } else if (path === '/compare') {
      root.dataset.page = 'compare';
      dispose = comparePage(root);
    } else if ((m = /^\/experiments\/([^/]+)$/.exec(path))) {
      root.dataset.page = 'experiment';
      dispose = experimentPage(root, m[1]);
    // --- end of judging pages ---
    } else {
      root.dataset.page = 'not-found';
      replace(root, h('section.card', {}, h('h2', {}, 'Not found'), h('p', {}, `No page at ${path}. `, link('/', 'Back to the overview'))));
    }
  } catch (err) {
    reportError(`showing ${path}`, err);
  }
}

setNavigator(render);
render();
startHub();
