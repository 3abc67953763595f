//! Quiz questions: the authored prelims questions, and questions generated from the data alone —
//! chronology (from the timeline), who-did-what (from the map) and which-term (from the glossary). Generation
//! is deterministic for a seed, and every question has exactly one correct option by construction.

use crate::model::{Article, EntityId, Quote, RelationKind, TermId};
use crate::text::Folded;

/// Where a question comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuestionKind {
    Authored,
    Chronology,
    Relation,
    TermMatch,
}

/// A question ready to show: a prompt, optional numbered statements, four options, one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub statements: Vec<String>,
    pub options: Vec<String>,
    pub answer: usize,
    pub explanation: String,
    pub quote: Option<Quote>,
    pub terms: Vec<TermId>,
}

/// What a quiz draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuizSource {
    Authored,
    Chronology,
    Relations,
    Terms,
    Mixed,
}

impl QuizSource {
    pub const ALL: [QuizSource; 5] = [
        Self::Authored,
        Self::Chronology,
        Self::Relations,
        Self::Terms,
        Self::Mixed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Authored => "Prelims questions",
            Self::Chronology => "Put events in order",
            Self::Relations => "Who did what",
            Self::Terms => "Match the term",
            Self::Mixed => "Mixed",
        }
    }
}

/// A small deterministic generator (SplitMix64), so a seed always gives the same quiz.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Puts the correct option among three others at a random place; returns (options, answer index).
fn place(correct: String, mut others: Vec<String>, rng: &mut Rng) -> (Vec<String>, usize) {
    others.truncate(3);
    let at = rng.below(others.len() + 1);
    others.insert(at, correct);
    (others, at)
}

fn authored(article: &Article) -> Vec<Question> {
    article
        .mcqs
        .iter()
        .map(|m| Question {
            id: m.id.clone(),
            kind: QuestionKind::Authored,
            prompt: m.question.clone(),
            statements: m.statements.clone(),
            options: m.options.clone(),
            answer: usize::from(m.answer),
            explanation: m.explanation.clone(),
            quote: Some(m.quote.clone()),
            terms: m.terms.clone(),
        })
        .collect()
}

/// "Arrange in chronological order": four events whose dates do not overlap, so the order is certain.
pub fn chronology(article: &Article, rng: &mut Rng) -> Option<Question> {
    let mut dated: Vec<(usize, (i64, i64))> = article
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.date.range().map(|r| (i, r)))
        .collect();
    rng.shuffle(&mut dated);
    let mut chosen: Vec<(usize, (i64, i64))> = Vec::new();
    for (i, r) in dated {
        if chosen.iter().all(|(_, c)| r.1 < c.0 || c.1 < r.0) {
            chosen.push((i, r));
        }
        if chosen.len() == 4 {
            break;
        }
    }
    if chosen.len() < 4 {
        return None;
    }
    // `chosen` is in shown order (statements 1–4); the answer lists their numbers earliest first.
    let mut by_date: Vec<usize> = (0..4).collect();
    by_date.sort_by_key(|&k| chosen[k].1 .0);
    let label = |perm: &[usize]| {
        perm.iter()
            .map(|k| (k + 1).to_string())
            .collect::<Vec<_>>()
            .join("–")
    };
    let correct = label(&by_date);
    let mut others: Vec<String> = Vec::new();
    while others.len() < 3 {
        let mut p: Vec<usize> = (0..4).collect();
        rng.shuffle(&mut p);
        let l = label(&p);
        if l != correct && !others.contains(&l) {
            others.push(l);
        }
    }
    let (options, answer) = place(correct, others, rng);
    let explanation = by_date
        .iter()
        .map(|&k| {
            let e = &article.timeline[chosen[k].0];
            format!("{} ({})", e.title, e.date.label())
        })
        .collect::<Vec<_>>()
        .join(" → ");
    let ids: Vec<&str> = chosen
        .iter()
        .map(|(i, _)| article.timeline[*i].id.as_str())
        .collect();
    Some(Question {
        id: format!("order:{}", ids.join("+")),
        kind: QuestionKind::Chronology,
        prompt: "Arrange these events in chronological order, earliest first:".into(),
        statements: chosen
            .iter()
            .map(|(i, _)| article.timeline[*i].title.clone())
            .collect(),
        options,
        answer,
        explanation,
        quote: None,
        terms: chosen
            .iter()
            .flat_map(|(i, _)| article.timeline[*i].terms.clone())
            .collect(),
    })
}

fn has_relation(article: &Article, from: &EntityId, kind: RelationKind, to: &EntityId) -> bool {
    article.relations.iter().any(|r| {
        r.kind == kind
            && ((&r.from == from && &r.to == to)
                || (kind.is_symmetric() && &r.from == to && &r.to == from))
    })
}

/// "Who … ?": a stated relation, with distractors of the same kind of actor that do not have it.
pub fn relation(article: &Article, rng: &mut Rng) -> Option<Question> {
    let mut order: Vec<usize> = (0..article.relations.len()).collect();
    rng.shuffle(&mut order);
    for k in order {
        let r = &article.relations[k];
        let (Some(from), Some(to)) = (article.entity(&r.from), article.entity(&r.to)) else {
            continue;
        };
        let mut distractors: Vec<&crate::model::Entity> = article
            .entities
            .iter()
            .filter(|e| e.kind == from.kind && e.id != from.id && e.id != to.id)
            .filter(|e| !has_relation(article, &e.id, r.kind, &r.to))
            .collect();
        if distractors.len() < 3 {
            continue;
        }
        rng.shuffle(&mut distractors);
        let others = distractors.iter().take(3).map(|e| e.name.clone()).collect();
        let (options, answer) = place(from.name.clone(), others, rng);
        return Some(Question {
            id: format!("rel:{}:{}:{}", r.from, r.kind.key(), r.to),
            kind: QuestionKind::Relation,
            prompt: format!(
                "According to the article, which {} {} {}?",
                from.kind.label().to_lowercase(),
                r.kind.label(),
                to.name
            ),
            statements: Vec::new(),
            options,
            answer,
            explanation: format!("{} → {}: {}.", from.name, to.name, r.label),
            quote: Some(r.quote.clone()),
            terms: from.term.iter().chain(to.term.iter()).cloned().collect(),
        });
    }
    None
}

/// Hides the term's own names in its definition, which would give the answer away.
pub fn mask_names(definition: &str, names: &[String]) -> String {
    let mut out = definition.to_string();
    for name in names {
        let name = name.trim();
        if name.chars().count() < 3 {
            continue;
        }
        loop {
            let f = Folded::new(&out);
            let Some(at) = f.text.find(&crate::text::fold(name)) else {
                break;
            };
            let (a, b) = f.original_range(at, at + crate::text::fold(name).len());
            out.replace_range(a..b, "…");
        }
    }
    out
}

/// "Which term matches this definition?", with three other terms (sharing a paper where possible).
pub fn term_match(article: &Article, rng: &mut Rng) -> Option<Question> {
    if article.glossary.len() < 4 {
        return None;
    }
    let e = &article.glossary[rng.below(article.glossary.len())];
    let mut pool: Vec<&crate::model::GlossaryEntry> = article
        .glossary
        .iter()
        .filter(|o| o.id != e.id && o.term != e.term)
        .collect();
    rng.shuffle(&mut pool);
    pool.sort_by_key(|o| !o.papers().any(|p| e.papers().any(|q| q == p)));
    let others = pool.iter().take(3).map(|o| o.term.clone()).collect();
    let (options, answer) = place(e.term.clone(), others, rng);
    let names: Vec<String> = std::iter::once(e.term.clone())
        .chain(e.aliases.iter().cloned())
        .collect();
    Some(Question {
        id: format!("term:{}", e.id),
        kind: QuestionKind::TermMatch,
        prompt: "Which term matches this definition?".into(),
        statements: vec![mask_names(&e.definition, &names)],
        options,
        answer,
        explanation: format!("{}: {}", e.term, e.definition),
        quote: None,
        terms: vec![e.id.clone()],
    })
}

/// Builds a quiz of up to `len` questions from `source`, the same for the same seed.
pub fn build_quiz(article: &Article, source: QuizSource, len: usize, seed: u64) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    if source == QuizSource::Authored {
        let mut qs = authored(article);
        rng.shuffle(&mut qs);
        qs.truncate(len);
        return qs;
    }
    let mut out: Vec<Question> = Vec::new();
    let mut attempts = 0;
    while out.len() < len && attempts < len * 20 + 20 {
        attempts += 1;
        let kind = match source {
            QuizSource::Mixed => [
                QuizSource::Authored,
                QuizSource::Chronology,
                QuizSource::Relations,
                QuizSource::Terms,
            ][attempts % 4],
            s => s,
        };
        let q = match kind {
            QuizSource::Chronology => chronology(article, &mut rng),
            QuizSource::Relations => relation(article, &mut rng),
            QuizSource::Terms => term_match(article, &mut rng),
            _ => {
                let a = authored(article);
                (!a.is_empty()).then(|| a[rng.below(a.len())].clone())
            }
        };
        if let Some(q) = q {
            if !out.iter().any(|o| o.id == q.id) {
                out.push(q);
            }
        }
    }
    out
}

/// Whether a question is well formed: four distinct options and the answer among them.
pub fn is_well_formed(q: &Question) -> bool {
    let mut opts = q.options.clone();
    opts.sort();
    opts.dedup();
    q.options.len() == 4 && opts.len() == 4 && q.answer < 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::decode_article;

    fn seed() -> Article {
        decode_article(include_str!("../../../tests/fixtures/article.json")).unwrap()
    }

    #[test]
    fn same_seed_same_quiz_other_seed_other_quiz() {
        let a = seed();
        for source in QuizSource::ALL {
            let q1 = build_quiz(&a, source, 8, 42);
            assert_eq!(q1, build_quiz(&a, source, 8, 42), "{source:?}");
            assert!(!q1.is_empty(), "{source:?} produced questions");
            if source != QuizSource::Authored || a.mcqs.len() > 1 {
                assert_ne!(
                    q1,
                    build_quiz(&a, source, 8, 43),
                    "{source:?} varies with the seed"
                );
            }
        }
    }

    #[test]
    fn generated_questions_have_exactly_one_correct_option() {
        let a = seed();
        for s in 0..200u64 {
            let mut rng = Rng::new(s);
            if let Some(q) = chronology(&a, &mut rng) {
                assert!(is_well_formed(&q), "{q:?}");
                // The answer really is the date order of the statements, and no other option is.
                let start = |title: &str| {
                    a.timeline
                        .iter()
                        .find(|e| e.title == title)
                        .and_then(|e| e.date.range())
                        .unwrap()
                        .0
                };
                let correct: Vec<usize> = {
                    let mut idx: Vec<usize> = (0..4).collect();
                    idx.sort_by_key(|&k| start(&q.statements[k]));
                    idx
                };
                let label = correct
                    .iter()
                    .map(|k| (k + 1).to_string())
                    .collect::<Vec<_>>()
                    .join("–");
                assert_eq!(q.options[q.answer], label);
                assert_eq!(q.options.iter().filter(|o| **o == label).count(), 1);
            }
            let mut rng = Rng::new(s);
            if let Some(q) = relation(&a, &mut rng) {
                assert!(is_well_formed(&q), "{q:?}");
                let (_, rest) = q.id.split_once(':').unwrap();
                let (from, rest) = rest.split_once(':').unwrap();
                let (kind, to) = rest.split_once(':').unwrap();
                let kind = RelationKind::from_key(kind).unwrap();
                for (i, o) in q.options.iter().enumerate() {
                    let e = a.entities.iter().find(|e| &e.name == o).unwrap();
                    assert_eq!(
                        has_relation(&a, &e.id, kind, &EntityId(to.into())),
                        i == q.answer,
                        "{q:?}"
                    );
                    if i == q.answer {
                        assert_eq!(e.id.as_str(), from);
                    }
                }
            }
            let mut rng = Rng::new(s);
            let q = term_match(&a, &mut rng).unwrap();
            assert!(is_well_formed(&q), "{q:?}");
            let entry = a
                .glossary
                .iter()
                .find(|e| format!("term:{}", e.id) == q.id)
                .unwrap();
            assert_eq!(q.options[q.answer], entry.term);
            assert!(
                !q.statements[0]
                    .to_lowercase()
                    .contains(&entry.term.to_lowercase()),
                "name masked: {}",
                q.statements[0]
            );
        }
    }

    #[test]
    fn masks_names_whatever_their_case() {
        assert_eq!(
            mask_names("NATO is an alliance; nato members…", &["NATO".into()]),
            "… is an alliance; … members…"
        );
        assert_eq!(mask_names("short UK", &["UK".into()]), "short UK");
    }

    #[test]
    fn authored_questions_pass_through() {
        let a = seed();
        let qs = build_quiz(&a, QuizSource::Authored, 100, 1);
        assert_eq!(qs.len(), a.mcqs.len());
        assert!(qs.iter().all(is_well_formed));
    }
}
