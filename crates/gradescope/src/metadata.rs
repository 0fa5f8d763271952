//! Who submitted: the `users` of Gradescope's `submission_metadata.json`.

use serde::Deserialize;

/// The most of submission_metadata.json read: it holds earlier submissions' results too,
/// so it grows with them, but not past this.
const MAX_BYTES: u64 = 64 << 20;

/// One of the submission's users (several in a group submission).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct User {
    pub email: Option<String>,
    pub sid: Option<String>,
    pub name: Option<String>,
}

impl User {
    /// How a message names them: email, else SID, else name.
    pub(crate) fn shown(&self) -> String {
        let parts: Vec<String> = [
            self.email.as_ref().map(|e| format!("email {e}")),
            self.sid.as_ref().map(|s| format!("student id {s}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match (parts.is_empty(), &self.name) {
            (false, _) => nnhw_grade::clip(&parts.join(", "), 120),
            (true, Some(name)) => {
                format!("{} (no email or student id)", nnhw_grade::clip(name, 60))
            }
            (true, None) => "a user with no email or student id".into(),
        }
    }
}

/// The users of the metadata file at `path`, or why they cannot be read.
pub(crate) fn users(path: &std::path::Path) -> Result<Vec<User>, String> {
    let bytes = crate::submission::read_bounded(path, MAX_BYTES, "submission_metadata.json")?;
    #[derive(Deserialize)]
    struct Metadata {
        #[serde(default)]
        users: Vec<serde_json::Value>,
    }
    let metadata: Metadata = serde_json::from_slice(&bytes)
        .map_err(|e| format!("submission_metadata.json is not Gradescope's JSON: {e}"))?;
    // A field of another type (a number for a SID) is read as its text, and a missing or
    // null one as absent: Gradescope's fields are documented loosely.
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    Ok(metadata
        .users
        .iter()
        .map(|u| User {
            email: u.get("email").and_then(text),
            sid: u.get("sid").and_then(text),
            name: u.get("name").and_then(text),
        })
        .collect())
}
