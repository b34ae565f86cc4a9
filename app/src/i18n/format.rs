//! Numbers, money, percentages and times as each locale writes them: `1,234`, `₩1,200,000`
//! / `$1,200.00`, `2026. 11. 24. 오후 3:05` / `Nov 24, 2026, 3:05 PM`. Plain functions
//! of the locale so they are tested natively.

use leadkit_shared::model::Currency;
use time::{OffsetDateTime, UtcOffset};

use super::Locale;

/// A whole number with thousands separators (both locales use commas).
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as a percentage with one decimal, e.g. `42.5%`.
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", share * 100.0)
    } else {
        "—".to_owned()
    }
}

/// A count kept in hundredths, with two decimals: `1,234.50` (both locales write it so);
/// fractional attribution credit is counted this way to stay exact.
pub fn hundredths(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let abs = n.unsigned_abs();
    format!("{sign}{}.{:02}", number((abs / 100) as i64), abs % 100)
}

/// An amount in minor units of `currency` (won and yen have none; the others cents).
pub fn money(minor_units: i64, currency: Currency) -> String {
    let symbol = match currency {
        Currency::Krw => "₩",
        Currency::Usd | Currency::Sgd => "$",
        Currency::Eur => "€",
        Currency::Jpy | Currency::Cny => "¥",
        Currency::Gbp => "£",
    };
    let sign = if minor_units < 0 { "-" } else { "" };
    let abs = minor_units.unsigned_abs();
    match currency.minor_unit_digits() {
        0 => format!("{sign}{symbol}{}", number(abs as i64)),
        _ => format!(
            "{sign}{symbol}{}.{:02}",
            number((abs / 100) as i64),
            abs % 100
        ),
    }
}

/// The browser's current offset from UTC.
pub fn local_offset() -> UtcOffset {
    // getTimezoneOffset is minutes *behind* UTC (Seoul gives -540).
    let minutes_ahead = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    UtcOffset::from_whole_seconds(minutes_ahead * 60).unwrap_or(UtcOffset::UTC)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as the locale writes it.
pub fn date(at: OffsetDateTime, offset: UtcOffset, locale: Locale) -> String {
    let local = at.to_offset(offset);
    match locale {
        Locale::Ko => format!(
            "{}. {}. {}.",
            local.year(),
            u8::from(local.month()),
            local.day()
        ),
        Locale::En => format!(
            "{} {}, {}",
            MONTHS[usize::from(u8::from(local.month())) - 1],
            local.day(),
            local.year()
        ),
    }
}

/// A date and time of day as the locale writes it.
pub fn date_time(at: OffsetDateTime, offset: UtcOffset, locale: Locale) -> String {
    let local = at.to_offset(offset);
    let (hour, minute) = (local.hour(), local.minute());
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    match locale {
        Locale::Ko => {
            let half = if hour < 12 { "오전" } else { "오후" };
            format!("{} {half} {twelve}:{minute:02}", date(at, offset, locale))
        }
        Locale::En => {
            let half = if hour < 12 { "AM" } else { "PM" };
            format!("{}, {twelve}:{minute:02} {half}", date(at, offset, locale))
        }
    }
}

/// A duration in seconds, roughly: `3시간 12분` / `3 h 12 min`, `2일` / `2 d`.
pub fn duration(seconds: i64, locale: Locale) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    let text = match locale {
        Locale::Ko if d > 0 => format!("{d}일 {h}시간"),
        Locale::Ko if h > 0 => format!("{h}시간 {m}분"),
        Locale::Ko => format!("{m}분"),
        Locale::En if d > 0 => format!("{d} d {h} h"),
        Locale::En if h > 0 => format!("{h} h {m} min"),
        Locale::En => format!("{m} min"),
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn numbers_money_and_percentages() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (-1_234_567, "-1,234,567"),
        ];
        for (n, text) in cases {
            assert_eq!(number(n), text);
        }
        assert_eq!(money(1_200_000, Currency::Krw), "₩1,200,000");
        assert_eq!(money(120_050, Currency::Usd), "$1,200.50");
        assert_eq!(money(-5, Currency::Usd), "-$0.05");
        assert_eq!(percent(0.425), "42.5%");
        assert_eq!(percent(f64::NAN), "—");
        assert_eq!(hundredths(123_450), "1,234.50");
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(hundredths(-150), "-1.50");
    }

    #[wasm_bindgen_test]
    fn dates_and_times_per_locale() {
        let at = datetime!(2026-11-24 06:05 UTC);
        let seoul = offset!(+9);
        assert_eq!(date_time(at, seoul, Locale::Ko), "2026. 11. 24. 오후 3:05");
        assert_eq!(date_time(at, seoul, Locale::En), "Nov 24, 2026, 3:05 PM");
        assert_eq!(date(at, offset!(-10), Locale::En), "Nov 23, 2026");
        assert_eq!(duration(3 * 3600 + 12 * 60, Locale::Ko), "3시간 12분");
        assert_eq!(duration(-90, Locale::En), "-1 min");
        assert_eq!(duration(2 * 86_400 + 3600, Locale::En), "2 d 1 h");
    }
}
