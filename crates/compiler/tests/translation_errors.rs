//! Translation files (`hi.toml`): English fallback, warnings with counts, and errors for what cannot be right.

mod common;
use common::*;
use explainer_core::i18n::Lang;

const HI: &str = r#"[article]
title = "परीक्षण लेख"

[glossary.italy]
term = "इटली"
definition = "एक देश।"
"#;

#[test]
fn translations_reach_the_json_and_missing_ones_are_counted() {
    let f = Fixture::new(&[("hi.toml", HI)]);
    let (ok, stderr) = f.build();
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("hi.toml:1:1: warning: no Hindi for 1 of 1 article summaries, 1 of 2 term names, 1 of 2 glossary definitions (English is shown instead)"),
        "{stderr}"
    );
    let json = std::fs::read_to_string(f.out().join("a.json")).unwrap();
    let a = explainer_core::load::decode_article(&json).unwrap();
    let italy = a
        .glossary
        .iter()
        .find(|e| e.id.as_str() == "italy")
        .unwrap();
    assert_eq!(italy.term_in(Lang::Hi).text, "इटली");
    assert_eq!(italy.definition_in(Lang::Hi).lang, Lang::Hi);
    assert_eq!(italy.definition_in(Lang::En).text, "A country.");
    let nato = a.glossary.iter().find(|e| e.id.as_str() == "nato").unwrap();
    let fallback = nato.definition_in(Lang::Hi);
    assert_eq!(
        (fallback.text, fallback.lang),
        ("A military alliance", Lang::En)
    );
    assert_eq!(a.title_in(Lang::Hi).text, "परीक्षण लेख");
    assert_eq!(a.summary_in(Lang::Hi).lang, Lang::En);
}

#[test]
fn without_a_file_everything_is_counted_once() {
    let (ok, stderr) = Fixture::new(&[]).build();
    assert!(ok, "{stderr}");
    assert_eq!(
        stderr.matches("warning: no Hindi for").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("2 of 2 glossary definitions"), "{stderr}");
}

#[test]
fn unknown_ids_fields_and_empty_texts_are_errors() {
    let f = Fixture::new(&[(
        "hi.toml",
        "[glossary.rome]\ndefinition = \"रोम\"\n\n[timeline.talks]\ntitle = \"वार्ता\"\n",
    )]);
    assert_eq!(
        f.errors(),
        [
            "hi.toml:1:1: unknown term `rome`: translations must name an id of the English files",
            "hi.toml:4:1: unknown event `talks`: translations must name an id of the English files"
        ]
    );
    let f = Fixture::new(&[("hi.toml", "[glossary.italy]\ndefinition = \"  \"\n")]);
    assert_eq!(
        f.errors(),
        ["hi.toml:2:14: term `italy`: definition is empty: leave the field out to show the English"]
    );
    let f = Fixture::new(&[("hi.toml", "[glossary.italy]\nmeaning = \"देश\"\n")]);
    let e = f.errors();
    assert!(
        e[0].starts_with("hi.toml:2:1: unknown field `meaning`"),
        "{e:?}"
    );
}

const MAP: &str = "[[entity]]\nid = \"italy\"\nname = \"Italy\"\nkind = \"country\"\ndescription = \"A country.\"\n";
const TIMELINE: &str = "[[event]]\nid = \"talks\"\ntitle = \"Talks\"\ntext = \"They talked.\"\ndate = \"2026-04-30\"\ncategory = \"diplomacy\"\ntags = [\"GS2: International Relations\"]\nquote = \"Italy and NATO talked\"\n";

#[test]
fn every_empty_translated_field_is_an_error() {
    for (hi, expected) in [
        (
            "[article]\ntitle = \"\"\n",
            "hi.toml:2:9: article title is empty",
        ),
        (
            "[article]\nsummary = \" \"\n",
            "hi.toml:2:11: article summary is empty",
        ),
        (
            "[glossary.italy]\nterm = \"\"\n",
            "hi.toml:2:8: term `italy`: term is empty",
        ),
        (
            "[timeline.talks]\ntitle = \"\"\n",
            "hi.toml:2:9: event `talks`: title is empty",
        ),
        (
            "[timeline.talks]\ntext = \"\\n\"\n",
            "hi.toml:2:8: event `talks`: text is empty",
        ),
        (
            "[entities.italy]\nname = \"\"\n",
            "hi.toml:2:8: entity `italy`: name is empty",
        ),
        (
            "[entities.italy]\ndescription = \"\"\n",
            "hi.toml:2:15: entity `italy`: description is empty",
        ),
    ] {
        let f = Fixture::new(&[
            ("hi.toml", hi),
            ("map.toml", MAP),
            ("timeline.toml", TIMELINE),
        ]);
        assert_eq!(
            f.errors(),
            [format!(
                "{expected}: leave the field out to show the English"
            )]
        );
    }
}

#[test]
fn unknown_entity_and_toml_syntax() {
    let f = Fixture::new(&[("hi.toml", "[entities.rome]\nname = \"रोम\"\n")]);
    assert_eq!(
        f.errors(),
        ["hi.toml:1:1: unknown entity `rome`: translations must name an id of the English files"]
    );
    let e = Fixture::new(&[("hi.toml", "[article\ntitle = \"x\"\n")]).errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("hi.toml:1:"), "{e:?}");
}
