//! A criterion's test as its inputs hold it (an operator and the text typed for its
//! values) and back: what the editor reads from the draft and writes into it, typed per
//! field (numbers for employee counts, yes/no for flags, text otherwise).

use leadkit_shared::model::Field;
use leadkit_shared::predicate::{FieldKind, Operator, Value, field_kind};

use crate::engine_config::{
    InputProblem, join_list, parse_decimal, parse_optional_decimal, split_list,
};

/// The tests the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpKind {
    #[default]
    Equals,
    OneOf,
    Range,
    Contains,
    Exists,
    Missing,
}

impl OpKind {
    /// Every test, in menu order.
    pub const ALL: [OpKind; 6] = [
        Self::Equals,
        Self::OneOf,
        Self::Range,
        Self::Contains,
        Self::Exists,
        Self::Missing,
    ];

    /// The test an operator is.
    pub fn of(operator: &Operator) -> Self {
        match operator {
            Operator::Equals { .. } => Self::Equals,
            Operator::OneOf { .. } => Self::OneOf,
            Operator::Range { .. } => Self::Range,
            Operator::Contains { .. } => Self::Contains,
            Operator::Exists => Self::Exists,
            Operator::Missing => Self::Missing,
        }
    }

    /// The saved name (`one_of` …), used as the option value.
    pub fn name(self) -> &'static str {
        match self {
            Self::Equals => "equals",
            Self::OneOf => "one_of",
            Self::Range => "range",
            Self::Contains => "contains",
            Self::Exists => "exists",
            Self::Missing => "missing",
        }
    }

    /// The test named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A test as its inputs hold it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OperatorDraft {
    pub kind: OpKind,
    /// The value (equals, contains) or the comma-separated values (one of).
    pub value: String,
    /// The range's bounds; blank is open.
    pub min: String,
    pub max: String,
}

/// The tests that make sense for `field`'s type.
pub fn operators_for(field: &Field) -> &'static [OpKind] {
    use OpKind::*;
    match field_kind(field) {
        FieldKind::Text | FieldKind::TextList => &[Equals, OneOf, Contains, Exists, Missing],
        FieldKind::Number => &[Range, Equals, OneOf, Exists, Missing],
        FieldKind::Bool => &[Equals, Exists, Missing],
        FieldKind::Any => &OpKind::ALL,
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Text(t) => t.clone(),
    }
}

fn bound_text(bound: Option<f64>) -> String {
    bound.map(|n| n.to_string()).unwrap_or_default()
}

/// The inputs' text for a saved test.
pub fn draft_of(operator: &Operator) -> OperatorDraft {
    let kind = OpKind::of(operator);
    match operator {
        Operator::Equals { value } => OperatorDraft {
            kind,
            value: value_text(value),
            ..OperatorDraft::default()
        },
        Operator::OneOf { values } => OperatorDraft {
            kind,
            value: join_list(&values.iter().map(value_text).collect::<Vec<_>>()),
            ..OperatorDraft::default()
        },
        Operator::Range { min, max } => OperatorDraft {
            kind,
            min: bound_text(*min),
            max: bound_text(*max),
            ..OperatorDraft::default()
        },
        Operator::Contains { text } => OperatorDraft {
            kind,
            value: text.clone(),
            ..OperatorDraft::default()
        },
        Operator::Exists | Operator::Missing => OperatorDraft {
            kind,
            ..OperatorDraft::default()
        },
    }
}

/// One typed value as `field` holds values: a number for number fields, yes/no for
/// flags, text otherwise; for custom fields (any type) a number when it reads as one.
fn value_of(field: &Field, text: &str) -> Result<Value, InputProblem> {
    match field_kind(field) {
        FieldKind::Number => parse_decimal(text).map(Value::Number),
        FieldKind::Bool => Ok(Value::Bool(text.trim() == "true")),
        FieldKind::Any => Ok(parse_decimal(text)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::Text(text.to_owned()))),
        FieldKind::Text | FieldKind::TextList => Ok(Value::Text(text.to_owned())),
    }
}

/// The test the inputs describe for `field`. Text that cannot be a value of the field
/// (letters for an employee count) is an input problem; what the engine refuses (a blank
/// text, an open range) is left for its validation to name.
pub fn operator_of(field: &Field, draft: &OperatorDraft) -> Result<Operator, InputProblem> {
    Ok(match draft.kind {
        OpKind::Equals => Operator::Equals {
            value: value_of(field, &draft.value)?,
        },
        OpKind::OneOf => Operator::OneOf {
            values: split_list(&draft.value)
                .iter()
                .map(|v| value_of(field, v))
                .collect::<Result<_, _>>()?,
        },
        OpKind::Range => Operator::Range {
            min: parse_optional_decimal(&draft.min)?,
            max: parse_optional_decimal(&draft.max)?,
        },
        OpKind::Contains => Operator::Contains {
            text: draft.value.clone(),
        },
        OpKind::Exists => Operator::Exists,
        OpKind::Missing => Operator::Missing,
    })
}

/// The draft after switching to `field`: kept when its test still fits the field,
/// else the field's first test with the typed text kept.
pub fn refit(field: &Field, draft: &OperatorDraft) -> OperatorDraft {
    let allowed = operators_for(field);
    if allowed.contains(&draft.kind) {
        draft.clone()
    } else {
        OperatorDraft {
            kind: allowed.first().copied().unwrap_or_default(),
            ..draft.clone()
        }
    }
}
