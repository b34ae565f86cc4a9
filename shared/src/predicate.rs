//! The one condition language over lead and account fields: ICP criteria and segment
//! conditions both say "this field, this operator", so a title test means the same thing
//! wherever a workspace writes it.
//!
//! Rules are stored as [`Predicate`]s (serde) and matched as [`CompiledPredicate`]s, whose
//! text is folded once at compile time so that testing 100k leads folds only the lead side,
//! into a reused [`Scratch`] buffer.

mod compiled;
mod fold;
mod kind;
mod operator;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::Field;

pub use compiled::{CompiledOperator, CompiledPredicate};
pub use fold::Scratch;
pub use kind::{FieldKind, NAMED_FIELDS, field_from_name, field_kind, field_name};
pub use operator::{Operator, Value};

/// A test of one field: the saved form of an ICP criterion's or a segment condition's
/// field part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predicate {
    /// The field tested.
    pub field: Field,
    /// How it is tested.
    pub operator: Operator,
}

impl Predicate {
    /// A predicate testing `field` with `operator`.
    pub fn new(field: Field, operator: Operator) -> Self {
        Self { field, operator }
    }

    /// Checks the predicate and folds its text for matching.
    pub fn compile(&self) -> Result<CompiledPredicate, PredicateError> {
        let operator = CompiledOperator::compile(&self.field, &self.operator)?;
        Ok(CompiledPredicate::new(self.field.clone(), operator))
    }
}

/// Why a predicate cannot be used. Each variant names the field (as in [`field_name`]).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PredicateError {
    /// `one_of` with no values matches nothing, which is never what was meant.
    #[error("{field}: one_of needs at least one value")]
    EmptyOneOf {
        /// The field tested.
        field: String,
    },
    /// A text value that folds to nothing (blank); use `exists`/`missing` for blank tests.
    #[error("{field}: {operator} needs a non-blank text")]
    BlankText {
        /// The field tested.
        field: String,
        /// The operator's name.
        operator: &'static str,
    },
    /// A number that is NaN or infinite.
    #[error("{field}: {operator} needs finite numbers")]
    NonFiniteNumber {
        /// The field tested.
        field: String,
        /// The operator's name.
        operator: &'static str,
    },
    /// A range with neither bound; use `exists` to test for any number.
    #[error("{field}: range needs a min or a max")]
    UnboundedRange {
        /// The field tested.
        field: String,
    },
    /// A range whose min is above its max, which no value satisfies.
    #[error("{field}: range min {min} is above max {max}")]
    InvertedRange {
        /// The field tested.
        field: String,
        /// The lower bound given.
        min: f64,
        /// The upper bound given.
        max: f64,
    },
    /// The operator or its value does not fit the field's type (e.g. a range on a title).
    #[error("{field}: {operator} cannot test a {found} field with a {given} value")]
    TypeMismatch {
        /// The field tested.
        field: String,
        /// The operator's name.
        operator: &'static str,
        /// The field's type.
        found: &'static str,
        /// The kind of value or test the operator needs.
        given: &'static str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Account, AccountId, CustomValue, EntryPath, Lead, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn lead_and_account(setup: fn(&mut Lead, &mut Account)) -> (Lead, Account) {
        let ws = WorkspaceId(Uuid::nil());
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            ws,
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-24 0:00 UTC),
        );
        let mut account = Account::new(AccountId(Uuid::from_u128(2)), ws, "한빛소프트");
        setup(&mut lead, &mut account);
        (lead, account)
    }

    fn text(t: &str) -> Value {
        Value::Text(t.into())
    }

    fn contains(t: &str) -> Operator {
        Operator::Contains { text: t.into() }
    }

    fn one_of(values: &[&str]) -> Operator {
        Operator::OneOf {
            values: values.iter().map(|v| text(v)).collect(),
        }
    }

    fn range(min: Option<f64>, max: Option<f64>) -> Operator {
        Operator::Range { min, max }
    }

    #[test]
    fn operators_match_as_people_expect() {
        type Setup = fn(&mut Lead, &mut Account);
        let employees = |n: u32| -> Setup {
            // One setup per count keeps the table readable; counts are few.
            match n {
                49 => |_, a| a.employee_count = Some(49),
                50 => |_, a| a.employee_count = Some(50),
                250 => |_, a| a.employee_count = Some(250),
                1000 => |_, a| a.employee_count = Some(1000),
                _ => |_, a| a.employee_count = Some(1001),
            }
        };
        let cases: Vec<(&str, Field, Operator, Setup, bool)> = vec![
            (
                "직함 contains 마케팅",
                Field::Title,
                contains("마케팅"),
                |l, _| l.title = Some("글로벌 마케팅 팀장".into()),
                true,
            ),
            (
                "직함 contains 마케팅, sales title",
                Field::Title,
                contains("마케팅"),
                |l, _| l.title = Some("영업 팀장".into()),
                false,
            ),
            (
                "직함 contains, jamo input",
                Field::Title,
                contains("마케팅"),
                |l, _| {
                    l.title =
                        Some("\u{1106}\u{1161}\u{110F}\u{1166}\u{1110}\u{1175}\u{11BC} 팀장".into())
                },
                true,
            ),
            (
                "contains ignores case",
                Field::Title,
                contains("MARKETING"),
                |l, _| l.title = Some("Head of Marketing".into()),
                true,
            ),
            (
                "full-width rule, half-width data",
                Field::Title,
                contains("ＣＭＯ"),
                |l, _| l.title = Some("cmo".into()),
                true,
            ),
            (
                "half-width rule, full-width data",
                Field::CompanyName,
                Operator::Equals {
                    value: text("samsung"),
                },
                |_, a| a.name = "Ｓａｍｓｕｎｇ".into(),
                true,
            ),
            (
                "contains on missing title",
                Field::Title,
                contains("마케팅"),
                |_, _| {},
                false,
            ),
            (
                "region one_of 서울/경기: 서울",
                Field::Region,
                one_of(&["서울", "경기"]),
                |_, a| a.region = Some("서울".into()),
                true,
            ),
            (
                "region one_of 서울/경기: 경기",
                Field::Region,
                one_of(&["서울", "경기"]),
                |_, a| a.region = Some(" 경기 ".into()),
                true,
            ),
            (
                "region one_of 서울/경기: 부산",
                Field::Region,
                one_of(&["서울", "경기"]),
                |_, a| a.region = Some("부산".into()),
                false,
            ),
            (
                "region one_of on missing region",
                Field::Region,
                one_of(&["서울", "경기"]),
                |_, _| {},
                false,
            ),
            (
                "employees 50–1000: 49",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                employees(49),
                false,
            ),
            (
                "employees 50–1000: 50",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                employees(50),
                true,
            ),
            (
                "employees 50–1000: 250",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                employees(250),
                true,
            ),
            (
                "employees 50–1000: 1000",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                employees(1000),
                true,
            ),
            (
                "employees 50–1000: 1001",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                employees(1001),
                false,
            ),
            (
                "employees ≥ 50, open max",
                Field::EmployeeCount,
                range(Some(50.0), None),
                employees(1001),
                true,
            ),
            (
                "employees range, unknown",
                Field::EmployeeCount,
                range(Some(50.0), Some(1000.0)),
                |_, _| {},
                false,
            ),
            (
                "employees equals",
                Field::EmployeeCount,
                Operator::Equals {
                    value: Value::Number(250.0),
                },
                employees(250),
                true,
            ),
            (
                "industry equals ignores case",
                Field::Industry,
                Operator::Equals {
                    value: text("saas"),
                },
                |_, a| a.industry = Some("SaaS".into()),
                true,
            ),
            (
                "industry equals is not contains",
                Field::Industry,
                Operator::Equals {
                    value: text("saas"),
                },
                |_, a| a.industry = Some("SaaS 솔루션".into()),
                false,
            ),
            (
                "tech tags: any element equals",
                Field::TechTags,
                Operator::Equals { value: text("aws") },
                |_, a| a.tech_tags = vec!["Salesforce".into(), "AWS".into()],
                true,
            ),
            (
                "tech tags: any element contains",
                Field::TechTags,
                contains("force"),
                |_, a| a.tech_tags = vec!["Salesforce".into()],
                true,
            ),
            (
                "tech tags: none in list",
                Field::TechTags,
                one_of(&["gcp", "azure"]),
                |_, a| a.tech_tags = vec!["aws".into()],
                false,
            ),
            (
                "tech tags exist",
                Field::TechTags,
                Operator::Exists,
                |_, a| a.tech_tags = vec!["aws".into()],
                true,
            ),
            (
                "empty tech tags are missing",
                Field::TechTags,
                Operator::Missing,
                |_, _| {},
                true,
            ),
            (
                "title exists",
                Field::Title,
                Operator::Exists,
                |l, _| l.title = Some("대표".into()),
                true,
            ),
            (
                "blank title is missing",
                Field::Title,
                Operator::Missing,
                |l, _| l.title = Some(" \u{3000} ".into()),
                true,
            ),
            (
                "blank title does not exist",
                Field::Title,
                Operator::Exists,
                |l, _| l.title = Some("  ".into()),
                false,
            ),
            (
                "champion equals true",
                Field::Champion,
                Operator::Equals {
                    value: Value::Bool(true),
                },
                |l, _| l.champion = true,
                true,
            ),
            (
                "champion equals true, not champion",
                Field::Champion,
                Operator::Equals {
                    value: Value::Bool(true),
                },
                |_, _| {},
                false,
            ),
            (
                "seniority one_of",
                Field::Seniority,
                one_of(&["executive", "vp"]),
                |l, _| l.seniority = Some(crate::model::Seniority::Vp),
                true,
            ),
            (
                "custom number range",
                Field::Custom("budget".into()),
                range(Some(1e7), None),
                |l, _| {
                    l.custom.insert("budget".into(), CustomValue::Number(5e7));
                },
                true,
            ),
            (
                "custom number vs text value",
                Field::Custom("budget".into()),
                Operator::Equals { value: text("5e7") },
                |l, _| {
                    l.custom.insert("budget".into(), CustomValue::Number(5e7));
                },
                false,
            ),
            (
                "custom text contains",
                Field::AccountCustom("plan".into()),
                contains("엔터프라이즈"),
                |_, a| {
                    a.custom
                        .insert("plan".into(), CustomValue::Text("엔터프라이즈 플랜".into()));
                },
                true,
            ),
            (
                "custom mixed one_of",
                Field::Custom("tier".into()),
                Operator::OneOf {
                    values: vec![Value::Number(1.0), text("gold")],
                },
                |l, _| {
                    l.custom
                        .insert("tier".into(), CustomValue::Text("Gold".into()));
                },
                true,
            ),
            (
                "custom missing",
                Field::Custom("tier".into()),
                Operator::Missing,
                |_, _| {},
                true,
            ),
        ];
        let mut scratch = Scratch::new();
        for (name, field, operator, setup, expected) in cases {
            let (lead, account) = lead_and_account(setup);
            let compiled = Predicate::new(field, operator).compile().unwrap();
            assert_eq!(
                compiled.matches(&lead, Some(&account), &mut scratch),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn malformed_predicates_are_rejected_naming_the_field() {
        let nan = Value::Number(f64::NAN);
        let cases: Vec<(Field, Operator, PredicateError)> = vec![
            (
                Field::Title,
                range(Some(1.0), None),
                PredicateError::TypeMismatch {
                    field: "title".into(),
                    operator: "range",
                    found: "text",
                    given: "number range",
                },
            ),
            (
                Field::EmployeeCount,
                contains("50"),
                PredicateError::TypeMismatch {
                    field: "employee_count".into(),
                    operator: "contains",
                    found: "number",
                    given: "text",
                },
            ),
            (
                Field::Title,
                Operator::Equals {
                    value: Value::Number(1.0),
                },
                PredicateError::TypeMismatch {
                    field: "title".into(),
                    operator: "equals",
                    found: "text",
                    given: "number",
                },
            ),
            (
                Field::Champion,
                one_of(&["yes"]),
                PredicateError::TypeMismatch {
                    field: "champion".into(),
                    operator: "one_of",
                    found: "bool",
                    given: "text",
                },
            ),
            (
                Field::Region,
                Operator::OneOf { values: vec![] },
                PredicateError::EmptyOneOf {
                    field: "region".into(),
                },
            ),
            (
                Field::Title,
                contains(" \u{3000} "),
                PredicateError::BlankText {
                    field: "title".into(),
                    operator: "contains",
                },
            ),
            (
                Field::Region,
                one_of(&["서울", ""]),
                PredicateError::BlankText {
                    field: "region".into(),
                    operator: "one_of",
                },
            ),
            (
                Field::EmployeeCount,
                range(None, None),
                PredicateError::UnboundedRange {
                    field: "employee_count".into(),
                },
            ),
            (
                Field::EmployeeCount,
                range(Some(1000.0), Some(50.0)),
                PredicateError::InvertedRange {
                    field: "employee_count".into(),
                    min: 1000.0,
                    max: 50.0,
                },
            ),
            (
                Field::EmployeeCount,
                range(Some(f64::NAN), None),
                PredicateError::NonFiniteNumber {
                    field: "employee_count".into(),
                    operator: "range",
                },
            ),
            (
                Field::Custom("x".into()),
                Operator::Equals { value: nan },
                PredicateError::NonFiniteNumber {
                    field: "custom.x".into(),
                    operator: "equals",
                },
            ),
        ];
        for (field, operator, expected) in cases {
            assert_eq!(
                Predicate::new(field, operator).compile(),
                Err(expected.clone()),
                "{expected}"
            );
        }
        assert_eq!(
            PredicateError::InvertedRange {
                field: "employee_count".into(),
                min: 1000.0,
                max: 50.0
            }
            .to_string(),
            "employee_count: range min 1000 is above max 50"
        );
    }

    #[test]
    fn saved_form_is_stable() {
        let json =
            r#"{"field":{"field":"region"},"operator":{"op":"one_of","values":["서울","경기"]}}"#;
        let predicate: Predicate = serde_json::from_str(json).unwrap();
        assert_eq!(
            predicate,
            Predicate::new(Field::Region, one_of(&["서울", "경기"]))
        );
        assert_eq!(serde_json::to_string(&predicate).unwrap(), json);
        let json = r#"{"op":"range","min":50.0,"max":1000.0}"#;
        assert_eq!(
            serde_json::to_string(&range(Some(50.0), Some(1000.0))).unwrap(),
            json
        );
        let open: Operator = serde_json::from_str(r#"{"op":"range","min":50}"#).unwrap();
        assert_eq!(open, range(Some(50.0), None));
        let equals: Operator = serde_json::from_str(r#"{"op":"equals","value":true}"#).unwrap();
        assert_eq!(
            equals,
            Operator::Equals {
                value: Value::Bool(true)
            }
        );
    }
}
