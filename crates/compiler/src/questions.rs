//! Authored questions (`questions.toml`): prelims MCQs and mains questions, validated like all content.

use crate::diag::{Diagnostic, SourceFile};
use crate::story::QuoteIndex;
use explainer_core::model::*;
use explainer_core::syllabus::parse_tag;
use explainer_core::text::fold;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    #[serde(default)]
    mcq: Vec<Spanned<RawMcq>>,
    #[serde(default)]
    mains: Vec<Spanned<RawMains>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMcq {
    id: Spanned<String>,
    kind: Spanned<String>,
    question: Spanned<String>,
    #[serde(default)]
    statements: Vec<Spanned<String>>,
    options: Spanned<Vec<Spanned<String>>>,
    answer: Spanned<i64>,
    explanation: Spanned<String>,
    quote: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMains {
    id: Spanned<String>,
    question: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    marks: Spanned<i64>,
    words: Spanned<i64>,
    outline: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    quote: Spanned<String>,
}

struct Ctx<'a> {
    src: SourceFile<'a>,
    glossary: &'a HashSet<String>,
    ids: HashSet<String>,
}

impl Ctx<'_> {
    fn text(&self, v: &Spanned<String>, what: &str, errors: &mut Vec<Diagnostic>) -> String {
        let s = v.get_ref().trim();
        if s.is_empty() {
            errors.push(self.src.error(v.span().start, format!("{what} is empty")));
        }
        s.to_string()
    }

    fn id(&mut self, v: &Spanned<String>, errors: &mut Vec<Diagnostic>) -> String {
        let id = v.get_ref().clone();
        if !is_valid_id(&id) {
            errors.push(self.src.error(
                v.span().start,
                format!("question id `{id}` is not valid: use lowercase letters, digits and `-`"),
            ));
        } else if !self.ids.insert(id.clone()) {
            errors.push(
                self.src
                    .error(v.span().start, format!("duplicate question id `{id}`")),
            );
        }
        id
    }

    fn tags(
        &self,
        owner: &Spanned<String>,
        tags: &[Spanned<String>],
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<explainer_core::SyllabusTag> {
        if tags.is_empty() {
            errors.push(self.src.error(
                owner.span().start,
                format!("question `{}` has no syllabus tag", owner.get_ref()),
            ));
        }
        tags.iter()
            .filter_map(|t| {
                parse_tag(t.get_ref())
                    .map_err(|e| {
                        let msg = format!("question `{}`: {e}", owner.get_ref());
                        errors.push(self.src.error(t.span().start, msg))
                    })
                    .ok()
            })
            .collect()
    }

    fn terms(&self, terms: &[Spanned<String>], errors: &mut Vec<Diagnostic>) -> Vec<TermId> {
        for t in terms {
            if !self.glossary.contains(t.get_ref()) {
                errors.push(
                    self.src
                        .error(t.span().start, format!("unknown term id `{}`", t.get_ref())),
                );
            }
        }
        terms.iter().map(|t| TermId(t.get_ref().clone())).collect()
    }

    fn quote(
        &self,
        v: &Spanned<String>,
        quotes: &QuoteIndex,
        errors: &mut Vec<Diagnostic>,
    ) -> Quote {
        quotes.locate(v.get_ref()).unwrap_or_else(|m| {
            errors.push(self.src.error(v.span().start, m));
            Quote {
                text: String::new(),
                sentences: Vec::new(),
            }
        })
    }
}

/// Compiles `questions.toml` (optional).
pub fn compile_questions(
    dir: &Path,
    glossary: &HashSet<String>,
    quotes: &QuoteIndex,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Mcq>, Vec<MainsQuestion>) {
    let path = dir.join("questions.toml");
    let Some((text, file)): Option<(String, QuestionsFile)> =
        crate::story::read_toml(&path, errors)
    else {
        return (Vec::new(), Vec::new());
    };
    let mut cx = Ctx {
        src: SourceFile::new(&path, &text),
        glossary,
        ids: HashSet::new(),
    };
    let mut mcqs = Vec::new();
    for raw in &file.mcq {
        let m = raw.get_ref();
        let id = cx.id(&m.id, errors);
        let kind = match m.kind.get_ref().as_str() {
            "single" => McqKind::Single,
            "statements" => McqKind::Statements,
            other => {
                errors.push(cx.src.error(
                    m.kind.span().start,
                    format!("unknown question kind `{other}` (use single or statements)"),
                ));
                McqKind::Single
            }
        };
        let statements: Vec<String> = m
            .statements
            .iter()
            .map(|s| cx.text(s, "statement", errors))
            .collect();
        match kind {
            McqKind::Statements if !(2..=4).contains(&statements.len()) => {
                errors.push(cx.src.error(
                    m.kind.span().start,
                    format!(
                        "question `{id}` of kind statements needs 2 to 4 statements, not {}",
                        statements.len()
                    ),
                ))
            }
            McqKind::Single if !statements.is_empty() => errors.push(cx.src.error(
                m.statements[0].span().start,
                format!("question `{id}`: statements are only for kind = \"statements\""),
            )),
            _ => {}
        }
        let options: Vec<String> = m
            .options
            .get_ref()
            .iter()
            .map(|o| cx.text(o, "option", errors))
            .collect();
        if options.len() != 4 {
            errors.push(cx.src.error(
                m.options.span().start,
                format!(
                    "question `{id}` needs exactly 4 options, not {}",
                    options.len()
                ),
            ));
        }
        // Compared as a reader sees them, case and accents aside (as the app checks them).
        let distinct: HashSet<String> = options.iter().map(|o| fold(o)).collect();
        if distinct.len() != options.len() {
            errors.push(cx.src.error(
                m.options.span().start,
                format!("question `{id}` has two identical options"),
            ));
        }
        let answer = *m.answer.get_ref();
        if answer < 0 || answer as usize >= options.len().max(1) {
            errors.push(cx.src.error(
                m.answer.span().start,
                format!("answer {answer} is not the index (0–3) of an option"),
            ));
        }
        let tags = cx.tags(&m.id, &m.tags, errors);
        mcqs.push(Mcq {
            id,
            kind,
            question: cx.text(&m.question, "question", errors),
            statements,
            options,
            answer: answer.clamp(0, 3) as u8,
            explanation: cx.text(&m.explanation, "explanation", errors),
            quote: cx.quote(&m.quote, quotes, errors),
            tags,
            terms: cx.terms(&m.terms, errors),
        });
    }
    let mut mains = Vec::new();
    for raw in &file.mains {
        let m = raw.get_ref();
        let id = cx.id(&m.id, errors);
        let marks = *m.marks.get_ref();
        if ![10, 15, 20, 25].contains(&marks) {
            errors.push(cx.src.error(
                m.marks.span().start,
                format!("marks {marks}: use 10, 15, 20 or 25"),
            ));
        }
        let words = *m.words.get_ref();
        if !(50..=1000).contains(&words) {
            errors.push(cx.src.error(
                m.words.span().start,
                format!("words {words}: use a word limit between 50 and 1000"),
            ));
        }
        let outline: Vec<String> = m
            .outline
            .get_ref()
            .iter()
            .map(|o| cx.text(o, "outline point", errors))
            .collect();
        if outline.len() < 3 {
            errors.push(cx.src.error(
                m.outline.span().start,
                format!("question `{id}` needs an outline of at least 3 points"),
            ));
        }
        let tags = cx.tags(&m.id, &m.tags, errors);
        mains.push(MainsQuestion {
            id,
            question: cx.text(&m.question, "question", errors),
            tags,
            marks: marks.clamp(0, 255) as u8,
            words: words.clamp(0, 60_000) as u16,
            outline,
            terms: cx.terms(&m.terms, errors),
            quote: cx.quote(&m.quote, quotes, errors),
        });
    }
    (mcqs, mains)
}
