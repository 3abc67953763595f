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
