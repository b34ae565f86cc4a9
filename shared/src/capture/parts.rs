//! The fields of a `multipart/form-data` body, once the runtime has split it into parts:
//! the same limits and first-value-wins rule as the other encodings, and files refused.
//! The worker parses the MIME framing with the runtime's `FormData`; what it decides
//! about the parts lives here, so it is tested and fuzzed natively.

use super::body::{DecodeError, FieldMap};

/// One part of a multipart body, as the runtime hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A text field.
    Text { name: String, value: String },
    /// A file upload (the part had a `filename`).
    File { name: String },
}

/// The fields of a multipart body's parts, in the order sent: the first value of a
/// repeated name wins (as for the other encodings), at most
/// [`super::MAX_FIELDS`] distinct names, and any file is refused naming its field.
pub fn fields_from_parts(parts: impl IntoIterator<Item = Part>) -> Result<FieldMap, DecodeError> {
    let mut fields = FieldMap::default();
    for part in parts {
        match part {
            Part::Text { name, value } => fields.insert_first(name, value)?,
            Part::File { name } => return Err(DecodeError::FileField { field: name }),
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, value: &str) -> Part {
        Part::Text {
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn first_value_wins_and_files_are_refused() {
        let fields = fields_from_parts([text("name", "Kim"), text("name", "Lee")]).unwrap();
        assert_eq!(fields.get("name"), Some("Kim"));
        assert_eq!(
            fields_from_parts([text("name", "Kim"), Part::File { name: "cv".into() }]),
            Err(DecodeError::FileField { field: "cv".into() })
        );
    }
}
