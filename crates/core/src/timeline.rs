//! Dates of mixed precision and the order of timeline events. A date is only as precise as the source says:
//! a day, a month, a year, a span, or no date at all but "before" another event.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// A date known to a day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), for axis positions.
pub fn day_number(year: i32, month: u8, day: u8) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let mut parts = s.split('-');
        let year = num(parts.next()?, 4)? as i32;
        let month = match parts.next() {
            None => {
                return Some(Self {
                    year,
                    month: None,
                    day: None,
                })
            }
            Some(m) => num(m, 2).filter(|m| (1..=12).contains(m))? as u8,
        };
        let day = match parts.next() {
            None => {
                return Some(Self {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            Some(d) => {
                num(d, 2).filter(|d| *d >= 1 && *d <= u32::from(days_in_month(year, month)))? as u8
            }
        };
        parts.next().is_none().then_some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// First day covered, as a day number.
    pub fn first_day(&self) -> i64 {
        day_number(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day covered, as a day number.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        day_number(
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }
}

/// The name of month `m` (1–12) from `names`; `None` for a month that does not exist, so a bad date in
/// content degrades to a number instead of a panic (`load::check_article` refuses such content anyway).
pub fn month_name<'a>(names: &[&'a str; 12], m: u8) -> Option<&'a str> {
    names.get(usize::from(m).checked_sub(1)?).copied()
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), day) => {
                if let Some(d) = day {
                    write!(f, "{d} ")?;
                }
                match month_name(&MONTHS, m) {
                    Some(name) => write!(f, "{name} {}", self.year),
                    None => write!(f, "{m:02}/{}", self.year),
                }
            }
            _ => write!(f, "{}", self.year),
        }
    }
}

/// When an event happened, as precisely as known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventDate {
    /// A day, month or year.
    On(PartialDate),
    /// From one date to another (each end of any precision), e.g. the plan for 2026–27.
    Span(PartialDate, PartialDate),
    /// No date in the sources; happened before the event at this index (in the compiled event list).
    Undated { before: u32 },
}

/// Why a date string did not parse.
pub fn parse_event_date(s: &str) -> Result<EventDate, String> {
    let bad =
        || format!("bad date `{s}`: use YYYY, YYYY-MM, YYYY-MM-DD, or a span START..END of those");
    match s.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (
                PartialDate::parse(a.trim()).ok_or_else(bad)?,
                PartialDate::parse(b.trim()).ok_or_else(bad)?,
            );
            if b.last_day() < a.first_day() {
                return Err(format!("date span `{s}` ends before it starts"));
            }
            Ok(EventDate::Span(a, b))
        }
        None => PartialDate::parse(s.trim())
            .map(EventDate::On)
            .ok_or_else(bad),
    }
}

impl EventDate {
    /// First and last day covered, for dated events.
    pub fn range(&self) -> Option<(i64, i64)> {
        match self {
            EventDate::On(d) => Some((d.first_day(), d.last_day())),
            EventDate::Span(a, b) => Some((a.first_day(), b.last_day())),
            EventDate::Undated { .. } => None,
        }
    }

    /// How the date reads: "30 April 2026", "April 2026", "2026", "2026–27", "Undated".
    pub fn label(&self) -> String {
        match self {
            EventDate::On(d) => d.to_string(),
            EventDate::Span(a, b)
                if a.precision() == DatePrecision::Year && b.precision() == DatePrecision::Year =>
            {
                if a.year / 100 == b.year / 100 {
                    format!("{}–{:02}", a.year, b.year % 100)
                } else {
                    format!("{}–{}", a.year, b.year)
                }
            }
            EventDate::Span(a, b) => format!("{a} – {b}"),
            EventDate::Undated { .. } => "Undated".into(),
        }
    }

    /// What kind of mark the timeline draws: a point for a day, a bar for anything longer.
    pub fn is_bar(&self) -> bool {
        match self {
            EventDate::On(d) => d.precision() != DatePrecision::Day,
            EventDate::Span(..) => true,
            EventDate::Undated { .. } => false,
        }
    }
}

/// Dated events in time order and undated ones in the order the "before" links give.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TimelineOrder {
    /// Undated events, earliest first.
    pub earlier: Vec<usize>,
    /// Dated events by first day; at equal starts the coarser (longer) one first, then by end, then by index.
    pub dated: Vec<usize>,
}

impl TimelineOrder {
    /// Every event in reading order: the "earlier" lane, then the dated ones.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.earlier.iter().chain(self.dated.iter()).copied()
    }
}

/// Orders events. `before` chains among undated events are followed to their dated anchor; cycles and
/// dangling links (rejected by the compiler) degrade to index order instead of looping.
pub fn order_events(dates: &[EventDate]) -> TimelineOrder {
    let mut dated: Vec<usize> = (0..dates.len())
        .filter(|&i| dates[i].range().is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        let (ra, rb) = (
            dates[a].range().unwrap_or_default(),
            dates[b].range().unwrap_or_default(),
        );
        ra.0.cmp(&rb.0).then(rb.1.cmp(&ra.1)).then(a.cmp(&b))
    });
    let rank_of_dated = |i: usize| dated.iter().position(|&d| d == i);
    // For each undated event: the dated anchor it eventually precedes and how many steps away it is.
    let mut keyed: Vec<(usize, usize, usize)> = Vec::new(); // (anchor rank, steps, index)
    for i in 0..dates.len() {
        if !matches!(dates[i], EventDate::Undated { .. }) {
            continue;
        }
        let mut cur = i;
        let mut steps = 0;
        let anchor = loop {
            match dates.get(cur) {
                Some(EventDate::Undated { before }) if steps <= dates.len() => {
                    cur = *before as usize;
                    steps += 1;
                }
                Some(_) => break rank_of_dated(cur).unwrap_or(usize::MAX),
                None => break usize::MAX,
            }
        };
        keyed.push((anchor, steps, i));
    }
    // Earlier anchors first; for the same anchor, the longest chain (furthest back) first.
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    TimelineOrder {
        earlier: keyed.into_iter().map(|k| k.2).collect(),
        dated,
    }
}

/// Columns of the wide timeline: an "Earlier" lane for undated events, then one per year that has an event
/// (a span covers the columns of all the years it touches). Returns the column labels and, per event in
/// `order`, its first and last column (inclusive).
pub fn timeline_columns(
    dates: &[EventDate],
    order: &TimelineOrder,
) -> (Vec<String>, Vec<(usize, usize)>) {
    let mut years: Vec<i32> = Vec::new();
    for &i in &order.dated {
        match &dates[i] {
            EventDate::On(d) => years.push(d.year),
            EventDate::Span(a, b) => years.extend(a.year..=b.year),
            EventDate::Undated { .. } => {}
        }
    }
    years.sort_unstable();
    years.dedup();
    let has_earlier = !order.earlier.is_empty();
    let offset = usize::from(has_earlier);
    let mut labels: Vec<String> = Vec::new();
    if has_earlier {
        labels.push("Earlier (undated)".into());
    }
    labels.extend(years.iter().map(|y| y.to_string()));
    let col = |y: i32| offset + years.binary_search(&y).unwrap_or(0);
    let spans = order
        .all()
        .map(|i| match &dates[i] {
            EventDate::On(d) => (col(d.year), col(d.year)),
            EventDate::Span(a, b) => (col(a.year), col(b.year)),
            EventDate::Undated { .. } => (0, 0),
        })
        .collect();
    (labels, spans)
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(other.last_day().cmp(&self.last_day()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        parse_event_date(s).unwrap()
    }

    #[test]
    fn parses_every_precision_and_spans() {
        assert_eq!(d("2026-04-30").label(), "30 April 2026");
        assert_eq!(d("2026-04").label(), "April 2026");
        assert_eq!(d("2026").label(), "2026");
        assert_eq!(d("2026..2027").label(), "2026–27");
        assert_eq!(d("1999..2001").label(), "1999–2001");
        assert_eq!(d("2026-04..2027-03").label(), "April 2026 – March 2027");
        assert!(!d("2026-04-30").is_bar());
        assert!(d("2026-04").is_bar() && d("2026").is_bar() && d("2026..2027").is_bar());
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "2026-02-30",
            "2026-13",
            "26",
            "2026-4",
            "2026-04-30-01",
            "",
            "2027..2026",
            "2026..",
            "x..2026",
            "2026-00",
        ] {
            assert!(parse_event_date(s).is_err(), "{s}");
        }
        assert!(parse_event_date("2024-02-29").is_ok());
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
        assert_eq!(day_number(2026, 4, 30) - day_number(2026, 1, 1), 119);
        assert_eq!(
            PartialDate::parse("2026").unwrap().last_day()
                - PartialDate::parse("2026").unwrap().first_day(),
            364
        );
    }

    #[test]
    fn orders_mixed_precision_coarser_first_at_equal_start() {
        let dates = vec![
            d("2026-04-30"),
            d("2026"),
            d("2026-04"),
            d("2014"),
            d("2026..2027"),
            d("2026-04-01"),
        ];
        let o = order_events(&dates);
        // 2014; then everything starting 1 Jan 2026: the span (ends latest) before the year; then April
        // (month, starts 1 April, ends 30 April) before 1 April (day, same start, ends sooner); then 30 April.
        assert_eq!(o.dated, vec![3, 4, 1, 2, 5, 0]);
        assert!(o.earlier.is_empty());
    }

    #[test]
    fn undated_events_follow_their_before_chains() {
        let dates = vec![
            d("2026-04-30"),                  // 0: the talks
            EventDate::Undated { before: 0 }, // 1: just before the talks
            EventDate::Undated { before: 1 }, // 2: before 1
            d("2010"),                        // 3
            EventDate::Undated { before: 3 }, // 4: before 2010
            EventDate::Undated { before: 0 }, // 5: also just before the talks
        ];
        let o = order_events(&dates);
        assert_eq!(o.dated, vec![3, 0]);
        assert_eq!(o.earlier, vec![4, 2, 1, 5]);
        assert_eq!(o.all().collect::<Vec<_>>(), vec![4, 2, 1, 5, 3, 0]);
    }

    #[test]
    fn columns_give_an_earlier_lane_and_one_per_year() {
        let dates = vec![
            d("2026-04-30"),
            EventDate::Undated { before: 0 },
            d("2014"),
            d("2026..2027"),
        ];
        let o = order_events(&dates);
        let (labels, spans) = timeline_columns(&dates, &o);
        assert_eq!(labels, ["Earlier (undated)", "2014", "2026", "2027"]);
        // In timeline order: undated, 2014, the span (starts 1 Jan 2026), 30 April 2026.
        assert_eq!(spans, [(0, 0), (1, 1), (2, 3), (2, 2)]);
        let (labels, _) = timeline_columns(&[d("2026")], &order_events(&[d("2026")]));
        assert_eq!(labels, ["2026"]);
    }

    #[test]
    fn cycles_and_dangling_links_terminate() {
        let dates = vec![
            EventDate::Undated { before: 1 },
            EventDate::Undated { before: 0 },
            EventDate::Undated { before: 9 },
        ];
        let o = order_events(&dates);
        assert_eq!(o.earlier.len(), 3);
    }
}
