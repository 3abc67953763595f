//! The content compiler: `content/<slug>/` (article.toml, brief and full HTML, glossary.toml) → validated
//! typed JSON for the app, plus a plain static HTML page per article. Every problem is reported as
//! `file:line:col: message`; if there is any, nothing is written.

pub mod annotation;
pub mod corpus;
pub mod critical;
pub mod diag;
pub mod document;
pub mod html;
pub mod questions;
pub mod sentences;
pub mod shells;
pub mod site;
pub mod split;
pub mod static_page;
pub mod story;
pub mod translations;

use diag::{Diagnostic, SourceFile};
use document::{sanitise, Emitter, Linker, SegBlock, TermTarget};
use explainer_core::model::*;
use explainer_core::syllabus::{parse_tag, SyllabusPaper};
use explainer_core::text::fold;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    title: Spanned<String>,
    date: Spanned<String>,
    source: SourceMeta,
    papers: Vec<Spanned<String>>,
    summary: Spanned<String>,
    brief: DocFile,
    full: DocFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMeta {
    name: Spanned<String>,
    url: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocFile {
    file: Spanned<String>,
    title: Spanned<String>,
    #[serde(default = "yes")]
    autolink: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Option<Spanned<String>>,
    term: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    definition: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    see_also: Vec<Spanned<String>>,
}

/// Everything compiled from a content directory.
#[derive(Debug)]
pub struct Compiled {
    pub index: ArticleIndex,
    pub articles: Vec<Article>,
    /// Non-fatal findings (e.g. a glossary term that never occurs).
    pub warnings: Vec<Diagnostic>,
}

pub(crate) fn read(path: &Path, errors: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                // Located at the first bad byte: line and column count the valid text before it.
                let at = e.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
                errors.push(
                    SourceFile::new(path, valid)
                        .error(at, format!("file is not valid UTF-8 (byte {at})")),
                );
                None
            }
        },
        Err(e) => {
            errors.push(Diagnostic {
                file: path.into(),
                line: 1,
                col: 1,
                message: format!("cannot read file: {e}"),
            });
            None
        }
    }
}

pub(crate) fn parse_toml<T: for<'de> Deserialize<'de>>(
    src: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    match toml::from_str::<T>(src.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            errors.push(src.error(at, e.message().trim().to_string()));
            None
        }
    }
}

/// Compiles every article directory under `content_dir` (each subdirectory with an `article.toml`).
pub fn compile_dir(content_dir: &Path) -> Result<Compiled, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut dirs: Vec<PathBuf> = match fs::read_dir(content_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("article.toml").is_file())
            .collect(),
        Err(e) => {
            return Err(vec![Diagnostic {
                file: content_dir.into(),
                line: 1,
                col: 1,
                message: format!("cannot read content directory: {e}"),
            }])
        }
    };
    dirs.sort();
    if dirs.is_empty() {
        return Err(vec![Diagnostic {
            file: content_dir.into(),
            line: 1,
            col: 1,
            message: "no articles: expected subdirectories with an article.toml".into(),
        }]);
    }
    let mut articles = Vec::new();
    for dir in &dirs {
        if let Some(a) = compile_article(dir, &mut errors, &mut warnings) {
            articles.push(a);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    articles.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    let index = ArticleIndex {
        format_version: FORMAT_VERSION,
        articles: articles
            .iter()
            .map(|a| ArticleSummary {
                slug: a.slug.clone(),
                title: a.title.clone(),
                date: a.date,
                papers: a.papers.clone(),
                summary: a.summary.clone(),
                term_count: a.glossary.len() as u32,
            })
            .collect(),
    };
    Ok(Compiled {
        index,
        articles,
        warnings,
    })
}

struct EntryDraft {
    id: TermId,
    /// Where the entry is written: its id (or `[[term]]`) in glossary.toml, or the annotation that made it.
    origin: Diagnostic,
    term: String,
    aliases: Vec<String>,
    definition: Option<String>,
    tags: Vec<explainer_core::SyllabusTag>,
    see_also: Vec<Spanned<String>>,
}

/// Compiles one article directory; problems go to `errors`.
pub fn compile_article(
    dir: &Path,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let before = errors.len();
    let slug_str = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let meta_path = dir.join("article.toml");
    let meta_text = read(&meta_path, errors)?;
    let meta_src = SourceFile::new(&meta_path, &meta_text);
    if !is_valid_id(&slug_str) {
        errors.push(meta_src.error(0, format!("article directory name `{slug_str}` is not a valid slug (lowercase letters, digits, `-`)")));
    }
    let meta: ArticleFile = parse_toml(&meta_src, errors)?;

    let date = IsoDate::parse(meta.date.get_ref());
    if date.is_none() {
        errors.push(meta_src.error(
            meta.date.span().start,
            format!(
                "bad date `{}`: use a real calendar date as YYYY-MM-DD",
                meta.date.get_ref()
            ),
        ));
    }
    for (field, v) in [
        ("title", &meta.title),
        ("summary", &meta.summary),
        ("source.name", &meta.source.name),
    ] {
        if v.get_ref().trim().is_empty() {
            errors.push(meta_src.error(v.span().start, format!("`{field}` is empty")));
        }
    }
    if let Some(url) = &meta.source.url {
        if !url.get_ref().starts_with("https://") {
            errors.push(meta_src.error(url.span().start, "source.url must be an https:// address"));
        }
    }
    let mut papers = Vec::new();
    for p in &meta.papers {
        match SyllabusPaper::ALL
            .into_iter()
            .find(|x| x.to_string() == *p.get_ref())
        {
            Some(x) => papers.push(x),
            None => errors.push(meta_src.error(
                p.span().start,
                format!("unknown paper `{}`: use GS1, GS2, GS3 or GS4", p.get_ref()),
            )),
        }
    }

    // Glossary file (optional: a brief's annotations alone can make a glossary).
    let gloss_path = dir.join("glossary.toml");
    let gloss_text = if gloss_path.exists() {
        read(&gloss_path, errors)
    } else {
        Some(String::new())
    };
    let gloss_text = gloss_text.unwrap_or_default();
    let gloss_src = SourceFile::new(&gloss_path, &gloss_text);
    let gloss: GlossaryFile = parse_toml(&gloss_src, errors).unwrap_or_default();

    let mut drafts: Vec<EntryDraft> = Vec::new();
    for raw in &gloss.term {
        let t = raw.get_ref();
        let name = t.term.get_ref().trim().to_string();
        if name.is_empty() {
            errors.push(gloss_src.error(t.term.span().start, "term name is empty"));
        }
        let id = match &t.id {
            Some(id) => {
                if !is_valid_id(id.get_ref()) {
                    errors.push(gloss_src.error(
                        id.span().start,
                        format!(
                            "term id `{}` is not valid: use lowercase letters, digits and `-`",
                            id.get_ref()
                        ),
                    ));
                }
                id.get_ref().clone()
            }
            None => slugify(&name),
        };
        let at = t.id.as_ref().map_or(raw.span().start, |i| i.span().start);
        let mut tags = Vec::new();
        for tag in &t.tags {
            match parse_tag(tag.get_ref()) {
                Ok(tg) => tags.push(tg),
                Err(e) => {
                    errors.push(gloss_src.error(tag.span().start, format!("term `{id}`: {e}")))
                }
            }
        }
        if t.tags.is_empty() {
            errors.push(gloss_src.error(
                at,
                format!("term `{id}` has no syllabus tag: add tags = [\"GSn: Area\"]"),
            ));
        }
        if let Some(d) = &t.definition {
            if d.get_ref().trim().is_empty() {
                errors.push(gloss_src.error(
                    d.span().start,
                    format!("term `{id}` has an empty definition"),
                ));
            }
        }
        drafts.push(EntryDraft {
            id: TermId(id),
            origin: gloss_src.error(at, ""),
            term: name,
            aliases: t
                .aliases
                .iter()
                .map(|a| a.get_ref().trim().to_string())
                .collect(),
            definition: t
                .definition
                .as_ref()
                .map(|d| d.get_ref().trim().to_string()),
            tags,
            see_also: t.see_also.clone(),
        });
    }

    // Documents.
    struct Doc {
        kind: DocKind,
        title: String,
        autolink: bool,
        path: PathBuf,
        text: String,
        blocks: Vec<SegBlock>,
    }
    let mut docs: Vec<Doc> = Vec::new();
    for (kind, df) in [(DocKind::Brief, &meta.brief), (DocKind::Full, &meta.full)] {
        let file = df.file.get_ref();
        if file.contains("..") || file.starts_with('/') {
            errors.push(meta_src.error(
                df.file.span().start,
                "document file must be a plain name inside the article directory",
            ));
            continue;
        }
        let path = dir.join(file);
        let Some(text) = read(&path, errors) else {
            continue;
        };
        let (nodes, perrs) = html::parse(&text);
        let src = SourceFile::new(&path, &text);
        errors.extend(perrs.into_iter().map(|(at, m)| src.error(at, m)));
        let (blocks, serrs) = sanitise(&nodes);
        errors.extend(serrs.into_iter().map(|(at, m)| src.error(at, m)));
        let has_text = blocks.iter().any(|b| match b {
            SegBlock::Heading { content, .. } | SegBlock::Paragraph { content, .. } => {
                !content.is_empty()
            }
            SegBlock::List { items, .. } => items.iter().any(|i| !i.is_empty()),
        });
        if !has_text {
            errors.push(src.error(
                0,
                format!(
                    "{} is empty: an article needs text",
                    kind.label().to_lowercase()
                ),
            ));
        }
        docs.push(Doc {
            kind,
            title: df.title.get_ref().trim().to_string(),
            autolink: df.autolink,
            path,
            text,
            blocks,
        });
    }

    // Brief annotations name terms; match them to the glossary by name or alias, or add them.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut name_errors = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        for form in std::iter::once(&d.term).chain(&d.aliases) {
            let key = fold(form);
            if let Some(&j) = by_name.get(&key) {
                if j != i {
                    name_errors.push((
                        i,
                        format!(
                            "`{form}` names both `{}` and `{}`: a name or alias must be unique",
                            drafts[j].id, d.id
                        ),
                    ));
                }
            } else {
                by_name.insert(key, i);
            }
        }
    }
    for (i, msg) in name_errors {
        errors.push(drafts[i].origin.at(msg));
    }
    for doc in &docs {
        let src = SourceFile::new(&doc.path, &doc.text);
        for_each_target(&doc.blocks, &mut |t| {
            if let TermTarget::Annotated {
                annotation,
                text,
                at,
            } = t
            {
                let found = by_name
                    .get(&fold(&annotation.term))
                    .or_else(|| by_name.get(&fold(text)))
                    .copied();
                match found {
                    Some(i) => {
                        let d = &mut drafts[i];
                        if d.definition.is_none() {
                            d.definition = Some(annotation.definition.clone());
                        }
                    }
                    None => {
                        let id = slugify(&annotation.term);
                        if id.is_empty() {
                            errors.push(src.error(
                                *at,
                                format!("cannot make an id from term `{}`", annotation.term),
                            ));
                            return;
                        }
                        by_name.insert(fold(&annotation.term), drafts.len());
                        drafts.push(EntryDraft {
                            id: TermId(id),
                            origin: src.error(*at, ""),
                            term: annotation.term.clone(),
                            aliases: vec![],
                            definition: Some(annotation.definition.clone()),
                            tags: annotation.tags.clone(),
                            see_also: vec![],
                        });
                    }
                }
            }
        });
    }

    // Ids must be unique; see_also and data-term must point at one.
    let mut id_index: HashMap<&str, usize> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        if let Some(&j) = id_index.get(d.id.as_str()) {
            let msg = format!(
                "duplicate term id `{}` (first used by `{}`)",
                d.id, drafts[j].term
            );
            errors.push(d.origin.at(msg));
        } else {
            id_index.insert(d.id.as_str(), i);
        }
    }
    for d in &drafts {
        for s in &d.see_also {
            if !id_index.contains_key(s.get_ref().as_str()) {
                errors.push(gloss_src.error(
                    s.span().start,
                    format!(
                        "unknown term id `{}` in see_also of `{}`",
                        s.get_ref(),
                        d.id
                    ),
                ));
            }
        }
        if d.definition.is_none() {
            errors.push(d.origin.at(format!(
                "term `{}` has no definition (in glossary.toml or a brief annotation)",
                d.id
            )));
        }
    }
    for doc in &docs {
        let src = SourceFile::new(&doc.path, &doc.text);
        for_each_target(&doc.blocks, &mut |t| {
            if let TermTarget::Id { id, at } = t {
                if !id_index.contains_key(id.as_str()) {
                    errors.push(src.error(*at, format!("unknown term id `{id}`")));
                }
            }
        });
    }
    if errors.len() > before {
        return None;
    }

    // Link and number.
    let ids: Vec<TermId> = drafts.iter().map(|d| d.id.clone()).collect();
    let names: Vec<Vec<String>> = drafts
        .iter()
        .map(|d| {
            std::iter::once(d.term.clone())
                .chain(d.aliases.clone())
                .collect()
        })
        .collect();
    let linker = Linker::new(&names);
    let resolve = |t: &TermTarget| -> Option<usize> {
        match t {
            TermTarget::Id { id, .. } => id_index.get(id.as_str()).copied(),
            TermTarget::Annotated {
                annotation, text, ..
            } => by_name
                .get(&fold(&annotation.term))
                .or_else(|| by_name.get(&fold(text)))
                .copied(),
        }
    };
    let mut occurrences: Vec<Vec<Occurrence>> = vec![Vec::new(); drafts.len()];
    let mut built: Vec<Document> = Vec::new();
    let mut units: Vec<(DocKind, sentences::TextUnit)> = Vec::new();
    for doc in &docs {
        let mut em = Emitter::new(doc.kind, &linker, &ids, &resolve, doc.autolink);
        let blocks = doc.blocks.iter().map(|b| em.block(b)).collect();
        for (idx, o) in em.occurrences {
            occurrences[idx].push(o);
        }
        units.extend(em.units.into_iter().map(|u| (doc.kind, u)));
        built.push(Document {
            kind: doc.kind,
            title: doc.title.clone(),
            blocks,
        });
    }
    let mut glossary: Vec<GlossaryEntry> = drafts
        .into_iter()
        .zip(occurrences)
        .map(|(d, occurrences)| GlossaryEntry {
            id: d.id,
            term: d.term,
            aliases: d.aliases,
            definition: d.definition.unwrap_or_default(),
            tags: d.tags,
            see_also: d
                .see_also
                .into_iter()
                .map(|s| TermId(s.into_inner()))
                .collect(),
            occurrences,
            tr: Translations::new(),
        })
        .collect();
    for e in &glossary {
        if e.occurrences.is_empty() {
            warnings.push(Diagnostic {
                file: gloss_path.clone(),
                line: 1,
                col: 1,
                message: format!("warning: term `{}` never occurs in the article", e.id),
            });
        }
    }
    glossary.sort_by_key(|e| fold(&e.term));

    // Timeline and map cite sentences of the texts just built.
    let quotes = story::QuoteIndex {
        units: units.iter().map(|(d, u)| (*d, u)).collect(),
    };
    let term_ids: std::collections::HashSet<String> =
        glossary.iter().map(|e| e.id.0.clone()).collect();
    let map = story::compile_map(dir, &term_ids, &quotes, errors);
    let map_entities = map.as_ref().map(|(e, _)| e.as_slice());
    let timeline = story::compile_timeline(dir, &term_ids, map_entities, &quotes, errors);
    let (entities, relations) = map.unwrap_or_default();
    let (mcqs, mains) = questions::compile_questions(dir, &term_ids, &quotes, errors);
    if errors.len() > before {
        return None;
    }
    let mut built = built.into_iter();
    let (brief, full) = (built.next()?, built.next()?);
    let papers: Vec<SyllabusPaper> = papers
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut article = Article {
        format_version: FORMAT_VERSION,
        slug: ArticleSlug(slug_str),
        title: meta.title.into_inner().trim().to_string(),
        date: date?,
        source: Source {
            name: meta.source.name.into_inner(),
            url: meta.source.url.map(|u| u.into_inner()),
        },
        papers,
        summary: meta.summary.into_inner().trim().to_string(),
        brief,
        full,
        glossary,
        timeline,
        entities,
        relations,
        mcqs,
        mains,
        tr: Translations::new(),
    };
    translations::apply(dir, &mut article, errors, warnings);
    (errors.len() == before).then_some(article)
}

fn for_each_target(blocks: &[SegBlock], f: &mut dyn FnMut(&TermTarget)) {
    fn segs(s: &[document::Seg], f: &mut dyn FnMut(&TermTarget)) {
        for seg in s {
            match seg {
                document::Seg::Text(_) => {}
                document::Seg::NoLink(c)
                | document::Seg::Strong(c)
                | document::Seg::Emphasis(c) => segs(c, f),
                document::Seg::Term { target, content } => {
                    f(target);
                    segs(content, f);
                }
            }
        }
    }
    for b in blocks {
        match b {
            SegBlock::Heading { content, .. } | SegBlock::Paragraph { content, .. } => {
                segs(content, f)
            }
            SegBlock::List { items, .. } => items.iter().for_each(|i| segs(i, f)),
        }
    }
}

/// Writes `content/index.json`, `content/<slug>.json` and `content/<slug>.html` under `out_dir`.
pub fn write_output(c: &Compiled, out_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(out_dir)?;
    let mut written = Vec::new();
    let mut put = |name: String, data: String| -> std::io::Result<()> {
        let p = out_dir.join(name);
        fs::write(&p, data)?;
        written.push(p);
        Ok(())
    };
    put(
        "index.json".into(),
        serde_json::to_string(&c.index).map_err(std::io::Error::other)?,
    )?;
    for a in &c.articles {
        put(
            format!("{}.json", a.slug),
            serde_json::to_string(a).map_err(std::io::Error::other)?,
        )?;
        put(format!("{}.html", a.slug), static_page::render(a))?;
    }
    put("index.html".into(), static_page::render_index(&c.index))?;
    Ok(written)
}
