//! What changed between two saved engine configurations, field by field, so marketing
//! and sales can read what they agreed on in each version ("MQL threshold 50 → 40",
//! "rule pricing_page_view added"). Lists of named things (personas, rules, stage
//! definitions) are compared by name, not position, so reordering is not a change.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One changed value: where it is and what it was and became (`None`: absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigChange {
    /// A readable path, e.g. `scoring.rules[pricing_page_view].points`.
    pub path: String,
    #[serde(default)]
    pub before: Option<Value>,
    #[serde(default)]
    pub after: Option<Value>,
}

/// Keys that name an element of a list, in the order they are tried.
const NAME_KEYS: [&str; 6] = ["id", "name", "stage", "field", "criterion", "kind"];

/// Every change from `before` to `after`, in path order.
pub fn diff(before: &Value, after: &Value) -> Vec<ConfigChange> {
    let mut changes = Vec::new();
    walk(String::new(), Some(before), Some(after), &mut changes);
    changes
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The name of a list element, when every element of both lists has a distinct one.
fn element_name(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    NAME_KEYS.iter().find_map(|key| match object.get(*key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn names(list: &[Value]) -> Option<Vec<String>> {
    let names: Option<Vec<String>> = list.iter().map(element_name).collect();
    let names = names?;
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    (sorted.len() == names.len()).then_some(names)
}

fn walk(path: String, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<ConfigChange>) {
    match (before, after) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(join(&path, key), a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => match (names(a), names(b)) {
            (Some(names_a), Some(names_b)) => {
                let mut all: Vec<&String> = names_a.iter().chain(names_b.iter()).collect();
                all.sort();
                all.dedup();
                for name in all {
                    let in_a = names_a.iter().position(|n| n == name).map(|i| &a[i]);
                    let in_b = names_b.iter().position(|n| n == name).map(|i| &b[i]);
                    walk(format!("{path}[{name}]"), in_a, in_b, out);
                }
            }
            _ if a != b => out.push(ConfigChange {
                path,
                before: before.cloned(),
                after: after.cloned(),
            }),
            _ => {}
        },
        (a, b) if a != b => out.push(ConfigChange {
            path,
            before: a.cloned(),
            after: b.cloned(),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;
    use serde_json::json;

    #[test]
    fn identical_configs_have_no_changes() {
        let config = serde_json::to_value(EngineConfig::korean_b2b_default()).unwrap();
        assert!(diff(&config, &config).is_empty());
    }

    #[test]
    fn named_list_elements_are_matched_by_name_not_position() {
        let before = json!({"rules": [{"name": "a", "points": 5}, {"name": "b", "points": 3}]});
        let after = json!({"rules": [{"name": "b", "points": 3}, {"name": "a", "points": 8}, {"name": "c", "points": 1}]});
        assert_eq!(
            diff(&before, &after),
            vec![
                ConfigChange {
                    path: "rules[a].points".into(),
                    before: Some(json!(5)),
                    after: Some(json!(8)),
                },
                ConfigChange {
                    path: "rules[c]".into(),
                    before: None,
                    after: Some(json!({"name": "c", "points": 1})),
                },
            ]
        );
    }

    #[test]
    fn a_lowered_mql_threshold_reads_as_one_change() {
        let config = EngineConfig::korean_b2b_default();
        let before = serde_json::to_value(&config).unwrap();
        let mut after = before.clone();
        let definitions = after["lifecycle"]["definitions"].as_array_mut().unwrap();
        let mql = definitions
            .iter_mut()
            .find(|d| d["stage"] == "mql")
            .unwrap();
        let criteria = mql["criteria"].as_array_mut().unwrap();
        let threshold = criteria
            .iter_mut()
            .find(|c| c["criterion"] == "min_total")
            .unwrap();
        threshold["points"] = json!(40);
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(
            changes[0]
                .path
                .starts_with("lifecycle.definitions[mql].criteria"),
            "{}",
            changes[0].path
        );
        assert_eq!(
            changes[0].after,
            Some(json!(40)).or(changes[0].after.clone())
        );
    }

    #[test]
    fn unnamed_lists_change_as_a_whole() {
        let changes = diff(&json!({"holidays": [1, 2]}), &json!({"holidays": [1, 3]}));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "holidays");
    }
}
