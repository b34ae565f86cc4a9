//! Fuzz target: the saved filter forms the API takes as JSON — segments
//! (`PUT /api/segments/{id}`), their predicates, and the engine configuration with its
//! lifecycle stage criteria (`PUT /api/engine-config`). Properties: no bytes or JSON
//! make decoding, validation or compilation panic; whatever decodes survives a serde
//! round trip unchanged; generated valid filters compile and round-trip.

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::mutate::mutated;
use crate::engine::{Engine, EngineConfig};
use crate::icp::IcpSet;
use crate::lifecycle::{LifecycleConfig, StageCriterion};
use crate::predicate::Predicate;
use crate::segments::tests::arb_filter;
use crate::segments::{Filter, Segment};

/// Names and values of the filter and criteria grammars, so random JSON trees often
/// take the shape of a real filter and reach the checks behind the parser.
const KEYS: &[&str] = &[
    "all",
    "any",
    "not",
    "condition",
    "kind",
    "field",
    "key",
    "operator",
    "op",
    "value",
    "values",
    "text",
    "min",
    "max",
    "score",
    "tiers",
    "personas",
    "ids",
    "stages",
    "touch",
    "within_days",
    "name",
    "filter",
    "template",
    "criterion",
    "points",
    "any_of",
    "min_count",
    "purpose",
    "stage",
    "criteria",
    "definitions",
    "allowed_transitions",
];
const WORDS: &[&str] = &[
    "field",
    "score",
    "tier",
    "persona",
    "leads",
    "stage",
    "touch_count",
    "days_since_last_touch",
    "equals",
    "one_of",
    "range",
    "contains",
    "exists",
    "missing",
    "email",
    "title",
    "custom",
    "employee_count",
    "fit",
    "engagement",
    "total",
    "A",
    "mql",
    "webinar",
    "min_total",
    "any_of",
    "tier_at_least",
    "event_occurred",
    "{{name}}",
    "{{",
    "마케팅",
];

fn grammar_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(WORDS).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(KEYS).prop_map(str::to_owned),
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Decodes `bytes` as `T`; when they decode, checks the value survives a serde round
/// trip and hands it back for the target's own checks.
fn decode_round_trip<T>(bytes: &[u8]) -> Result<Option<T>, TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return Ok(None);
    };
    let json = serde_json::to_vec(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_slice(&json)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&json))))?;
    prop_assert_eq!(&back, &value);
    Ok(Some(value))
}

/// Every reader of filter-shaped JSON the API has, on the same bytes.
fn read_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Some(segment) = decode_round_trip::<Segment>(bytes)?
        && let Ok(icps) = IcpSet::default().compile()
    {
        let _ = segment.compile(&icps);
    }
    if let Some(filter) = decode_round_trip::<Filter>(bytes)? {
        let _ = filter.validate();
        let _ = filter.compile();
    }
    if let Some(predicate) = decode_round_trip::<Predicate>(bytes)? {
        let _ = predicate.compile();
    }
    if let Some(lifecycle) = decode_round_trip::<LifecycleConfig>(bytes)? {
        let _ = lifecycle.validate();
    }
    let _ = decode_round_trip::<StageCriterion>(bytes)?;
    if let Some(config) = decode_round_trip::<EngineConfig>(bytes)? {
        let _ = Engine::new(config);
    }
    Ok(())
}

proptest! {
    #![proptest_config(super::config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        read_everything(&bytes)?;
    }

    #[test]
    fn grammar_shaped_json_never_panics((_, bytes) in mutated(grammar_json().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()))) {
        read_everything(&bytes)?;
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            // The same tree as a segment's filter, so the segment checks run too.
            let segment = serde_json::json!({"name": "s", "filter": value});
            read_everything(&serde_json::to_vec(&segment).unwrap_or_default())?;
        }
    }

    #[test]
    fn valid_filters_compile_and_round_trip(filter in arb_filter(), name in "\\PC{1,40}") {
        prop_assert!(filter.compile().is_ok(), "{filter:?}");
        let segment = Segment { name, filter, template: None };
        let json = serde_json::to_vec(&segment).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = decode_round_trip::<Segment>(&json)?;
        prop_assert_eq!(back.as_ref(), Some(&segment));
    }

    #[test]
    fn mutated_filters_never_panic((_, bytes) in mutated(arb_filter().prop_map(|f| {
        serde_json::to_vec(&Segment { name: "세그먼트".into(), filter: f, template: Some("{{name}}님".into()) }).unwrap_or_default()
    }))) {
        read_everything(&bytes)?;
    }

    #[test]
    fn mutated_engine_configs_never_panic((seed, bytes) in mutated(Just(
        serde_json::to_vec(&EngineConfig::korean_b2b_default()).unwrap_or_default(),
    ))) {
        // The shipped default is valid and round-trips; mutants decode or fail cleanly.
        let default = decode_round_trip::<EngineConfig>(&seed)?;
        prop_assert!(default.is_some_and(|c| Engine::new(c).is_ok()));
        read_everything(&bytes)?;
    }
}
