//! Wire names of the small enums the views put in `<select>` values (`bad_timing`,
//! `nurture`): the same names the API speaks, so a form posts what the worker reads.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The serde name of a unit variant, e.g. `bad_timing`; empty if it has none.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The value a wire name stands for.
pub fn from_wire<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}
