//! Spaced repetition with SM-2 (Wozniak, 1987), as given in the algorithm's published pseudo-code:
//! after each review with quality q (0–5) the ease factor becomes EF + (0.1 − (5 − q)(0.08 + (5 − q)·0.02)),
//! never below 1.3; a response of 3 or more advances the card (intervals 1, 6, then previous × EF, using the
//! ease before this review), anything lower starts it again at 1 day. Ease is kept in hundredths, so every
//! step is exact integer arithmetic and the schedule is reproducible.

use serde::{Deserialize, Serialize};

/// The four grading buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// SM-2 response quality.
    pub fn quality(self) -> i32 {
        match self {
            Grade::Again => 1,
            Grade::Hard => 3,
            Grade::Good => 4,
            Grade::Easy => 5,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    /// The keyboard shortcut.
    pub fn key(self) -> char {
        match self {
            Grade::Again => '1',
            Grade::Hard => '2',
            Grade::Good => '3',
            Grade::Easy => '4',
        }
    }
}

pub const START_EASE: u32 = 250;
pub const MIN_EASE: u32 = 130;

/// What we know about one card. A card never reviewed has no progress entry and is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardProgress {
    /// Ease factor × 100 (250 = 2.5).
    pub ease: u32,
    pub interval_days: u32,
    pub repetitions: u32,
    /// Day number (see `timeline::day_number`) when the card is next due.
    pub due_day: i64,
    pub lapses: u32,
    #[serde(default)]
    pub suspended: bool,
}

crate::json_struct!(CardProgress { ease, interval_days, repetitions, due_day, lapses } optional { suspended });

impl Default for CardProgress {
    fn default() -> Self {
        Self {
            ease: START_EASE,
            interval_days: 0,
            repetitions: 0,
            due_day: i64::MIN,
            lapses: 0,
            suspended: false,
        }
    }
}

impl CardProgress {
    pub fn is_due(&self, today: i64) -> bool {
        !self.suspended && self.due_day <= today
    }

    /// The state after a review today.
    pub fn review(&self, grade: Grade, today: i64) -> Self {
        let q = grade.quality();
        let mut next = self.clone();
        if q >= 3 {
            next.interval_days = match self.repetitions {
                0 => 1,
                1 => 6,
                _ => ((u64::from(self.interval_days) * u64::from(self.ease) + 50) / 100) as u32,
            };
            next.repetitions += 1;
        } else {
            next.repetitions = 0;
            next.interval_days = 1;
            next.lapses += 1;
        }
        let d = 5 - q;
        let delta = 10 - d * (8 + 2 * d);
        next.ease = (self.ease as i32 + delta).max(MIN_EASE as i32) as u32;
        next.due_day = today + i64::from(next.interval_days);
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 20_000;

    #[test]
    fn good_answers_follow_1_6_then_times_ease() {
        // Worked by hand: EF stays 2.50 with q=4 (Δ = 0.1 − 1·(0.08 + 0.02) = 0).
        let c = CardProgress::default();
        let c = c.review(Grade::Good, DAY);
        assert_eq!(
            (c.interval_days, c.repetitions, c.ease, c.due_day),
            (1, 1, 250, DAY + 1)
        );
        let c = c.review(Grade::Good, DAY + 1);
        assert_eq!((c.interval_days, c.ease), (6, 250));
        let c = c.review(Grade::Good, DAY + 7);
        assert_eq!((c.interval_days, c.due_day), (15, DAY + 22)); // 6 × 2.5
        let c = c.review(Grade::Good, DAY + 22);
        assert_eq!(c.interval_days, 38); // 15 × 2.5 = 37.5 → 38
    }

    #[test]
    fn easy_raises_and_hard_lowers_ease() {
        // q=5: Δ = +0.10; q=3: Δ = 0.1 − 2·(0.08 + 0.04) = −0.14.
        let c = CardProgress::default().review(Grade::Easy, DAY);
        assert_eq!(c.ease, 260);
        let c = CardProgress::default().review(Grade::Hard, DAY);
        assert_eq!((c.ease, c.interval_days), (236, 1));
        // The third review multiplies by the ease before it (2.22, after two Hards).
        let c = c.review(Grade::Hard, DAY + 1).review(Grade::Hard, DAY + 7);
        assert_eq!(c.ease, 208);
        assert_eq!(c.interval_days, 13); // 6 × 2.22 = 13.32 → 13
    }

    #[test]
    fn again_resets_counts_a_lapse_and_never_drops_below_minimum_ease() {
        // q=1: Δ = 0.1 − 4·(0.08 + 0.08) = −0.54.
        let c = CardProgress::default()
            .review(Grade::Good, DAY)
            .review(Grade::Good, DAY + 1);
        let c = c.review(Grade::Again, DAY + 7);
        assert_eq!(
            (c.repetitions, c.interval_days, c.lapses, c.ease, c.due_day),
            (0, 1, 1, 196, DAY + 8)
        );
        let c = c
            .review(Grade::Again, DAY + 8)
            .review(Grade::Again, DAY + 9);
        assert_eq!(c.ease, MIN_EASE);
    }

    #[test]
    fn due_and_suspended() {
        let c = CardProgress::default();
        assert!(c.is_due(DAY), "a new card is due");
        let c = c.review(Grade::Good, DAY);
        assert!(!c.is_due(DAY) && c.is_due(DAY + 1));
        let s = CardProgress {
            suspended: true,
            ..c
        };
        assert!(!s.is_due(DAY + 100));
    }
}
