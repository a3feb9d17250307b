// History routing (the route table is in main.js). The server answers index.html for every path without a file extension.

let navigate = () => {};

/** Sets the function that renders the current location. */
export function setNavigator(fn) {
  navigate = fn;
}

/** Goes to path (pushState) and renders it. */
export function go(path) {
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  navigate();
}

/** An <a> that navigates without a page load. */
export function link(href, text, attrs = {}) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.dataset.link = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'testid') a.dataset.testid = v;
    else a.setAttribute(k, v);
  }
  return a;
}

document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[data-link]') : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  go(url.pathname + url.search);
});
window.addEventListener('popstate', () => navigate());
