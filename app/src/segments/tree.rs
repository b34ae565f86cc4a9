//! Plain functions the editor uses on a draft filter: the conditions it offers, a
//! condition's editable parts, and the tree's shape (what re-renders the editor).

use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::model::{Field, Stage, Tier};
use leadkit_shared::predicate::{Operator, Predicate, Value, field_from_name, field_name};
use leadkit_shared::segments::{Condition, Filter, ScoreKind, Segment};

use crate::i18n::Locale;

/// The text fields offered, with their names in Korean and English.
pub const TEXT_FIELDS: [(&str, &str, &str); 9] = [
    ("title", "직함", "Title"),
    ("company_name", "회사명", "Company"),
    ("industry", "업종", "Industry"),
    ("region", "지역", "Region"),
    ("department", "부서", "Department"),
    ("seniority", "직급", "Seniority"),
    ("source", "유입 경로", "Source"),
    ("name", "이름", "Name"),
    ("email_domain", "이메일 도메인", "E-mail domain"),
];

/// The picker's value for a condition: `field:title`, `employees`, `score`, `stage`,
/// `tier`, or `other` for kinds this editor does not edit.
pub fn kind_of(condition: &Condition) -> String {
    match condition {
        Condition::Field(p) => match &p.field {
            Field::EmployeeCount => "employees".into(),
            field => {
                let name = field_name(field);
                if TEXT_FIELDS.iter().any(|(f, ..)| *f == name) {
                    format!("field:{name}")
                } else {
                    "other".into()
                }
            }
        },
        Condition::Score {
            score: ScoreKind::Total,
            ..
        } => "score".into(),
        Condition::Stage { .. } => "stage".into(),
        Condition::Tier { .. } => "tier".into(),
        _ => "other".into(),
    }
}

/// A fresh condition of the picked kind.
pub fn new_condition(kind: &str) -> Condition {
    if let Some(name) = kind.strip_prefix("field:")
        && let Some(field) = field_from_name(name)
    {
        return Condition::Field(Predicate::new(
            field,
            Operator::Contains {
                text: String::new(),
            },
        ));
    }
    match kind {
        "employees" => Condition::Field(Predicate::new(
            Field::EmployeeCount,
            Operator::Range {
                min: Some(50.0),
                max: None,
            },
        )),
        "score" => Condition::Score {
            score: ScoreKind::Total,
            min: Some(50),
            max: None,
        },
        "tier" => Condition::Tier {
            tiers: vec![Tier::A],
        },
        _ => Condition::Stage {
            stages: vec![Stage::Mql],
        },
    }
}

/// The text a condition's value box shows.
pub fn value_text(condition: &Condition) -> String {
    match condition {
        Condition::Field(p) => match &p.operator {
            Operator::Contains { text } => text.clone(),
            Operator::Equals {
                value: Value::Text(t),
            } => t.clone(),
            Operator::Range { min, .. } => min.map(|m| m.to_string()).unwrap_or_default(),
            _ => String::new(),
        },
        Condition::Score { min, .. } => min.map(|m| m.to_string()).unwrap_or_default(),
        Condition::Stage { stages } => stages
            .first()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        Condition::Tier { tiers } => tiers
            .first()
            .map(crate::ui::wire::wire_name)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Sets a condition's value from its box; a number that does not parse clears it
/// (the rules then say the bound is missing, beside the box).
pub fn set_value(condition: &mut Condition, text: &str) {
    match condition {
        Condition::Field(p) => match &mut p.operator {
            Operator::Contains { text: t } => *t = text.to_owned(),
            Operator::Equals { value } => *value = Value::Text(text.to_owned()),
            Operator::Range { min, .. } => *min = text.trim().parse().ok(),
            _ => {}
        },
        Condition::Score { min, .. } => *min = text.trim().parse().ok(),
        Condition::Stage { stages } => {
            *stages = Stage::from_name(text).into_iter().collect();
        }
        Condition::Tier { tiers } => {
            *tiers = crate::ui::wire::from_wire::<Tier>(text)
                .into_iter()
                .collect();
        }
        _ => {}
    }
}

/// `contains` or `equals` for a text field's condition.
pub fn operator_of(condition: &Condition) -> &'static str {
    match condition {
        Condition::Field(p) => p.operator.name(),
        _ => "",
    }
}

/// Switches a text condition between `contains` and `equals`, keeping its text.
pub fn set_operator(condition: &mut Condition, op: &str) {
    if let Condition::Field(p) = condition {
        let text = value_text(&Condition::Field(p.clone()));
        p.operator = if op == "equals" {
            Operator::Equals {
                value: Value::Text(text),
            }
        } else {
            Operator::Contains { text }
        };
    }
}

/// The tree's shape: group kinds and condition kinds, not values. The editor re-renders
/// when it changes, and only then, so typing a value keeps the focus.
pub fn shape(filter: &Filter) -> String {
    match filter {
        Filter::All(items) | Filter::Any(items) => {
            let inner: Vec<String> = items.iter().map(shape).collect();
            let kind = if matches!(filter, Filter::All(_)) {
                "all"
            } else {
                "any"
            };
            format!("{kind}({})", inner.join(","))
        }
        Filter::Not(inner) => format!("not({})", shape(inner)),
        Filter::Condition(c) => format!("{}:{}", kind_of(c), operator_of(c)),
    }
}

/// The problems of a draft as the worker would name them, found by the shared rules
/// without asking it.
pub fn local_problems(segment: &Segment) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if let Err(e) = segment.filter.validate() {
        problems.push(FieldError::new(
            &e.field_path(),
            FieldErrorCode::InvalidDefinition,
            e.to_string(),
        ));
    }
    problems
}

/// A problem at a condition or group's own path or one of its parts (`….value`), not
/// deeper in the tree.
pub fn problem_under(problems: &[FieldError], path: &str) -> Option<FieldError> {
    problems
        .iter()
        .find(|p| {
            p.field == path
                || p.field
                    .strip_prefix(path)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|part| {
                        !part.starts_with("all[")
                            && !part.starts_with("any[")
                            && part != "not"
                            && !part.starts_with("not.")
                    })
        })
        .cloned()
}

/// A text field's name in `locale`.
pub fn field_label(name: &str, locale: Locale) -> &'static str {
    TEXT_FIELDS
        .iter()
        .find(|(f, ..)| *f == name)
        .map_or("", |(_, ko, en)| if locale == Locale::Ko { ko } else { en })
}

/// The employee count field's name in `locale`.
pub fn employees_label(locale: Locale) -> &'static str {
    if locale == Locale::Ko {
        "직원 수"
    } else {
        "Employees"
    }
}
