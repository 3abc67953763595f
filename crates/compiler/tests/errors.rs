//! Every kind of bad content gets one clear `file:line:col: message`, a non-zero exit, and nothing written.

mod common;
use common::*;

#[test]
fn the_valid_fixture_builds() {
    let f = Fixture::new(&[]);
    let (ok, stderr) = f.build();
    assert!(ok, "{stderr}");
    assert!(
        f.out().join("a.json").exists()
            && f.out().join("index.json").exists()
            && f.out().join("a.html").exists()
    );
}

#[test]
fn unknown_term_id() {
    let f = Fixture::new(&[(
        "full.html",
        "<p>See <span class=\"key-term\" data-term=\"nope\">this</span>.</p>\n",
    )]);
    assert_eq!(f.errors(), ["full.html:1:42: unknown term id `nope`"]);
    let f = Fixture::new(&[(
        "glossary.toml",
        &format!("{GLOSSARY}see_also = [\"missing\"]\n"),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:7:13: unknown term id `missing` in see_also of `italy`"]
    );
}

#[test]
fn duplicate_id() {
    let dup = format!("{GLOSSARY}\n[[term]]\nid = \"italy\"\nterm = \"Italia\"\ndefinition = \"Again.\"\ntags = [\"GS2: Polity\"]\n");
    let f = Fixture::new(&[("glossary.toml", &dup)]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:9:6: duplicate term id `italy` (first used by `Italy`)"]
    );
}

#[test]
fn duplicate_name_or_alias() {
    let dup = format!("{GLOSSARY}\n[[term]]\nid = \"rome\"\nterm = \"Rome\"\ndefinition = \"A city.\"\ntags = [\"GS1: Geography\"]\n");
    let f = Fixture::new(&[("glossary.toml", &dup)]);
    assert_eq!(f.errors(), ["glossary.toml:9:6: `Rome` names both `italy` and `rome`: a name or alias must be unique"]);
}

#[test]
fn definition_without_syllabus_tag() {
    let f = Fixture::new(&[(
        "brief.html",
        "<p><span class=\"key-term\" data-definition=\"NATO — An alliance\">NATO</span></p>\n",
    )]);
    assert_eq!(
        f.errors(),
        ["brief.html:1:44: definition of `NATO` has no syllabus tag in a recognised form: end it with `(GSn: Area)`, e.g. `(GS2: Polity)`"]
    );
    let f = Fixture::new(&[("brief.html", "<p><span class=\"key-term\" data-definition=\"NATO — An alliance (GS9: War)\">NATO</span></p>\n")]);
    assert_eq!(f.errors(), ["brief.html:1:44: definition of `NATO`: syllabus tag `GS9: War` names no paper: use GS1, GS2, GS3 or GS4"]);
    let g = GLOSSARY.replace(
        "tags = [\"GS2: International Relations\"]",
        "tags = [\"International Relations\"]",
    );
    let f = Fixture::new(&[("glossary.toml", &g)]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:6:9: term `italy`: syllabus tag `International Relations` is not of the form `GSn: Area` (e.g. `GS2: Polity`)"]
    );
    let g = GLOSSARY.replace("tags = [\"GS2: International Relations\"]\n", "");
    let f = Fixture::new(&[("glossary.toml", &g)]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:2:6: term `italy` has no syllabus tag: add tags = [\"GSn: Area\"]"]
    );
}

#[test]
fn malformed_html() {
    let f = Fixture::new(&[(
        "full.html",
        "<p>Italy and <strong>NATO</p>\n<p>1 < 2</p>\n<p>x &bogus; y</p>\n<p>open\n",
    )]);
    assert_eq!(
        f.errors(),
        [
            "full.html:1:14: malformed HTML: <strong> is never closed (</p> comes first)",
            "full.html:2:6: malformed HTML: stray `<` (write `&lt;` for a literal less-than sign)",
            "full.html:3:6: unknown character reference `&bogus;`",
            "full.html:4:1: malformed HTML: <p> is never closed",
        ]
    );
}

#[test]
fn disallowed_tag_and_attribute() {
    let f = Fixture::new(&[(
        "full.html",
        "<p onclick=\"alert(1)\">Italy</p>\n<script>alert(1)</script>\n<p><img src=x onerror=alert(1)></p>\n<p><span class=\"no-link\" style=\"x\">a</span></p>\n",
    )]);
    assert_eq!(
        f.errors(),
        [
            "full.html:1:4: attribute `onclick` is not allowed on <p>",
            "full.html:2:1: tag <script> is not allowed (allowed: h2, h3, h4, p, ul, ol, li, strong, b, em, i, span)",
            "full.html:3:4: tag <img> is not allowed (allowed: h2, h3, h4, p, ul, ol, li, strong, b, em, i, span)",
            "full.html:4:26: attribute `style` is not allowed on <span>",
        ]
    );
}

#[test]
fn empty_article() {
    let f = Fixture::new(&[("full.html", "<!-- nothing yet -->\n<p>  </p>\n")]);
    assert_eq!(
        f.errors(),
        ["full.html:1:1: full article is empty: an article needs text"]
    );
}

#[test]
fn bad_date() {
    for (date, col) in [("2026-02-30", 8), ("30/04/2026", 8), ("2026-4-30", 8)] {
        let f = Fixture::new(&[("article.toml", &ARTICLE_TOML.replace("2026-04-30", date))]);
        assert_eq!(
            f.errors(),
            [format!(
                "article.toml:2:{col}: bad date `{date}`: use a real calendar date as YYYY-MM-DD"
            )]
        );
    }
}

#[test]
fn toml_syntax_and_unknown_fields() {
    let f = Fixture::new(&[(
        "article.toml",
        &ARTICLE_TOML.replace("summary = \"A test.\"", "summary = \"A test."),
    )]);
    let e = f.errors();
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("article.toml:4:"), "{e:?}");
    let f = Fixture::new(&[("glossary.toml", &format!("{GLOSSARY}colour = \"red\"\n"))]);
    let e = f.errors();
    assert!(
        e[0].starts_with("glossary.toml:7:1: unknown field `colour`"),
        "{e:?}"
    );
}

#[test]
fn several_problems_are_all_reported_once() {
    let f = Fixture::new(&[
        (
            "article.toml",
            &ARTICLE_TOML.replace("2026-04-30", "2026-13-01"),
        ),
        (
            "full.html",
            "<div>Italy</div>\n<p><span class=\"key-term\" data-term=\"x\">x</span></p>\n",
        ),
    ]);
    let e = f.errors();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("article.toml:2:8: bad date"));
    assert!(e[1].starts_with("full.html:1:1: tag <div> is not allowed"));
    assert!(e[2].starts_with("full.html:2:"));
}
