//! The `runner` binary; everything it does is in the library so tests can call it.
//!
//! stdout is buffered and locked for the run; stderr is not locked here, because the
//! progress bar writes to it from worker threads (holding its lock for the whole run is
//! what once deadlocked `runner DIR` on a terminal).

use std::io::BufWriter;
use std::process::ExitCode;

/// mimalloc rather than the system's allocator: `variants` and `grade` allocate small
/// strings from every core at once, where glibc's arenas spent a quarter of the run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Ctrl-C, or a job runner's SIGTERM, while variants or handouts are staged, a
    // class's results spilled or an export written: remove them rather than
    // leave hidden files behind, then end as interrupted.
    let _ = ctrlc::set_handler(|| {
        nnhw_variants::write::abandon();
        nnhw_gradebook::abandon();
        nnhw_gradescope::abandon();
        runner::abandon();
        std::process::exit(130);
    });
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr();
    let code = runner::run(std::env::args_os(), &mut stdout, &mut stderr);
    ExitCode::from(code)
}
