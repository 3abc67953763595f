//! The brief's key-term annotation format: `Term — definition (GSn: Area[; GSm: Area])`.

use explainer_core::syllabus::{parse_tag_list, SyllabusTag};

/// A parsed `data-definition`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub term: String,
    pub definition: String,
    pub tags: Vec<SyllabusTag>,
}

/// Parses an annotation; the error says what is missing, in words an author can act on.
pub fn parse_annotation(raw: &str) -> Result<Annotation, String> {
    // A leading space, so that a definition with no term (`— definition`) is found as one.
    let spaced = format!(" {}", raw.trim());
    let (term, rest) = [" — ", " – ", " - "]
        .iter()
        .find_map(|sep| spaced.split_once(sep))
        .ok_or("key-term definition must read `Term — definition (GSn: Area)`: no ` — ` after the term")?;
    let term = term.trim();
    if term.is_empty() {
        return Err("key-term definition has an empty term before ` — `".into());
    }
    let rest = rest.trim();
    let no_tag = || {
        format!(
            "definition of `{term}` has no syllabus tag in a recognised form: end it with `(GSn: Area)`, e.g. `(GS2: Polity)`"
        )
    };
    let body = rest.strip_suffix(')').ok_or_else(no_tag)?;
    let open = body.rfind('(').ok_or_else(no_tag)?;
    let tags =
        parse_tag_list(&body[open + 1..]).map_err(|e| format!("definition of `{term}`: {e}"))?;
    let definition = body[..open].trim();
    if definition.is_empty() {
        return Err(format!("definition of `{term}` is empty"));
    }
    Ok(Annotation {
        term: term.to_string(),
        definition: definition.to_string(),
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use explainer_core::SyllabusPaper;

    #[test]
    fn parses_the_seed_format() {
        let a = parse_annotation(
            "defence technologies — Military equipment and know‑how such as weapons, avionics, and missile systems (GS3: Defence & Security)",
        )
        .unwrap();
        assert_eq!(a.term, "defence technologies");
        assert!(a.definition.ends_with("missile systems"));
        assert_eq!(a.tags[0].paper, SyllabusPaper::GS3);
        assert_eq!(a.tags[0].area, "Defence & Security");
    }

    #[test]
    fn parses_several_tags_and_parentheses_inside_the_definition() {
        let a = parse_annotation(
            "MCP — Military Cooperation Plan (a yearly roadmap) (GS2: IR; GS3: Security)",
        )
        .unwrap();
        assert_eq!(a.definition, "Military Cooperation Plan (a yearly roadmap)");
        assert_eq!(a.tags.len(), 2);
    }

    #[test]
    fn rejects_missing_or_malformed_tags() {
        assert!(parse_annotation("NATO — An alliance")
            .unwrap_err()
            .contains("no syllabus tag"));
        assert!(parse_annotation("NATO — An alliance (Polity)")
            .unwrap_err()
            .contains("GSn: Area"));
        assert!(parse_annotation("NATO — An alliance (GS7: Polity)")
            .unwrap_err()
            .contains("names no paper"));
        assert!(parse_annotation("NATO: An alliance (GS2: Polity)")
            .unwrap_err()
            .contains("no ` — `"));
        for no_term in [
            " — An alliance (GS2: Polity)",
            "– An alliance (GS2: Polity)",
        ] {
            assert_eq!(
                parse_annotation(no_term).unwrap_err(),
                "key-term definition has an empty term before ` — `"
            );
        }
        assert!(parse_annotation("NATO — (GS2: Polity)")
            .unwrap_err()
            .contains("empty"));
    }
}
