//! Timeline (`timeline.toml`) and relationship map (`map.toml`): parsing, validation, and locating every
//! evidence quote in the compiled texts.

use crate::diag::{Diagnostic, SourceFile};
use crate::sentences::TextUnit;
use explainer_core::model::*;
use explainer_core::syllabus::parse_tag;
use explainer_core::text::fold;
use explainer_core::timeline::{order_events, parse_event_date, EventDate};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    title: Spanned<String>,
    text: Spanned<String>,
    date: Option<Spanned<String>>,
    before: Option<Spanned<String>>,
    category: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    entities: Vec<Spanned<String>>,
    quote: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    relation: Vec<Spanned<RawRelation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    description: Spanned<String>,
    term: Option<Spanned<String>>,
    #[serde(default)]
    prominent: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    from: Spanned<String>,
    to: Spanned<String>,
    kind: Spanned<String>,
    about: Option<Spanned<String>>,
    label: Spanned<String>,
    quote: Spanned<String>,
}

/// The text units of both documents, to find quotes in.
pub struct QuoteIndex<'a> {
    pub units: Vec<(DocKind, &'a TextUnit)>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl QuoteIndex<'_> {
    /// Finds a verbatim quote; the error explains what is wrong.
    pub fn locate(&self, quote: &str) -> Result<Quote, String> {
        let q = collapse(quote);
        if q.chars().count() < 8 {
            return Err("quote is too short to identify a sentence (at least 8 characters)".into());
        }
        for (doc, unit) in &self.units {
            let (text, ranges) = (&unit.text, &unit.sentences);
            if let Some(at) = text.find(&q) {
                let end = at + q.len();
                let sentences = ranges
                    .iter()
                    .filter(|(_, s, e)| *s < end && *e > at)
                    .map(|(i, _, _)| SentenceId {
                        doc: *doc,
                        index: *i,
                    })
                    .collect();
                return Ok(Quote { text: q, sentences });
            }
        }
        let fq = fold(&q);
        let near = self.units.iter().any(|(_, u)| fold(&u.text).contains(&fq));
        Err(if near {
            format!("quote is not verbatim in the article (it matches only when case, accents or hyphens are ignored: copy the exact characters): \"{q}\"")
        } else {
            format!("quote not found verbatim in the brief or the full article (quotes must lie within one paragraph): \"{q}\"")
        })
    }
}

fn nonempty(
    src: &SourceFile,
    v: &Spanned<String>,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let s = v.get_ref().trim();
    if s.is_empty() {
        errors.push(src.error(v.span().start, format!("{what} is empty")));
    }
    s.to_string()
}

/// Reads an optional TOML file: its text and contents (empty if there is no file), or `None` (with the error
/// reported) if it cannot be read or parsed.
pub(crate) fn read_toml<T: for<'de> Deserialize<'de> + Default>(
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, T)> {
    if !path.exists() {
        return Some((String::new(), T::default()));
    }
    // The same reading and parsing as every other file (so a non-UTF-8 file gets the same message).
    let text = crate::read(path, errors)?;
    let value = crate::parse_toml(&SourceFile::new(path, &text), errors)?;
    Some((text, value))
}

/// Compiles the map: entities and relations; `None` if `map.toml` cannot be read or parsed (that error is
/// reported, and references to its entities elsewhere are not checked, since they could not be).
pub fn compile_map(
    dir: &Path,
    glossary: &HashSet<String>,
    quotes: &QuoteIndex,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Vec<Entity>, Vec<Relation>)> {
    let path = dir.join("map.toml");
    let (text, file): (String, MapFile) = read_toml(&path, errors)?;
    let src = SourceFile::new(&path, &text);
    let mut entities = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for raw in &file.entity {
        let e = raw.get_ref();
        let id = e.id.get_ref().clone();
        if !is_valid_id(&id) {
            errors.push(src.error(
                e.id.span().start,
                format!("entity id `{id}` is not valid: use lowercase letters, digits and `-`"),
            ));
        } else if ids.contains_key(&id) {
            errors.push(src.error(e.id.span().start, format!("duplicate entity id `{id}`")));
        }
        let kind = EntityKind::from_key(e.kind.get_ref()).unwrap_or_else(|| {
            let all: Vec<&str> = EntityKind::ALL.iter().map(|k| k.key()).collect();
            errors.push(src.error(
                e.kind.span().start,
                format!(
                    "unknown entity kind `{}` (use one of: {})",
                    e.kind.get_ref(),
                    all.join(", ")
                ),
            ));
            EntityKind::Organisation
        });
        if let Some(t) = &e.term {
            if !glossary.contains(t.get_ref()) {
                errors
                    .push(src.error(t.span().start, format!("unknown term id `{}`", t.get_ref())));
            }
        }
        ids.entry(id.clone()).or_insert(entities.len());
        entities.push(Entity {
            id: EntityId(id),
            name: nonempty(&src, &e.name, "entity name", errors),
            kind,
            description: nonempty(&src, &e.description, "entity description", errors),
            term: e.term.as_ref().map(|t| TermId(t.get_ref().clone())),
            prominent: e.prominent,
            tr: Translations::new(),
        });
    }
    let check = |v: &Spanned<String>, errors: &mut Vec<Diagnostic>| {
        if !ids.contains_key(v.get_ref()) {
            errors.push(src.error(
                v.span().start,
                format!("unknown entity id `{}`", v.get_ref()),
            ));
        }
    };
    let mut relations = Vec::new();
    let mut seen: HashSet<(String, String, RelationKind)> = HashSet::new();
    for raw in &file.relation {
        let r = raw.get_ref();
        check(&r.from, errors);
        check(&r.to, errors);
        if let Some(a) = &r.about {
            check(a, errors);
        }
        let Some(kind) = RelationKind::from_key(r.kind.get_ref()) else {
            let all: Vec<&str> = RelationKind::ALL.iter().map(|k| k.key()).collect();
            errors.push(src.error(
                r.kind.span().start,
                format!(
                    "unknown relation kind `{}` (use one of: {})",
                    r.kind.get_ref(),
                    all.join(", ")
                ),
            ));
            continue;
        };
        let (from, to) = (r.from.get_ref().clone(), r.to.get_ref().clone());
        if from == to {
            errors.push(src.error(
                r.to.span().start,
                format!("relation `{}` from `{from}` to itself", kind.key()),
            ));
        }
        let reverse_dup = kind.is_symmetric() && seen.contains(&(to.clone(), from.clone(), kind));
        if !seen.insert((from.clone(), to.clone(), kind)) || reverse_dup {
            errors.push(src.error(
                raw.span().start,
                format!("duplicate relation `{from}` {} `{to}`", kind.key()),
            ));
        }
        let quote = match quotes.locate(r.quote.get_ref()) {
            Ok(q) => q,
            Err(m) => {
                errors.push(src.error(r.quote.span().start, m));
                continue;
            }
        };
        relations.push(Relation {
            from: EntityId(from),
            to: EntityId(to),
            kind,
            about: r.about.as_ref().map(|a| EntityId(a.get_ref().clone())),
            label: nonempty(&src, &r.label, "relation label", errors),
            quote,
        });
    }
    Some((entities, relations))
}

/// Compiles the timeline; events come back in timeline order. `entities` is `None` when the map could not be
/// read: entity references are then not checked.
pub fn compile_timeline(
    dir: &Path,
    glossary: &HashSet<String>,
    entities: Option<&[Entity]>,
    quotes: &QuoteIndex,
    errors: &mut Vec<Diagnostic>,
) -> Vec<TimelineEvent> {
    let path = dir.join("timeline.toml");
    let Some((text, file)): Option<(String, TimelineFile)> = read_toml(&path, errors) else {
        return Vec::new();
    };
    let src = SourceFile::new(&path, &text);
    let entity_ids: Option<HashSet<&str>> =
        entities.map(|es| es.iter().map(|e| e.id.as_str()).collect());
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, raw) in file.event.iter().enumerate() {
        let id = raw.get_ref().id.get_ref();
        if !is_valid_id(id) {
            errors.push(src.error(
                raw.get_ref().id.span().start,
                format!("event id `{id}` is not valid: use lowercase letters, digits and `-`"),
            ));
        } else if index.insert(id.clone(), i).is_some() {
            errors.push(src.error(
                raw.get_ref().id.span().start,
                format!("duplicate event id `{id}`"),
            ));
        }
    }
    let mut events: Vec<TimelineEvent> = Vec::new();
    let before = errors.len();
    for raw in &file.event {
        let e = raw.get_ref();
        let date = match (&e.date, &e.before) {
            (Some(d), None) => parse_event_date(d.get_ref()).unwrap_or_else(|m| {
                errors.push(src.error(d.span().start, m));
                EventDate::Undated { before: 0 }
            }),
            (None, Some(b)) => match index.get(b.get_ref()) {
                Some(&i) => EventDate::Undated { before: i as u32 },
                None => {
                    errors.push(src.error(
                        b.span().start,
                        format!("unknown event id `{}` in before", b.get_ref()),
                    ));
                    EventDate::Undated { before: 0 }
                }
            },
            (Some(d), Some(_)) => {
                errors.push(src.error(
                    d.span().start,
                    "an event has either a date or `before` (for undated events), not both",
                ));
                EventDate::Undated { before: 0 }
            }
            (None, None) => {
                errors.push(src.error(
                    e.id.span().start,
                    format!(
                        "event `{}` needs a date, or `before` if the sources give none",
                        e.id.get_ref()
                    ),
                ));
                EventDate::Undated { before: 0 }
            }
        };
        let category = EventCategory::from_key(e.category.get_ref()).unwrap_or_else(|| {
            let all: Vec<&str> = EventCategory::ALL.iter().map(|k| k.key()).collect();
            errors.push(src.error(
                e.category.span().start,
                format!(
                    "unknown category `{}` (use one of: {})",
                    e.category.get_ref(),
                    all.join(", ")
                ),
            ));
            EventCategory::Diplomacy
        });
        let mut tags = Vec::new();
        for t in &e.tags {
            match parse_tag(t.get_ref()) {
                Ok(tag) => tags.push(tag),
                Err(m) => errors
                    .push(src.error(t.span().start, format!("event `{}`: {m}", e.id.get_ref()))),
            }
        }
        if e.tags.is_empty() {
            errors.push(src.error(
                e.id.span().start,
                format!(
                    "event `{}` has no syllabus tag: add tags = [\"GSn: Area\"]",
                    e.id.get_ref()
                ),
            ));
        }
        for t in &e.terms {
            if !glossary.contains(t.get_ref()) {
                errors
                    .push(src.error(t.span().start, format!("unknown term id `{}`", t.get_ref())));
            }
        }
        for en in &e.entities {
            if entity_ids
                .as_ref()
                .is_some_and(|ids| !ids.contains(en.get_ref().as_str()))
            {
                errors.push(src.error(
                    en.span().start,
                    format!("unknown entity id `{}`", en.get_ref()),
                ));
            }
        }
        let quote = quotes.locate(e.quote.get_ref()).unwrap_or_else(|m| {
            errors.push(src.error(e.quote.span().start, m));
            Quote {
                text: String::new(),
                sentences: vec![],
            }
        });
        events.push(TimelineEvent {
            id: EventId(e.id.get_ref().clone()),
            title: nonempty(&src, &e.title, "event title", errors),
            text: nonempty(&src, &e.text, "event text", errors),
            date,
            category,
            tags,
            terms: e
                .terms
                .iter()
                .map(|t| TermId(t.get_ref().clone()))
                .collect(),
            entities: e
                .entities
                .iter()
                .map(|t| EntityId(t.get_ref().clone()))
                .collect(),
            quote,
            tr: Translations::new(),
        });
    }
    // "before" chains must end at a dated event.
    for (i, raw) in file.event.iter().enumerate() {
        let mut cur = i;
        for _ in 0..=events.len() {
            match events[cur].date {
                EventDate::Undated { before } => cur = before as usize,
                _ => break,
            }
        }
        if matches!(events[cur].date, EventDate::Undated { .. }) && errors.len() == before {
            let b = raw
                .get_ref()
                .before
                .as_ref()
                .map_or(raw.span().start, |b| b.span().start);
            errors.push(src.error(b, format!("`before` links of event `{}` go round in a circle and never reach a dated event", raw.get_ref().id.get_ref())));
        }
    }
    if errors.len() > before {
        return Vec::new();
    }
    let order = order_events(&events.iter().map(|e| e.date.clone()).collect::<Vec<_>>());
    let sorted: Vec<usize> = order.all().collect();
    let mut new_index = vec![0u32; events.len()];
    for (new, &old) in sorted.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let mut out: Vec<TimelineEvent> = sorted.iter().map(|&i| events[i].clone()).collect();
    for e in &mut out {
        if let EventDate::Undated { before } = &mut e.date {
            *before = new_index[*before as usize];
        }
    }
    out
}
