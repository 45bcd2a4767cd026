/**
 * A check run in the page: every element whose own text shows the start of `name` must either show the
 * whole name without being clipped, or carry it in a title (an HTML title attribute or an SVG <title>,
 * on itself or an ancestor). Returns the offenders. Kept as source text because the e2e project has no
 * DOM types; the page evaluates it.
 */
const SOURCE = `(name) => {
  const start = name.slice(0, 30);
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'title' || tag === 'option' || tag === 'script' || tag === 'style') continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
    if (!own.includes(start)) continue;
    const whole = own.includes(name) && el.scrollWidth <= el.clientWidth + 1;
    let titled = false;
    for (let a = el; a && !titled; a = a.parentElement) {
      if ((a.getAttribute('title') || '').includes(name)) titled = true;
      const t = [...a.children].find((c) => c.tagName.toLowerCase() === 'title');
      if (t && (t.textContent || '').includes(name)) titled = true;
    }
    if (!whole && !titled) bad.push(tag + '.' + (el.getAttribute('class') || '') + ': ' + own.trim());
  }
  return bad;
}`;

export function clippedNameCheck(name: string): string {
  return `(${SOURCE})(${JSON.stringify(name)})`;
}
