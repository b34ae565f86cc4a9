//! Predicates ready to match: values checked against the field's type, text folded and
//! sorted once, so the per-lead work is a read, at most one fold, and a comparison.

use crate::model::{Account, Field, FieldValue, Lead};
use crate::text::fold;

use super::kind::{FieldKind, field_kind, field_name};
use super::{Operator, PredicateError, Scratch, Value};

/// An operator ready to test field values.
#[derive(Debug, Clone, PartialEq)]
pub enum CompiledOperator {
    /// `equals` and `one_of`: the accepted values by type. Texts are folded, sorted and
    /// deduplicated for binary search.
    OneOf {
        /// Folded accepted texts, sorted.
        texts: Box<[Box<str>]>,
        /// Accepted numbers.
        numbers: Box<[f64]>,
        /// Whether `true` is accepted.
        accepts_true: bool,
        /// Whether `false` is accepted.
        accepts_false: bool,
    },
    /// Inclusive bounds; an open bound is infinite.
    Range {
        /// The least value accepted.
        min: f64,
        /// The greatest value accepted.
        max: f64,
    },
    /// A folded, non-empty needle.
    Contains {
        /// The folded text looked for.
        needle: Box<str>,
    },
    /// The field has a value.
    Exists,
    /// The field has no value.
    Missing,
}

impl CompiledOperator {
    /// Checks `operator` against `field`'s type and prepares it for matching.
    pub fn compile(field: &Field, operator: &Operator) -> Result<Self, PredicateError> {
        let kind = field_kind(field);
        let name = operator.name();
        let mismatch = |given: &'static str| PredicateError::TypeMismatch {
            field: field_name(field),
            operator: name,
            found: kind.as_str(),
            given,
        };
        match operator {
            Operator::Equals { value } => {
                Self::one_of(field, kind, name, std::slice::from_ref(value))
            }
            Operator::OneOf { values } => Self::one_of(field, kind, name, values),
            Operator::Range { min, max } => {
                if !matches!(kind, FieldKind::Number | FieldKind::Any) {
                    return Err(mismatch("number range"));
                }
                if min.is_none() && max.is_none() {
                    return Err(PredicateError::UnboundedRange {
                        field: field_name(field),
                    });
                }
                let min = min.unwrap_or(f64::NEG_INFINITY);
                let max = max.unwrap_or(f64::INFINITY);
                // An open bound became infinite above; a given bound must be finite.
                if min.is_nan() || max.is_nan() || min == f64::INFINITY || max == f64::NEG_INFINITY
                {
                    return Err(PredicateError::NonFiniteNumber {
                        field: field_name(field),
                        operator: name,
                    });
                }
                if min > max {
                    return Err(PredicateError::InvertedRange {
                        field: field_name(field),
                        min,
                        max,
                    });
                }
                Ok(Self::Range { min, max })
            }
            Operator::Contains { text } => {
                if !matches!(kind, FieldKind::Text | FieldKind::TextList | FieldKind::Any) {
                    return Err(mismatch("text"));
                }
                let needle = fold(text);
                if needle.is_empty() {
                    return Err(PredicateError::BlankText {
                        field: field_name(field),
                        operator: name,
                    });
                }
                Ok(Self::Contains {
                    needle: needle.into_boxed_str(),
                })
            }
            Operator::Exists => Ok(Self::Exists),
            Operator::Missing => Ok(Self::Missing),
        }
    }

    fn one_of(
        field: &Field,
        kind: FieldKind,
        name: &'static str,
        values: &[Value],
    ) -> Result<Self, PredicateError> {
        if values.is_empty() {
            return Err(PredicateError::EmptyOneOf {
                field: field_name(field),
            });
        }
        let mut texts = Vec::new();
        let mut numbers = Vec::new();
        let (mut accepts_true, mut accepts_false) = (false, false);
        for value in values {
            let fits = matches!(
                (kind, value),
                (FieldKind::Any, _)
                    | (FieldKind::Text | FieldKind::TextList, Value::Text(_))
                    | (FieldKind::Number, Value::Number(_))
                    | (FieldKind::Bool, Value::Bool(_))
            );
            if !fits {
                return Err(PredicateError::TypeMismatch {
                    field: field_name(field),
                    operator: name,
                    found: kind.as_str(),
                    given: value.kind_name(),
                });
            }
            match value {
                Value::Text(text) => {
                    let folded = fold(text);
                    if folded.is_empty() {
                        return Err(PredicateError::BlankText {
                            field: field_name(field),
                            operator: name,
                        });
                    }
                    texts.push(folded.into_boxed_str());
                }
                Value::Number(n) if n.is_finite() => numbers.push(*n),
                Value::Number(_) => {
                    return Err(PredicateError::NonFiniteNumber {
                        field: field_name(field),
                        operator: name,
                    });
                }
                Value::Bool(true) => accepts_true = true,
                Value::Bool(false) => accepts_false = true,
            }
        }
        texts.sort_unstable();
        texts.dedup();
        Ok(Self::OneOf {
            texts: texts.into_boxed_slice(),
            numbers: numbers.into_boxed_slice(),
            accepts_true,
            accepts_false,
        })
    }

    /// Whether testing a text value needs its fold (so callers fold once per field).
    pub fn needs_fold(&self) -> bool {
        match self {
            Self::OneOf { texts, .. } => !texts.is_empty(),
            Self::Contains { .. } => true,
            Self::Range { .. } | Self::Exists | Self::Missing => false,
        }
    }

    /// Tests a field value, folding its text into `scratch` when needed.
    pub fn test(&self, value: FieldValue<'_>, scratch: &mut Scratch) -> bool {
        match value {
            FieldValue::Text(text) if self.needs_fold() => {
                let folded = scratch.fold(text);
                self.test_folded(value, folded)
            }
            FieldValue::List(items) if self.needs_fold() => items.iter().any(|item| {
                let folded = scratch.fold(item);
                self.test_folded_text(folded)
            }),
            _ => self.test_folded(value, ""),
        }
    }

    /// Tests a value that is not a list, given the fold of its text (ignored for numbers
    /// and bools). Lets a caller fold a field once for every operator that tests it; lists
    /// go through [`Self::test`].
    pub(crate) fn test_folded(&self, value: FieldValue<'_>, folded: &str) -> bool {
        match (self, value) {
            (Self::Exists, value) => value.is_present(),
            (Self::Missing, value) => !value.is_present(),
            (_, FieldValue::Text(_)) => self.test_folded_text(folded),
            (Self::OneOf { numbers, .. }, FieldValue::Number(n)) => numbers.contains(&n),
            (Self::Range { min, max }, FieldValue::Number(n)) => *min <= n && n <= *max,
            (
                Self::OneOf {
                    accepts_true,
                    accepts_false,
                    ..
                },
                FieldValue::Bool(b),
            ) => {
                if b {
                    *accepts_true
                } else {
                    *accepts_false
                }
            }
            // Lists reach here only from operators that need no fold: none of them
            // (range, equals on numbers or bools) can match text elements.
            _ => false,
        }
    }

    /// Tests already folded text (one element of a list, or a text value).
    pub(crate) fn test_folded_text(&self, folded: &str) -> bool {
        match self {
            Self::OneOf { texts, .. } => texts.binary_search_by(|t| (**t).cmp(folded)).is_ok(),
            Self::Contains { needle } => folded.contains(&**needle),
            // Blank text is missing; any other text exists.
            Self::Exists => !folded.is_empty(),
            Self::Missing => folded.is_empty(),
            Self::Range { .. } => false,
        }
    }
}

/// A field and the compiled test of it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledPredicate {
    field: Field,
    operator: CompiledOperator,
}

impl CompiledPredicate {
    /// A compiled predicate from its parts (see [`super::Predicate::compile`]).
    pub fn new(field: Field, operator: CompiledOperator) -> Self {
        Self { field, operator }
    }

    /// The field tested.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The compiled test.
    pub fn operator(&self) -> &CompiledOperator {
        &self.operator
    }

    /// Whether `lead` (with its matched `account`) passes.
    pub fn matches(&self, lead: &Lead, account: Option<&Account>, scratch: &mut Scratch) -> bool {
        self.operator.test(self.field.read(lead, account), scratch)
    }
}
