// Injected into a copy of the booklet by tests/tests/browser.rs (never into a page
// nnhw writes): measures the page once it has loaded and leaves the result on the
// frame's element in the harness, where --dump-dom shows it.
window.addEventListener('load', () => {
  const width = window.innerWidth;
  const maths = [...document.querySelectorAll('math')];
  const figures = [...document.querySelectorAll('figure svg')];
  const size = (e) => e.getBoundingClientRect();
  // Words (2 to 30 characters between spaces and hyphens) laid out on more than one line:
  // a column too narrow breaks a word letter by letter.
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
    const words = /[^\s\-\u2010-\u2014]+/g;
    let m;
    while ((m = words.exec(node.textContent)) && broken.length < 5) {
      if (m[0].length < 2 || m[0].length > 30) continue;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  const result = {
    width,
    text: document.body.innerText.length,
    maths: maths.length,
    flat_maths: maths.filter((m) => !(size(m).width > 0 && size(m).height > 0)).length,
    figures: figures.length,
    hidden_figures: figures.filter((s) => !(size(s).width > 50 && size(s).height > 50)).length,
    scroll_width: document.documentElement.scrollWidth,
    broken_words: broken,
    too_wide: [...document.querySelectorAll('body *')]
      // Inside a scroll container (a wide table, a long formula) is not too wide; the
      // container itself must fit.
      .filter((e) => !(e.parentElement && e.parentElement.closest('.table, .value, .display, pre')))
      .filter((e) => size(e).right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || '').slice(0, 60)}`),
  };
  window.frameElement.setAttribute('data-check', JSON.stringify(result));
});
