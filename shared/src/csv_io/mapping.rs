//! Column mapping: which lead field each column of an import fills. Guessed from the
//! headers, shown to the person importing to correct, and stored with the import (a
//! wire type, so it can be kept in IndexedDB and reused for the next file like it).

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::headers::{compact, custom_for, guess};
use crate::forms::{MAX_CUSTOM_NAME_CHARS, MapsTo};
use crate::model::ConsentPurpose;

/// Where a column's values go.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum ColumnTarget {
    /// Not imported.
    Ignore,
    /// The lead's department, read from free text (마케팅팀 → marketing); text that is
    /// not a department's stable name is also kept as custom field `department`.
    Department,
    /// A consent answer (Y/N, 동의/미동의 …) for `purpose`.
    Consent {
        /// What the consent is for.
        purpose: ConsentPurpose,
    },
    /// A place a form field fills too (see [`MapsTo`]), custom fields included:
    /// `{"to": "email"}`, `{"to": "custom", "key": "budget"}`.
    #[serde(untagged)]
    Field(MapsTo),
}

impl ColumnTarget {
    /// Whether the target holds one value per lead, so two columns compete for it.
    fn is_single(&self) -> bool {
        !matches!(self, Self::Ignore | Self::Field(MapsTo::Custom { .. }))
    }

    /// Whether the target names the person (a name or an e-mail), as every row needs.
    pub(super) fn identifies(&self) -> bool {
        matches!(
            self,
            Self::Field(MapsTo::Name | MapsTo::GivenName | MapsTo::FamilyName | MapsTo::Email)
        )
    }
}

/// One column and its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    /// The column's header as read.
    pub header: String,
    /// Where its values go.
    pub target: ColumnTarget,
}

/// A target for every column of a file, in column order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// One entry per column.
    pub columns: Vec<MappedColumn>,
}

/// Why a mapping cannot be used for a file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MappingError {
    /// The mapping was made for a file with another number of columns.
    #[error("the mapping has {found} columns but the file has {expected}")]
    ColumnCount {
        /// Columns in the file.
        expected: usize,
        /// Columns in the mapping.
        found: usize,
    },
    /// The mapping was made for a file with other headers.
    #[error("column {column} is {found:?} in the file but {expected:?} in the mapping")]
    HeaderMismatch {
        /// The column (1-based).
        column: usize,
        /// The mapping's header.
        expected: String,
        /// The file's header.
        found: String,
    },
    /// No column is a name or an e-mail, so every row would be rejected.
    #[error("no column is mapped to a name or an e-mail")]
    NoNameOrEmail,
    /// A custom field's key is blank or too long.
    #[error("column {column} maps to custom field {key:?}, which must be 1 to 64 characters")]
    BadCustomKey {
        /// The column (1-based).
        column: usize,
        /// The key.
        key: String,
    },
    /// Two columns fill the same one-value field (two e-mail columns): the person
    /// must say which one, or make the other a custom field.
    #[error("column {column} and column {first} are both mapped to the same field")]
    SameTarget {
        /// The later column (1-based), the one shown at fault.
        column: usize,
        /// The earlier column with the same target (1-based).
        first: usize,
    },
    /// A column number past the last column.
    #[error("there is no column {column}")]
    NoSuchColumn {
        /// The column (1-based).
        column: usize,
    },
}

impl MappingError {
    /// The column at fault (0-based), where the app shows the error; `None` when the
    /// mapping as a whole is wrong.
    pub fn column_index(&self) -> Option<usize> {
        match self {
            Self::HeaderMismatch { column, .. }
            | Self::BadCustomKey { column, .. }
            | Self::SameTarget { column, .. }
            | Self::NoSuchColumn { column } => column.checked_sub(1),
            Self::ColumnCount { .. } | Self::NoNameOrEmail => None,
        }
    }
}

impl ColumnMapping {
    /// Points column `column` (0-based) at `target`: the person's correction.
    pub fn set(&mut self, column: usize, target: ColumnTarget) -> Result<(), MappingError> {
        let entry = self
            .columns
            .get_mut(column)
            .ok_or(MappingError::NoSuchColumn { column: column + 1 })?;
        entry.target = target;
        Ok(())
    }

    /// The target of column `column` (0-based); [`ColumnTarget::Ignore`] past the end.
    pub fn target(&self, column: usize) -> &ColumnTarget {
        self.columns
            .get(column)
            .map_or(&ColumnTarget::Ignore, |c| &c.target)
    }

    /// Checks the mapping against a file's headers before an import starts.
    pub fn check(&self, headers: &[String]) -> Result<(), MappingError> {
        if self.columns.len() != headers.len() {
            return Err(MappingError::ColumnCount {
                expected: headers.len(),
                found: self.columns.len(),
            });
        }
        for (i, (column, header)) in self.columns.iter().zip(headers).enumerate() {
            if column.header.trim() != header.trim() {
                return Err(MappingError::HeaderMismatch {
                    column: i + 1,
                    expected: column.header.clone(),
                    found: header.clone(),
                });
            }
            if let ColumnTarget::Field(MapsTo::Custom { key }) = &column.target
                && (key.trim().is_empty() || key.chars().count() > MAX_CUSTOM_NAME_CHARS)
            {
                return Err(MappingError::BadCustomKey {
                    column: i + 1,
                    key: key.clone(),
                });
            }
        }
        for (i, column) in self.columns.iter().enumerate() {
            if let Some(first) = self.columns[..i]
                .iter()
                .position(|c| c.target.is_single() && c.target == column.target)
            {
                return Err(MappingError::SameTarget {
                    column: i + 1,
                    first: first + 1,
                });
            }
        }
        if !self.columns.iter().any(|c| c.target.identifies()) {
            return Err(MappingError::NoNameOrEmail);
        }
        Ok(())
    }
}

/// Guesses each column's target from its header (Korean, English, CRM and card-app
/// export names; see `headers`). Unknown headers become custom fields under their own
/// name, so nothing is dropped unless the person says so. When two columns name the
/// same field, the surer guess (then the leftmost) gets it and the other is kept as a
/// custom field.
pub fn guess_mapping(headers: &[String]) -> ColumnMapping {
    let mut guesses: Vec<_> = headers.iter().map(|h| guess(h)).collect();
    // 성 and 이름 side by side (Google Contacts, many Korean lists) are family and given
    // name; 이름 alone is the full name.
    if guesses
        .iter()
        .any(|(t, _)| *t == ColumnTarget::Field(MapsTo::FamilyName))
    {
        for (guess, header) in guesses.iter_mut().zip(headers) {
            if compact(header) == "이름" {
                guess.0 = ColumnTarget::Field(MapsTo::GivenName);
            }
        }
    }
    let winners: Vec<bool> = guesses
        .iter()
        .enumerate()
        .map(|(i, (target, _))| {
            !target.is_single()
                || guesses
                    .iter()
                    .enumerate()
                    .filter(|(_, (other, _))| other == target)
                    .max_by_key(|(j, (_, priority))| (*priority, Reverse(*j)))
                    .is_some_and(|(j, _)| j == i)
        })
        .collect();
    let columns = guesses
        .into_iter()
        .zip(winners)
        .zip(headers)
        .map(|(((target, _), winner), header)| MappedColumn {
            header: header.clone(),
            target: if winner { target } else { custom_for(header) },
        })
        .collect();
    ColumnMapping { columns }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_io::headers::{HeaderLanguage, header_of};

    fn targets(headers: &[&str]) -> Vec<ColumnTarget> {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        guess_mapping(&headers)
            .columns
            .into_iter()
            .map(|c| c.target)
            .collect()
    }

    fn f(target: MapsTo) -> ColumnTarget {
        ColumnTarget::Field(target)
    }

    fn custom(key: &str) -> ColumnTarget {
        f(MapsTo::Custom { key: key.into() })
    }

    #[test]
    fn headers_are_guessed_in_korean_english_and_crm_names() {
        use MapsTo as M;
        let cases: Vec<(&str, ColumnTarget)> = vec![
            ("이름", f(M::Name)),
            ("성명", f(M::Name)),
            ("Full Name", f(M::Name)),
            ("이메일", f(M::Email)),
            ("전자우편", f(M::Email)),
            ("E-mail Address", f(M::Email)),
            ("EMAIL", f(M::Email)),
            ("ｅｍａｉｌ", f(M::Email)),
            ("휴대폰", f(M::Phone)),
            ("휴대전화", f(M::Phone)),
            ("핸드폰", f(M::Phone)),
            ("연락처", f(M::Phone)),
            ("전화번호", f(M::Phone)),
            ("Mobile Phone", f(M::Phone)),
            ("Mobile Phone Number", f(M::Phone)),
            ("회사", f(M::Company)),
            ("회사명", f(M::Company)),
            ("기업명", f(M::Company)),
            ("소속", f(M::Company)),
            ("Company Name", f(M::Company)),
            ("직함", f(M::Title)),
            ("직책", f(M::Title)),
            ("직급", f(M::Title)),
            ("Job Title", f(M::Title)),
            ("부서", ColumnTarget::Department),
            ("Department", ColumnTarget::Department),
            ("State/Province", f(M::Region)),
            ("Zip/Postal Code", f(M::PostalCode)),
            ("No. of Employees", f(M::EmployeeCount)),
            ("직원 수", f(M::EmployeeCount)),
            ("Lead Source", f(M::Source)),
            ("utm_campaign", f(M::UtmCampaign)),
            ("UTM Source", f(M::UtmSource)),
            ("메모", f(M::Description)),
            ("Website URL", f(M::Website)),
            (
                "마케팅 정보 수신 동의",
                ColumnTarget::Consent {
                    purpose: ConsentPurpose::MarketingMessages,
                },
            ),
            (
                "개인정보 마케팅 활용 동의",
                ColumnTarget::Consent {
                    purpose: ConsentPurpose::MarketingMessages,
                },
            ),
            (
                "개인정보 수집·이용 동의",
                ColumnTarget::Consent {
                    purpose: ConsentPurpose::PersonalInfoCollection,
                },
            ),
            (
                "제3자 제공 동의",
                ColumnTarget::Consent {
                    purpose: ConsentPurpose::ThirdPartySharing,
                },
            ),
            // Opt-outs mean the opposite answer: kept, not guessed.
            ("Email Opt Out", custom("Email Opt Out")),
            ("수신거부", custom("수신거부")),
            ("  예산  ", custom("예산")),
            ("", ColumnTarget::Ignore),
        ];
        for (header, expected) in cases {
            assert_eq!(targets(&[header]), vec![expected], "{header}");
        }
    }

    #[test]
    fn competing_columns_go_to_the_surer_guess() {
        use MapsTo as M;
        let cases: Vec<(Vec<&str>, Vec<ColumnTarget>)> = vec![
            // 리멤버: the card's name, English name, mobile and office line.
            (
                vec![
                    "이름",
                    "이름(영문)",
                    "회사",
                    "부서",
                    "직책",
                    "휴대폰",
                    "유선전화",
                    "이메일",
                ],
                vec![
                    f(M::Name),
                    custom("이름(영문)"),
                    f(M::Company),
                    ColumnTarget::Department,
                    f(M::Title),
                    f(M::Phone),
                    custom("유선전화"),
                    f(M::Email),
                ],
            ),
            // Salesforce: Phone and Mobile; the mobile wins wherever it stands.
            (
                vec!["First Name", "Last Name", "Phone", "Mobile", "Company"],
                vec![
                    f(M::GivenName),
                    f(M::FamilyName),
                    custom("Phone"),
                    f(M::Phone),
                    f(M::Company),
                ],
            ),
            // 성 + 이름 are family and given name.
            (
                vec!["성", "이름", "직급", "직책"],
                vec![
                    f(M::FamilyName),
                    f(M::GivenName),
                    custom("직급"),
                    f(M::Title),
                ],
            ),
            // The same header twice: the leftmost wins.
            (
                vec!["이메일", "이메일"],
                vec![f(M::Email), custom("이메일")],
            ),
        ];
        for (headers, expected) in cases {
            assert_eq!(targets(&headers), expected, "{headers:?}");
        }
    }

    #[test]
    fn export_headers_read_back_as_their_column() {
        use MapsTo as M;
        let all = [
            f(M::Name),
            f(M::GivenName),
            f(M::FamilyName),
            f(M::Email),
            f(M::Phone),
            f(M::Company),
            f(M::Title),
            ColumnTarget::Department,
            f(M::Country),
            f(M::Region),
            f(M::City),
            f(M::PostalCode),
            f(M::Website),
            f(M::Industry),
            f(M::EmployeeCount),
            f(M::Source),
            f(M::UtmSource),
            f(M::UtmMedium),
            f(M::UtmCampaign),
            f(M::UtmTerm),
            f(M::UtmContent),
            f(M::Referrer),
            f(M::LandingPage),
            f(M::Description),
            ColumnTarget::Consent {
                purpose: ConsentPurpose::PersonalInfoCollection,
            },
            ColumnTarget::Consent {
                purpose: ConsentPurpose::MarketingMessages,
            },
            ColumnTarget::Consent {
                purpose: ConsentPurpose::ThirdPartySharing,
            },
            custom("budget"),
        ];
        for language in [HeaderLanguage::Ko, HeaderLanguage::En] {
            let headers: Vec<String> = all
                .iter()
                .map(|t| header_of(t, language).into_owned())
                .collect();
            let guessed: Vec<ColumnTarget> = guess_mapping(&headers)
                .columns
                .into_iter()
                .map(|c| c.target)
                .collect();
            assert_eq!(guessed, all, "{language:?}");
        }
    }

    #[test]
    fn mappings_are_checked_against_the_file() {
        let headers: Vec<String> = vec!["이름".into(), "메모".into()];
        let mut mapping = guess_mapping(&headers);
        assert_eq!(mapping.check(&headers), Ok(()));
        assert_eq!(
            mapping.check(&headers[..1]),
            Err(MappingError::ColumnCount {
                expected: 1,
                found: 2
            })
        );
        assert_eq!(
            mapping.check(&["성명".into(), "메모".into()]),
            Err(MappingError::HeaderMismatch {
                column: 1,
                expected: "이름".into(),
                found: "성명".into()
            })
        );
        mapping.set(1, custom(" ")).unwrap();
        assert_eq!(
            mapping.check(&headers),
            Err(MappingError::BadCustomKey {
                column: 2,
                key: " ".into()
            })
        );
        mapping.set(0, ColumnTarget::Ignore).unwrap();
        mapping.set(1, ColumnTarget::Ignore).unwrap();
        assert_eq!(mapping.check(&headers), Err(MappingError::NoNameOrEmail));
        assert_eq!(
            mapping.set(2, ColumnTarget::Ignore),
            Err(MappingError::NoSuchColumn { column: 3 })
        );
    }

    #[test]
    fn targets_have_flat_wire_names() {
        let cases = [
            (ColumnTarget::Ignore, r#"{"to":"ignore"}"#),
            (f(MapsTo::Email), r#"{"to":"email"}"#),
            (custom("예산"), r#"{"to":"custom","key":"예산"}"#),
            (
                ColumnTarget::Consent {
                    purpose: ConsentPurpose::MarketingMessages,
                },
                r#"{"to":"consent","purpose":"marketing_messages"}"#,
            ),
            (ColumnTarget::Department, r#"{"to":"department"}"#),
        ];
        for (target, json) in cases {
            assert_eq!(serde_json::to_string(&target).unwrap(), json);
            assert_eq!(
                serde_json::from_str::<ColumnTarget>(json).unwrap(),
                target,
                "{json}"
            );
        }
    }
}
