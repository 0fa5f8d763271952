//! Sharding a class across machines by student, so that each student's rows all land in
//! one shard and the shards' gradebooks together hold every row exactly once.

use std::fmt;
use std::hash::Hasher;
use std::str::FromStr;

use siphasher::sip::SipHasher13;

/// One of `count` shards, 0-based: `--shard 3/10` is index 3 of 10.
///
/// A student belongs to shard `siphash13(keys 0, 0; the student id's UTF-8 bytes) %
/// count`: the same on every machine and every release. A row without a readable student
/// belongs to shard 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, `0..count`.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// A shard, when `index < count`.
    pub fn new(index: usize, count: usize) -> Option<Shard> {
        (index < count).then_some(Shard { index, count })
    }

    /// The shard a student id belongs to, out of `count`.
    pub fn of(student: &str, count: usize) -> usize {
        let mut hasher = SipHasher13::new_with_keys(0, 0);
        hasher.write(student.as_bytes());
        (hasher.finish() % count.max(1) as u64) as usize
    }

    /// Whether `student` belongs to this shard.
    pub fn holds(&self, student: &str) -> bool {
        Shard::of(student, self.count) == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Why a text is not a shard `I/N`: the sentence `--shard` reports, naming the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a shard is I/N with 0 ≤ I < N, e.g. 3/10 (the fourth of ten); `{text}` {why}")]
pub struct ShardError {
    /// The text given, clipped to one short line.
    text: String,
    /// What is wrong with it.
    why: String,
}

impl FromStr for Shard {
    type Err = ShardError;

    /// `I/N` with `0 ≤ I < N`.
    fn from_str(text: &str) -> Result<Shard, ShardError> {
        let wrong = |why: &str| ShardError {
            text: nnhw_grade::clip(text, 40),
            why: why.to_string(),
        };
        let Some((index, count)) = text.split_once('/') else {
            return Err(wrong("has no `/`"));
        };
        let number = |part: &str, what: &str| {
            part.trim()
                .parse::<usize>()
                .map_err(|_| wrong(&format!("has no whole number {what}")))
        };
        let (index, count) = (number(index, "before `/`")?, number(count, "after `/`")?);
        if count == 0 {
            return Err(wrong("has no shards: N must be at least 1"));
        }
        Shard::new(index, count)
            .ok_or_else(|| wrong(&format!("has I ≥ N (shards are 0 to {})", count - 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!(
            "3/10".parse(),
            Ok(Shard {
                index: 3,
                count: 10
            })
        );
        assert_eq!(" 0 / 1 ".parse(), Ok(Shard { index: 0, count: 1 }));
        for bad in ["3", "10/10", "1/0", "-1/3", "a/b", "1/2/3", ""] {
            let e = bad.parse::<Shard>().unwrap_err();
            assert!(e.to_string().starts_with("a shard is I/N"), "{bad}: {e}");
        }
    }

    /// Checked against an independent SipHash-1-3 (keys 0, 0) of b"alice".
    const PINNED: usize = 1_274_268_231_354_930_753;

    #[test]
    fn the_hash_is_fixed() {
        // siphash-1-3 with keys (0, 0) of b"alice": pinned so that shards never move.
        assert_eq!(Shard::of("alice", usize::MAX), PINNED);
        assert_eq!(Shard::of("alice", 1), 0);
        let spread: Vec<usize> =
            (0..1000)
                .map(|i| Shard::of(&format!("s{i}"), 4))
                .fold(vec![0; 4], |mut n, s| {
                    n[s] += 1;
                    n
                });
        assert!(spread.iter().all(|&n| n > 200), "{spread:?}");
    }
}
