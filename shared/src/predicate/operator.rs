//! The saved form of an operator and its values: what a workspace writes in an ICP
//! criterion or a segment condition.

use serde::{Deserialize, Serialize};

/// A value a rule compares a field with. Saved as a bare JSON string, number or bool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// Yes or no.
    Bool(bool),
    /// A number (employee count, a numeric custom field).
    Number(f64),
    /// Text, compared folded (case, width and spacing do not matter).
    Text(String),
}

impl Value {
    /// The name of the value's type, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Bool(_) => "bool",
            Self::Number(_) => "number",
            Self::Text(_) => "text",
        }
    }
}

/// How a field is tested. Text is compared folded (see [`crate::text::fold`]); a list
/// field (tech tags) passes when any element passes; a missing field passes only
/// `missing`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operator {
    /// The field equals the value.
    Equals {
        /// The value the field must equal.
        value: Value,
    },
    /// The field equals one of the values.
    OneOf {
        /// The accepted values.
        values: Vec<Value>,
    },
    /// A number field lies within the bounds, both inclusive; a missing bound is open.
    Range {
        /// The least value accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// The greatest value accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// A text field contains the text (folded, so 마케팅 matches "글로벌 마케팅 팀장").
    Contains {
        /// The text looked for.
        text: String,
    },
    /// The field has a value (blank text and empty lists count as missing).
    Exists,
    /// The field has no value.
    Missing,
}

impl Operator {
    /// The stable name used in saved rules and error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Equals { .. } => "equals",
            Self::OneOf { .. } => "one_of",
            Self::Range { .. } => "range",
            Self::Contains { .. } => "contains",
            Self::Exists => "exists",
            Self::Missing => "missing",
        }
    }
}
