//! What the runner's integration tests share: where the workspace is.

use std::path::Path;

/// The workspace root, where `problems/` is.
pub fn workspace() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).unwrap_or(manifest)
}
