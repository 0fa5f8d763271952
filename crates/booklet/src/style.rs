//! The page's one stylesheet, inline so the file stands alone: readable measure; on a
//! phone, figures as wide as the screen and tables that scroll in their own box (never
//! breaking a word); in print, the booklet's sections starting pages, figures beside
//! their text and never a table row split.

/// The stylesheet.
pub const CSS: &str = r#"
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --right: #1b6e20; --wrong: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; color: var(--ink); background: #fff;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 0.25rem; border-bottom: 2px solid var(--rule); }
/* A booklet's sections and its part beyond the homework, above the parts' own headings. */
h2.topic, h2.part { font-size: 1.7rem; border-bottom: 4px solid var(--ink); margin-top: 3rem; }
h2.part { text-transform: uppercase; letter-spacing: 0.05em; font-size: 1.2rem; border: 0; color: var(--muted); margin-bottom: -2rem; }
nav h3.part { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.95rem; margin-top: 1.5rem; }
nav h3 a, nav h4 a { color: inherit; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; color: var(--muted); }
p { margin: 0.25rem 0; }
/* Paths and titles from specs may be one long word. */
h1, h2, h3, h4, p, li, figcaption { overflow-wrap: anywhere; }
.source { color: var(--muted); font-size: 0.9rem; }
.value .name { font-style: italic; }
/* MathML does not break lines: a long exact form scrolls within its line. */
.value { overflow-x: auto; overflow-y: hidden; }
nav ol { margin: 0.25rem 0 0.75rem; }
.table { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.6rem; text-align: right; vertical-align: top; }
/* A working's table is numbers: a cell stays on one line (a column is as wide as its
   widest number) and the table scrolls in its box when the page is narrower. */
div.working th, div.working td { white-space: nowrap; }
table.answers { width: 100%; }
/* A cell wraps between words only: a column too narrow for a word makes the table scroll
   in its box rather than break the word letter by letter. */
table.answers td, table.answers th { text-align: left; }
table.answers th:first-child { white-space: nowrap; width: 1%; }
.right { color: var(--right); } .wrong { color: var(--wrong); } .muted { color: var(--muted); }
math { font-size: 1.15em; math-style: normal; }
figure { margin: 1rem 0; }
figure .svg svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.9rem; }
ul.verdicts li { margin: 0.5rem 0; list-style: none; }
ul.verdicts li.right .mark { color: var(--right); } ul.verdicts li.wrong .mark { color: var(--wrong); }
pre.detail { margin: 0.1rem 0 0 1.5rem; white-space: pre-wrap; font-size: 0.9rem; }
/* The question: displays centred and scrolling within their line, labelled items, prompts. */
p.statement { margin: 0.5rem 0; }
.display { margin: 0.6rem 0; text-align: center; overflow-x: auto; overflow-y: hidden; }
.math { font-style: italic; }
/* A matrix's brackets, drawn: stretching a MathML bracket needs a math font. */
mtable.matrix { border-left: 1.5px solid currentColor; border-right: 1.5px solid currentColor; padding: 0.1em 0.3em; margin: 0 0.2em;
  background-image: linear-gradient(currentColor, currentColor), linear-gradient(currentColor, currentColor),
                    linear-gradient(currentColor, currentColor), linear-gradient(currentColor, currentColor);
  background-size: 0.35em 1.5px; background-repeat: no-repeat;
  background-position: top left, bottom left, top right, bottom right; }
mtable.matrix mtd { padding: 0.2em 0.45em; }
code { font-size: 0.92em; }
ol.items { list-style: none; padding-left: 0.75rem; }
ol.items li { margin: 0.4rem 0; }
.label { font-weight: 600; }
ul.asked { list-style: none; padding: 0; margin: 0.75rem 0; }
ul.asked li { margin: 0.4rem 0; }
ul.asked .name, ol.answer-sheet .name { font-weight: 600; }
/* A handout's answer sheet: a box to write in under each prompt. */
ol.answer-sheet { list-style: none; padding: 0; }
ol.answer-sheet li { margin: 0.9rem 0; }
.notation { color: var(--muted); font-size: 0.85rem; }
.blank { border: 1px solid #888; border-radius: 3px; min-height: 2.75rem; margin-top: 0.35rem; }
.blank.lines-2 { min-height: 4.5rem; } .blank.lines-4 { min-height: 8rem; } .blank.lines-8 { min-height: 15rem; }
.fill { display: inline-block; min-width: 9rem; border-bottom: 1px solid var(--ink); }
pre.line { background: #f5f5f5; border-radius: 3px; padding: 0.4rem 0.6rem; overflow-x: auto; font-size: 0.85rem; }
section.together h2 { font-size: 1.15rem; }
/* The class report: verdict counts in their colours, a bar of shares, meters of wrong rates. */
:root { --unusable: #9a5b00; --missing: #8a8a8a; }
td.unusable { color: var(--unusable); } td.missing { color: var(--muted); }
table.tally th, table.tally td, table.counts td, table.counts th, table.params td, table.params th { overflow-wrap: normal; }
table.tally td:last-child { min-width: 7rem; width: 40%; }
table.tally tr > :first-child, table.tally th:last-child, table.counts tr > :first-child,
table.params tr > :first-child, table.listing tr > :nth-child(2) { text-align: left; }
div.scores figure .svg svg { max-width: min(100%, 30rem); }
/* A phone: little side padding, so that a figure (720 px wide, its smallest text 18 px)
   is shown at 376 px or more on a 400 px screen; each answer a block of its own
   (name, value, verdict) instead of three columns too narrow for their words. */
@media (max-width: 40rem) {
  body { padding: 0.75rem 0.5rem 2rem; }
  figure { margin: 0.75rem 0; }
  table.answers, table.answers tbody, table.answers tr, table.answers th, table.answers td { display: block; width: auto; }
  table.answers thead { display: none; }
  table.answers tr { border-bottom: 1px solid var(--rule); padding: 0.3rem 0; }
  table.answers th, table.answers td { border: 0; padding: 0.1rem 0; }
}
@media (max-width: 30rem) {
  table.tally th, table.tally td, table.params th, table.params td { padding: 0.25rem 0.3rem; }
  table.tally td:last-child { min-width: 3.5rem; } .bar { min-width: 3rem; }
}
table.params th[scope=rowgroup] { text-align: left; padding-top: 0.6rem; font-weight: 400; }
.bar { display: flex; height: 0.9rem; min-width: 6rem; border: 1px solid var(--rule); }
.bar span, .meter span { display: block; height: 100%; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.bar .right { background: var(--right); } .bar .wrong { background: var(--wrong); }
.bar .unusable { background: var(--unusable); } .bar .missing { background: #d8d8d8; }
.meter { display: inline-block; vertical-align: middle; width: 4rem; height: 0.6rem; border: 1px solid var(--rule); }
.meter span { background: var(--wrong); }
.rate, table.params td:first-child, div.drawn .range { white-space: nowrap; }
div.answer { margin-top: 1.75rem; }
ul.mistakes li { margin: 0.3rem 0; }
.note { color: var(--muted); font-size: 0.9rem; }
ul.students { columns: 12rem; padding-left: 1.25rem; }
@page { margin: 11mm 11mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  p, li { orphans: 3; widows: 3; }
  /* The booklet in two columns of about 60 characters: its working is short lines and
     its figures are as wide as a column (at most 72 mm tall), so a spec takes about a
     page, not three; each section's heading above them. A section follows the one
     before on the same page (a page of its own would leave the page before it part
     empty); the part beyond the homework starts a page. */
  nav, section.topic { font-size: 9pt; line-height: 1.3; }
  nav ol { columns: 2; column-gap: 2rem; margin: 0.1rem 0 0.4rem; }
  nav li { break-inside: avoid; }
  nav h3, nav h4 { margin: 0.5rem 0 0; }
  /* The heading outside the columns: a heading across them is kept with nothing. */
  div.specs { columns: 2; column-gap: 7mm; }
  h2.topic { font-size: 1.5em; margin: 0.75rem 0 0.5rem; }
  h2.part { break-before: page; margin: 0 0 -0.5rem; }
  section.topic h2 { font-size: 1.35em; margin-top: 0.9rem; }
  section.topic h3 { font-size: 1.1em; margin: 0.5rem 0 0.2rem; }
  section.topic h4 { font-size: 1em; margin: 0.4rem 0 0.1rem; }
  section.topic table { font-size: 6.8pt; }
  section.topic th, section.topic td { padding: 0.1rem 0.2rem; }
  section.topic div.working th { white-space: normal; }
  section.topic .display { font-size: 0.8em; }
  section.topic .source, section.topic figcaption { font-size: 0.9em; }
  section.topic figure { margin: 0.3rem 0; }
  section.topic figure .svg svg { width: 100%; max-height: 72mm; }
  /* What is wider than a column (a matrix of long numbers, a table of many) spans both. */
  section.topic .wide { column-span: all; }
  /* Each answer (name, value, verdict) one under another, as on a phone: three columns do not fit in one. */
  section.topic table.answers, section.topic table.answers tbody, section.topic table.answers tr,
  section.topic table.answers th, section.topic table.answers td { display: block; width: auto; }
  section.topic table.answers thead { display: none; }
  section.topic table.answers tr { border-bottom: 1px solid var(--rule); padding: 0.2rem 0; }
  section.topic table.answers th, section.topic table.answers td { border: 0; padding: 0.05rem 0; }
  .table, .value, .display { overflow: visible; }
  /* Paper does not scroll: a display prints smaller; on a handout, one wider than the
     page still loses its right edge (a matrix of many long numbers). */
  .display { font-size: 0.85em; }
  table { font-size: 9pt; }
  div.answer h3 { break-after: avoid; }
  nav.brief { break-after: auto; }
  div.drawn, div.group, table.tally { break-inside: avoid; }
  tr, figure, .display, ol.items li, ul.asked li, ul.notes li, ol.answer-sheet li, .hand-in { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  /* A handout's figure keeps its proportions and leaves room on the page for its
     question. */
  figure .svg svg { max-height: 95mm; width: auto; margin: 0 auto; }
  section.sheet { break-before: page; }
  section.sheet:first-of-type { break-before: auto; }
  div.student { break-before: page; }
  div.student:first-of-type { break-before: auto; }
  pre.line { white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The stylesheet for a fragment inside `@scope (.nnhw)`: what the page gives `:root` and
/// `body` goes to the scope's root, so that nothing outside the fragment is restyled.
pub fn scoped() -> String {
    CSS.replace(":root {", ":scope {")
        .replace("body {", ":scope {")
}
