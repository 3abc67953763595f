//! UPSC syllabus tags: `GSn: Area`, as written in annotations (`(GS2: Polity; GS3: Economy)`) and glossary files.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the four General Studies papers of the UPSC mains examination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SyllabusPaper {
    GS1,
    GS2,
    GS3,
    GS4,
}

impl SyllabusPaper {
    pub const ALL: [SyllabusPaper; 4] = [Self::GS1, Self::GS2, Self::GS3, Self::GS4];

    pub fn number(self) -> u8 {
        match self {
            Self::GS1 => 1,
            Self::GS2 => 2,
            Self::GS3 => 3,
            Self::GS4 => 4,
        }
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// Short label used in chips and filters, e.g. "GS 2".
    pub fn label(self) -> &'static str {
        match self {
            Self::GS1 => "GS 1",
            Self::GS2 => "GS 2",
            Self::GS3 => "GS 3",
            Self::GS4 => "GS 4",
        }
    }

    /// What the paper covers, for tooltips and filter labels.
    pub fn scope(self) -> &'static str {
        match self {
            Self::GS1 => "History, Geography, Society",
            Self::GS2 => "Polity, Governance, International Relations",
            Self::GS3 => "Economy, Security, Science & Technology",
            Self::GS4 => "Ethics, Integrity, Aptitude",
        }
    }
}

impl fmt::Display for SyllabusPaper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GS{}", self.number())
    }
}

/// A paper plus the area within it, e.g. GS3 + "Defence & Security".
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SyllabusTag {
    pub paper: SyllabusPaper,
    pub area: String,
}

impl fmt::Display for SyllabusTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.paper, self.area)
    }
}

/// Why a tag did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagError {
    /// Not of the form `GSn: Area`.
    Form(String),
    /// `GS0`, `GS5`, …
    Paper(String),
    /// `GS2:` with nothing after it.
    EmptyArea(String),
}

impl fmt::Display for TagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Form(s) => write!(
                f,
                "syllabus tag `{s}` is not of the form `GSn: Area` (e.g. `GS2: Polity`)"
            ),
            Self::Paper(s) => write!(
                f,
                "syllabus tag `{s}` names no paper: use GS1, GS2, GS3 or GS4"
            ),
            Self::EmptyArea(s) => write!(f, "syllabus tag `{s}` has no area after the colon"),
        }
    }
}

/// Parses one `GSn: Area` tag. `GS 2: Polity` (with a space) is accepted too.
pub fn parse_tag(raw: &str) -> Result<SyllabusTag, TagError> {
    let s = raw.trim();
    let rest = s
        .strip_prefix("GS")
        .ok_or_else(|| TagError::Form(s.to_string()))?
        .trim_start();
    let (num, area) = rest
        .split_once(':')
        .ok_or_else(|| TagError::Form(s.to_string()))?;
    let num = num.trim();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TagError::Form(s.to_string()));
    }
    let paper = num
        .parse::<u8>()
        .ok()
        .and_then(SyllabusPaper::from_number)
        .ok_or_else(|| TagError::Paper(s.to_string()))?;
    let area = area.trim();
    if area.is_empty() {
        return Err(TagError::EmptyArea(s.to_string()));
    }
    Ok(SyllabusTag {
        paper,
        area: area.to_string(),
    })
}

/// Parses a tag list as found inside the trailing parentheses of an annotation:
/// `GS2: Polity`, `GS2: Polity; GS3: Economy` or `GS2: Polity, GS3: Economy`.
/// A comma only separates tags when a new `GS` follows, so areas like `Science, Technology` survive.
pub fn parse_tag_list(raw: &str) -> Result<Vec<SyllabusTag>, TagError> {
    let mut parts: Vec<String> = Vec::new();
    for semi in raw.split(';') {
        let mut current = String::new();
        for piece in semi.split(',') {
            if !current.is_empty() && piece.trim_start().starts_with("GS") {
                parts.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(',');
            }
            current.push_str(piece);
        }
        parts.push(current);
    }
    parts.iter().map(|p| parse_tag(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_and_multiple_tags() {
        let t = parse_tag_list("GS3: Defence & Security").unwrap();
        assert_eq!(
            t,
            vec![SyllabusTag {
                paper: SyllabusPaper::GS3,
                area: "Defence & Security".into()
            }]
        );
        let t = parse_tag_list("GS2: International Relations; GS3: Economy").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].paper, SyllabusPaper::GS3);
        let t = parse_tag_list("GS2: Polity, GS 4: Ethics").unwrap();
        assert_eq!(t[1].paper, SyllabusPaper::GS4);
        let t = parse_tag_list("GS3: Science, Technology").unwrap();
        assert_eq!(
            t,
            vec![SyllabusTag {
                paper: SyllabusPaper::GS3,
                area: "Science, Technology".into()
            }]
        );
    }

    #[test]
    fn rejects_bad_tags() {
        assert!(matches!(parse_tag("GS5: Space"), Err(TagError::Paper(_))));
        assert!(matches!(parse_tag("GS0: Space"), Err(TagError::Paper(_))));
        assert!(matches!(parse_tag("Polity"), Err(TagError::Form(_))));
        assert!(matches!(parse_tag("GS2 Polity"), Err(TagError::Form(_))));
        assert!(matches!(parse_tag("GS2:  "), Err(TagError::EmptyArea(_))));
        assert!(matches!(parse_tag("GSx: Polity"), Err(TagError::Form(_))));
        assert!(parse_tag_list("GS2: Polity; nonsense").is_err());
    }

    #[test]
    fn display_round_trips() {
        let t = parse_tag("GS 2:Polity").unwrap();
        assert_eq!(t.to_string(), "GS2: Polity");
        assert_eq!(parse_tag(&t.to_string()).unwrap(), t);
    }
}
