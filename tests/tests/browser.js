// Injected into a copy of the booklet by tests/tests/browser.rs (never into a page
// nnhw writes): measures the page once it has loaded and leaves the result on the
// frame's element in the harness, where --dump-dom shows it.
window.addEventListener('load', () => {
  const width = window.innerWidth;
  const maths = [...document.querySelectorAll('math')];
  const figures = [...document.querySelectorAll('figure svg')];
  const size = (e) => e.getBoundingClientRect();
  const result = {
    width,
    text: document.body.innerText.length,
    maths: maths.length,
    flat_maths: maths.filter((m) => !(size(m).width > 0 && size(m).height > 0)).length,
    figures: figures.length,
    hidden_figures: figures.filter((s) => !(size(s).width > 50 && size(s).height > 50)).length,
    scroll_width: document.documentElement.scrollWidth,
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
