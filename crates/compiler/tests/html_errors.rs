//! Every error of the HTML parser (html.rs), the allow-list (document.rs) and the key-term annotation format
//! (annotation.rs), each as the `file:line:col: message` an author sees. Each case is a valid first line plus
//! one bad second line of `full.html`.

mod common;
use common::*;

const ALLOWED: &str = "(allowed: h2, h3, h4, p, ul, ol, li, strong, b, em, i, span)";

/// A key-term span whose `data-definition` value starts at column 44.
fn annotated(definition: &str, text: &str) -> String {
    format!("<p><span class=\"key-term\" data-definition=\"{definition}\">{text}</span></p>\n")
}

fn check(cases: &[(String, Vec<String>)]) {
    let mut wrong = Vec::new();
    for (line2, expected) in cases {
        let f = Fixture::new(&[("full.html", &format!("{FULL}{line2}"))]);
        let got = f.errors();
        if &got != expected {
            wrong.push(format!(
                "{line2:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

fn case(line2: &str, expected: &[&str]) -> (String, Vec<String>) {
    (
        line2.to_string(),
        expected.iter().map(|e| format!("full.html:{e}")).collect(),
    )
}

#[test]
fn malformed_html() {
    check(&[
        case(
            "<!-- open\n",
            &["2:1: malformed HTML: comment is never closed with `-->`"],
        ),
        case(
            "<p>x</p y>\n",
            &["2:5: malformed HTML: end tag </p> is not closed with `>`"],
        ),
        case(
            "<p>x</></p>\n",
            &["2:5: malformed HTML: end tag without a name"],
        ),
        case(
            "<p>x</em></p>\n",
            &["2:5: malformed HTML: </em> has no matching <em>"],
        ),
        case(
            "<p>x <em>y</p>\n",
            &["2:6: malformed HTML: <em> is never closed (</p> comes first)"],
        ),
        case("<p>x\n", &["2:1: malformed HTML: <p> is never closed"]),
        case(
            "<p>x</p><p\n",
            &["2:9: malformed HTML: <p> tag is not closed with `>`"],
        ),
        case(
            "<p ?>y</p>\n",
            &["2:4: malformed HTML: unexpected `?` in <p> tag"],
        ),
        case(
            "<p class=\"standfirst\" class=\"x\">y</p>\n",
            &["2:23: malformed HTML: attribute `class` appears twice on <p>"],
        ),
        // One error: the unclosed value swallows the rest of the file.
        case(
            "<p class=\"x>y</p>\n<p>more</p>\n",
            &["2:10: malformed HTML: attribute value in <p> is never closed"],
        ),
        case(
            "<p class=a\"b>y</p>\n",
            &[
                "2:10: malformed HTML: bad unquoted attribute value in <p>",
                "2:10: class `a\"b` is not allowed on <p> (only `standfirst`)",
            ],
        ),
        case(
            "<p>1 < 2</p>\n",
            &["2:6: malformed HTML: stray `<` (write `&lt;` for a literal less-than sign)"],
        ),
    ]);
}

#[test]
fn characters_and_references() {
    check(&[
        case(
            "<p>a\u{1}b</p>\n",
            &["2:5: control character U+0001 is not allowed in content"],
        ),
        case(
            "<p>&#1;</p>\n",
            &["2:4: character reference `&#1;` encodes a control character"],
        ),
        case(
            "<p>&#xD800;</p>\n",
            &["2:4: character reference `&#xD800;` is not a valid character"],
        ),
        case(
            "<p>&#99999999;</p>\n",
            &["2:4: character reference `&#99999999;` is not a valid character"],
        ),
        case(
            "<p>x &bogus; y</p>\n",
            &["2:6: unknown character reference `&bogus;`"],
        ),
    ]);
}

#[test]
fn allow_list() {
    check(&[
        case(
            "Loose text\n",
            &["2:1: text outside a block: wrap it in <p>"],
        ),
        case(
            "<h1>Title</h1>\n",
            &["2:1: <h1> is not allowed: the article title is the page heading; use <h2>–<h4>"],
        ),
        case(
            "<div>x</div>\n",
            &[&format!("2:1: tag <div> is not allowed {ALLOWED}")],
        ),
        case(
            "<p><a href=\"x\">y</a></p>\n",
            &[&format!("2:4: tag <a> is not allowed {ALLOWED}")],
        ),
        case(
            "<h2 id=\"x\">Title</h2>\n",
            &["2:5: attribute `id` is not allowed on <h2>"],
        ),
        case(
            "<p class=\"intro\">x</p>\n",
            &["2:11: class `intro` is not allowed on <p> (only `standfirst`)"],
        ),
        case(
            "<ul><p>x</p></ul>\n",
            &["2:5: <p> is not allowed inside <ul>: use <li>"],
        ),
        case(
            "<ol>\n  x<li>y</li></ol>\n",
            &["3:3: text directly inside <ol>: wrap it in <li>"],
        ),
        case(
            "<em>x</em>\n",
            &["2:1: <em> must be inside a block such as <p>"],
        ),
        case(
            "<p>a<ul><li>b</li></ul></p>\n",
            &["2:5: <ul> is not allowed here: blocks cannot be nested inside inline text"],
        ),
    ]);
}

#[test]
fn spans_and_key_terms() {
    let inner = "<span class=\"key-term\" data-term=\"italy\">";
    check(&[
        case(
            "<p><span>x</span></p>\n",
            &["2:4: <span> needs class=\"key-term\" or class=\"no-link\""],
        ),
        case(
            "<p><span class=\"evil\">x</span></p>\n",
            &["2:17: class `evil` is not allowed on <span> (use key-term or no-link)"],
        ),
        case(
            "<p><span class=\"no-link\" data-term=\"italy\">x</span></p>\n",
            &["2:26: attribute `data-term` is only allowed on key-term spans"],
        ),
        case(
            &format!("<p>{inner}{inner}x</span></span></p>\n"),
            &["2:45: a key term cannot be inside another key term"],
        ),
        case(
            &format!("<p>{inner} </span></p>\n"),
            &["2:4: key-term span has no text"],
        ),
        case(
            "<p><span class=\"key-term\" data-term=\"italy\" data-definition=\"Italy — A country (GS2: Polity)\">Italy</span></p>\n",
            &["2:45: use either data-term or data-definition on a key term, not both"],
        ),
        case(
            "<p><span class=\"key-term\">x</span></p>\n",
            &["2:4: key-term span needs data-definition=\"Term — definition (GSn: Area)\" or data-term=\"id\""],
        ),
        case(
            "<p><span class=\"key-term\" data-term=\"rome\">Rome</span></p>\n",
            &["2:38: unknown term id `rome`"],
        ),
    ]);
}

#[test]
fn annotations() {
    check(&[
        case(
            &annotated("Zed: a thing (GS2: Polity)", "Zed"),
            &["2:44: key-term definition must read `Term — definition (GSn: Area)`: no ` — ` after the term"],
        ),
        case(
            &annotated("— a thing (GS2: Polity)", "Zed"),
            &["2:44: key-term definition has an empty term before ` — `"],
        ),
        case(
            &annotated("Zed — a thing", "Zed"),
            &["2:44: definition of `Zed` has no syllabus tag in a recognised form: end it with `(GSn: Area)`, e.g. `(GS2: Polity)`"],
        ),
        case(
            &annotated("Zed — a thing (Polity)", "Zed"),
            &["2:44: definition of `Zed`: syllabus tag `Polity` is not of the form `GSn: Area` (e.g. `GS2: Polity`)"],
        ),
        case(
            &annotated("Zed — a thing (GS5: Polity)", "Zed"),
            &["2:44: definition of `Zed`: syllabus tag `GS5: Polity` names no paper: use GS1, GS2, GS3 or GS4"],
        ),
        case(
            &annotated("Zed — a thing (GS2: )", "Zed"),
            &["2:44: definition of `Zed`: syllabus tag `GS2:` has no area after the colon"],
        ),
        case(
            &annotated("Zed — (GS2: Polity)", "Zed"),
            &["2:44: definition of `Zed` is empty"],
        ),
        case(
            &annotated("!!! — a thing (GS2: Polity)", "Zed"),
            &["2:44: cannot make an id from term `!!!`"],
        ),
        // An annotation whose term is new but whose id is taken is reported where it is written.
        case(
            &annotated("Italy! — a thing (GS2: Polity)", "Zed"),
            &["2:44: duplicate term id `italy` (first used by `Italy`)"],
        ),
    ]);
}
