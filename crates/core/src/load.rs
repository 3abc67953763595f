//! Decoding content JSON fetched at run time. Anything from outside is untrusted: every failure is a value the
//! app can show, never a panic.

use crate::json::{self, FromJson, Json, JsonError, Res};
use crate::model::{
    Article, ArticleIndex, Block, DocKind, Document, EntityId, Inline, OccurrenceId, Quote,
    SentenceId, TermId, FORMAT_VERSION, MCQ_OPTIONS,
};
use crate::model::{ArticleSlug, IsoDate, Source};
use crate::syllabus::SyllabusPaper;
use crate::timeline::{EventDate, PartialDate};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why content could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request failed before an answer came (offline, DNS, CORS…).
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// The answer is not the JSON we expect.
    Corrupt(String),
    /// The content was compiled for another version of the app.
    Version { found: u32 },
    /// The JSON has the right shape, but breaks a rule the app relies on (an answer that is not one of the
    /// options, a link to an actor or term the article does not have…); the detail names the item.
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(e) => write!(f, "The network request failed ({e}). Check your connection and try again."),
            Self::Http(404) => write!(f, "The content was not found on the server (HTTP 404)."),
            Self::Http(s) => write!(f, "The server answered with an error (HTTP {s})."),
            Self::Corrupt(e) => write!(f, "The content file is damaged or incomplete ({e})."),
            Self::Version { found } => write!(
                f,
                "The content was built for another version of this app (format {found}, expected {FORMAT_VERSION}). Reload the page to update."
            ),
            Self::Invalid(e) => write!(f, "The content file has an error and cannot be shown ({e})."),
        }
    }
}

/// The content's format version, read before anything else: content of another version may have another
/// shape, and that is what the reader needs to hear about.
fn format_version(json: &str) -> Option<u32> {
    let mut version = None;
    let mut j = Json::new(json);
    j.object(&mut |j, k| match k {
        "format_version" => j.field(&mut version, k),
        _ => j.skip(),
    })
    .ok()?;
    version
}

fn decode<T: FromJson>(json: &str) -> Result<T, LoadError> {
    match format_version(json) {
        Some(v) if v != FORMAT_VERSION => Err(LoadError::Version { found: v }),
        _ => json::from_str(json).map_err(|e| LoadError::Corrupt(short(&e))),
    }
}

fn short(e: &JsonError) -> String {
    format!("line {}, column {}", e.line, e.column)
}

pub fn decode_article(json: &str) -> Result<Article, LoadError> {
    let mut decoder = ArticleDecoder::new(json)?;
    loop {
        if let Some(article) = decoder.step()? {
            return Ok(article);
        }
    }
}

/// An article's JSON split at its top level: the small fields decoded, the large ones still text.
struct ArticleParts<'a> {
    format_version: u32,
    slug: ArticleSlug,
    title: String,
    date: IsoDate,
    source: Source,
    papers: Vec<SyllabusPaper>,
    summary: String,
    brief: &'a str,
    full: &'a str,
    glossary: &'a str,
    timeline: &'a str,
    entities: &'a str,
    relations: &'a str,
    mcqs: &'a str,
    mains: &'a str,
    tr: Option<&'a str>,
}

impl<'a> ArticleParts<'a> {
    fn split(json: &'a str) -> Res<Self> {
        let mut j = Json::new(json);
        let (
            mut format_version,
            mut slug,
            mut title,
            mut date,
            mut source,
            mut papers,
            mut summary,
        ) = (None, None, None, None, None, None, None);
        // The large parts, in the order of `LARGE`.
        let mut large: [Option<&'a str>; 9] = [None; 9];
        const LARGE: [&str; 9] = [
            "brief",
            "full",
            "glossary",
            "timeline",
            "entities",
            "relations",
            "mcqs",
            "mains",
            "tr",
        ];
        j.object(&mut |j, k| match k {
            "format_version" => j.field(&mut format_version, k),
            "slug" => j.field(&mut slug, k),
            "title" => j.field(&mut title, k),
            "date" => j.field(&mut date, k),
            "source" => j.field(&mut source, k),
            "papers" => j.field(&mut papers, k),
            "summary" => j.field(&mut summary, k),
            _ => match LARGE.iter().position(|l| *l == k) {
                Some(i) if large[i].is_some() => Err(j.error(&format!("duplicate field `{k}`"))),
                Some(i) => {
                    large[i] = Some(j.raw()?);
                    Ok(())
                }
                None => j.skip(),
            },
        })?;
        j.end()?;
        let [brief, full, glossary, timeline, entities, relations, mcqs, mains, tr] = large;
        Ok(Self {
            format_version: j.need(format_version, "format_version")?,
            slug: j.need(slug, "slug")?,
            title: j.need(title, "title")?,
            date: j.need(date, "date")?,
            source: j.need(source, "source")?,
            papers: j.need(papers, "papers")?,
            summary: j.need(summary, "summary")?,
            brief: j.need(brief, "brief")?,
            full: j.need(full, "full")?,
            glossary: j.need(glossary, "glossary")?,
            timeline: j.need(timeline, "timeline")?,
            entities: j.need(entities, "entities")?,
            relations: j.need(relations, "relations")?,
            mcqs: j.need(mcqs, "mcqs")?,
            mains: j.need(mains, "mains")?,
            // `null` is as good as absent, as with serde's `Option`.
            tr: tr.filter(|t| *t != "null"),
        })
    }
}

/// Decodes an article a part at a time, so the browser can run in between: each [`step`](Self::step) decodes
/// one part (the texts, the glossary, the timeline and map, the questions) and the last checks the whole.
/// In the wasm each part's decoder is compiled the first time it runs, on the page's one thread; in one go
/// the decode held it for ~29 ms on this machine, ~21 ms of them compiling.
pub struct ArticleDecoder<'a> {
    parts: ArticleParts<'a>,
    /// Until the last step hands it over.
    article: Option<Article>,
    next: usize,
}

/// An [`ArticleDecoder`] of what a first view needs: the metadata, the texts and the glossary (checked by
/// [`check_texts`]); the rest stays JSON, in [`Self::later_parts`]. A type of its own, not a flag, so that the
/// code that decodes the rest is not linked where only this one is used (the app's first wasm module).
pub struct FirstViewDecoder<'a>(ArticleDecoder<'a>);

impl<'a> FirstViewDecoder<'a> {
    pub fn new(json: &'a str) -> Result<Self, LoadError> {
        ArticleDecoder::new(json).map(Self)
    }

    /// As [`ArticleDecoder::step`], for the first view's parts.
    pub fn step(&mut self) -> Result<Option<Article>, LoadError> {
        self.0.step_parts(false)
    }

    /// The parts this decoder leaves undecoded.
    pub fn later_parts(&self) -> LaterParts {
        let p = &self.0.parts;
        LaterParts {
            timeline: p.timeline.into(),
            entities: p.entities.into(),
            relations: p.relations.into(),
            mcqs: p.mcqs.into(),
            mains: p.mains.into(),
        }
    }
}

/// The parts of an article a first view does not need (the actors and relations, the timeline, the
/// questions), still JSON: the app decodes them in the code of the views that show them (its wasm chunks), so
/// their decoders are not in the code every page loads first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaterParts {
    timeline: Box<str>,
    entities: Box<str>,
    relations: Box<str>,
    mcqs: Box<str>,
    mains: Box<str>,
}

impl LaterParts {
    /// Decodes the parts into `a`, an article a [`FirstViewDecoder`] decoded, and checks what they
    /// bring ([`check_later`]).
    pub fn decode_into(&self, a: &mut Article) -> Result<(), LoadError> {
        a.timeline = part_of(&self.timeline, "timeline")?;
        a.entities = part_of(&self.entities, "entities")?;
        a.relations = part_of(&self.relations, "relations")?;
        a.mcqs = part_of(&self.mcqs, "mcqs")?;
        a.mains = part_of(&self.mains, "mains")?;
        check_later(a).map_err(LoadError::Invalid)
    }
}

impl<'a> ArticleDecoder<'a> {
    /// How many [`step`](Self::step)s an article takes.
    pub const STEPS: usize = 6;

    /// Splits the JSON and checks its format version.
    pub fn new(json: &'a str) -> Result<Self, LoadError> {
        let parts = match ArticleParts::split(json) {
            Ok(p) => p,
            // Another version may have another shape: say which version it is rather than what broke.
            Err(e) => {
                return Err(match format_version(json) {
                    Some(v) if v != FORMAT_VERSION => LoadError::Version { found: v },
                    _ => LoadError::Corrupt(short(&e)),
                })
            }
        };
        if parts.format_version != FORMAT_VERSION {
            return Err(LoadError::Version {
                found: parts.format_version,
            });
        }
        let article = Article {
            format_version: parts.format_version,
            slug: parts.slug.clone(),
            title: parts.title.clone(),
            date: parts.date,
            source: parts.source.clone(),
            papers: parts.papers.clone(),
            summary: parts.summary.clone(),
            brief: Document {
                kind: DocKind::Brief,
                title: String::new(),
                blocks: Vec::new(),
            },
            full: Document {
                kind: DocKind::Full,
                title: String::new(),
                blocks: Vec::new(),
            },
            glossary: Vec::new(),
            timeline: Vec::new(),
            entities: Vec::new(),
            relations: Vec::new(),
            mcqs: Vec::new(),
            mains: Vec::new(),
            tr: Default::default(),
        };
        Ok(Self {
            parts,
            article: Some(article),
            next: 0,
        })
    }

    /// Decodes the next part; the article, checked, once the last is done.
    pub fn step(&mut self) -> Result<Option<Article>, LoadError> {
        self.step_parts(true)
    }

    /// A step; with `all` false, of the first view's parts only. Inlined into both callers so that each has
    /// only the code its `all` reaches.
    #[inline(always)]
    fn step_parts(&mut self, all: bool) -> Result<Option<Article>, LoadError> {
        let p = &self.parts;
        let Some(a) = self.article.as_mut() else {
            return Err(LoadError::Corrupt("decoded already".into()));
        };
        let step = self.next;
        self.next += 1;
        match step {
            0 => a.brief = part_of(p.brief, "brief")?,
            1 => a.full = part_of(p.full, "full")?,
            2 => a.glossary = part_of(p.glossary, "glossary")?,
            3 if all => {
                a.timeline = part_of(p.timeline, "timeline")?;
                a.entities = part_of(p.entities, "entities")?;
                a.relations = part_of(p.relations, "relations")?;
            }
            3 => {}
            4 => {
                if all {
                    a.mcqs = part_of(p.mcqs, "mcqs")?;
                    a.mains = part_of(p.mains, "mains")?;
                }
                if let Some(tr) = p.tr {
                    a.tr = part_of(tr, "tr")?;
                }
            }
            _ => {
                if all {
                    check_article(a)
                } else {
                    check_texts(a)
                }
                .map_err(LoadError::Invalid)?;
                return Ok(self.article.take());
            }
        }
        Ok(None)
    }
}

fn part_of<T: FromJson>(json: &str, name: &str) -> Result<T, LoadError> {
    json::from_str(json).map_err(|e| LoadError::Corrupt(format!("{name}: {}", short(&e))))
}

/// Checks the rules the app relies on beyond the JSON shape, so a view can index and look up without
/// checking: every MCQ has exactly [`MCQ_OPTIONS`] distinct, non-empty options and its answer is one of them
/// (so every authored question passes `quiz::is_well_formed`);
/// ids are unique; every id an item refers to (relation ends, event actors and terms, term links in the
/// texts, see-also, question terms) exists; every quote cites sentences the texts have; every glossary
/// occurrence is a term link of that entry in the texts; heading levels are 2–4; dates are real calendar
/// dates of years 0–9999 and spans do not end before they start; `before` links of undated events point at
/// another event and end at a dated one. The compiler enforces all of this on its side; this is the app's
/// guard against content it did not build (a stale cache, a hand-edited file, a bug). The error names the
/// first problem found.
pub fn check_article(a: &Article) -> Result<(), String> {
    check_texts(a)?;
    check_later(a)
}

/// The ids of sentences and term links the texts have, which everything else may cite, and of the glossary's
/// entries; checking the texts on the way.
struct Cited<'a> {
    sentences: HashSet<SentenceId>,
    links: HashMap<OccurrenceId, &'a TermId>,
    terms: HashSet<&'a TermId>,
}

fn cited(a: &Article) -> Result<Cited<'_>, String> {
    let mut sentences: HashSet<SentenceId> = HashSet::new();
    let mut links: HashMap<OccurrenceId, &TermId> = HashMap::new();
    let terms: HashSet<&TermId> = unique(a.glossary.iter().map(|e| &e.id), "glossary entry")?;
    for (doc, kind) in [(&a.brief, DocKind::Brief), (&a.full, DocKind::Full)] {
        if doc.kind != kind {
            return Err(format!(
                "the {} is marked as the {} text",
                kind.key(),
                doc.kind.key()
            ));
        }
        check_document(doc, &terms, &mut sentences, &mut links)
            .map_err(|e| format!("{}: {e}", kind.key()))?;
    }
    Ok(Cited {
        sentences,
        links,
        terms,
    })
}

fn known_terms(
    terms: &HashSet<&TermId>,
    ids: &[TermId],
    what: &dyn Fn() -> String,
) -> Result<(), String> {
    match ids.iter().find(|t| !terms.contains(t)) {
        Some(t) => Err(format!("{}: unknown glossary entry `{t}`", what())),
        None => Ok(()),
    }
}

/// [`check_article`]'s rules for what the first view shows: the texts and the glossary (the part
/// [`FirstViewDecoder`] decodes).
pub fn check_texts(a: &Article) -> Result<(), String> {
    let Cited { links, terms, .. } = cited(a)?;
    for e in &a.glossary {
        let what = || format!("glossary entry `{}`", e.id);
        known_terms(&terms, &e.see_also, &what)?;
        for o in &e.occurrences {
            if links.get(&o.id) != Some(&&e.id) {
                return Err(format!(
                    "{}: occurrence {} is not a link to it in the texts",
                    what(),
                    o.id.anchor()
                ));
            }
        }
    }
    Ok(())
}

/// [`check_article`]'s rules for the rest: the actors and relations, the timeline and the questions (the
/// parts [`LaterParts`] decodes), against the texts and the glossary.
pub fn check_later(a: &Article) -> Result<(), String> {
    let Cited {
        sentences, terms, ..
    } = cited(a)?;
    let quote = |q: &Quote, what: &dyn Fn() -> String| -> Result<(), String> {
        match q.sentences.iter().find(|s| !sentences.contains(s)) {
            Some(s) => Err(format!(
                "{}: its quote cites sentence {}, which the article does not have",
                what(),
                s.anchor()
            )),
            None => Ok(()),
        }
    };
    let known_terms = |ids: &[TermId], what: &dyn Fn() -> String| known_terms(&terms, ids, what);

    let entities: HashSet<&EntityId> = unique(a.entities.iter().map(|e| &e.id), "actor")?;
    for e in &a.entities {
        known_terms(e.term.as_slice(), &|| format!("actor `{}`", e.id))?;
    }
    for (k, r) in a.relations.iter().enumerate() {
        let what = || format!("relation {k} ({} {} {})", r.from, r.kind.key(), r.to);
        for id in [Some(&r.from), Some(&r.to), r.about.as_ref()]
            .into_iter()
            .flatten()
        {
            if !entities.contains(id) {
                return Err(format!("{}: unknown actor `{id}`", what()));
            }
        }
        quote(&r.quote, &what)?;
    }

    unique(a.timeline.iter().map(|e| &e.id), "timeline event")?;
    for (i, e) in a.timeline.iter().enumerate() {
        let what = || format!("timeline event `{}`", e.id);
        check_date(&e.date).map_err(|d| format!("{}: {d}", what()))?;
        if let EventDate::Undated { before } = e.date {
            let b = before as usize;
            if b >= a.timeline.len() {
                return Err(format!(
                    "{}: `before` points at event {b}, but there are {}",
                    what(),
                    a.timeline.len()
                ));
            }
            if b == i {
                return Err(format!("{}: `before` points at itself", what()));
            }
            // Follow the chain: it must reach a dated event within as many steps as there are events.
            let mut cur = b;
            for _ in 0..a.timeline.len() {
                match a.timeline.get(cur).map(|e| &e.date) {
                    Some(EventDate::Undated { before }) => cur = *before as usize,
                    _ => break,
                }
            }
            if !matches!(
                a.timeline.get(cur).map(|e| &e.date),
                Some(EventDate::On(_) | EventDate::Span(..))
            ) {
                return Err(format!(
                    "{}: `before` links go round in a circle or lead nowhere, never reaching a dated event",
                    what()
                ));
            }
        }
        known_terms(&e.terms, &what)?;
        if let Some(x) = e.entities.iter().find(|x| !entities.contains(x)) {
            return Err(format!("{}: unknown actor `{x}`", what()));
        }
        quote(&e.quote, &what)?;
    }

    unique(a.mcqs.iter().map(|m| &m.id), "question")?;
    for m in &a.mcqs {
        let what = || format!("question `{}`", m.id);
        let n = m.options.len();
        if n != MCQ_OPTIONS {
            return Err(format!("{} has {n} options, not {MCQ_OPTIONS}", what()));
        }
        if m.options.iter().any(|o| o.trim().is_empty()) {
            return Err(format!("{} has an empty option", what()));
        }
        // Compared as a reader would see them (and as `quiz::is_well_formed` does): case and accents aside.
        let distinct: HashSet<String> = m
            .options
            .iter()
            .map(|o| crate::text::fold(o.trim()))
            .collect();
        if distinct.len() != n {
            return Err(format!("{} has two identical options", what()));
        }
        if usize::from(m.answer) >= n {
            return Err(format!(
                "{}: answer {} is not one of its {n} options",
                what(),
                m.answer
            ));
        }
        known_terms(&m.terms, &what)?;
        quote(&m.quote, &what)?;
    }
    unique(a.mains.iter().map(|m| &m.id), "mains question")?;
    for m in &a.mains {
        let what = || format!("mains question `{}`", m.id);
        known_terms(&m.terms, &what)?;
        quote(&m.quote, &what)?;
    }
    Ok(())
}

/// The set of `ids`, or an error naming the first one that appears twice.
fn unique<'a, T: std::hash::Hash + Eq + std::fmt::Display + 'a>(
    ids: impl Iterator<Item = &'a T>,
    what: &str,
) -> Result<HashSet<&'a T>, String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("{what} `{id}` appears twice"));
        }
    }
    Ok(seen)
}

/// Walks a text: heading levels, term links (known entries, in this document, numbered once) and sentences
/// (numbered once), collecting the ids of the last two.
fn check_document<'a>(
    doc: &'a Document,
    terms: &HashSet<&TermId>,
    sentences: &mut HashSet<SentenceId>,
    links: &mut HashMap<OccurrenceId, &'a TermId>,
) -> Result<(), String> {
    fn walk<'a>(
        content: &'a [Inline],
        kind: DocKind,
        terms: &HashSet<&TermId>,
        sentences: &mut HashSet<SentenceId>,
        links: &mut HashMap<OccurrenceId, &'a TermId>,
    ) -> Result<(), String> {
        for i in content {
            match i {
                Inline::Text(_) => {}
                Inline::Strong(c) | Inline::Emphasis(c) => walk(c, kind, terms, sentences, links)?,
                Inline::Term(t) => {
                    let at = t.occurrence.anchor();
                    if t.occurrence.doc != kind {
                        return Err(format!("term link {at} belongs to the other text"));
                    }
                    if !terms.contains(&t.term) {
                        return Err(format!(
                            "term link {at} points at unknown glossary entry `{}`",
                            t.term
                        ));
                    }
                    if links.insert(t.occurrence, &t.term).is_some() {
                        return Err(format!("term link {at} appears twice"));
                    }
                    walk(&t.content, kind, terms, sentences, links)?;
                }
                Inline::Sentence { index, content } => {
                    let id = SentenceId {
                        doc: kind,
                        index: *index,
                    };
                    if !sentences.insert(id) {
                        return Err(format!("sentence {} appears twice", id.anchor()));
                    }
                    walk(content, kind, terms, sentences, links)?;
                }
            }
        }
        Ok(())
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level, content } => {
                if !(2..=4).contains(level) {
                    return Err(format!("heading level {level} (2 to 4 expected)"));
                }
                walk(content, doc.kind, terms, sentences, links)?;
            }
            Block::Paragraph { content, .. } => walk(content, doc.kind, terms, sentences, links)?,
            Block::List { items, .. } => {
                for item in items {
                    walk(item, doc.kind, terms, sentences, links)?;
                }
            }
        }
    }
    Ok(())
}

/// A timeline date the views can show and place: real calendar dates, years 0–9999 (the timeline has a
/// column per year a span touches), spans that do not end before they start.
fn check_date(d: &EventDate) -> Result<(), String> {
    fn one(p: &PartialDate) -> Result<(), String> {
        if !(0..=9999).contains(&p.year) {
            return Err(format!("year {} is outside 0–9999", p.year));
        }
        match (p.month, p.day) {
            (None, Some(_)) => Err("a day without a month".into()),
            (Some(m), _) if !(1..=12).contains(&m) => Err(format!("month {m} does not exist")),
            (Some(m), Some(day))
                if PartialDate::parse(&format!("{:04}-{m:02}-{day:02}", p.year)).is_none() =>
            {
                Err(format!("day {day} is not in {:04}-{m:02}", p.year))
            }
            _ => Ok(()),
        }
    }
    match d {
        EventDate::On(p) => one(p),
        EventDate::Span(a, b) => {
            one(a)?;
            one(b)?;
            if b.last_day() < a.first_day() {
                return Err(format!("the span {} ends before it starts", d.label()));
            }
            Ok(())
        }
        EventDate::Undated { .. } => Ok(()),
    }
}

pub fn decode_index(json: &str) -> Result<ArticleIndex, LoadError> {
    decode(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_decodes_in_steps_to_what_one_pass_gives() {
        let whole: Article = serde_json::from_str(SEED).unwrap();
        let mut d = ArticleDecoder::new(SEED).unwrap();
        for k in 1..ArticleDecoder::STEPS {
            assert_eq!(d.step(), Ok(None), "step {k}");
        }
        assert_eq!(d.step(), Ok(Some(whole.clone())));
        assert!(d.step().is_err(), "nothing left to hand over");
        assert_eq!(decode_article(SEED), Ok(whole));
    }

    #[test]
    fn a_damaged_part_is_named_and_another_format_is_reported_as_a_version() {
        let damaged = SEED.replacen("\"glossary\":[", "\"glossary\":[7,", 1);
        assert_ne!(damaged, SEED);
        match decode_article(&damaged) {
            Err(LoadError::Corrupt(e)) => assert!(e.starts_with("glossary: line 1"), "{e}"),
            other => panic!("{other:?}"),
        }
        // A later format may lack today's fields: the version is what the reader needs to hear about.
        assert_eq!(
            decode_article("{\"format_version\":99,\"slug\":\"x\"}").map(|_| ()),
            Err(LoadError::Version { found: 99 })
        );
        let v = SEED.replacen(
            &format!("\"format_version\":{FORMAT_VERSION}"),
            "\"format_version\":98",
            1,
        );
        assert_eq!(
            decode_article(&v).map(|_| ()),
            Err(LoadError::Version { found: 98 })
        );
    }

    #[test]
    fn truncated_wrong_version_and_garbage_are_values_not_panics() {
        let v = FORMAT_VERSION;
        let truncated = format!("{{\"format_version\":{v},\"articles\":[");
        assert!(matches!(
            decode_index(&truncated),
            Err(LoadError::Corrupt(_))
        ));
        assert_eq!(
            decode_index("{\"format_version\":99,\"articles\":[]}"),
            Err(LoadError::Version { found: 99 })
        );
        assert!(matches!(
            decode_article("<!doctype html>"),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(decode_article(""), Err(LoadError::Corrupt(_))));
        let incomplete = format!("{{\"format_version\":{v}}}");
        assert!(matches!(
            decode_article(&incomplete),
            Err(LoadError::Corrupt(_))
        ));
        let empty = format!("{{\"format_version\":{v},\"articles\":[]}}");
        assert_eq!(decode_index(&empty).unwrap().articles.len(), 0);
        assert!(LoadError::Http(404).to_string().contains("not found"));
    }

    const SEED: &str = include_str!("../../../tests/fixtures/article.json");

    /// Decoded as the app does: the first view's parts, then the later ones.
    fn decode_in_two(json: &str) -> Result<Article, LoadError> {
        let mut d = FirstViewDecoder::new(json)?;
        let later = d.later_parts();
        let mut a = loop {
            if let Some(a) = d.step()? {
                break a;
            }
        };
        later.decode_into(&mut a)?;
        Ok(a)
    }

    /// The seed fixture with one change made to its JSON, decoded; decoded in two gives the same (so every
    /// rule below is checked by one of the two halves).
    fn decode_changed(change: impl FnOnce(&mut serde_json::Value)) -> Result<Article, LoadError> {
        let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
        change(&mut v);
        let json = v.to_string();
        let whole = decode_article(&json);
        assert_eq!(decode_in_two(&json), whole, "decoded in two");
        whole
    }

    #[test]
    fn the_first_view_decodes_texts_and_glossary_and_leaves_the_rest_for_later() {
        let whole = decode_article(SEED).unwrap();
        let mut d = FirstViewDecoder::new(SEED).unwrap();
        let later = d.later_parts();
        let first = loop {
            if let Some(a) = d.step().unwrap() {
                break a;
            }
        };
        assert_eq!(
            (&first.brief, &first.full, &first.glossary, &first.tr),
            (&whole.brief, &whole.full, &whole.glossary, &whole.tr)
        );
        assert!(
            first.timeline.is_empty() && first.entities.is_empty() && first.relations.is_empty()
        );
        assert!(first.mcqs.is_empty() && first.mains.is_empty());
        let mut a = first.clone();
        later.decode_into(&mut a).unwrap();
        assert_eq!(a, whole);
        // A rule of the later parts is theirs to report; the first view does not see it.
        let bad = SEED.replacen("\"answer\":2", "\"answer\":7", 1);
        assert_ne!(bad, SEED);
        let mut d = FirstViewDecoder::new(&bad).unwrap();
        let later = d.later_parts();
        let mut first = loop {
            if let Some(a) = d.step().unwrap() {
                break a;
            }
        };
        assert!(
            matches!(later.decode_into(&mut first), Err(LoadError::Invalid(e)) if e.contains("answer 7"))
        );
        // A damaged later part is named.
        let damaged = SEED.replacen("\"timeline\":[", "\"timeline\":[7,", 1);
        assert_ne!(damaged, SEED);
        match decode_in_two(&damaged) {
            Err(LoadError::Corrupt(e)) => assert!(e.starts_with("timeline: line 1"), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    /// Decoding must give `LoadError::Invalid` whose detail mentions every one of `words`.
    fn assert_invalid(r: Result<Article, LoadError>, words: &[&str]) {
        match r {
            Err(LoadError::Invalid(detail)) => {
                for w in words {
                    assert!(detail.contains(w), "`{detail}` should mention `{w}`");
                }
                let shown = LoadError::Invalid(detail.clone()).to_string();
                assert!(shown.contains(&detail), "{shown}");
            }
            Ok(_) => panic!("expected LoadError::Invalid mentioning {words:?}, it decoded"),
            Err(e) => panic!("expected LoadError::Invalid mentioning {words:?}, got {e:?}"),
        }
    }

    #[test]
    fn the_seed_decodes_and_passes_every_check() {
        let a = decode_article(SEED).expect("seed decodes");
        assert_eq!(check_article(&a), Ok(()));
        // Unchanged JSON through the helper too, so the helper itself is not what fails below.
        assert!(decode_changed(|_| {}).is_ok());
    }

    #[test]
    fn malformed_questions_are_load_errors_not_panics() {
        assert_invalid(
            decode_changed(|v| v["mcqs"][0]["answer"] = 7.into()),
            &["crosetto-office", "answer 7"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][0]["answer"] = 4.into()),
            &["crosetto-office", "answer 4"],
        );
        assert_invalid(
            decode_changed(|v| {
                v["mcqs"][1]["options"]
                    .as_array_mut()
                    .unwrap()
                    .push("A fifth option".into())
            }),
            &["manekshaw-centre-venue", "5 options"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][1]["options"] = serde_json::json!([])),
            &["manekshaw-centre-venue", "0 options"],
        );
        assert_invalid(
            decode_changed(|v| {
                v["mcqs"][2]["options"] = serde_json::json!(["Rome", "Milan"]);
                v["mcqs"][2]["answer"] = 1.into();
            }),
            &["italy-exclusivity-assurance", "2 options"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][3]["options"][1] = "  ".into()),
            &["wass-torpedoes", "empty option"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][3]["options"][1] = v["mcqs"][3]["options"][2].clone()),
            &["wass-torpedoes", "identical options"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][4]["id"] = v["mcqs"][5]["id"].clone()),
            &["wassenaar-non-participants", "twice"],
        );
        // Out of the u8 range the JSON shape is already wrong.
        assert!(matches!(
            decode_changed(|v| v["mcqs"][0]["answer"] = 300.into()),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn dangling_references_are_load_errors() {
        assert_invalid(
            decode_changed(|v| v["relations"][0]["to"] = "atlantis".into()),
            &["relation", "atlantis"],
        );
        assert_invalid(
            decode_changed(|v| v["relations"][0]["from"] = "atlantis".into()),
            &["relation", "atlantis"],
        );
        assert_invalid(
            decode_changed(|v| v["relations"][0]["about"] = "atlantis".into()),
            &["relation", "atlantis"],
        );
        assert_invalid(
            decode_changed(|v| v["entities"][0]["term"] = "no-such-term".into()),
            &["no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| v["glossary"][0]["see_also"][0] = "no-such-term".into()),
            &["adani-defence-aerospace", "no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][0]["terms"] = serde_json::json!(["no-such-term"])),
            &["crosetto-office", "no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| v["mains"][0]["terms"] = serde_json::json!(["no-such-term"])),
            &["india-italy-red-lines", "no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| v["timeline"][9]["entities"] = serde_json::json!(["atlantis"])),
            &["atlantis"],
        );
        assert_invalid(
            decode_changed(|v| v["timeline"][9]["terms"] = serde_json::json!(["no-such-term"])),
            &["no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| v["entities"][1]["id"] = v["entities"][0]["id"].clone()),
            &["twice"],
        );
        // A quote citing a sentence the article does not have.
        assert_invalid(
            decode_changed(|v| v["relations"][0]["quote"]["sentences"][0]["index"] = 99_999.into()),
            &["s-brief-99999"],
        );
        assert_invalid(
            decode_changed(|v| v["mcqs"][0]["quote"]["sentences"][0]["index"] = 99_999.into()),
            &["crosetto-office"],
        );
    }

    #[test]
    fn broken_timeline_links_and_dates_are_load_errors() {
        let n = serde_json::from_str::<serde_json::Value>(SEED).unwrap()["timeline"]
            .as_array()
            .unwrap()
            .len();
        assert_invalid(
            decode_changed(|v| v["timeline"][0]["date"]["undated"]["before"] = n.into()),
            &["before", &n.to_string()],
        );
        assert_invalid(
            decode_changed(|v| v["timeline"][0]["date"]["undated"]["before"] = 0.into()),
            &["before"],
        );
        // 0 → 1 → 0: a circle that never reaches a dated event.
        assert_invalid(
            decode_changed(|v| v["timeline"][1]["date"]["undated"]["before"] = 0.into()),
            &["circle"],
        );
        for (date, what) in [
            (
                serde_json::json!({"on": {"year": 2026, "month": 13, "day": null}}),
                "month 13",
            ),
            (
                serde_json::json!({"on": {"year": 2026, "month": 0, "day": null}}),
                "month 0",
            ),
            (
                serde_json::json!({"on": {"year": 2026, "month": 2, "day": 30}}),
                "day 30",
            ),
            (
                serde_json::json!({"on": {"year": 2026, "month": null, "day": 3}}),
                "day without a month",
            ),
            (
                serde_json::json!({"on": {"year": 12026, "month": null, "day": null}}),
                "year 12026",
            ),
            (
                serde_json::json!({"span": [{"year": -2147483648, "month": null, "day": null}, {"year": 2147483647, "month": null, "day": null}]}),
                "year -2147483648",
            ),
            (
                serde_json::json!({"span": [{"year": 2027, "month": null, "day": null}, {"year": 2026, "month": null, "day": null}]}),
                "ends before it starts",
            ),
        ] {
            assert_invalid(decode_changed(|v| v["timeline"][9]["date"] = date), &[what]);
        }
    }

    #[test]
    fn broken_documents_are_load_errors() {
        // The first block of the full text is a heading; find a term link in the brief to break.
        fn first_term(v: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
            match v {
                serde_json::Value::Object(m) => {
                    if m.contains_key("term") && m["term"].is_object() {
                        return m.get_mut("term");
                    }
                    m.values_mut().find_map(first_term)
                }
                serde_json::Value::Array(a) => a.iter_mut().find_map(first_term),
                _ => None,
            }
        }
        assert_invalid(
            decode_changed(|v| {
                first_term(&mut v["brief"]).unwrap()["term"] = "no-such-term".into()
            }),
            &["brief", "no-such-term"],
        );
        assert_invalid(
            decode_changed(|v| {
                first_term(&mut v["brief"]).unwrap()["occurrence"]["doc"] = "full".into()
            }),
            &["brief", "occ-full-"],
        );
        assert_invalid(
            decode_changed(|v| v["brief"]["blocks"][0]["heading"]["level"] = 9.into()),
            &["brief", "heading level 9"],
        );
        assert_invalid(
            decode_changed(|v| v["brief"]["kind"] = "full".into()),
            &["brief"],
        );
        assert_invalid(
            decode_changed(|v| v["glossary"][0]["occurrences"][0]["id"]["index"] = 99_999.into()),
            &["adani-defence-aerospace", "occ-full-99999"],
        );
        assert_invalid(
            decode_changed(|v| {
                v["brief"]["blocks"][1] = v["brief"]["blocks"][0].clone();
            }),
            &["s-brief-0", "twice"],
        );
    }
}
