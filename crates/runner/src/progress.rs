//! A progress bar on stderr for long batches: shown only when stderr is a terminal and
//! there are enough specs for the wait to be noticeable, so pipes and CI logs stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewest specs for which a bar is worth drawing.
const WORTH_SHOWING: usize = 200;

/// A bar, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` specs, if it would help.
    pub fn new(total: usize) -> Progress {
        Progress::counting(total, "specs")
    }

    /// A bar for `total` things named `unit` (`variants`), if it would help.
    pub fn counting(total: usize, unit: &str) -> Progress {
        if total < WORTH_SHOWING || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let template =
            format!("{{elapsed_precise}} {{bar:40}} {{pos}}/{{len}} {unit} ({{eta}} left)");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// One more done.
    pub fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar before the reports are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
