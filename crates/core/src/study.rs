//! Study progress kept on the device: a versioned JSON document per article. Whatever is stored may be
//! corrupt, from an older version of the app or from a newer one: loading never fails, it migrates or starts
//! afresh and says which, so the app can tell the reader. Progress from a newer version is never overwritten:
//! the state loaded in its place is marked [`StudyState::keep_stored`], and [`StudyState::json_to_save`]
//! gives nothing to write for it.

use crate::json::{self, Json, JsonError};
use crate::json_struct;
use crate::model::{Article, TermId};
use crate::srs::{CardProgress, Grade};
use crate::syllabus::SyllabusPaper;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The current schema. 1 was the first format (ease as a float `ef`, fields `interval`, `reps`, `due`).
pub const STUDY_SCHEMA: u32 = 2;

/// Which side of a glossary entry a card shows first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CardSide {
    /// Term on the front, definition on the back.
    TermFirst,
    /// Definition on the front (term names masked), term on the back.
    DefinitionFirst,
}

/// A flashcard: one entry, one direction. Its key in the stored state is `t:<term>` or `d:<term>`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardId {
    pub term: TermId,
    pub side: CardSide,
}

impl CardId {
    pub fn key(&self) -> String {
        match self.side {
            CardSide::TermFirst => format!("t:{}", self.term),
            CardSide::DefinitionFirst => format!("d:{}", self.term),
        }
    }
}

/// One finished quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizRecord {
    pub day: i64,
    pub correct: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyState {
    pub schema: u32,
    pub article: String,
    pub cards: BTreeMap<String, CardProgress>,
    #[serde(default)]
    pub quizzes: Vec<QuizRecord>,
    /// Storage holds progress this version cannot read (made by a newer version of the app), so this state
    /// lives in memory only: [`StudyState::json_to_save`] gives `None`, and the stored data survives until a
    /// version that understands it is loaded. Never stored itself; a state that replaces this one (an import)
    /// starts with it off.
    #[serde(skip)]
    pub keep_stored: bool,
}

/// What happened to the stored data when it was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadNotice {
    /// Unreadable: started afresh.
    Corrupt,
    /// From an older version: converted.
    Migrated { from: u32 },
    /// From a newer version of the app: not understood, started afresh in memory; the loaded state has
    /// [`StudyState::keep_stored`] set so the stored copy is never overwritten.
    TooNew { found: u32 },
    /// Progress of another article: started afresh.
    OtherArticle,
}

impl LoadNotice {
    pub fn message(&self) -> String {
        match self {
            Self::Corrupt => "Your saved progress could not be read, so it has been reset.".into(),
            Self::Migrated { from } => format!("Your saved progress was updated from an older format (version {from})."),
            Self::TooNew { found } => format!(
                "Your saved progress was made by a newer version of this app (format {found}). It is kept as it is, so progress made here will not be saved; reload the page to update the app."
            ),
            Self::OtherArticle => "The progress file belongs to another article; starting afresh.".into(),
        }
    }
}

/// The members every schema has named its version with.
fn schema_of(raw: &str) -> Result<Option<u32>, JsonError> {
    let (mut schema, mut version) = (None::<Option<u32>>, None::<Option<u32>>);
    let mut j = Json::new(raw);
    j.object(&mut |j, k| match k {
        "schema" => j.field(&mut schema, k),
        "version" => j.field(&mut version, k),
        _ => j.skip(),
    })?;
    j.end()?;
    Ok(schema.flatten().or(version.flatten()))
}

/// Schema 1's ease, a fraction (2.36), read as the hundredths schema 2 keeps.
struct V1Ease(u32);

impl json::FromJson for V1Ease {
    fn from_json(j: &mut Json<'_>) -> json::Res<Self> {
        // Clamped to what the scheduler can produce.
        let h = j.hundredths(i64::from(crate::srs::MIN_EASE), 1000)?;
        Ok(Self(h as u32))
    }
}

struct V1Card {
    ef: V1Ease,
    interval: u32,
    reps: u32,
    due: i64,
}
json_struct!(V1Card {
    ef,
    interval,
    reps,
    due
});

struct V1 {
    article: String,
    cards: BTreeMap<String, V1Card>,
}
json_struct!(V1 { article, cards });

json_struct!(QuizRecord {
    day,
    correct,
    total
});
json_struct!(StudyState { schema, article, cards } optional { quizzes } skipped { keep_stored });

impl StudyState {
    pub fn new(article: &str) -> Self {
        Self {
            schema: STUDY_SCHEMA,
            article: article.into(),
            cards: BTreeMap::new(),
            quizzes: Vec::new(),
            keep_stored: false,
        }
    }

    /// Loads what storage held (`None`: nothing stored). Never fails.
    pub fn load(raw: Option<&str>, article: &str) -> (Self, Option<LoadNotice>) {
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return (Self::new(article), None);
        };
        let fresh = |n| (Self::new(article), Some(n));
        let Ok(schema) = schema_of(raw) else {
            return fresh(LoadNotice::Corrupt);
        };
        let (state, notice) = match schema {
            Some(STUDY_SCHEMA) => match json::from_str::<StudyState>(raw) {
                Ok(s) => (s, None),
                Err(_) => return fresh(LoadNotice::Corrupt),
            },
            Some(1) => match json::from_str::<V1>(raw) {
                Ok(v1) => (Self::from_v1(v1), Some(LoadNotice::Migrated { from: 1 })),
                Err(_) => return fresh(LoadNotice::Corrupt),
            },
            Some(n) if n > STUDY_SCHEMA => {
                let state = Self {
                    keep_stored: true,
                    ..Self::new(article)
                };
                return (state, Some(LoadNotice::TooNew { found: n }));
            }
            _ => return fresh(LoadNotice::Corrupt),
        };
        if state.article != article {
            return fresh(LoadNotice::OtherArticle);
        }
        // Values outside what the scheduler can produce are clamped, not trusted.
        let mut state = state;
        for c in state.cards.values_mut() {
            c.ease = c.ease.clamp(crate::srs::MIN_EASE, 1000);
            c.interval_days = c.interval_days.min(36_500);
        }
        (state, notice)
    }

    fn from_v1(v1: V1) -> Self {
        let cards = v1
            .cards
            .into_iter()
            .map(|(k, c)| {
                let ease = c.ef.0;
                (
                    k,
                    CardProgress {
                        ease,
                        interval_days: c.interval,
                        repetitions: c.reps,
                        due_day: c.due,
                        lapses: 0,
                        suspended: false,
                    },
                )
            })
            .collect();
        Self {
            schema: STUDY_SCHEMA,
            article: v1.article,
            cards,
            quizzes: Vec::new(),
            keep_stored: false,
        }
    }

    /// The state as JSON, e.g. for an exported file. To write it back to storage use
    /// [`StudyState::json_to_save`], which refuses to overwrite data from a newer version.
    pub fn to_json(&self) -> String {
        // Written by hand, as it is read (`crate::json`); a test checks serde writes the same.
        use std::fmt::Write;
        let mut out = format!("{{\"schema\":{},\"article\":", self.schema);
        json::write_string(&mut out, &self.article);
        out.push_str(",\"cards\":{");
        for (i, (key, c)) in self.cards.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::write_string(&mut out, key);
            let _ = write!(
                out,
                ":{{\"ease\":{},\"interval_days\":{},\"repetitions\":{},\"due_day\":{},\"lapses\":{},\"suspended\":{}}}",
                c.ease, c.interval_days, c.repetitions, c.due_day, c.lapses, c.suspended
            );
        }
        out.push_str("},\"quizzes\":[");
        for (i, q) in self.quizzes.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"day\":{},\"correct\":{},\"total\":{}}}",
                q.day, q.correct, q.total
            );
        }
        out.push_str("]}");
        out
    }

    /// What to write to storage after a change, or `None` when nothing may be written: storage holds
    /// progress from a newer version of the app ([`StudyState::keep_stored`]) that saving would destroy.
    pub fn json_to_save(&self) -> Option<String> {
        (!self.keep_stored).then(|| self.to_json())
    }

    pub fn progress(&self, card: &CardId) -> CardProgress {
        self.cards.get(&card.key()).cloned().unwrap_or_default()
    }

    pub fn grade(&mut self, card: &CardId, grade: Grade, today: i64) {
        let next = self.progress(card).review(grade, today);
        self.cards.insert(card.key(), next);
    }

    /// Suspends a card (it is never due) or restores it: a restored card keeps its schedule, so it is due
    /// again on its due day (at once if that has passed). Restoring a card that was never reviewed leaves no
    /// trace in the stored state.
    pub fn set_suspended(&mut self, card: &CardId, suspended: bool) {
        let mut p = self.progress(card);
        p.suspended = suspended;
        if p == CardProgress::default() {
            self.cards.remove(&card.key());
        } else {
            self.cards.insert(card.key(), p);
        }
    }

    /// Restores a suspended card (see [`StudyState::set_suspended`]).
    pub fn unsuspend(&mut self, card: &CardId) {
        self.set_suspended(card, false);
    }

    /// A wrong quiz answer about a term brings both of its cards back for review today.
    pub fn relearn(&mut self, term: &TermId, today: i64) {
        for side in [CardSide::TermFirst, CardSide::DefinitionFirst] {
            let id = CardId {
                term: term.clone(),
                side,
            };
            let mut p = self.progress(&id);
            if !p.suspended {
                p.due_day = p.due_day.min(today);
                p.repetitions = 0;
                self.cards.insert(id.key(), p);
            }
        }
    }
}

/// The deck: both directions of every entry tagged with one of `papers` (all when empty), A–Z.
pub fn deck(article: &Article, papers: &[SyllabusPaper]) -> Vec<CardId> {
    let mut out = Vec::new();
    for e in &article.glossary {
        if papers.is_empty() || e.papers().any(|p| papers.contains(&p)) {
            for side in [CardSide::TermFirst, CardSide::DefinitionFirst] {
                out.push(CardId {
                    term: e.id.clone(),
                    side,
                });
            }
        }
    }
    out
}

/// Suspended cards of the deck, in deck order: what a "restore" list shows.
pub fn suspended_cards(deck: &[CardId], state: &StudyState) -> Vec<CardId> {
    deck.iter()
        .filter(|c| state.progress(c).suspended)
        .cloned()
        .collect()
}

/// Cards due today, in deck order.
pub fn due_cards(deck: &[CardId], state: &StudyState, today: i64) -> Vec<CardId> {
    deck.iter()
        .filter(|c| state.progress(c).is_due(today))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 20_000;

    fn t(id: &str) -> CardId {
        CardId {
            term: TermId(id.into()),
            side: CardSide::TermFirst,
        }
    }

    #[test]
    fn the_hand_written_json_is_what_serde_writes_and_reads() {
        let mut s = StudyState::new("q\"uote\\ हिन्दी\n\u{1}");
        s.grade(&t("nato"), Grade::Good, DAY);
        s.grade(&t("a\"b"), Grade::Again, -DAY);
        s.set_suspended(&t("zz"), true);
        s.quizzes.push(QuizRecord {
            day: i64::MIN,
            correct: 3,
            total: u32::MAX,
        });
        let ours = s.to_json();
        assert_eq!(ours, serde_json::to_string(&s).unwrap());
        assert_eq!(serde_json::from_str::<StudyState>(&ours).unwrap(), s);
        assert_eq!(json::from_str::<StudyState>(&ours).unwrap(), s);
        let empty = StudyState::new("a");
        assert_eq!(empty.to_json(), serde_json::to_string(&empty).unwrap());
    }

    #[test]
    fn round_trips_and_schedules() {
        let mut s = StudyState::new("a");
        s.grade(&t("nato"), Grade::Good, DAY);
        let json = s.to_json();
        let (back, notice) = StudyState::load(Some(&json), "a");
        assert_eq!(notice, None);
        assert_eq!(back, s);
        assert!(!back.progress(&t("nato")).is_due(DAY));
    }

    #[test]
    fn corrupt_too_new_and_other_article_reset_with_a_notice() {
        for junk in [
            "{",
            "null",
            "[1,2]",
            "\"x\"",
            "{\"schema\":2,\"article\":\"a\",\"cards\":{\"t:x\":{\"ease\":\"hi\"}}}",
            "{\"cards\":{}}",
        ] {
            let (s, n) = StudyState::load(Some(junk), "a");
            assert_eq!(n, Some(LoadNotice::Corrupt), "{junk}");
            assert_eq!(s, StudyState::new("a"));
        }
        let (_, n) = StudyState::load(Some("{\"schema\":9,\"whatever\":true}"), "a");
        assert_eq!(n, Some(LoadNotice::TooNew { found: 9 }));
        let (_, n) = StudyState::load(Some(&StudyState::new("b").to_json()), "a");
        assert_eq!(n, Some(LoadNotice::OtherArticle));
        assert_eq!(StudyState::load(None, "a"), (StudyState::new("a"), None));
        assert_eq!(
            StudyState::load(Some("  "), "a"),
            (StudyState::new("a"), None)
        );
    }

    #[test]
    fn migrates_the_first_format() {
        let v1 = r#"{"version":1,"article":"a","cards":{"t:nato":{"ef":2.36,"interval":6,"reps":2,"due":20006},"d:nato":{"ef":"NaN","interval":1,"reps":1,"due":1}}}"#;
        let (s, n) = StudyState::load(Some(v1), "a");
        // A card with a non-number ease makes the document unreadable as a whole.
        assert_eq!(n, Some(LoadNotice::Corrupt));
        assert!(s.cards.is_empty());
        let v1 = r#"{"version":1,"article":"a","cards":{"t:nato":{"ef":2.36,"interval":6,"reps":2,"due":20006}}}"#;
        let (s, n) = StudyState::load(Some(v1), "a");
        assert_eq!(n, Some(LoadNotice::Migrated { from: 1 }));
        assert_eq!(
            s.progress(&t("nato")),
            CardProgress {
                ease: 236,
                interval_days: 6,
                repetitions: 2,
                due_day: 20006,
                lapses: 0,
                suspended: false
            }
        );
        assert_eq!(s.schema, STUDY_SCHEMA);
    }

    #[test]
    fn clamps_out_of_range_values() {
        let raw = r#"{"schema":2,"article":"a","cards":{"t:x":{"ease":5,"interval_days":4000000,"repetitions":1,"due_day":3,"lapses":0}}}"#;
        let (s, n) = StudyState::load(Some(raw), "a");
        assert_eq!(n, None);
        let p = s.progress(&t("x"));
        assert_eq!((p.ease, p.interval_days), (130, 36_500));
    }

    #[test]
    fn progress_from_a_newer_version_is_never_overwritten() {
        let newer = r#"{"schema":9,"article":"a","cards":{"t:nato":{"something":"new"}}}"#;
        let (mut s, n) = StudyState::load(Some(newer), "a");
        assert_eq!(n, Some(LoadNotice::TooNew { found: 9 }));
        assert!(n.unwrap().message().contains("not be saved"));
        assert!(s.keep_stored);
        assert!(s.cards.is_empty(), "starts afresh in memory");
        assert_eq!(s.json_to_save(), None);
        // Studying in this session works, but there is still nothing to write over the newer data.
        s.grade(&t("nato"), Grade::Good, DAY);
        s.set_suspended(&t("x"), true);
        s.relearn(&TermId("nato".into()), DAY);
        assert!(!s.progress(&t("nato")).is_due(DAY - 1));
        assert_eq!(s.json_to_save(), None);
        // The flag is not part of the data: an export is a normal file, which loads as savable progress.
        assert!(!s.to_json().contains("keep_stored"));
        let (imported, n) = StudyState::load(Some(&s.to_json()), "a");
        assert_eq!(n, None);
        assert!(!imported.keep_stored);
        assert_eq!(imported.json_to_save(), Some(imported.to_json()));
        // An old "version" field from the future is just as protected.
        let (s, _) = StudyState::load(Some(r#"{"version":3}"#), "a");
        assert!(s.keep_stored && s.json_to_save().is_none());
    }

    #[test]
    fn every_other_load_may_be_saved() {
        let v1 = r#"{"version":1,"article":"a","cards":{}}"#;
        let current = StudyState::new("a").to_json();
        let other = StudyState::new("b").to_json();
        for raw in [
            None,
            Some("{"),
            Some(v1),
            Some(current.as_str()),
            Some(other.as_str()),
        ] {
            let (s, _) = StudyState::load(raw, "a");
            assert!(!s.keep_stored, "{raw:?}");
            assert_eq!(s.json_to_save(), Some(s.to_json()), "{raw:?}");
        }
    }

    #[test]
    fn suspended_cards_can_be_restored() {
        let mut s = StudyState::new("a");
        let deck = vec![t("eu"), t("nato"), t("un")];
        s.grade(&t("nato"), Grade::Good, DAY);
        let scheduled = s.progress(&t("nato"));
        s.set_suspended(&t("nato"), true);
        s.set_suspended(&t("un"), true);
        assert_eq!(suspended_cards(&deck, &s), [t("nato"), t("un")]);
        assert_eq!(due_cards(&deck, &s, DAY + 100), [t("eu")]);
        // Suspension survives a save and a load.
        let (mut s, _) = StudyState::load(s.json_to_save().as_deref(), "a");
        assert_eq!(suspended_cards(&deck, &s), [t("nato"), t("un")]);

        s.unsuspend(&t("nato"));
        s.set_suspended(&t("un"), false);
        assert!(suspended_cards(&deck, &s).is_empty());
        // The reviewed card keeps its schedule: not due before its day, due on it.
        assert_eq!(s.progress(&t("nato")), scheduled);
        assert!(!s.progress(&t("nato")).is_due(DAY));
        assert!(s.progress(&t("nato")).is_due(scheduled.due_day));
        // The never-reviewed one is due at once and leaves nothing behind in storage.
        assert!(s.progress(&t("un")).is_due(DAY));
        assert!(!s.cards.contains_key(&t("un").key()));
        // A wrong quiz answer brings a restored card back, as for any card.
        s.relearn(&TermId("nato".into()), DAY);
        assert!(s.progress(&t("nato")).is_due(DAY));
    }

    #[test]
    fn suspend_and_relearn() {
        let mut s = StudyState::new("a");
        s.grade(&t("nato"), Grade::Easy, DAY);
        s.relearn(&TermId("nato".into()), DAY);
        assert!(s.progress(&t("nato")).is_due(DAY));
        s.set_suspended(&t("nato"), true);
        assert!(!s.progress(&t("nato")).is_due(DAY));
    }
}
