//! Validation of Korean and international contact data: phone numbers to E.164,
//! business registration numbers (사업자등록번호) with their checksum, e-mail syntax —
//! and one error type that names the field at fault.

mod brn;
mod field;
mod phone;

pub use brn::{Brn, BrnError, validate_brn};
pub use field::{
    Problem, ValidationError, validate_brn_field, validate_email_field, validate_phone_field,
};
pub use phone::{Country, E164, PhoneError, normalise_phone};
