//! The runner as its users run it: on a terminal with hundreds of specs, with pipes and
//! devices where specs should be, with its output lost, with hostile names, and with the
//! conventions of a Rust CLI (stdin `-`, `--quiet`, completions, man page, homework order).
//! Each test is a regression test for a failure once measured.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::workspace;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn runner() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_runner"));
    command.current_dir(workspace());
    command
}

/// Runs `command`, failing the test if it has not ended within `limit`. Output goes to
/// files, not pipes, so a long report cannot block the child while nobody reads.
fn within(mut command: Command, limit: Duration) -> Output {
    let scratch = tempfile::tempdir().unwrap();
    let (out, err) = (scratch.path().join("out"), scratch.path().join("err"));
    let mut child = command
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: std::fs::read(&out).unwrap(),
                stderr: std::fs::read(&err).unwrap(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{command:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory holding `count` copies of a homework spec.
fn specs(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(workspace().join("problems/lstm1.toml")).unwrap();
    for i in 0..count {
        std::fs::write(dir.path().join(format!("s{i:03}.toml")), &spec).unwrap();
    }
    dir
}

#[test]
fn hundreds_of_specs_on_a_terminal_finish() {
    // `script` gives the runner a pseudo-terminal, so the progress bar draws on stderr
    // from worker threads while the main thread prints: this once deadlocked.
    let dir = specs(250);
    let mut command = Command::new("script");
    command.args([
        "-qec",
        &format!("{} {}", env!("CARGO_BIN_EXE_runner"), dir.path().display()),
        "/dev/null",
    ]);
    let output = within(command, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("250 specs: 250 matched the key"));
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_never_read() {
    let dir = specs(1);
    let fifo = dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Named directly, with --answer, and met in a walk: refused or skipped, never read.
    let mut direct = runner();
    direct.arg(&fifo);
    let output = within(direct, Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not a regular file"));
    let mut answer = runner();
    answer.arg(&fifo).args(["--answer", "h=1"]);
    assert_eq!(
        within(answer, Duration::from_secs(10)).status.code(),
        Some(2)
    );
    let mut walked = runner();
    walked.arg(dir.path());
    let output = within(walked, Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stderr).contains("skipped 1 file not a spec"));
    // A device behind a .toml name is refused before a byte is read.
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let mut device = runner();
    device.arg(&zero);
    let output = within(device, Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not a regular file"));
}

#[test]
fn lost_output_is_an_error_and_discarded_output_is_not() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    if let Ok(full) = full {
        let output = runner()
            .arg("problems/feedforward.toml")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(text(&output.stderr).contains("could not be written"));
    }
    // Output a caller discards is not lost: /dev/null opened read-write, as Python's
    // subprocess.DEVNULL opens it, and a closed stdout (`>&-`, which the runtime reopens
    // as /dev/null) both run to the end.
    let devnull = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    let output = runner()
        .arg("problems/feedforward.toml")
        .stdout(devnull)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let output = Command::new("sh")
        .args([
            "-c",
            &format!(
                "{} problems/feedforward.toml >&-",
                env!("CARGO_BIN_EXE_runner")
            ),
        ])
        .current_dir(workspace())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // A reader that goes away is not an error.
    let output = Command::new("sh")
        .args([
            "-c",
            &format!("{} problems/ | head -c 10", env!("CARGO_BIN_EXE_runner")),
        ])
        .current_dir(workspace())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn echoed_input_cannot_forge_messages() {
    let dir = tempfile::tempdir().unwrap();
    let forged = dir.path().join("forged.toml");
    std::fs::write(
        &forged,
        "kind = \"x\\nother.toml:1:1: ok\\u0000\\u001b[31m\"\n[params]\n",
    )
    .unwrap();
    let long = dir.path().join("long.toml");
    std::fs::write(
        &long,
        format!("kind = \"{}\"\n[params]\n", "k".repeat(3_000_000)),
    )
    .unwrap();
    let output = runner().arg(&forged).arg(&long).output().unwrap();
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    // One line per spec, then the summary.
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\0'),
        "{stderr}"
    );
    assert!(lines.iter().all(|l| l.chars().count() < 1000));
    // A valid spec's title heads its report: escaped there too.
    let titled = dir.path().join("titled.toml");
    let spec = std::fs::read_to_string(workspace().join("problems/lstm1.toml")).unwrap();
    let hostile = spec.replacen(
        "title = \"2.1 LSTM states\"",
        "title = \"x\\u001b[2J\\nother.toml:1:1: ok\"",
        1,
    );
    assert_ne!(hostile, spec);
    std::fs::write(&titled, hostile).unwrap();
    for extra in [&[][..], &["--answer", "h=1"][..]] {
        let output = runner().arg(&titled).args(extra).output().unwrap();
        let stdout = text(&output.stdout);
        assert!(!stdout.contains('\u{1b}'), "{stdout}");
        assert!(
            stdout.lines().next().unwrap().contains("(lstm.states ·"),
            "{stdout}"
        );
    }
}

#[cfg(unix)]
#[test]
fn figures_never_follow_a_planted_link() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    std::fs::create_dir(&figures).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // Every name the old scheme could have used for this run's temporary file.
    for pid in 0..64 {
        let planted = figures.join(format!(".lstm1.states.svg.{pid}.tmp"));
        std::os::unix::fs::symlink(&victim, planted).unwrap();
    }
    let link = figures.join("lstm1.states.svg");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let output = runner()
        .arg("problems/lstm1.toml")
        .arg("--figures")
        .arg(&figures)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // The figure replaced the link itself.
    let written = std::fs::read_to_string(&link).unwrap();
    assert!(written.starts_with("<svg"), "{written}");
}

#[test]
fn a_directory_comes_out_in_homework_order_and_only_specs_are_taken() {
    let output = runner().args(["-q", "."]).output().unwrap();
    let stderr = text(&output.stderr);
    assert!(stderr.contains("not a spec"), "{stderr}");
    assert!(stderr.contains("./Cargo.toml"), "{stderr}");
    assert!(
        !stderr.contains("Cargo.toml:"),
        "Cargo.toml was read as a spec: {stderr}"
    );
    let output = runner().arg("problems/").output().unwrap();
    let titles: Vec<String> = text(&output.stdout)
        .lines()
        .filter(|l| l.contains(" · problems/"))
        .map(|l| l.split("  (").next().unwrap_or("").to_string())
        .collect();
    let numbered: Vec<&String> = titles
        .iter()
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let parts: Vec<&str> = numbered
        .iter()
        .map(|t| t.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "4"
        ]
    );
    // The homework's parts come before the examples beyond it.
    assert!(titles[..13].iter().all(|t| numbered.contains(&t)));
}

#[test]
fn the_conventions_of_a_rust_cli_hold() {
    // `-` reads one spec from standard input.
    let mut child = runner()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let spec = std::fs::read(workspace().join("problems/lstm1.toml")).unwrap();
    child.stdin.take().unwrap().write_all(&spec).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("(lstm.states · -)"));
    // --quiet: the summary and errors only.
    let output = runner().args(["-q", "problems/"]).output().unwrap();
    assert!(output.stdout.is_empty());
    assert!(text(&output.stderr).contains("matched the key"));
    // A spec without a key is counted as such.
    assert!(text(&output.stderr).contains("1 has no key"));
    // list in JSON, with --format before or after it.
    for args in [["list", "--format", "json"], ["--format", "json", "list"]] {
        let output = runner().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(list["format_version"], 1);
        assert!(list["kinds"].as_array().unwrap().len() >= 11);
    }
    // Completions and a man page.
    let output = runner().args(["completions", "bash"]).output().unwrap();
    assert!(text(&output.stdout).contains("complete"));
    let output = runner().arg("man").output().unwrap();
    assert!(text(&output.stdout).contains(".TH runner"));
    // Help lines are wrapped.
    let output = runner().arg("--help").output().unwrap();
    assert!(
        text(&output.stdout)
            .lines()
            .all(|l| l.chars().count() <= 100)
    );
    // JSON reports carry their format version.
    let output = runner()
        .args(["--format", "json", "problems/lstm1.toml"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["format_version"], 1);
    // --figures is honoured with --answer.
    let dir = tempfile::tempdir().unwrap();
    let output = runner()
        .args([
            "problems/lstm1.toml",
            "--answer",
            "h=[0,0,1,-1,1,0]",
            "--figures",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(dir.path().join("lstm1.states.svg").exists());
}

#[test]
fn quiet_keeps_a_page_off_stdout_but_writes_the_one_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("booklet.html");
    let output = runner()
        .args([
            "problems/feedforward.toml",
            "--format",
            "html",
            "-q",
            "--out",
        ])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&page).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>") && written.contains("Feed forward"));
    // Without --out, --quiet prints no page at all.
    let output = runner()
        .args(["problems/feedforward.toml", "--format", "html", "-q"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn each_command_takes_only_the_formats_it_writes() {
    // variants and handout write files, not a format: --format is refused, not ignored.
    for args in [
        vec![
            "variants",
            "problems/simple_network.toml",
            "--count",
            "1",
            "--out",
            "x",
            "--format",
            "json",
        ],
        vec!["handout", "problems/", "--out", "x", "--format", "json"],
    ] {
        let output = runner().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output.stderr).contains("--format"), "{args:?}");
    }
    // grade's help shows its own default.
    let output = runner().args(["grade", "--help"]).output().unwrap();
    assert!(text(&output.stdout).contains("[default: csv]"));
    assert!(text(&output.stdout).contains("gradescope"));
    // grade refuses a report's format by name.
    let output = runner()
        .args([
            "grade",
            "--submissions",
            "x.csv",
            "--format",
            "html",
            "problems/",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
