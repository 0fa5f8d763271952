//! The `runner` binary; everything it does is in the library so tests can call it.
//!
//! stdout is buffered and locked for the run; stderr is not locked here, because the
//! progress bar writes to it from worker threads (holding its lock for the whole run is
//! what once deadlocked `runner DIR` on a terminal).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    if stdout_was_closed() {
        let _ = writeln!(
            std::io::stderr(),
            "runner: standard output is closed: the reports would be lost"
        );
        return ExitCode::from(runner::BAD_INPUT);
    }
    // Ctrl-C, or a job runner's SIGTERM, while variants or handouts are staged: remove
    // what was staged rather than leave hidden files behind, then end as interrupted.
    let _ = ctrlc::set_handler(|| {
        nnhw_variants::write::abandon();
        std::process::exit(130);
    });
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr();
    let code = runner::run(std::env::args_os(), &mut stdout, &mut stderr);
    ExitCode::from(code)
}

/// Whether the process started with stdout closed (`runner spec.toml >&-`). Rust's
/// runtime reopens a closed standard stream as /dev/null, read-write, before `main`, so
/// every write would succeed into nothing. A shell's `> /dev/null` opens it write-only,
/// which tells the two apart; where /proc is missing this says no.
fn stdout_was_closed() -> bool {
    let target = std::fs::read_link("/proc/self/fd/1");
    if !target.is_ok_and(|t| t == std::path::Path::new("/dev/null")) {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2)
}
