//! `runner variants` writes a class's files all or nothing: a file that cannot be placed,
//! or a Ctrl-C / SIGTERM at any point, leaves `--out` exactly as it was.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

/// Every entry of a directory (hidden ones too), with a file's text or `/` for a
/// directory; `None` when the directory does not exist.
fn listing(dir: &Path) -> Option<Vec<(String, String)>> {
    let mut entries: Vec<(String, String)> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|_| "/".into());
            (name, text)
        })
        .collect();
    entries.sort();
    Some(entries)
}

fn simple_network() -> String {
    let path = common::workspace().join("problems/simple_network.toml");
    std::fs::read_to_string(path).unwrap()
}

/// One student's file name is over 255 bytes: exit 2 naming it, and `--out` is as it was,
/// whether it held an earlier run's files or did not exist.
#[test]
fn a_file_name_the_file_system_refuses_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let stem = "s".repeat(200);
    std::fs::write(dir.join(format!("{stem}.toml")), simple_network()).unwrap();
    let long_id = "x".repeat(60);
    std::fs::write(dir.join("roster.csv"), format!("a\nb\n{long_id}\nc\n")).unwrap();
    std::fs::create_dir(dir.join("class")).unwrap();
    std::fs::write(dir.join("class").join(format!("{stem}-a.toml")), "earlier").unwrap();
    std::fs::write(dir.join("class/notes.txt"), "notes").unwrap();
    let before = listing(&dir.join("class"));
    for out in ["class", "new/class"] {
        let (code, _, err) = common::run_in(
            dir,
            &[
                "variants",
                &format!("{stem}.toml"),
                "--roster",
                "roster.csv",
                "--out",
                out,
            ],
        );
        assert_eq!(code, 2, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("-{long_id}.toml: ")), "{err}");
        assert!(err.contains("the variants could not be written"), "{err}");
    }
    assert_eq!(listing(&dir.join("class")), before);
    assert!(!dir.join("new").exists(), "a directory it made is removed");
}

/// SIGINT or SIGTERM while 10⁴ variants are being renamed into place: the files already
/// placed are taken out again and an earlier run's file is back, so `--out` holds no
/// partial set and no hidden staging.
#[cfg(unix)]
#[test]
fn an_interrupt_while_placing_leaves_the_directory_as_it_was() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("simple_network.toml"), simple_network()).unwrap();
    let mut undone = 0;
    for (attempt, signal) in ["INT", "TERM", "INT", "TERM"].iter().enumerate() {
        let out = dir.join(format!("class{attempt}"));
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("simple_network-7.toml"), "an earlier run's").unwrap();
        std::fs::write(out.join("notes.txt"), "notes").unwrap();
        let before = listing(&out);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["variants", "simple_network.toml", "--count", "10000"])
            .arg("--out")
            .arg(&out)
            .current_dir(dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Waits for the first new file in place: the renames have begun.
        let placing = loop {
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            let new = std::fs::read_dir(&out).unwrap().any(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                !name.starts_with('.') && name != "notes.txt" && name != "simple_network-7.toml"
            });
            if new {
                break true;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        };
        let _ = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let after = listing(&out).unwrap();
        assert!(
            after.iter().all(|(name, _)| !name.starts_with('.')),
            "{signal}: staging left behind"
        );
        if status.success() {
            // The signal came after the last rename: the whole set, earlier file replaced.
            assert_eq!(after.len(), 10_001, "{signal}");
        } else {
            assert_eq!(Some(after), before, "{signal} ({status}): not as it was");
            undone += usize::from(placing);
        }
        if undone > 0 {
            break;
        }
    }
    assert!(
        undone > 0,
        "no signal fell while the files were being placed"
    );
}
