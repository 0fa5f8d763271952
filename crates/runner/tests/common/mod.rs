//! What the runner's integration tests share: where the workspace is.

use std::path::Path;

/// The workspace root, where `problems/` is.
pub fn workspace() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).unwrap_or(manifest)
}

/// Runs the binary with `args` in `dir`: exit code, stdout, stderr.
#[allow(dead_code)] // not every test binary that shares this module runs the binary so
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("runner did not start: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
