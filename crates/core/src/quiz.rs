//! Quiz questions: the authored prelims questions, and questions generated from the data alone —
//! chronology (from the timeline), who-did-what (from the map) and which-term (from the glossary). Generation
//! is deterministic for a seed, and every question has exactly one correct option by construction.

use crate::model::{Article, EntityId, Quote, RelationKind, TermId, MCQ_OPTIONS};
use crate::text::{fold, Folded};
use std::collections::HashSet;

/// Where a question comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuestionKind {
    Authored,
    Chronology,
    Relation,
    TermMatch,
}

/// A question ready to show: a prompt, optional numbered statements, four options, one answer. Every
/// question [`build_quiz`] returns passes [`is_well_formed`], so `options[answer]` and a letter per option
/// (a)–(d) are safe to index.
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
    others.truncate(MCQ_OPTIONS - 1);
    let at = rng.below(others.len() + 1);
    others.insert(at, correct);
    (others, at)
}

/// The authored questions that are well formed. `load::decode_article` already refuses content with a bad
/// one; this also guards an `Article` that was built or changed some other way.
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
        .filter(is_well_formed)
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
        rng.shuffle(&mut distractors);
        // Options must read differently: no distractor named like the answer or like another distractor.
        let mut names: HashSet<String> = HashSet::from([fold(&from.name)]);
        distractors.retain(|e| names.insert(fold(&e.name)));
        if distractors.len() < MCQ_OPTIONS - 1 {
            continue;
        }
        let others = distractors
            .iter()
            .take(MCQ_OPTIONS - 1)
            .map(|e| e.name.clone())
            .collect();
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

/// The folded names of an entry: its term and its aliases.
fn folded_names(e: &crate::model::GlossaryEntry) -> HashSet<String> {
    std::iter::once(&e.term)
        .chain(&e.aliases)
        .map(|n| fold(n.trim()))
        .collect()
}

/// "Which term matches this definition?", with three other terms (sharing a paper where possible). A
/// distractor never shares a name with the answer (its term or one of its aliases is the answer's term or
/// alias, compared folded: "NATO" and "Nato" are the same name), since it would then be a second correct
/// option, and no two options read the same.
pub fn term_match(article: &Article, rng: &mut Rng) -> Option<Question> {
    if article.glossary.len() < MCQ_OPTIONS {
        return None;
    }
    let e = &article.glossary[rng.below(article.glossary.len())];
    let answer_names = folded_names(e);
    let mut pool: Vec<&crate::model::GlossaryEntry> = article
        .glossary
        .iter()
        .filter(|o| o.id != e.id && folded_names(o).is_disjoint(&answer_names))
        .collect();
    rng.shuffle(&mut pool);
    pool.sort_by_key(|o| !o.papers().any(|p| e.papers().any(|q| q == p)));
    let mut shown: HashSet<String> = HashSet::from([fold(&e.term)]);
    pool.retain(|o| shown.insert(fold(&o.term)));
    if pool.len() < MCQ_OPTIONS - 1 {
        return None;
    }
    let others = pool
        .iter()
        .take(MCQ_OPTIONS - 1)
        .map(|o| o.term.clone())
        .collect();
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
        if let Some(q) = q.filter(is_well_formed) {
            if !out.iter().any(|o| o.id == q.id) {
                out.push(q);
            }
        }
    }
    out
}

/// Whether a question is well formed: four distinct, non-empty options (compared folded and trimmed, as a
/// reader would) and the answer among them.
pub fn is_well_formed(q: &Question) -> bool {
    let distinct: HashSet<String> = q.options.iter().map(|o| fold(o.trim())).collect();
    q.options.len() == MCQ_OPTIONS
        && distinct.len() == MCQ_OPTIONS
        && q.options.iter().all(|o| !o.trim().is_empty())
        && q.answer < q.options.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::decode_article;
    use crate::model::McqKind;

    fn seed() -> Article {
        decode_article(include_str!("../../../tests/fixtures/article.json")).unwrap()
    }

    /// Checks that `q` has exactly one correct option, by what the article says rather than by the
    /// generator's own bookkeeping.
    fn assert_exactly_one_correct(a: &Article, q: &Question) {
        assert!(is_well_formed(q), "{q:?}");
        match q.kind {
            QuestionKind::Authored => {
                let m = a.mcqs.iter().find(|m| m.id == q.id).unwrap();
                assert_eq!(q.options, m.options);
                assert_eq!(q.answer, usize::from(m.answer));
            }
            QuestionKind::Chronology => {
                // The answer really is the date order of the statements, and no other option is.
                let start = |title: &str| {
                    a.timeline
                        .iter()
                        .find(|e| e.title == title)
                        .and_then(|e| e.date.range())
                        .unwrap()
                        .0
                };
                let mut idx: Vec<usize> = (0..4).collect();
                idx.sort_by_key(|&k| start(&q.statements[k]));
                let label = idx
                    .iter()
                    .map(|k| (k + 1).to_string())
                    .collect::<Vec<_>>()
                    .join("–");
                assert_eq!(q.options[q.answer], label);
                assert_eq!(q.options.iter().filter(|o| **o == label).count(), 1);
            }
            QuestionKind::Relation => {
                let (_, rest) = q.id.split_once(':').unwrap();
                let (from, rest) = rest.split_once(':').unwrap();
                let (kind, to) = rest.split_once(':').unwrap();
                let kind = RelationKind::from_key(kind).unwrap();
                for (i, o) in q.options.iter().enumerate() {
                    let e = a.entities.iter().find(|e| &e.name == o).unwrap();
                    assert_eq!(
                        has_relation(a, &e.id, kind, &EntityId(to.into())),
                        i == q.answer,
                        "{q:?}"
                    );
                    if i == q.answer {
                        assert_eq!(e.id.as_str(), from);
                    }
                }
            }
            QuestionKind::TermMatch => {
                let entry = a
                    .glossary
                    .iter()
                    .find(|e| format!("term:{}", e.id) == q.id)
                    .unwrap();
                assert_eq!(q.options[q.answer], entry.term);
                let names = folded_names(entry);
                for (i, o) in q.options.iter().enumerate() {
                    if i != q.answer {
                        assert!(!names.contains(&fold(o)), "{o:?} is a name of the answer");
                    }
                }
                assert!(
                    !q.statements[0]
                        .to_lowercase()
                        .contains(&entry.term.to_lowercase()),
                    "name masked: {}",
                    q.statements[0]
                );
            }
        }
    }

    #[test]
    fn same_seed_same_questions_for_every_generator_and_source() {
        let a = seed();
        for s in 0..300u64 {
            type Gen = fn(&Article, &mut Rng) -> Option<Question>;
            for (name, generate) in [
                ("chronology", chronology as Gen),
                ("relation", relation as Gen),
                ("term_match", term_match as Gen),
            ] {
                let q = generate(&a, &mut Rng::new(s));
                assert!(q.is_some(), "{name} gives a question for seed {s}");
                assert_eq!(q, generate(&a, &mut Rng::new(s)), "{name}, seed {s}");
            }
            for source in QuizSource::ALL {
                let quiz = build_quiz(&a, source, 8, s);
                assert_eq!(quiz, build_quiz(&a, source, 8, s), "{source:?}, seed {s}");
                assert!(!quiz.is_empty(), "{source:?} produced questions");
            }
        }
    }

    #[test]
    fn other_seeds_give_other_quizzes() {
        let a = seed();
        for source in QuizSource::ALL {
            let quizzes: HashSet<Vec<String>> = (0..20u64)
                .map(|s| {
                    build_quiz(&a, source, 8, s)
                        .into_iter()
                        .map(|q| format!("{}{:?}", q.id, q.options))
                        .collect()
                })
                .collect();
            assert!(quizzes.len() > 10, "{source:?} varies with the seed");
        }
    }

    #[test]
    fn generated_questions_have_exactly_one_correct_option() {
        let a = seed();
        for s in 0..1000u64 {
            for q in [
                chronology(&a, &mut Rng::new(s)),
                relation(&a, &mut Rng::new(s)),
                term_match(&a, &mut Rng::new(s)),
            ]
            .into_iter()
            .flatten()
            {
                assert_exactly_one_correct(&a, &q);
            }
        }
    }

    #[test]
    fn every_quiz_question_is_well_formed_with_one_correct_option_and_no_repeats() {
        let a = seed();
        let mut kinds = HashSet::new();
        for s in 0..200u64 {
            for source in QuizSource::ALL {
                let quiz = build_quiz(&a, source, 20, s);
                let ids: HashSet<&str> = quiz.iter().map(|q| q.id.as_str()).collect();
                assert_eq!(
                    ids.len(),
                    quiz.len(),
                    "{source:?}, seed {s}: a question repeats"
                );
                for q in &quiz {
                    kinds.insert(q.kind);
                    assert_exactly_one_correct(&a, q);
                }
            }
        }
        assert_eq!(kinds.len(), 4, "every kind of question appeared: {kinds:?}");
    }

    #[test]
    fn relation_distractors_are_the_same_kind_of_actor_as_the_answer() {
        let a = seed();
        let kind_of = |name: &str| a.entities.iter().find(|e| e.name == name).unwrap().kind;
        let mut relations = HashSet::new();
        let mut kinds = HashSet::new();
        for s in 0..1000u64 {
            let q = relation(&a, &mut Rng::new(s)).expect("the seed has relation questions");
            let answer_kind = kind_of(&q.options[q.answer]);
            for o in &q.options {
                assert_eq!(kind_of(o), answer_kind, "{o} in {q:?}");
            }
            assert!(
                q.prompt.contains(&answer_kind.label().to_lowercase()),
                "{}",
                q.prompt
            );
            relations.insert(q.id.clone());
            kinds.insert(answer_kind);
        }
        assert!(relations.len() >= 5, "many relations asked: {relations:?}");
        assert!(!kinds.is_empty());
    }

    /// A glossary with traps: other entries named like the answer (its alias as their term, the same name in
    /// other case and accents, the answer's term as their alias) and three that are fair distractors.
    fn glossary_with_names_of_nato() -> Article {
        let mut a = seed();
        let base = a.glossary[0].clone();
        let entry = |id: &str, term: &str, aliases: &[&str]| crate::model::GlossaryEntry {
            id: TermId(id.into()),
            term: term.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            definition: format!("Definition of {id}, a thing."),
            ..base.clone()
        };
        a.glossary = vec![
            entry(
                "nato",
                "North Atlantic Treaty Organization",
                &["NATO", "Atlantic Alliance"],
            ),
            entry("nato-short", "NATO", &[]),
            entry("nato-caps", "NORTH ATLANTIC TREATY ORGANIZATIÓN", &[]),
            entry("alliance", "The alliance", &["Atlantic alliance"]),
            entry("otan", "OTAN", &["North Atlantic Treaty Organization"]),
            entry("eu", "European Union", &["EU"]),
            entry("un", "United Nations", &["UN"]),
            entry("asean", "ASEAN", &[]),
        ];
        a
    }

    #[test]
    fn term_match_never_offers_another_name_of_the_answer() {
        let a = glossary_with_names_of_nato();
        let mut asked_nato = 0;
        for s in 0..500u64 {
            let Some(q) = term_match(&a, &mut Rng::new(s)) else {
                continue;
            };
            assert!(is_well_formed(&q), "{q:?}");
            if q.id == "term:nato" {
                asked_nato += 1;
                let mut others: Vec<&str> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != q.answer)
                    .map(|(_, o)| o.as_str())
                    .collect();
                others.sort_unstable();
                assert_eq!(
                    others,
                    ["ASEAN", "European Union", "United Nations"],
                    "{q:?}"
                );
            }
        }
        assert!(
            asked_nato > 20,
            "the trap entry was asked about ({asked_nato} times)"
        );
        // Over the seed content too: never a name (term or alias, folded) of the answer among the others.
        let a = seed();
        for s in 0..1000u64 {
            assert_exactly_one_correct(&a, &term_match(&a, &mut Rng::new(s)).unwrap());
        }
    }

    #[test]
    fn the_seed_has_the_authored_questions_the_study_mode_promises() {
        let a = seed();
        let mcqs = &a.mcqs;
        assert!(mcqs.len() >= 12, "{} MCQs", mcqs.len());
        let single = mcqs.iter().filter(|m| m.kind == McqKind::Single).count();
        let statements = mcqs
            .iter()
            .filter(|m| m.kind == McqKind::Statements)
            .count();
        assert!(
            single >= 1 && statements >= 1,
            "{single} single, {statements} statements"
        );
        for m in mcqs {
            assert!(!m.explanation.trim().is_empty(), "{}: explanation", m.id);
            assert!(a.quote_resolves(&m.quote), "{}: quote {:?}", m.id, m.quote);
            match m.kind {
                McqKind::Single => assert!(m.statements.is_empty(), "{}", m.id),
                McqKind::Statements => {
                    assert!((2..=4).contains(&m.statements.len()), "{}", m.id);
                    assert!(m.question.contains("statements"), "{}", m.id);
                }
            }
        }
        assert!(a.mains.len() >= 3, "{} mains questions", a.mains.len());
        for m in &a.mains {
            assert!(
                m.outline.len() >= 3 && m.outline.iter().all(|p| !p.trim().is_empty()),
                "{}: model answer outline",
                m.id
            );
            assert!(a.quote_resolves(&m.quote), "{}: quote {:?}", m.id, m.quote);
        }
        // And every one of them reaches the quiz.
        assert_eq!(
            build_quiz(&a, QuizSource::Authored, 100, 7).len(),
            mcqs.len()
        );
    }

    #[test]
    fn malformed_authored_questions_never_reach_a_quiz() {
        let mut a = seed();
        a.mcqs[0].answer = 7;
        a.mcqs[1].options.push("A fifth option".into());
        a.mcqs[2].options.truncate(2);
        a.mcqs[3].options[1] = a.mcqs[3].options[2].to_uppercase();
        a.mcqs[4].options[0] = " ".into();
        let bad: HashSet<String> = a.mcqs[..5].iter().map(|m| m.id.clone()).collect();
        for s in 0..100u64 {
            for source in [QuizSource::Authored, QuizSource::Mixed] {
                for q in build_quiz(&a, source, 20, s) {
                    assert!(!bad.contains(&q.id), "{} reached a quiz", q.id);
                    assert!(is_well_formed(&q), "{q:?}");
                }
            }
        }
        assert_eq!(
            build_quiz(&a, QuizSource::Authored, 100, 1).len(),
            a.mcqs.len() - 5
        );
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
