//! A progress bar on stderr for long batches: shown only when stderr is a terminal and
//! there are enough specs (or bytes of submissions) for the wait to be noticeable, so
//! pipes and CI logs stay clean.

use std::io::{IsTerminal, Read, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewest specs for which a bar is worth drawing.
const WORTH_SHOWING: usize = 200;

/// Fewest bytes of submissions for which a bar is worth drawing (about 5,000 rows).
const WORTH_SHOWING_BYTES: u64 = 256 * 1024;

/// A bar, or nothing.
#[derive(Clone)]
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

    /// A bar for reading `total` bytes of `what`, if it would help.
    pub fn reading(total: u64, what: &str) -> Progress {
        if total < WORTH_SHOWING_BYTES || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let template = format!(
            "{{elapsed_precise}} {{bar:40}} {{bytes}}/{{total_bytes}} of {what} ({{eta}} left)"
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// `read`, moving the bar as it is read.
    pub fn reader<R: Read>(&self, read: R) -> Reading<R> {
        Reading {
            read,
            bar: self.clone(),
        }
    }

    /// `write` (the error stream), each write made with the bar out of the way, so that a
    /// message never lands in the middle of it.
    pub fn writer<W: Write>(&self, write: W) -> Around<W> {
        Around {
            write,
            bar: self.clone(),
            pending: Vec::new(),
        }
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

/// A reader that moves a bar.
pub struct Reading<R> {
    read: R,
    bar: Progress,
}

impl<R: Read> Read for Reading<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.read.read(buf)?;
        if let Some(bar) = &self.bar.0 {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}

/// A writer that steps around a bar: whole lines at a time, so that the bar is never
/// drawn in the middle of a message (`writeln!` writes a line in several pieces).
pub struct Around<W: Write> {
    write: W,
    bar: Progress,
    pending: Vec<u8>,
}

impl<W: Write> Around<W> {
    fn emit(&mut self, upto: usize) -> std::io::Result<()> {
        let lines: Vec<u8> = self.pending.drain(..upto).collect();
        match &self.bar.0 {
            Some(bar) => bar.suspend(|| self.write.write_all(&lines)),
            None => self.write.write_all(&lines),
        }
    }
}

impl<W: Write> Write for Around<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(end + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.emit(self.pending.len())?;
        self.write.flush()
    }
}

impl<W: Write> Drop for Around<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
