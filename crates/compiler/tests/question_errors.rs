//! Authored questions are validated like all content.

mod common;
use common::*;

const Q: &str = r#"[[mcq]]
id = "nato-member"
kind = "single"
question = "Which is a member of NATO?"
options = ["Italy", "India", "Pakistan", "China"]
answer = 0
explanation = "Italy is a founding member."
quote = "Italy and NATO talked in Rome."
tags = ["GS2: International Relations"]
terms = ["italy"]

[[mains]]
id = "talks"
question = "Discuss the talks."
tags = ["GS2: International Relations"]
marks = 10
words = 150
outline = ["One", "Two", "Three"]
quote = "Italy and NATO talked in Rome."
"#;

fn fx(q: &str) -> Fixture {
    Fixture::new(&[("questions.toml", q)])
}

#[test]
fn valid_questions_build() {
    let f = fx(Q);
    let (ok, err) = f.build();
    assert!(ok, "{err}");
}

#[test]
fn bad_answers_options_and_kinds() {
    assert_eq!(
        fx(&Q.replace("answer = 0", "answer = 4")).errors(),
        ["questions.toml:6:10: answer 4 is not the index (0–3) of an option"]
    );
    assert_eq!(
        fx(&Q.replace(
            r#"options = ["Italy", "India", "Pakistan", "China"]"#,
            r#"options = ["Italy", "India", "Pakistan"]"#
        ))
        .errors(),
        ["questions.toml:5:11: question `nato-member` needs exactly 4 options, not 3"]
    );
    assert_eq!(
        fx(&Q.replace(r#""Pakistan", "China""#, r#""India", "China""#)).errors(),
        ["questions.toml:5:11: question `nato-member` has two identical options"]
    );
    assert_eq!(
        fx(&Q.replace("kind = \"single\"", "kind = \"statements\"")).errors(),
        ["questions.toml:3:8: question `nato-member` of kind statements needs 2 to 4 statements, not 0"]
    );
    assert!(
        fx(&Q.replace("kind = \"single\"", "kind = \"essay\"")).errors()[0]
            .contains("unknown question kind `essay`")
    );
}

#[test]
fn quotes_terms_ids_and_mains_limits() {
    assert!(fx(&Q.replacen(
        "Italy and NATO talked in Rome.",
        "Italy and NATO fought in Rome.",
        1
    ))
    .errors()[0]
        .starts_with("questions.toml:8:9: quote not found verbatim"));
    assert_eq!(
        fx(&Q.replace("terms = [\"italy\"]", "terms = [\"rome\"]")).errors(),
        ["questions.toml:10:10: unknown term id `rome`"]
    );
    assert_eq!(
        fx(&Q.replace("id = \"talks\"", "id = \"nato-member\"")).errors(),
        ["questions.toml:13:6: duplicate question id `nato-member`"]
    );
    assert_eq!(
        fx(&Q.replace("marks = 10", "marks = 12")).errors(),
        ["questions.toml:16:9: marks 12: use 10, 15, 20 or 25"]
    );
    assert_eq!(
        fx(&Q.replace(
            r#"outline = ["One", "Two", "Three"]"#,
            r#"outline = ["One"]"#
        ))
        .errors(),
        ["questions.toml:18:11: question `talks` needs an outline of at least 3 points"]
    );
}

/// `Q` with the last occurrence of `from` (the mains question's) replaced.
fn in_mains(from: &str, to: &str) -> String {
    let i = Q.rfind(from).unwrap();
    format!("{}{to}{}", &Q[..i], &Q[i + from.len()..])
}

#[test]
fn empty_texts() {
    for (q, expected) in [
        (
            Q.replace(
                "question = \"Which is a member of NATO?\"",
                "question = \"\"",
            ),
            "questions.toml:4:12: question is empty",
        ),
        (
            Q.replace("\"India\"", "\" \""),
            "questions.toml:5:21: option is empty",
        ),
        (
            Q.replace(
                "explanation = \"Italy is a founding member.\"",
                "explanation = \"\\t\"",
            ),
            "questions.toml:7:15: explanation is empty",
        ),
        (
            Q.replace(
                "kind = \"single\"",
                "kind = \"statements\"\nstatements = [\"Italy is in NATO.\", \"\"]",
            ),
            "questions.toml:4:36: statement is empty",
        ),
        (
            in_mains("question = \"Discuss the talks.\"", "question = \"\""),
            "questions.toml:14:12: question is empty",
        ),
        (
            Q.replace("\"Two\"", "\"\""),
            "questions.toml:18:19: outline point is empty",
        ),
    ] {
        assert_eq!(fx(&q).errors(), [expected]);
    }
}

#[test]
fn ids_tags_and_statements() {
    assert_eq!(
        fx(&Q.replace("id = \"nato-member\"", "id = \"Nato Member\"")).errors(),
        ["questions.toml:2:6: question id `Nato Member` is not valid: use lowercase letters, digits and `-`"]
    );
    assert_eq!(
        fx(&Q.replacen("tags = [\"GS2: International Relations\"]\n", "", 1)).errors(),
        ["questions.toml:2:6: question `nato-member` has no syllabus tag"]
    );
    assert_eq!(
        fx(&in_mains("GS2: International Relations", "Polity")).errors(),
        ["questions.toml:15:9: question `talks`: syllabus tag `Polity` is not of the form `GSn: Area` (e.g. `GS2: Polity`)"]
    );
    assert_eq!(
        fx(&Q.replace(
            "kind = \"single\"",
            "kind = \"single\"\nstatements = [\"A\", \"B\"]"
        ))
        .errors(),
        ["questions.toml:4:15: question `nato-member`: statements are only for kind = \"statements\""]
    );
    assert_eq!(
        fx(&Q.replace("kind = \"single\"", "kind = \"essay\"")).errors(),
        ["questions.toml:3:8: unknown question kind `essay` (use single or statements)"]
    );
}

#[test]
fn word_limits_and_short_quotes() {
    assert_eq!(
        fx(&Q.replace("words = 150", "words = 20")).errors(),
        ["questions.toml:17:9: words 20: use a word limit between 50 and 1000"]
    );
    assert_eq!(
        fx(&in_mains("Italy and NATO talked in Rome.", "Rome.")).errors(),
        ["questions.toml:19:9: quote is too short to identify a sentence (at least 8 characters)"]
    );
    assert_eq!(
        fx(&Q.replace("answer = 0", "answer = -1")).errors(),
        ["questions.toml:6:10: answer -1 is not the index (0–3) of an option"]
    );
}

#[test]
fn toml_problems() {
    let e = fx(&Q.replace("answer = 0", "answer = \"0\"")).errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("questions.toml:6:10: invalid type"),
        "{e:?}"
    );
    let e = fx(&Q.replace("marks = 10", "marks = 10\nmarkz = 10")).errors();
    assert!(
        e[0].starts_with("questions.toml:17:1: unknown field `markz`"),
        "{e:?}"
    );
}

#[test]
fn options_that_differ_only_in_case_or_accents_are_identical() {
    // The app refuses such a question (explainer_core::load::check_article), so the compiler must too.
    assert_eq!(
        fx(&Q.replace(r#""China""#, r#""ITALY ""#)).errors(),
        ["questions.toml:5:11: question `nato-member` has two identical options"]
    );
    assert_eq!(
        fx(&Q.replace(
            r#""India", "Pakistan""#,
            r#""Cote d'Ivoire", "Côte d’Ivoire""#
        ))
        .errors(),
        ["questions.toml:5:11: question `nato-member` has two identical options"]
    );
}
