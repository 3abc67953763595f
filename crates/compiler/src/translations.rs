//! Per-language translation files (`content/<slug>/hi.toml`): each names items by id and gives some of their
//! text fields in that language. Unknown ids and fields are errors; what is not translated falls back to English
//! and is reported as one warning per language, with counts, so a translator sees what is left.

use crate::diag::{Diagnostic, SourceFile};
use explainer_core::i18n::Lang;
use explainer_core::model::{Article, Translation, Translations};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TrFile {
    article: Option<Spanned<Pair>>,
    #[serde(default)]
    glossary: BTreeMap<String, Spanned<TermFields>>,
    #[serde(default)]
    timeline: BTreeMap<String, Spanned<EventFields>>,
    #[serde(default)]
    entities: BTreeMap<String, Spanned<EntityFields>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFields {
    term: Option<Spanned<String>>,
    definition: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFields {
    title: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFields {
    name: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
}

/// One field's text, trimmed; an empty string is an error (leave the field out to fall back to English).
fn text(
    src: &SourceFile,
    v: &Option<Spanned<String>>,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let v = v.as_ref()?;
    let t = v.get_ref().trim();
    if t.is_empty() {
        errors.push(src.error(
            v.span().start,
            format!("{what} is empty: leave the field out to show the English"),
        ));
        return None;
    }
    Some(t.to_string())
}

fn put(tr: &mut Translations, lang: Lang, name: Option<String>, body: Option<String>) {
    if name.is_some() || body.is_some() {
        tr.insert(lang, Translation { name, text: body });
    }
}

/// Whether a translation has a given field.
type Has = fn(&Translation) -> bool;

/// Reads every language's file in `dir` into the article's translations; problems go to `errors`, and what is
/// left untranslated to one warning per language.
pub fn apply(
    dir: &Path,
    article: &mut Article,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let path = dir.join(format!("{}.toml", lang.code()));
        if path.exists() {
            let Some(text) = crate::read(&path, errors) else {
                continue;
            };
            let src = SourceFile::new(&path, &text);
            if let Some(file) = crate::parse_toml::<TrFile>(&src, errors) {
                read_file(&src, file, lang, article, errors);
            }
        }
        // Per kind of item: its translations, and what its name and its text are called in the warning.
        let kinds: [(Vec<&Translations>, &str, &str); 4] = [
            (vec![&article.tr], "article titles", "article summaries"),
            (
                article.glossary.iter().map(|e| &e.tr).collect(),
                "term names",
                "glossary definitions",
            ),
            (
                article.timeline.iter().map(|e| &e.tr).collect(),
                "event titles",
                "event texts",
            ),
            (
                article.entities.iter().map(|e| &e.tr).collect(),
                "entity names",
                "entity descriptions",
            ),
        ];
        let mut parts = Vec::new();
        for (trs, names, texts) in &kinds {
            let fields: [(&str, Has); 2] =
                [(names, |t| t.name.is_some()), (texts, |t| t.text.is_some())];
            for (what, has) in fields {
                let missing = trs
                    .iter()
                    .filter(|tr| !tr.get(&lang).is_some_and(has))
                    .count();
                if missing > 0 {
                    parts.push(format!("{missing} of {} {what}", trs.len()));
                }
            }
        }
        if !parts.is_empty() {
            warnings.push(Diagnostic {
                file: path,
                line: 1,
                col: 1,
                message: format!(
                    "warning: no {} for {} (English is shown instead)",
                    lang.english_name(),
                    parts.join(", ")
                ),
            });
        }
    }
}

fn read_file(
    src: &SourceFile,
    file: TrFile,
    lang: Lang,
    article: &mut Article,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some(a) = &file.article {
        let a = a.get_ref();
        let title = text(src, &a.title, "article title", errors);
        let summary = text(src, &a.summary, "article summary", errors);
        put(&mut article.tr, lang, title, summary);
    }
    let unknown = |what: &str, id: &str, at: usize| {
        src.error(
            at,
            format!("unknown {what} `{id}`: translations must name an id of the English files"),
        )
    };
    for (id, f) in &file.glossary {
        let Some(e) = article.glossary.iter_mut().find(|e| e.id.as_str() == id) else {
            errors.push(unknown("term", id, f.span().start));
            continue;
        };
        let v = f.get_ref();
        let name = text(src, &v.term, &format!("term `{id}`: term"), errors);
        let def = text(
            src,
            &v.definition,
            &format!("term `{id}`: definition"),
            errors,
        );
        put(&mut e.tr, lang, name, def);
    }
    for (id, f) in &file.timeline {
        let Some(e) = article.timeline.iter_mut().find(|e| e.id.as_str() == id) else {
            errors.push(unknown("event", id, f.span().start));
            continue;
        };
        let v = f.get_ref();
        let title = text(src, &v.title, &format!("event `{id}`: title"), errors);
        let body = text(src, &v.text, &format!("event `{id}`: text"), errors);
        put(&mut e.tr, lang, title, body);
    }
    for (id, f) in &file.entities {
        let Some(e) = article.entities.iter_mut().find(|e| e.id.as_str() == id) else {
            errors.push(unknown("entity", id, f.span().start));
            continue;
        };
        let v = f.get_ref();
        let name = text(src, &v.name, &format!("entity `{id}`: name"), errors);
        let desc = text(
            src,
            &v.description,
            &format!("entity `{id}`: description"),
            errors,
        );
        put(&mut e.tr, lang, name, desc);
    }
}
