//! The SLA clock a rep watches: how long is left (or how long overdue) now, from what
//! the queue said when it was fetched, and the same in words per locale.

use crate::i18n::Locale;
use crate::i18n::format::duration;

/// Seconds left on an SLA at `now_ms`, when the queue fetched at `fetched_ms` (both
/// browser milliseconds) said `seconds_left`. The server's own clock made the figure,
/// so only the time elapsed since is counted here: a skewed device clock cannot move
/// the deadline.
pub fn seconds_left_at(seconds_left: i64, fetched_ms: f64, now_ms: f64) -> i64 {
    let elapsed = ((now_ms - fetched_ms) / 1000.0).max(0.0);
    seconds_left - elapsed as i64
}

/// Rounds to whole minutes away from zero, so the clock never shows "0 min" while time
/// is left or overdue.
fn whole_minutes(seconds: i64) -> i64 {
    let minutes = (seconds.abs() + 59) / 60;
    minutes * 60
}

/// The SLA clock in words: `2시간 5분 남음` / `2 h 5 min left`, and once overdue
/// `15분 초과` / `15 min overdue`.
pub fn countdown(seconds_left: i64, locale: Locale) -> String {
    let span = duration(whole_minutes(seconds_left), locale);
    match (seconds_left >= 0, locale) {
        (true, Locale::Ko) => format!("{span} 남음"),
        (true, Locale::En) => format!("{span} left"),
        (false, Locale::Ko) => format!("{span} 초과"),
        (false, Locale::En) => format!("{span} overdue"),
    }
}

/// How long ago something happened: `3시간 12분 전` / `3 h 12 min ago`; under a minute
/// is "just now".
pub fn ago(seconds: i64, locale: Locale) -> String {
    if seconds < 60 {
        return match locale {
            Locale::Ko => "방금".to_owned(),
            Locale::En => "just now".to_owned(),
        };
    }
    let span = duration(seconds, locale);
    match locale {
        Locale::Ko => format!("{span} 전"),
        Locale::En => format!("{span} ago"),
    }
}
