//! Hostile input: every html5lib tokenizer input and every XSS payload, (a) as article body HTML, (b) inside a
//! key-term data-definition, (c) in every text field of the structured content (glossary, timeline, map,
//! questions, the article's metadata and the Hindi translation file), (d) as evidence quotes, and (e) in the
//! fields that hold ids. The compiler must never panic; every payload is either rejected with well-formed
//! `file:line:col: message` errors or accepted, and then its content renders with no script, event handler,
//! dangerous URL or style, and decodes in the app.

mod common;
use common::*;
use explainer_compiler::corpus::{attr_escape, payloads, toml_string, unsafe_markup};
use explainer_compiler::diag::Diagnostic;
use explainer_compiler::static_page::{self, esc};
use explainer_compiler::{compile_dir, Compiled};
use explainer_core::i18n::Lang;
use explainer_core::model::Article;
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

/// Inputs in the html5lib tokenizer files: 6,806 under `tests` and 4 under `xmlViolationTests`.
const TOKENIZER_INPUTS: usize = 6_810;
/// Lines of the XSS payload list.
const XSS_LINES: usize = 6_613;

fn corpus() -> Vec<String> {
    let p = payloads(&repo_root().join("tests/corpora")).unwrap_or_else(|e| panic!("corpora: {e}"));
    assert_eq!(
        p.len(),
        TOKENIZER_INPUTS + XSS_LINES,
        "payloads in the corpora"
    );
    assert_eq!(TOKENIZER_INPUTS + XSS_LINES, 13_423);
    p
}

/// The rendering of what was accepted is safe and the JSON decodes in the app.
fn check_output(c: &Compiled, what: &str, payload: &str) {
    for a in &c.articles {
        let html = static_page::render_body(a);
        let bad = unsafe_markup(&html);
        assert!(
            bad.is_empty(),
            "{what}: payload {payload:?} rendered unsafe markup: {bad:?}"
        );
        let page = static_page::render(a);
        let title = &page[page.find("<title>").unwrap() + 7..page.find("</title>").unwrap()];
        assert!(!title.contains('<'), "{what}: {payload:?} in <title>");
        let json = serde_json::to_string(a).unwrap();
        if let Err(e) = explainer_core::load::decode_article(&json) {
            panic!("{what}: payload {payload:?}: the app refuses the output: {e:?}");
        }
    }
}

/// Rejections are `file:line:col: message` with a real position in a real content file.
fn check_errors(f: &Fixture, errors: &[Diagnostic], what: &str, payload: &str) {
    assert!(!errors.is_empty());
    let mut lines: HashMap<&Path, usize> = HashMap::new();
    for e in errors {
        let s = e.to_string();
        assert!(
            e.line >= 1 && e.col >= 1 && !e.message.trim().is_empty(),
            "{what}: {payload:?}: bad diagnostic {s}"
        );
        assert!(s.contains(&format!(":{}:{}: ", e.line, e.col)), "{s}");
        assert!(
            e.file.starts_with(f.content()),
            "{what}: {payload:?}: {s} is not about a content file"
        );
        let n = *lines.entry(&e.file).or_insert_with(|| {
            fs::read(&e.file).map_or(usize::MAX, |b| b.split(|c| *c == b'\n').count())
        });
        assert!(
            e.line <= n,
            "{what}: {payload:?}: {s}: the file has {n} lines"
        );
    }
}

fn check(f: &Fixture, what: &str, payload: &str, stats: &mut (usize, usize)) {
    match compile_dir(&f.content()) {
        Ok(c) => {
            stats.0 += 1;
            check_output(&c, what, payload);
        }
        Err(errors) => {
            stats.1 += 1;
            check_errors(f, &errors, what, payload);
        }
    }
}

#[test]
fn payloads_as_article_body() {
    let f = Fixture::new(&[]);
    let full = f.content().join("a/full.html");
    let mut stats = (0, 0);
    for p in corpus() {
        fs::write(&full, &p).unwrap();
        check(&f, "body", &p, &mut stats);
        fs::write(&full, format!("<p>{p}</p>")).unwrap();
        check(&f, "paragraph", &p, &mut stats);
    }
    eprintln!(
        "body: {} compiled, {} rejected with errors",
        stats.0, stats.1
    );
    assert!(
        stats.0 > 1000 && stats.1 > 1000,
        "both outcomes occur: {stats:?}"
    );
}

#[test]
fn payloads_inside_a_key_term_definition() {
    let f = Fixture::new(&[]);
    let brief = f.content().join("a/brief.html");
    let mut stats = (0, 0);
    for p in corpus() {
        let html = format!("<p><span class=\"key-term\" data-definition=\"Zed — {} (GS2: Polity)\">Zed</span> met NATO.</p>\n", attr_escape(&p));
        fs::write(&brief, html).unwrap();
        check(&f, "data-definition", &p, &mut stats);
    }
    eprintln!(
        "data-definition: {} compiled, {} rejected",
        stats.0, stats.1
    );
    assert!(stats.0 > 1000, "{stats:?}");
}

/// Content files for a set of (index, payload); `files` writes them, `verify` checks an accepted article
/// carries each payload in each field.
trait Placement {
    const NAME: &'static str;
    fn files(&self, batch: &[(usize, &str)]) -> Vec<(&'static str, String)>;
    fn verify(&self, a: &Article, n: usize, p: &str);
}

/// Compiles the corpus in batches; a rejected batch is split in halves until every payload is either in an
/// accepted batch (its output checked) or rejected on its own (its errors checked). Returns (accepted,
/// rejected) payload counts.
fn run_placement<P: Placement>(placement: &P, all: &[String]) -> (usize, usize) {
    let f = Fixture::new(&[]);
    let dir = f.content().join("a");
    let started = Instant::now();
    let mut stats = (0, 0);
    let mut compiles = 0;
    let mut reasons: HashMap<String, usize> = HashMap::new();
    let indexed: Vec<(usize, &str)> = all.iter().map(String::as_str).enumerate().collect();
    let mut todo: Vec<&[(usize, &str)]> = indexed.chunks(64).rev().collect();
    while let Some(batch) = todo.pop() {
        // Start from the fixture's files each time, so nothing from the previous batch is left.
        for (name, text) in [
            ("article.toml", ARTICLE_TOML),
            ("brief.html", BRIEF),
            ("full.html", FULL),
            ("glossary.toml", GLOSSARY),
        ] {
            fs::write(dir.join(name), text).unwrap();
        }
        for name in ["timeline.toml", "map.toml", "questions.toml", "hi.toml"] {
            let _ = fs::remove_file(dir.join(name));
        }
        for (name, text) in placement.files(batch) {
            fs::write(dir.join(name), text).unwrap();
        }
        compiles += 1;
        let label = batch
            .iter()
            .map(|(_, p)| *p)
            .collect::<Vec<_>>()
            .join(" | ");
        match compile_dir(&f.content()) {
            Ok(c) => {
                check_output(&c, P::NAME, &label);
                for &(n, p) in batch {
                    placement.verify(&c.articles[0], n, p);
                }
                stats.0 += batch.len();
            }
            Err(errors) if batch.len() == 1 => {
                check_errors(&f, &errors, P::NAME, &label);
                stats.1 += 1;
                for e in &errors {
                    *reasons.entry(kind(&e.message)).or_insert(0) += 1;
                }
            }
            Err(errors) => {
                check_errors(&f, &errors, P::NAME, &label);
                let (a, b) = batch.split_at(batch.len() / 2);
                todo.push(b);
                todo.push(a);
            }
        }
    }
    eprintln!(
        "{}: {} payloads accepted, {} rejected alone; {compiles} compiles in {:.1} s",
        P::NAME,
        stats.0,
        stats.1,
        started.elapsed().as_secs_f64()
    );
    let mut reasons: Vec<_> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (kind, n) in reasons {
        eprintln!("  {n:>6} × {kind}");
    }
    assert_eq!(stats.0 + stats.1, all.len(), "every payload is decided");
    stats
}

/// The kind of an error: its message with the quoted parts (`…` or "…") and numbers left out.
fn kind(message: &str) -> String {
    let mut out = String::new();
    let mut quote = None;
    for c in message.chars() {
        match (quote, c) {
            (None, '`' | '"') => {
                quote = Some(c);
                out.push('…');
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) if c.is_ascii_hexdigit() && out.ends_with("U+") => {}
            (None, c) if c.is_ascii_digit() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            (None, c) => out.push(c),
        }
    }
    out
}

const QUOTE: &str = "Italy and NATO talked in Rome.";
const TAGS: &str = "tags = [\"GS2: Polity\"]";

/// Every structured text field: glossary term, aliases and definition; event title and text; actor name and
/// description; relation label; MCQ question, statement, option and explanation; mains question and outline
/// point; the article's title, summary and source; and each translatable field of `hi.toml`.
struct TextFields;

impl Placement for TextFields {
    const NAME: &'static str = "structured fields";

    fn files(&self, batch: &[(usize, &str)]) -> Vec<(&'static str, String)> {
        let joined = batch
            .iter()
            .map(|(_, p)| *p)
            .collect::<Vec<_>>()
            .join(" ¦ ");
        let j = toml_string(&joined);
        let article = ARTICLE_TOML
            .replace("title = \"Test article\"", &format!("title = {j}"))
            .replace("summary = \"A test.\"", &format!("summary = {j}"))
            .replace("name = \"Tests\"", &format!("name = {j}"));
        let mut glossary = String::from(GLOSSARY);
        let mut timeline = String::new();
        let mut map = String::from(
            "[[entity]]\nid = \"italy\"\nname = \"Italy\"\nkind = \"country\"\ndescription = \"x\"\n",
        );
        let mut questions = String::new();
        let mut hi = format!("[article]\ntitle = {j}\nsummary = {j}\n");
        for &(n, p) in batch {
            let t = toml_string(p);
            glossary.push_str(&format!(
                "\n[[term]]\nid = \"p{n}\"\nterm = {t}\naliases = [{t}]\ndefinition = {t}\ntags = [\"GS3: Security\"]\nsee_also = [\"italy\"]\n"
            ));
            timeline.push_str(&format!(
                "\n[[event]]\nid = \"e{n}\"\ntitle = {t}\ntext = {t}\ndate = \"2026\"\ncategory = \"policy\"\n{TAGS}\nterms = [\"p{n}\"]\nentities = [\"n{n}\"]\nquote = \"{QUOTE}\"\n"
            ));
            map.push_str(&format!(
                "\n[[entity]]\nid = \"n{n}\"\nname = {t}\nkind = \"organisation\"\ndescription = {t}\nterm = \"p{n}\"\n\n[[relation]]\nfrom = \"n{n}\"\nto = \"italy\"\nkind = \"backs\"\nlabel = {t}\nquote = \"{QUOTE}\"\n"
            ));
            questions.push_str(&format!(
                "\n[[mcq]]\nid = \"q{n}\"\nkind = \"statements\"\nquestion = {t}\nstatements = [{t}, \"b\"]\noptions = [{t}, \"2\", \"3\", \"4\"]\nanswer = 1\nexplanation = {t}\nquote = \"{QUOTE}\"\n{TAGS}\nterms = [\"p{n}\"]\n\n[[mains]]\nid = \"m{n}\"\nquestion = {t}\n{TAGS}\nmarks = 10\nwords = 150\noutline = [{t}, \"b\", \"c\"]\nquote = \"{QUOTE}\"\n"
            ));
            hi.push_str(&format!(
                "\n[glossary.p{n}]\nterm = {t}\ndefinition = {t}\n\n[timeline.e{n}]\ntitle = {t}\ntext = {t}\n\n[entities.n{n}]\nname = {t}\ndescription = {t}\n"
            ));
        }
        vec![
            ("article.toml", article),
            ("glossary.toml", glossary),
            ("timeline.toml", timeline),
            ("map.toml", map),
            ("questions.toml", questions),
            ("hi.toml", hi),
        ]
    }

    fn verify(&self, a: &Article, n: usize, p: &str) {
        let p = p.trim();
        let hi = |tr: &explainer_core::model::Translations| {
            let t = tr.get(&Lang::Hi).expect("translated");
            (t.name.clone().unwrap(), t.text.clone().unwrap())
        };
        let (pn, en, nn, qn, mn) = (
            format!("p{n}"),
            format!("e{n}"),
            format!("n{n}"),
            format!("q{n}"),
            format!("m{n}"),
        );
        let term = a.glossary.iter().find(|e| e.id.as_str() == pn).unwrap();
        assert_eq!((&*term.term, &*term.definition), (p, p));
        assert_eq!(term.aliases, [p]);
        assert_eq!(hi(&term.tr), (p.to_string(), p.to_string()));
        let event = a.timeline.iter().find(|e| e.id.as_str() == en).unwrap();
        assert_eq!((&*event.title, &*event.text), (p, p));
        assert_eq!(hi(&event.tr), (p.to_string(), p.to_string()));
        let actor = a.entities.iter().find(|e| e.id.as_str() == nn).unwrap();
        assert_eq!((&*actor.name, &*actor.description), (p, p));
        assert_eq!(hi(&actor.tr), (p.to_string(), p.to_string()));
        let relation = a.relations.iter().find(|r| r.from.as_str() == nn).unwrap();
        assert_eq!(relation.label, p);
        let mcq = a.mcqs.iter().find(|m| m.id == qn).unwrap();
        assert_eq!(
            (
                &*mcq.question,
                &*mcq.statements[0],
                &*mcq.options[0],
                &*mcq.explanation
            ),
            (p, p, p, p)
        );
        let mains = a.mains.iter().find(|m| m.id == mn).unwrap();
        assert_eq!((&*mains.question, &*mains.outline[0]), (p, p));
        assert!(a.title.contains(p) && a.summary.contains(p) && a.source.name.contains(p));
        let (t, s) = hi(&a.tr);
        assert!(t.contains(p) && s.contains(p));
    }
}

/// Evidence quotes: each payload is a paragraph of the full text (escaped, after a number), and the quote of
/// an event, a relation, an MCQ and a mains question.
struct Quotes;

impl Placement for Quotes {
    const NAME: &'static str = "quotes";

    fn files(&self, batch: &[(usize, &str)]) -> Vec<(&'static str, String)> {
        let mut full = String::from(FULL);
        let mut timeline = String::new();
        let mut map = String::from(
            "[[entity]]\nid = \"italy\"\nname = \"Italy\"\nkind = \"country\"\ndescription = \"x\"\n",
        );
        let mut questions = String::new();
        for &(n, p) in batch {
            // Numbered, so that short payloads make quotes long enough to identify a sentence too.
            let t = toml_string(&format!("Quote {n}: {p}"));
            full.push_str(&format!("<p>Quote {n}: {}</p>\n", esc(p)));
            timeline.push_str(&format!(
                "\n[[event]]\nid = \"e{n}\"\ntitle = \"t\"\ntext = \"t\"\ndate = \"2026\"\ncategory = \"policy\"\n{TAGS}\nquote = {t}\n"
            ));
            map.push_str(&format!(
                "\n[[entity]]\nid = \"n{n}\"\nname = \"N{n}\"\nkind = \"organisation\"\ndescription = \"d\"\n\n[[relation]]\nfrom = \"n{n}\"\nto = \"italy\"\nkind = \"backs\"\nlabel = \"l\"\nquote = {t}\n"
            ));
            questions.push_str(&format!(
                "\n[[mcq]]\nid = \"q{n}\"\nkind = \"single\"\nquestion = \"q\"\noptions = [\"1\", \"2\", \"3\", \"4\"]\nanswer = 1\nexplanation = \"x\"\nquote = {t}\n{TAGS}\n\n[[mains]]\nid = \"m{n}\"\nquestion = \"q\"\n{TAGS}\nmarks = 10\nwords = 150\noutline = [\"a\", \"b\", \"c\"]\nquote = {t}\n"
            ));
        }
        vec![
            ("full.html", full),
            ("timeline.toml", timeline),
            ("map.toml", map),
            ("questions.toml", questions),
        ]
    }

    fn verify(&self, a: &Article, n: usize, p: &str) {
        let q = format!("Quote {n}: {p}")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let event = a
            .timeline
            .iter()
            .find(|e| e.id.as_str() == format!("e{n}"))
            .unwrap();
        assert_eq!(event.quote.text, q);
        assert!(!event.quote.sentences.is_empty());
        let relation = a
            .relations
            .iter()
            .find(|r| r.from.as_str() == format!("n{n}"))
            .unwrap();
        assert_eq!(relation.quote.text, q);
        let mcq = a.mcqs.iter().find(|m| m.id == format!("q{n}")).unwrap();
        assert_eq!(mcq.quote.text, q);
        let mains = a.mains.iter().find(|m| m.id == format!("m{n}")).unwrap();
        assert_eq!(mains.quote.text, q);
    }
}

#[test]
fn payloads_in_every_structured_text_field() {
    let all = corpus();
    let (accepted, rejected) = run_placement(&TextFields, &all);
    // Plain-text fields take almost anything: only blank payloads and options that repeat another are refused.
    assert!(
        accepted > 13_000,
        "{accepted} accepted, {rejected} rejected"
    );
}

#[test]
fn payloads_as_quotes() {
    let all = corpus();
    let (accepted, rejected) = run_placement(&Quotes, &all);
    // Refused: payloads with control characters, which HTML content cannot hold.
    assert!(
        accepted > 13_000,
        "{accepted} accepted, {rejected} rejected"
    );
}

/// A quoted TOML key (a one-line basic string, unlike what `toml_string` may give).
fn toml_key(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fields that hold ids accept only ids that exist: every payload there is one error, at its place.
#[test]
fn payloads_in_id_fields_are_each_one_error() {
    let all = corpus();
    let f = Fixture::new(&[]);
    let list = all.iter().map(|p| toml_string(p)).collect::<Vec<_>>();
    let mut glossary = String::from(GLOSSARY);
    glossary.push_str(&format!("see_also = [{}]\n", list.join(",\n")));
    // Only a payload that is an existing id is not an error (each repeat of an unknown one is one more).
    let known = ["italy", "nato"];
    let expected = all.iter().filter(|p| !known.contains(&p.as_str())).count();
    fs::write(f.content().join("a/glossary.toml"), glossary).unwrap();
    let errors = compile_dir(&f.content()).unwrap_err();
    check_errors(&f, &errors, "see_also", "all");
    assert_eq!(errors.len(), expected, "one error per unknown id");
    assert!(errors
        .iter()
        .all(|e| e.message.starts_with("unknown term id `")));
    // Translation tables named by a payload (distinct keys only: TOML refuses a repeated table).
    fs::write(f.content().join("a/glossary.toml"), GLOSSARY).unwrap();
    let mut seen = std::collections::HashSet::new();
    let mut hi = String::new();
    for p in all.iter().filter(|p| seen.insert(p.as_str())) {
        hi.push_str(&format!("[glossary.{}]\nterm = \"x\"\n", toml_key(p)));
    }
    fs::write(f.content().join("a/hi.toml"), &hi).unwrap();
    let errors = compile_dir(&f.content()).unwrap_err();
    check_errors(&f, &errors, "hi.toml keys", "all");
    let unknown = seen.iter().filter(|p| !known.contains(p)).count();
    assert_eq!(errors.len(), unknown, "one error per unknown id");
}

#[test]
fn corpus_files_are_all_read_or_the_test_fails() {
    let root = std::env::temp_dir().join(format!("explainer-corpora-{}", std::process::id()));
    let tok = root.join("html5lib-tokenizer");
    let xss = root.join("xss-payloads");
    fs::create_dir_all(&tok).unwrap();
    fs::create_dir_all(&xss).unwrap();
    fs::write(xss.join("xss-payload-list.txt"), "<script>\n<img>\n").unwrap();
    fs::write(
        tok.join("a.test"),
        r#"{"tests": [{"input": "<a>"}, {"input": "\\u0041", "doubleEscaped": true}]}"#,
    )
    .unwrap();
    fs::write(
        tok.join("xmlViolation.test"),
        r#"{"xmlViolationTests": [{"input": "a\uFFFFb"}]}"#,
    )
    .unwrap();
    let p = payloads(&root).unwrap();
    assert_eq!(p, ["<a>", "A", "a\u{ffff}b", "<script>", "<img>"]);
    for (name, text, problem) in [
        ("b.test", "{\"tests\": [", "EOF while parsing"),
        ("b.test", "{\"other\": []}", "no tests under any of"),
        (
            "b.test",
            "{\"tests\": [{\"output\": []}]}",
            "tests[0] has no string input",
        ),
    ] {
        fs::write(tok.join(name), text).unwrap();
        let e = payloads(&root).unwrap_err();
        assert!(e.contains(problem) && e.contains(name), "{e}");
    }
    fs::remove_file(tok.join("b.test")).unwrap();
    fs::remove_file(xss.join("xss-payload-list.txt")).unwrap();
    assert!(payloads(&root)
        .unwrap_err()
        .contains("xss-payload-list.txt"));
    let _ = fs::remove_dir_all(&root);
}
