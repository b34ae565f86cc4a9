//! Salesforce Web-to-Lead field names accepted as aliases, so an existing Web-to-Lead
//! form can be repointed at leadkit by changing only its `action` URL.

use super::definition::MapsTo;

/// Web-to-Lead (and common page-script) names and where their values go, in priority
/// order: when two land on the same place (`phone` and `mobile`) the earlier wins and
/// the later is kept as a custom field under its own name.
pub(crate) const ALIASES: &[(&str, MapsTo)] = &[
    ("email", MapsTo::Email),
    ("first_name", MapsTo::GivenName),
    ("last_name", MapsTo::FamilyName),
    ("name", MapsTo::Name),
    ("company", MapsTo::Company),
    ("title", MapsTo::Title),
    ("phone", MapsTo::Phone),
    ("mobile", MapsTo::Phone),
    ("city", MapsTo::City),
    ("state", MapsTo::Region),
    ("state_code", MapsTo::Region),
    ("country", MapsTo::Country),
    ("country_code", MapsTo::Country),
    ("zip", MapsTo::PostalCode),
    ("url", MapsTo::Website),
    ("employees", MapsTo::EmployeeCount),
    ("industry", MapsTo::Industry),
    ("lead_source", MapsTo::Source),
    ("description", MapsTo::Description),
    ("utm_source", MapsTo::UtmSource),
    ("utm_medium", MapsTo::UtmMedium),
    ("utm_campaign", MapsTo::UtmCampaign),
    ("utm_term", MapsTo::UtmTerm),
    ("utm_content", MapsTo::UtmContent),
    ("referrer", MapsTo::Referrer),
    ("landing_page", MapsTo::LandingPage),
    ("page_url", MapsTo::LandingPage),
];

/// Web-to-Lead fields that steer Salesforce rather than describe the lead: the org id,
/// the return URL, debug switches, the captcha. `retURL` is read separately.
const CONTROL_FIELDS: &[&str] = &[
    "oid",
    "orgid",
    "retURL",
    "debug",
    "debugEmail",
    "encoding",
    "captcha_settings",
    "g-recaptcha-response",
    // Cloudflare Turnstile's token, checked by the worker and never stored.
    "cf-turnstile-response",
    "recordType",
    "submit",
];

/// The Web-to-Lead name of the return URL.
pub(crate) const RET_URL_FIELD: &str = "retURL";

/// Where a Web-to-Lead name's value goes, if it is an alias.
pub(crate) fn alias_target(name: &str) -> Option<&'static MapsTo> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, target)| target)
}

/// Whether `name` is a Web-to-Lead control field, never stored.
pub(crate) fn is_control_field(name: &str) -> bool {
    CONTROL_FIELDS.contains(&name)
}

/// Whether `name` is a Salesforce custom field id (`00N` and 12 or 15 more letters and
/// digits), kept as a custom field under that id so mappings made in Salesforce carry
/// over.
pub(crate) fn is_salesforce_custom_id(name: &str) -> bool {
    name.starts_with("00N")
        && matches!(name.len(), 15 | 18)
        && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A display name from given and family names: Korean order without a space when both
/// are Hangul (김 + 민수 → 김민수), "given family" otherwise.
pub(crate) fn display_name(given: Option<&str>, family: Option<&str>) -> Option<String> {
    match (given, family) {
        (Some(given), Some(family)) if is_hangul(given) && is_hangul(family) => {
            Some(format!("{family}{given}"))
        }
        (Some(given), Some(family)) => Some(format!("{given} {family}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// Whether every letter is Hangul (syllables or jamo); spaces between are allowed.
fn is_hangul(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| !c.is_whitespace()).peekable();
    letters.peek().is_some()
        && letters.all(|c| {
            matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_follow_the_names_own_order() {
        let cases: &[(Option<&str>, Option<&str>, Option<&str>)] = &[
            (Some("민수"), Some("김"), Some("김민수")),
            (Some("Minsu"), Some("Kim"), Some("Minsu Kim")),
            (Some("Minsu"), Some("김"), Some("Minsu 김")),
            (Some("지은"), Some("남궁"), Some("남궁지은")),
            (None, Some("김"), Some("김")),
            (Some("Jane"), None, Some("Jane")),
            (None, None, None),
        ];
        for (given, family, expected) in cases {
            assert_eq!(
                display_name(*given, *family).as_deref(),
                *expected,
                "{given:?} {family:?}"
            );
        }
    }

    #[test]
    fn salesforce_ids_and_control_fields_are_recognised() {
        let cases = [
            ("00N5g00000ABCde", true),
            ("00N5g00000ABCdeEAF", true),
            ("00N5g0000", false),
            ("00N5g00000ABCd-", false),
            ("note", false),
        ];
        for (name, expected) in cases {
            assert_eq!(is_salesforce_custom_id(name), expected, "{name}");
        }
        assert!(is_control_field("oid") && is_control_field("retURL"));
        assert_eq!(alias_target("last_name"), Some(&MapsTo::FamilyName));
        assert_eq!(alias_target("Last_Name"), None);
    }
}
