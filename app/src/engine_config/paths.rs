//! A saved version's changes made readable: the well-known paths named as people say
//! them ("MQL: total score threshold"), and before/after values as short text. Values
//! are rendered as text, never markup.

use leadkit_shared::model::Stage;
use serde_json::Value;

use crate::i18n::Locale;
use crate::leads::text::stage_name;

/// The longest a changed value is shown before it is cut.
const MAX_VALUE_CHARS: usize = 160;

/// `path` split at its first `[name]`: (`head`, `name`, what follows the `]`).
fn bracket(path: &str) -> Option<(&str, &str, &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    Some((&path[..open], &path[open + 1..close], &path[close + 1..]))
}

fn stage_of(name: &str) -> Option<Stage> {
    serde_json::from_value(Value::String(name.to_owned())).ok()
}

/// A person's name for a change's `path`, when it is one the editors show; `None`
/// leaves the path itself to be shown.
pub fn describe_path(path: &str, locale: Locale) -> Option<String> {
    use Locale::{En, Ko};
    if path == "scoring.half_life_days" {
        return Some(match locale {
            Ko => "점수 감쇠 반감기 (일)".into(),
            En => "Score decay half-life (days)".into(),
        });
    }
    let (head, name, rest) = bracket(path)?;
    match head {
        "lifecycle.definitions" => {
            let stage = stage_name(stage_of(name)?, locale);
            if rest == ".criteria[min_total].points" {
                return Some(match locale {
                    Ko => format!("{stage}: 총점 기준"),
                    En => format!("{stage}: total score threshold"),
                });
            }
            Some(match locale {
                Ko => format!("{stage} 단계 기준"),
                En => format!("{stage} stage criteria"),
            })
        }
        "scoring.engagement_rules" | "scoring.profile_rules" => {
            let what = match (rest, locale) {
                (".points", Ko) => "점수",
                (".points", En) => "points",
                (".name", Ko) => "이름",
                (".name", En) => "name",
                (".cap", Ko) | (".cap.max_points", Ko) | (".cap.period", Ko) => "상한",
                (".cap", En) | (".cap.max_points", En) | (".cap.period", En) => "cap",
                ("", Ko) => "규칙",
                ("", En) => "rule",
                (_, Ko) => "조건",
                (_, En) => "conditions",
            };
            Some(match locale {
                Ko => format!("규칙 {name}: {what}"),
                En => format!("Rule {name}: {what}"),
            })
        }
        "icp.personas" => Some(match locale {
            Ko => format!("페르소나 {name}"),
            En => format!("Persona {name}"),
        }),
        _ => None,
    }
}

/// A changed value as short text; `None` (absent) and `null` as a dash.
pub fn show_value(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => return "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > MAX_VALUE_CHARS {
        let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
        format!("{cut}…")
    } else {
        text
    }
}
