//! Timeline and map content errors: each one `file:line:col: message`, non-zero exit, nothing written.

mod common;
use common::*;

const MAP: &str = r#"[[entity]]
id = "italy"
name = "Italy"
kind = "country"
description = "A country."

[[entity]]
id = "nato"
name = "NATO"
kind = "organisation"
description = "An alliance."

[[relation]]
from = "italy"
to = "nato"
kind = "member-of"
label = "is a member of"
quote = "Italy and NATO talked in Rome."
"#;

const TIMELINE: &str = r#"[[event]]
id = "talks"
title = "Talks"
text = "They talked."
date = "2026-04-30"
category = "diplomacy"
tags = ["GS2: International Relations"]
terms = ["italy"]
entities = ["italy"]
quote = "Italy and NATO talked"

[[event]]
id = "before-talks"
title = "Earlier"
text = "Something earlier."
before = "talks"
category = "policy"
tags = ["GS2: Polity"]
quote = "The NATO met."
"#;

fn fixture(map: &str, timeline: &str) -> Fixture {
    Fixture::new(&[("map.toml", map), ("timeline.toml", timeline)])
}

#[test]
fn valid_timeline_and_map_build_with_quotes_located() {
    let f = fixture(MAP, TIMELINE);
    let (ok, stderr) = f.build();
    assert!(ok, "{stderr}");
    let json = std::fs::read_to_string(f.out().join("a.json")).unwrap();
    let a = explainer_core::load::decode_article(&json).unwrap();
    assert_eq!(
        a.timeline[0].id.as_str(),
        "before-talks",
        "undated events come first"
    );
    assert_eq!(a.timeline[1].quote.sentences[0].anchor(), "s-full-0");
    assert_eq!(a.timeline[0].quote.sentences[0].anchor(), "s-brief-1");
    assert_eq!(a.relations[0].quote.text, "Italy and NATO talked in Rome.");
}

#[test]
fn quote_not_in_the_article() {
    let f = fixture(
        MAP,
        &TIMELINE.replace("Italy and NATO talked\"", "Italy and NATO argued\""),
    );
    assert_eq!(
        f.errors(),
        ["timeline.toml:10:9: quote not found verbatim in the brief or the full article (quotes must lie within one paragraph): \"Italy and NATO argued\""]
    );
    let f = fixture(
        &MAP.replace(
            "Italy and NATO talked in Rome.",
            "italy and nato talked in rome.",
        ),
        TIMELINE,
    );
    let e = f.errors();
    assert!(
        e[0].starts_with(
            "map.toml:18:9: quote is not verbatim in the article (it matches only when case"
        ),
        "{e:?}"
    );
}

#[test]
fn unknown_ids() {
    let f = fixture(&MAP.replace("to = \"nato\"", "to = \"atlantis\""), TIMELINE);
    assert_eq!(f.errors(), ["map.toml:15:6: unknown entity id `atlantis`"]);
    let f = fixture(
        MAP,
        &TIMELINE
            .replace("terms = [\"italy\"]", "terms = [\"rome\"]")
            .replace("entities = [\"italy\"]", "entities = [\"rome\"]"),
    );
    assert_eq!(
        f.errors(),
        [
            "timeline.toml:8:10: unknown term id `rome`",
            "timeline.toml:9:13: unknown entity id `rome`"
        ]
    );
    let f = fixture(
        MAP,
        &TIMELINE.replace("before = \"talks\"", "before = \"nothing\""),
    );
    assert_eq!(
        f.errors(),
        ["timeline.toml:16:10: unknown event id `nothing` in before"]
    );
}

#[test]
fn self_loops_and_duplicate_relations() {
    let f = fixture(&MAP.replace("to = \"nato\"", "to = \"italy\""), TIMELINE);
    assert_eq!(
        f.errors(),
        ["map.toml:15:6: relation `member-of` from `italy` to itself"]
    );
    let dup = format!("{MAP}\n[[relation]]\nfrom = \"italy\"\nto = \"nato\"\nkind = \"member-of\"\nlabel = \"again\"\nquote = \"Italy and NATO talked in Rome.\"\n");
    assert_eq!(
        fixture(&dup, TIMELINE).errors(),
        ["map.toml:20:1: duplicate relation `italy` member-of `nato`"]
    );
    // A symmetric relation written both ways is a duplicate too.
    let sym = MAP.replace("kind = \"member-of\"", "kind = \"partners-with\"");
    let both = format!("{sym}\n[[relation]]\nfrom = \"nato\"\nto = \"italy\"\nkind = \"partners-with\"\nlabel = \"again\"\nquote = \"Italy and NATO talked in Rome.\"\n");
    assert_eq!(
        fixture(&both, TIMELINE).errors(),
        ["map.toml:20:1: duplicate relation `nato` partners-with `italy`"]
    );
}

#[test]
fn bad_kinds_categories_and_duplicate_ids() {
    let f = fixture(
        &MAP.replace("kind = \"country\"", "kind = \"planet\""),
        TIMELINE,
    );
    assert!(f.errors()[0]
        .starts_with("map.toml:4:8: unknown entity kind `planet` (use one of: country, person"));
    let f = fixture(
        &MAP.replace("kind = \"member-of\"", "kind = \"loves\""),
        TIMELINE,
    );
    assert!(f.errors()[0].starts_with("map.toml:16:8: unknown relation kind `loves`"));
    let f = fixture(
        MAP,
        &TIMELINE.replace("category = \"policy\"", "category = \"gossip\""),
    );
    assert!(f.errors()[0].starts_with("timeline.toml:17:12: unknown category `gossip`"));
    let f = fixture(&MAP.replace("id = \"nato\"", "id = \"italy\""), TIMELINE);
    assert_eq!(f.errors()[0], "map.toml:8:6: duplicate entity id `italy`");
    let f = fixture(
        MAP,
        &TIMELINE.replace("id = \"before-talks\"", "id = \"talks\""),
    );
    assert_eq!(
        f.errors()[0],
        "timeline.toml:13:6: duplicate event id `talks`"
    );
}

#[test]
fn dates_and_before_links() {
    let f = fixture(
        MAP,
        &TIMELINE.replace("date = \"2026-04-30\"", "date = \"2026-02-30\""),
    );
    assert_eq!(
        f.errors(),
        ["timeline.toml:5:8: bad date `2026-02-30`: use YYYY, YYYY-MM, YYYY-MM-DD, or a span START..END of those"]
    );
    let f = fixture(
        MAP,
        &TIMELINE.replace("date = \"2026-04-30\"", "date = \"2027..2026\""),
    );
    assert_eq!(
        f.errors(),
        ["timeline.toml:5:8: date span `2027..2026` ends before it starts"]
    );
    let f = fixture(MAP, &TIMELINE.replace("date = \"2026-04-30\"\n", ""));
    assert_eq!(
        f.errors(),
        ["timeline.toml:2:6: event `talks` needs a date, or `before` if the sources give none"]
    );
    let f = fixture(
        MAP,
        &TIMELINE.replace(
            "date = \"2026-04-30\"",
            "date = \"2026\"\nbefore = \"before-talks\"",
        ),
    );
    assert_eq!(f.errors(), ["timeline.toml:5:8: an event has either a date or `before` (for undated events), not both"]);
    // Two undated events pointing at each other never reach a date.
    let cycle = TIMELINE.replace("date = \"2026-04-30\"", "before = \"before-talks\"");
    assert_eq!(
        fixture(MAP, &cycle).errors(),
        ["timeline.toml:5:10: `before` links of event `talks` go round in a circle and never reach a dated event"],
        "one problem, one error"
    );
}

#[test]
fn empty_fields() {
    for (map, timeline, expected) in [
        (
            MAP.replace("name = \"Italy\"", "name = \" \""),
            TIMELINE.to_string(),
            "map.toml:3:8: entity name is empty",
        ),
        (
            MAP.replace("description = \"A country.\"", "description = \"\""),
            TIMELINE.to_string(),
            "map.toml:5:15: entity description is empty",
        ),
        (
            MAP.replace("label = \"is a member of\"", "label = \"\\n\""),
            TIMELINE.to_string(),
            "map.toml:17:9: relation label is empty",
        ),
        (
            MAP.to_string(),
            TIMELINE.replace("title = \"Talks\"", "title = \"\""),
            "timeline.toml:3:9: event title is empty",
        ),
        (
            MAP.to_string(),
            TIMELINE.replace("text = \"They talked.\"", "text = \"  \""),
            "timeline.toml:4:8: event text is empty",
        ),
    ] {
        assert_eq!(fixture(&map, &timeline).errors(), [expected]);
    }
}

#[test]
fn invalid_entity_and_event_ids() {
    let map = format!("{MAP}\n[[entity]]\nid = \"Rome City\"\nname = \"Rome\"\nkind = \"place\"\ndescription = \"A city.\"\n");
    assert_eq!(
        fixture(&map, TIMELINE).errors(),
        ["map.toml:21:6: entity id `Rome City` is not valid: use lowercase letters, digits and `-`"]
    );
    for bad in ["Before talks", "-talks", "x--y", ""] {
        let timeline = TIMELINE.replace("id = \"before-talks\"", &format!("id = \"{bad}\""));
        assert_eq!(
            fixture(MAP, &timeline).errors(),
            [format!(
                "timeline.toml:13:6: event id `{bad}` is not valid: use lowercase letters, digits and `-`"
            )]
        );
    }
}

#[test]
fn event_syllabus_tags() {
    let timeline = TIMELINE.replace("tags = [\"GS2: Polity\"]\n", "");
    assert_eq!(
        fixture(MAP, &timeline).errors(),
        ["timeline.toml:13:6: event `before-talks` has no syllabus tag: add tags = [\"GSn: Area\"]"]
    );
    for (tag, message) in [
        (
            "GS2 Polity",
            "syllabus tag `GS2 Polity` is not of the form `GSn: Area` (e.g. `GS2: Polity`)",
        ),
        (
            "GS0: Polity",
            "syllabus tag `GS0: Polity` names no paper: use GS1, GS2, GS3 or GS4",
        ),
        ("GS2: ", "syllabus tag `GS2:` has no area after the colon"),
    ] {
        let timeline = TIMELINE.replace("\"GS2: Polity\"", &format!("\"{tag}\""));
        assert_eq!(
            fixture(MAP, &timeline).errors(),
            [format!(
                "timeline.toml:18:9: event `before-talks`: {message}"
            )]
        );
    }
}

#[test]
fn entity_term_must_be_a_glossary_id() {
    let with_term = |id: &str| {
        MAP.replace(
            "description = \"An alliance.\"",
            &format!("description = \"An alliance.\"\nterm = \"{id}\""),
        )
    };
    let (ok, stderr) = fixture(&with_term("nato"), TIMELINE).build();
    assert!(ok, "{stderr}");
    assert_eq!(
        fixture(&with_term("rome"), TIMELINE).errors(),
        ["map.toml:12:8: unknown term id `rome`"]
    );
}

#[test]
fn quote_too_short() {
    let timeline = TIMELINE.replace("quote = \"The NATO met.\"", "quote = \" NATO.  \"");
    assert_eq!(
        fixture(MAP, &timeline).errors(),
        ["timeline.toml:19:9: quote is too short to identify a sentence (at least 8 characters)"]
    );
}

#[test]
fn toml_problems_in_map_and_timeline() {
    let e = fixture(&MAP.replacen("[[entity]]", "[[entity]", 1), TIMELINE).errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("map.toml:1:"), "{e:?}");
    let e = fixture(MAP, &format!("{TIMELINE}colour = \"red\"\n")).errors();
    assert!(
        e[0].starts_with("timeline.toml:20:1: unknown field `colour`"),
        "{e:?}"
    );
    let e = fixture(MAP, &TIMELINE.replace("title = \"Talks\"\n", "")).errors();
    assert!(
        e[0].starts_with("timeline.toml:1:1: missing field `title`"),
        "{e:?}"
    );
}
