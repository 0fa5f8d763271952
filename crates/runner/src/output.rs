//! Output that notices when it is lost: the first write error on stdout or stderr is
//! kept, so the run can end with exit 2 and a message instead of reporting success
//! (`runner spec.toml > /dev/full`). A closed pipe (`runner problems/ | head`) is the
//! reader's choice, not an error: output just stops.

use std::io::{self, Write};

/// A writer that remembers its first failure and writes nothing after it.
pub struct Tracked<'w> {
    inner: &'w mut dyn Write,
    /// The first error, if any.
    pub failed: Option<io::Error>,
}

impl<'w> Tracked<'w> {
    /// Wraps `inner`.
    pub fn new(inner: &'w mut dyn Write) -> Tracked<'w> {
        Tracked {
            inner,
            failed: None,
        }
    }

    /// Whether the reader went away (a closed pipe).
    pub fn closed(&self) -> bool {
        self.failed
            .as_ref()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }

    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && self.failed.is_none()
        {
            self.failed = Some(io::Error::new(e.kind(), e.to_string()));
        }
        result
    }
}

impl Write for Tracked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed.is_some() {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed.is_some() {
            return Ok(());
        }
        let result = self.inner.flush();
        self.keep(result)
    }
}
