//! info.json: the fields of PrairieLearn's question schema (schemas/schemas/infoQuestion.json
//! in PrairieLearn/PrairieLearn) that a question of ours needs, and its uuid.

use serde_json::{Value, json};

use crate::model::Question;

/// Marks an info.json as ours: `runner export prairielearn` replaces such a directory.
pub const COMMENT: &str = "Written by `runner export prairielearn`";

/// Where the runner goes in the course: `serverFilesCourse/nnhw/runner`.
pub const SERVER_FILES: &str = "nnhw/";

/// A stable RFC 4122 uuid (version 4 layout, variant 10) for the export of `stem` with
/// `seed` and `count` into the question directory named `question`: exporting the same
/// again keeps the question's identity in PrairieLearn; another seed or count is another
/// question, and so is another directory (a course may not hold one uuid twice, as two
/// specs named `sgd.toml`, or one spec exported twice, would otherwise give). FNV-1a over
/// the four, run twice with different offsets for 128 bits: not secret, only stable.
pub fn uuid(question: &str, stem: &str, seed: u64, count: usize) -> String {
    let text = format!("nnhw-prairielearn\0{question}\0{stem}\0{seed}\0{count}");
    let fnv = |offset: u64| {
        text.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let hi = fnv(0xcbf2_9ce4_8422_2325);
    let lo = fnv(0x6c62_272e_07bb_0142 ^ hi);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&hi.to_be_bytes());
    bytes[8..].copy_from_slice(&lo.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The homework section a kind belongs to, as PrairieLearn's topic.
fn topic(kind: &str) -> &'static str {
    match kind.split('.').next() {
        Some("nn") => "Neural networks",
        Some("lstm") => "LSTM",
        Some("backprop") => "Backpropagation",
        Some("embeddings") => "Word embeddings",
        _ => "nnhw",
    }
}

/// info.json's text.
pub fn info_json(question: &Question, source: &str, uuid: &str) -> String {
    let mut info = json!({
        "uuid": uuid,
        "title": question.title,
        "topic": topic(&question.kind),
        "tags": ["nnhw", question.kind],
        "type": "v3",
        "comment": format!("{COMMENT} from {source}: regenerate it rather than edit it."),
    });
    if question.external
        && let Some(map) = info.as_object_mut()
    {
        map.insert("gradingMethod".into(), json!("External"));
        map.insert(
            "externalGradingOptions".into(),
            json!({
                "enabled": true,
                "image": "prairielearn/grader-python",
                "serverFilesCourse": [SERVER_FILES],
                "entrypoint": "/grade/tests/grade.py",
                "timeout": 30,
            }),
        );
    }
    let mut text = serde_json::to_string_pretty(&info).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether `text` is an info.json this command wrote.
pub fn ours(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| {
            v.get("comment")
                .and_then(Value::as_str)
                .map(|c| c.starts_with(COMMENT))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_well_formed_and_distinct() {
        let a = uuid("q", "sgd", 0, 20);
        assert_eq!(a, uuid("q", "sgd", 0, 20));
        assert_ne!(a, uuid("q", "sgd", 1, 20));
        assert_ne!(a, uuid("q", "sgd", 0, 21));
        assert_ne!(a, uuid("q2", "sgd", 0, 20));
        assert_ne!(a, uuid("q", "lstm1", 0, 20));
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }
}
