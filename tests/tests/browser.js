// Injected into a copy of the booklet by tests/tests/browser.rs (never into a page
// nnhw writes): measures the page once it has loaded and leaves the result on the
// frame's element in the harness, where --dump-dom shows it.
window.addEventListener('load', () => {
  const width = window.innerWidth;
  const maths = [...document.querySelectorAll('math')];
  const figures = [...document.querySelectorAll('figure svg')];
  const rects = new Map();
  const size = (e) => {
    if (!rects.has(e)) rects.set(e, e.getBoundingClientRect());
    return rects.get(e);
  };
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''}`;
  const where = (e) => {
    const part = e.closest('section[id], figure');
    const label = part && (part.getAttribute('aria-label') || part.id);
    return `${name(e)} "${(e.textContent || '').trim().slice(0, 50)}"${label ? ' in ' + label.slice(0, 60) : ''}`;
  };

  // Words (2 to 30 characters between spaces and hyphens) laid out on more than one line:
  // a column too narrow breaks a word letter by letter. Those in table cells are counted
  // apart, since a table must never do it.
  const broken = [];
  const brokenInCells = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const cell = node.parentElement && node.parentElement.closest('td, th');
    if (!cell && broken.length >= 5) continue;
    if (cell && brokenInCells.length >= 5) continue;
    const words = /[^\s\-\u2010-\u2014]+/g;
    let m;
    while ((m = words.exec(node.textContent))) {
      if (m[0].length < 2 || m[0].length > 30) continue;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) {
        (cell ? brokenInCells : broken).push(cell ? `"${m[0]}" in ${where(cell)}` : m[0]);
        break;
      }
    }
  }

  // Each figure's text as drawn: its font size in the SVG's units times the SVG's scale
  // on the screen (the text's own transforms included).
  const texts = [];
  for (const text of document.querySelectorAll('figure svg text')) {
    const ctm = text.getScreenCTM();
    if (!ctm || !text.textContent.trim()) continue;
    const scale = Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
    const px = parseFloat(getComputedStyle(text).fontSize) * scale;
    texts.push({ px, text });
  }
  texts.sort((a, b) => a.px - b.px);
  const smallest = texts.length
    ? { px: Math.round(texts[0].px * 100) / 100, text: where(texts[0].text) }
    : null;
  const tooSmall = texts.filter((t) => t.px < 9).slice(0, 5).map((t) => `${t.px.toFixed(2)} px: ${where(t.text)}`);

  // Content cut off: an element past the edge of an ancestor that hides its overflow in
  // that direction, or past the page's right edge outside a scroll container that fits.
  // A figure's drawing is the figure's own business (its viewBox clips it).
  const overflow = new Map();
  const styleOf = (e) => {
    if (!overflow.has(e)) {
      const s = getComputedStyle(e);
      overflow.set(e, { x: s.overflowX, y: s.overflowY });
    }
    return overflow.get(e);
  };
  const hides = (v) => v === 'hidden' || v === 'clip';
  const scrolls = (v) => v === 'auto' || v === 'scroll';
  const clipped = [];
  const tooWide = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const r = size(e);
    if (r.width === 0 && r.height === 0) continue;
    let inScroller = false;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = styleOf(a);
      const box = size(a);
      if (clipped.length < 5 && ((hides(o.x) && (r.left < box.left - 1 || r.right > box.right + 1))
          || (hides(o.y) && (r.top < box.top - 1 || r.bottom > box.bottom + 1)))) {
        clipped.push(`${where(e)} is cut by ${name(a)}`);
      }
      if (scrolls(o.x) || scrolls(o.y)) {
        inScroller = true;
        break;
      }
    }
    if (!inScroller && r.right > width + 1 && tooWide.length < 5) tooWide.push(where(e));
  }

  const result = {
    width,
    text: document.body.innerText.length,
    maths: maths.length,
    flat_maths: maths.filter((m) => !(size(m).width > 0 && size(m).height > 0)).length,
    figures: figures.length,
    hidden_figures: figures.filter((s) => !(size(s).width > 50 && size(s).height > 50)).length,
    narrowest_figure: figures.length ? Math.round(Math.min(...figures.map((s) => size(s).width))) : null,
    scroll_width: document.documentElement.scrollWidth,
    broken_words: broken,
    broken_cell_words: brokenInCells,
    smallest_figure_text: smallest,
    small_figure_text: tooSmall,
    clipped,
    too_wide: tooWide,
  };
  window.frameElement.setAttribute('data-check', JSON.stringify(result));
});
