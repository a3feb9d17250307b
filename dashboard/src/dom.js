// Tiny DOM helpers: h() builds elements; text is always set with textContent (no HTML injection).

/**
 * @param {string} tag tag name, optionally with classes: "td.num.pos"
 * @param {Record<string, any>} [attrs] attributes; "testid" → data-testid, "on" → { event: handler }
 * @param {...any} children strings, numbers, nodes, arrays or null
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'testid') el.dataset.testid = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'class') el.className = [el.className, v].filter(Boolean).join(' ');
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}
