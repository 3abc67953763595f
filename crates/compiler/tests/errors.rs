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

#[test]
fn not_utf8() {
    let f = Fixture::new(&[]);
    f.write_bytes("full.html", b"<p>Italy \xff and NATO</p>\n");
    assert_eq!(
        f.errors(),
        ["full.html:1:10: file is not valid UTF-8 (byte 9)"]
    );
    let f = Fixture::new(&[]);
    f.write_bytes(
        "glossary.toml",
        b"[[term]]\nid = \"italy\"\nterm = \"It\xc3aly\"\n",
    );
    assert_eq!(
        f.errors(),
        ["glossary.toml:3:11: file is not valid UTF-8 (byte 32)"]
    );
    // The timeline, map, questions and translation files are read the same way.
    for name in ["timeline.toml", "map.toml", "questions.toml", "hi.toml"] {
        let f = Fixture::new(&[]);
        f.write_bytes(name, b"# \xe2\x80\n");
        assert_eq!(
            f.errors(),
            [format!("{name}:1:3: file is not valid UTF-8 (byte 2)")]
        );
    }
}

#[test]
fn unreadable_file() {
    // A document that names a directory cannot be read.
    let f = Fixture::new(&[(
        "article.toml",
        &ARTICLE_TOML.replace("file = \"full.html\"", "file = \"sub\""),
    )]);
    std::fs::create_dir(f.content().join("a/sub")).unwrap();
    let e = f.errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("sub:1:1: cannot read file: "), "{e:?}");
    let f = Fixture::new(&[]);
    std::fs::create_dir(f.content().join("a/map.toml")).unwrap();
    let e = f.errors();
    assert!(
        e[0].starts_with("map.toml:1:1: cannot read file: "),
        "{e:?}"
    );
}

#[test]
fn document_outside_the_article_directory() {
    for (name, col) in [("../b/full.html", 8), ("/etc/passwd", 8)] {
        let f = Fixture::new(&[(
            "article.toml",
            &ARTICLE_TOML.replace("file = \"full.html\"", &format!("file = \"{name}\"")),
        )]);
        assert_eq!(
            f.errors(),
            [format!("article.toml:14:{col}: document file must be a plain name inside the article directory")]
        );
    }
}

#[test]
fn empty_brief() {
    let f = Fixture::new(&[("brief.html", "<h2> </h2>\n<ul><li> </li></ul>\n")]);
    assert_eq!(
        f.errors(),
        ["brief.html:1:1: brief is empty: an article needs text"]
    );
}

#[test]
fn article_metadata() {
    let cases = [
        (
            ARTICLE_TOML.replace("title = \"Test article\"", "title = \" \""),
            "article.toml:1:9: `title` is empty",
        ),
        (
            ARTICLE_TOML.replace("summary = \"A test.\"", "summary = \"\""),
            "article.toml:4:11: `summary` is empty",
        ),
        (
            ARTICLE_TOML.replace("name = \"Tests\"", "name = \"\""),
            "article.toml:7:8: `source.name` is empty",
        ),
        (
            ARTICLE_TOML.replace(
                "name = \"Tests\"",
                "name = \"Tests\"\nurl = \"javascript:alert(1)\"",
            ),
            "article.toml:8:7: source.url must be an https:// address",
        ),
        (
            ARTICLE_TOML.replace("papers = [\"GS2\"]", "papers = [\"GS2\", \"GS5\"]"),
            "article.toml:3:18: unknown paper `GS5`: use GS1, GS2, GS3 or GS4",
        ),
    ];
    for (toml, expected) in cases {
        let f = Fixture::new(&[("article.toml", &toml)]);
        assert_eq!(f.errors(), [expected]);
    }
}

#[test]
fn toml_missing_field_and_wrong_type() {
    let f = Fixture::new(&[(
        "article.toml",
        &ARTICLE_TOML.replace("summary = \"A test.\"\n", ""),
    )]);
    let e = f.errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("article.toml:1:1: missing field `summary`"),
        "{e:?}"
    );
    let f = Fixture::new(&[(
        "article.toml",
        &ARTICLE_TOML.replace("papers = [\"GS2\"]", "papers = \"GS2\""),
    )]);
    let e = f.errors();
    assert!(e[0].starts_with("article.toml:3:10: invalid type"), "{e:?}");
}

#[test]
fn bad_term_ids_names_and_definitions() {
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY.replace("id = \"italy\"", "id = \"Italy_1\""),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:2:6: term id `Italy_1` is not valid: use lowercase letters, digits and `-`"]
    );
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY.replace("term = \"Italy\"", "term = \"  \""),
    )]);
    assert_eq!(f.errors(), ["glossary.toml:3:8: term name is empty"]);
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY.replace("definition = \"A country.\"", "definition = \" \""),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:5:14: term `italy` has an empty definition"]
    );
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY.replace("definition = \"A country.\"\n", ""),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:2:6: term `italy` has no definition (in glossary.toml or a brief annotation)"]
    );
    // Without an id, the entry is located by its [[term]] table.
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY
            .replace("id = \"italy\"\n", "")
            .replace("definition = \"A country.\"\n", ""),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:1:1: term `italy` has no definition (in glossary.toml or a brief annotation)"]
    );
}

#[test]
fn term_tag_errors() {
    for (tag, message) in [
        (
            "GS5: Space",
            "syllabus tag `GS5: Space` names no paper: use GS1, GS2, GS3 or GS4",
        ),
        ("GS2:", "syllabus tag `GS2:` has no area after the colon"),
    ] {
        let g = GLOSSARY.replace("GS2: International Relations", tag);
        assert_eq!(
            Fixture::new(&[("glossary.toml", &g)]).errors(),
            [format!("glossary.toml:6:9: term `italy`: {message}")]
        );
    }
}

#[test]
fn content_directory_problems() {
    let f = Fixture::new(&[]);
    std::fs::remove_file(f.content().join("a/article.toml")).unwrap();
    assert_eq!(
        f.content_errors(),
        [format!(
            "{}:1:1: no articles: expected subdirectories with an article.toml",
            f.content().display()
        )]
    );
    std::fs::remove_dir_all(f.content()).unwrap();
    let e = f.content_errors();
    assert!(
        e[0].starts_with(&format!(
            "{}:1:1: cannot read content directory: ",
            f.content().display()
        )),
        "{e:?}"
    );
    let f = Fixture::new(&[]);
    std::fs::rename(f.content().join("a"), f.content().join("Bad_Slug")).unwrap();
    assert_eq!(
        f.content_errors(),
        ["Bad_Slug/article.toml:1:1: article directory name `Bad_Slug` is not a valid slug (lowercase letters, digits, `-`)"]
    );
}

#[test]
fn command_line() {
    let f = Fixture::new(&[]);
    std::fs::write(f.out(), "a file where the output directory should be").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_explainer-content"))
        .arg("build")
        .arg(f.content())
        .arg(f.out())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!("{}: cannot write output: ", f.out().display())),
        "{stderr}"
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_explainer-content"))
        .arg("compile")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("usage:"));
}
