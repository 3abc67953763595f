//! [`FromJson`] for the content model, the app's side of the JSON the compiler writes with serde. Each impl
//! mirrors the type's serde attributes (renames, `default`, externally tagged enums); the tests decode the
//! seed article and generated values both ways and compare, so the two cannot drift unnoticed.

use crate::i18n::Lang;
use crate::json::{FromJson, Json, JsonKey, Res};
use crate::model::*;
use crate::syllabus::{SyllabusPaper, SyllabusTag};
use crate::timeline::{EventDate, PartialDate};
use crate::{json_struct, json_unit_enum};

macro_rules! string_ids {
    ($($t:ident),*) => {$(
        impl FromJson for $t {
            fn from_json(j: &mut Json<'_>) -> Res<Self> {
                j.string().map(Self)
            }
        }
    )*};
}
string_ids!(TermId, ArticleSlug, EventId, EntityId);

json_unit_enum!(SyllabusPaper { GS1 = "GS1", GS2 = "GS2", GS3 = "GS3", GS4 = "GS4" });
json_unit_enum!(Lang { En = "en", Hi = "hi" });
json_unit_enum!(McqKind { Single = "single", Statements = "statements" });
// Their serde names are their `key()`s, which the URLs and filters use too; the tests below check the two
// agree for every variant.
macro_rules! by_key {
    ($($t:ident),*) => {$(
        impl FromJson for $t {
            fn from_json(j: &mut Json<'_>) -> Res<Self> {
                let k = j.string()?;
                $t::ALL
                    .into_iter()
                    .find(|v| v.key() == k)
                    .ok_or_else(|| j.error(&format!("unknown variant `{k}`")))
            }
        }
    )*};
}
by_key!(DocKind, EventCategory, EntityKind, RelationKind);

impl JsonKey for Lang {
    fn from_key(k: &str) -> Option<Self> {
        Lang::ALL.into_iter().find(|l| l.code() == k)
    }
}

impl FromJson for IsoDate {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        let s = j.string()?;
        IsoDate::parse(&s).ok_or_else(|| j.error(&format!("bad date `{s}`")))
    }
}

json_struct!(OccurrenceId { doc, index });
json_struct!(SentenceId { doc, index });
json_struct!(Quote { text, sentences });
json_struct!(SyllabusTag { paper, area });
json_struct!(PartialDate { year } optional { month, day });
json_struct!(Translation {} optional { name, text });
json_struct!(TermRef {
    term,
    occurrence,
    content
});
json_struct!(Occurrence {
    id,
    before,
    matched,
    after
});
json_struct!(Source { name } optional { url });
json_struct!(Document {
    kind,
    title,
    blocks
});
json_struct!(GlossaryEntry { id, term, aliases, definition, tags, see_also, occurrences } optional { tr });
json_struct!(TimelineEvent { id, title, text, date, category, tags, terms, entities, quote } optional { tr });
json_struct!(Entity { id, name, kind, description, prominent } optional { term, tr });
json_struct!(Relation { from, to, kind, label, quote } optional { about });
json_struct!(Mcq {
    id,
    kind,
    question,
    statements,
    options,
    answer,
    explanation,
    quote,
    tags,
    terms
});
json_struct!(MainsQuestion {
    id,
    question,
    tags,
    marks,
    words,
    outline,
    terms,
    quote
});
json_struct!(ArticleSummary {
    slug,
    title,
    date,
    papers,
    summary,
    term_count
});
json_struct!(ArticleIndex {
    format_version,
    articles
});
json_struct!(Article {
    format_version, slug, title, date, source, papers, summary, brief, full, glossary, timeline,
    entities, relations, mcqs, mains
} optional { tr });

impl FromJson for Inline {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        j.tagged(
            &["text", "strong", "emphasis", "term", "sentence"],
            &mut |j, tag| {
                Ok(match tag {
                    0 => Inline::Text(j.string()?),
                    1 => Inline::Strong(Vec::from_json(j)?),
                    2 => Inline::Emphasis(Vec::from_json(j)?),
                    3 => Inline::Term(TermRef::from_json(j)?),
                    _ => {
                        let (mut index, mut content) = (None, None);
                        j.object(&mut |j, k| match k {
                            "index" => j.field(&mut index, k),
                            "content" => j.field(&mut content, k),
                            _ => j.skip(),
                        })?;
                        Inline::Sentence {
                            index: j.need(index, "index")?,
                            content: j.need(content, "content")?,
                        }
                    }
                })
            },
        )
    }
}

impl FromJson for Block {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        j.tagged(&["heading", "paragraph", "list"], &mut |j, tag| {
            let (mut level, mut flag, mut content, mut items) = (None, None, None, None);
            let flag_key = ["", "lead", "ordered"][tag];
            j.object(&mut |j, k| match k {
                "level" if tag == 0 => j.field(&mut level, k),
                "content" if tag < 2 => j.field(&mut content, k),
                "items" if tag == 2 => j.field(&mut items, k),
                _ if tag > 0 && k == flag_key => j.field(&mut flag, k),
                _ => j.skip(),
            })?;
            Ok(match tag {
                0 => Block::Heading {
                    level: j.need(level, "level")?,
                    content: j.need(content, "content")?,
                },
                1 => Block::Paragraph {
                    lead: j.need(flag, "lead")?,
                    content: j.need(content, "content")?,
                },
                _ => Block::List {
                    ordered: j.need(flag, "ordered")?,
                    items: j.need(items, "items")?,
                },
            })
        })
    }
}

impl FromJson for EventDate {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        j.tagged(&["on", "span", "undated"], &mut |j, tag| match tag {
            0 => PartialDate::from_json(j).map(EventDate::On),
            1 => {
                let ends: Vec<PartialDate> = Vec::from_json(j)?;
                match ends[..] {
                    [a, b] => Ok(EventDate::Span(a, b)),
                    _ => Err(j.error("a span has two ends")),
                }
            }
            _ => {
                let mut before = None;
                j.object(&mut |j, k| match k {
                    "before" => j.field(&mut before, k),
                    _ => j.skip(),
                })?;
                Ok(EventDate::Undated {
                    before: j.need(before, "before")?,
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::from_str;
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    const SEED: &str = include_str!("../../../tests/fixtures/article.json");

    fn same<T: FromJson + DeserializeOwned + PartialEq + Debug>(json: &str) {
        let ours = from_str::<T>(json);
        let theirs = serde_json::from_str::<T>(json);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("{json}\nours: {a:?}\nserde: {b:?}"),
        }
    }

    /// serde's name of every variant is its `key()`, and both decoders read it.
    fn names_are_keys<T>(all: &[T], key: fn(&T) -> &str)
    where
        T: FromJson + DeserializeOwned + serde::Serialize + PartialEq + Debug,
    {
        for k in all {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", key(k)));
            same::<T>(&json);
        }
    }

    #[test]
    fn the_seed_article_decodes_as_serde_decodes_it() {
        let ours: Article = from_str(SEED).unwrap();
        let theirs: Article = serde_json::from_str(SEED).unwrap();
        assert_eq!(ours, theirs);
        // And every part has something in it, so the comparison covers every type.
        assert!(!ours.timeline.is_empty() && !ours.relations.is_empty() && !ours.mains.is_empty());
        assert!(ours.glossary.iter().any(|e| !e.tr.is_empty()));
        // What the compiler writes today, re-encoded, reads back the same.
        let again: Article = from_str(&serde_json::to_string_pretty(&ours).unwrap()).unwrap();
        assert_eq!(again, theirs);
    }

    /// A differential check in place of fuzzing on machines without nightly (scripts/fuzz): the seed with
    /// bytes cut, replaced or inserted must give the same value, or an error, from both decoders.
    #[test]
    fn damaged_seeds_decode_as_serde_decodes_them() {
        let seed = SEED.as_bytes();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        const BYTES: &[u8] = b"{}[],:\"\\0123456789-.eE tfnulx";
        let (mut ok, mut failed) = (0, 0);
        for _ in 0..300 {
            let mut b = seed.to_vec();
            for _ in 0..1 + next(3) {
                let at = next(b.len());
                match next(3) {
                    0 => {
                        b.remove(at);
                    }
                    1 => b[at] = BYTES[next(BYTES.len())],
                    _ => b.insert(at, BYTES[next(BYTES.len())]),
                }
            }
            let Ok(json) = std::str::from_utf8(&b) else {
                continue;
            };
            match (
                from_str::<Article>(json),
                serde_json::from_str::<Article>(json),
            ) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b);
                    ok += 1;
                }
                (Err(_), Err(_)) => failed += 1,
                (a, b) => panic!(
                    "they disagree on\n{json}\nours: {:?}\nserde: {:?}",
                    a.map(|_| ()),
                    b.map(|_| ())
                ),
            }
        }
        // Both outcomes were exercised.
        assert!(ok > 20 && failed > 20, "{ok} decoded, {failed} refused");
    }

    #[test]
    fn edge_cases_decode_as_serde_does() {
        for json in [
            r#"{"on":{"year":2026}}"#,
            r#"{"on":{"year":2026,"month":4,"day":null}}"#,
            r#"{"span":[{"year":2026},{"year":2027,"month":3}]}"#,
            r#"{"span":[{"year":2026}]}"#,
            r#"{"span":[{"year":2026},{"year":2026},{"year":2026}]}"#,
            r#"{"undated":{"before":3}}"#,
            r#"{"undated":{"before":-3}}"#,
            r#"{"later":{"before":3}}"#,
            r#"{"on":{"year":2026},"span":[]}"#,
            r#"{}"#,
            r#""on""#,
        ] {
            same::<EventDate>(json);
        }
        for json in [
            r#"{"text":"a"}"#,
            r#"{"strong":[{"text":"a"},{"emphasis":[]}]}"#,
            r#"{"sentence":{"index":4,"content":[{"text":"x"}],"extra":1}}"#,
            r#"{"sentence":{"index":4}}"#,
            r#"{"term":{"term":"t","occurrence":{"doc":"brief","index":0},"content":[]}}"#,
            r#"{"term":{"term":"t","occurrence":{"doc":"other","index":0},"content":[]}}"#,
            r#"{"text":1}"#,
        ] {
            same::<Inline>(json);
        }
        for json in [
            r#"{"heading":{"level":2,"content":[]}}"#,
            r#"{"heading":{"level":2,"content":[],"lead":true}}"#,
            r#"{"paragraph":{"lead":false,"content":[{"text":"a"}]}}"#,
            r#"{"paragraph":{"content":[]}}"#,
            r#"{"list":{"ordered":true,"items":[[{"text":"a"}],[]]}}"#,
            r#"{"list":{"ordered":true,"items":[[{"text":"a"}]],"items":[]}}"#,
        ] {
            same::<Block>(json);
        }
        for json in [
            r#"{"name":"PIB","url":null}"#,
            r#"{"name":"PIB"}"#,
            r#"{"name":"PIB","url":"https://pib.gov.in"}"#,
        ] {
            same::<Source>(json);
        }
        for json in [
            r#""2024-02-29""#,
            r#""2026-02-29""#,
            r#""2026-4-30""#,
            "20260430",
        ] {
            same::<IsoDate>(json);
        }
        for json in [
            r#"{"hi":{"name":"न"}}"#,
            r#"{"hi":{"text":"t","name":null}}"#,
            r#"{"fr":{}}"#,
            r#"{}"#,
        ] {
            same::<Translations>(json);
        }
        same::<Vec<SyllabusPaper>>(r#"["GS1","GS4"]"#);
        same::<Vec<SyllabusPaper>>(r#"["GS5"]"#);
        names_are_keys(&RelationKind::ALL, |k| k.key());
        names_are_keys(&EntityKind::ALL, |k| k.key());
        names_are_keys(&DocKind::ALL, |k| k.key());
        names_are_keys(&EventCategory::ALL, |k| k.key());
        same::<RelationKind>(r#""supply""#);
    }
}
