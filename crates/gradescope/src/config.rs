//! `nnhw/autograder.json`: what the export knew that grading needs.

use serde::{Deserialize, Serialize};

/// The version of [`Config`]'s layout; an autograder of another refuses to run.
pub const FORMAT_VERSION: u32 = 1;

/// The autograder's settings and roster, written at export and read for every
/// submission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The runner that exported it (`runner 0.1.0`), for a staff member reading it.
    pub exported_by: String,
    /// Show the right answer after a wrong one.
    pub reveal: bool,
    /// When students see each answer's test.
    pub visibility: Visibility,
    /// Spec files (under `nnhw/specs/`) that every student is asked.
    pub common: Vec<String>,
    /// The roster, in its order.
    pub students: Vec<Student>,
}

/// One student on the roster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Student {
    /// The id their variants were drawn for.
    pub id: String,
    /// Gradescope emails that are theirs (compared ignoring case).
    pub emails: Vec<String>,
    /// Gradescope student ids (SIDs) that are theirs, besides `id` itself.
    pub sids: Vec<String>,
    /// Their own spec files (variants) under `nnhw/specs/`.
    pub specs: Vec<String>,
}

/// Gradescope's visibility of a test or of the whole result.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Shown at once.
    #[default]
    Visible,
    /// Shown after the due date.
    AfterDueDate,
    /// Shown once grades are published.
    AfterPublished,
    /// Never shown to students.
    Hidden,
}

impl Visibility {
    /// Gradescope's word for it.
    pub fn word(self) -> &'static str {
        match self {
            Visibility::Visible => "visible",
            Visibility::AfterDueDate => "after_due_date",
            Visibility::AfterPublished => "after_published",
            Visibility::Hidden => "hidden",
        }
    }
}

impl Config {
    /// The students a Gradescope user (their email and SID, as the submission's metadata
    /// gives them) is, by the roster: each student whose id or SIDs hold the SID, or
    /// whose emails (or id) hold the email, ignoring ASCII case (Unicode's folding would
    /// make a Kelvin sign an ASCII `k`).
    pub fn find(&self, email: Option<&str>, sid: Option<&str>) -> Vec<&Student> {
        let email = email
            .map(|e| e.trim().to_ascii_lowercase())
            .filter(|e| !e.is_empty());
        let sid = sid.map(str::trim).filter(|s| !s.is_empty());
        self.students
            .iter()
            .filter(|s| {
                let by_sid = sid.is_some_and(|sid| s.id == sid || s.sids.iter().any(|x| x == sid));
                let by_email = email.as_deref().is_some_and(|email| {
                    s.id.to_ascii_lowercase() == email
                        || s.emails
                            .iter()
                            .any(|x| x.trim().to_ascii_lowercase() == email)
                });
                by_sid || by_email
            })
            .collect()
    }
}
