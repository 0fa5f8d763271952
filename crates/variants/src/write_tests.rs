#![allow(clippy::unwrap_used)]

use super::*;

/// Every entry of a directory: a file's text, or `/` for a directory.
fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|_| "/".into());
            (name, text)
        })
        .collect();
    entries.sort();
    entries
}

fn pairs(entries: &[(&str, &str)]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn files_are_written_whole_and_replace_earlier_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    files_in(&out, &[("a.html", "A"), ("b.html", "B")]).unwrap();
    files_in(&out, &[("b.html", "B2"), ("c.html", "C")]).unwrap();
    assert_eq!(
        listing(&out),
        pairs(&[("a.html", "A"), ("b.html", "B2"), ("c.html", "C")])
    );
    // Other tests' writes may be under way: only this directory's must be gone.
    let listed = locked(&WRITES)
        .iter()
        .filter(|job| {
            shared(job)
                .staging
                .as_ref()
                .is_some_and(|s| s.starts_with(&out))
        })
        .count();
    assert_eq!(listed, 0, "no write is listed once it is over");
}

#[test]
fn a_target_in_the_way_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("b.html")).unwrap();
    let e = files_in(dir.path(), &[("a.html", "A"), ("b.html", "B")]).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("b.html: is in the way: not a regular file"),
        "{e}"
    );
    assert_eq!(listing(dir.path()), pairs(&[("b.html", "/")]));
}

/// A file that cannot be placed half-way through the renames: the files placed before it
/// are taken out again and the earlier run's files are back, whole.
#[test]
fn a_failure_while_placing_puts_every_earlier_file_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::write(out.join("a.toml"), "old A").unwrap();
    std::fs::write(out.join("d.toml"), "old D").unwrap();
    let before = listing(out);
    let staged = Staged::new(out).unwrap();
    for name in ["a.toml", "b.toml", "c.toml", "d.toml"] {
        staged.add(name, "new").unwrap();
    }
    // In the way only once a.toml and b.toml are placed (the checks as each file is
    // staged have passed): as a rename refused by the file system would be.
    std::fs::create_dir(out.join("c.toml")).unwrap();
    let e = staged.commit().unwrap_err();
    assert!(
        e.to_string()
            .ends_with("c.toml: is in the way: not a regular file"),
        "{e}"
    );
    std::fs::remove_dir(out.join("c.toml")).unwrap();
    assert_eq!(listing(out), before);
}

/// A name the file system refuses (over 255 bytes) fails before anything is placed, and a
/// directory the write created is removed again.
#[test]
fn a_name_too_long_leaves_no_directory_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new").join("out");
    let long = format!("{}.toml", "x".repeat(300));
    let e = files_in(&out, &[("a.toml", "A"), (&long, "B")]).unwrap_err();
    assert!(e.to_string().contains("xxx.toml: "), "{e}");
    assert_eq!(listing(dir.path()), []);
}

// Abandoning stops every later write in the process, so its tests are the runner's
// (crates/runner/tests/variants.rs and handout.rs interrupt real runs).

/// Files staged from many threads at once are all placed, each whole; a name staged twice
/// is refused as it would be in one directory.
#[test]
fn files_staged_side_by_side_are_all_placed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let staged = Staged::new(&out).unwrap();
    let names: Vec<String> = (0..200).map(|i| format!("f{i}.toml")).collect();
    std::thread::scope(|s| {
        for part in names.chunks(50) {
            let staged = &staged;
            s.spawn(move || {
                for name in part {
                    staged.add(name, name).unwrap();
                }
            });
        }
    });
    let again = staged.add("f7.toml", "again").unwrap_err();
    assert!(again.to_string().contains("f7.toml: "), "{again}");
    let written = staged.commit().unwrap();
    assert_eq!(written.len(), 200);
    let mut want: Vec<(String, String)> = names.iter().map(|n| (n.clone(), n.clone())).collect();
    want.sort();
    assert_eq!(listing(&out), want, "no staging directory is left behind");
}
