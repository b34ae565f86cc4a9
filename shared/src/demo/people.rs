//! The people of the demo's accounts abroad, from the `fake` crate: leads at a US,
//! Singapore or German account get English or German names, an e-mail made from them
//! and a phone number of that country; at a Japanese account, Japanese names. The
//! benchmark fixtures give every lead a Korean name, which reads wrong on a US
//! account. `fake` has no Korean locale, so Korean leads keep the fixtures' names
//! (with their romanised e-mails). Seeded: the same demo every time.

use fake::Fake;
use fake::faker::name::raw::{FirstName, LastName};
use fake::locales::{DE_DE, EN, JA_JP};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::model::{Account, Department, Lead, Seniority};

/// The generator of the demo's people abroad, seeded from the demo's seed.
pub struct People {
    rng: ChaCha8Rng,
}

impl People {
    /// The people of the demo seeded `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Gives lead number `index` at `account` a person of the account's country, when
    /// the account is abroad; a lead at a Korean account (or none) is left as it is.
    pub fn dress(&mut self, lead: &mut Lead, account: Option<&Account>, index: usize) {
        let Some(country) = account.and_then(|a| a.country.as_deref()) else {
            return;
        };
        let (given, family, calling_code, digits): (String, String, &str, usize) = match country {
            "US" => (
                FirstName(EN).fake_with_rng(&mut self.rng),
                LastName(EN).fake_with_rng(&mut self.rng),
                "1",
                10,
            ),
            "SG" => (
                FirstName(EN).fake_with_rng(&mut self.rng),
                LastName(EN).fake_with_rng(&mut self.rng),
                "65",
                8,
            ),
            "DE" => (
                FirstName(DE_DE).fake_with_rng(&mut self.rng),
                LastName(DE_DE).fake_with_rng(&mut self.rng),
                "49",
                11,
            ),
            "JP" => (
                FirstName(JA_JP).fake_with_rng(&mut self.rng),
                LastName(JA_JP).fake_with_rng(&mut self.rng),
                "81",
                10,
            ),
            _ => return,
        };
        lead.name = if country == "JP" {
            format!("{family}{given}")
        } else {
            format!("{given} {family}")
        };
        lead.given_name = Some(given.clone());
        lead.family_name = Some(family.clone());
        if let Some(email) = &lead.email {
            let domain = email.rsplit_once('@').map_or("example.com", |(_, d)| d);
            let local = match (ascii_of(&given), ascii_of(&family)) {
                (Some(given), Some(family)) => format!("{given}.{family}{index}"),
                // Japanese names have no Latin letters to spell an address with.
                _ => format!("contact{index}"),
            };
            lead.email = Some(format!("{local}@{domain}"));
        }
        if lead.phone.is_some() {
            let first = self.rng.random_range(2..10u8);
            let rest: String = (1..digits)
                .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
                .collect();
            lead.phone = Some(format!("+{calling_code}{first}{rest}"));
        }
        if let Some(title) = english_title(lead.seniority, lead.department) {
            lead.title = Some(title.to_owned());
        }
    }
}

/// `name` in lowercase ASCII letters for an e-mail address (German umlauts spelled out),
/// or `None` when it has none.
fn ascii_of(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' => out.push(c),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The English title of a lead abroad, for the seniority and department its Korean
/// title had (so fit and persona rules judge it the same).
fn english_title(
    seniority: Option<Seniority>,
    department: Option<Department>,
) -> Option<&'static str> {
    Some(match (seniority?, department?) {
        (Seniority::Executive, Department::Engineering) => "CTO",
        (Seniority::Executive, _) => "CEO",
        (Seniority::Vp, Department::Marketing) => "VP of Marketing",
        (Seniority::Vp, Department::Sales) => "VP of Sales",
        (Seniority::Director, Department::Marketing) => "Head of Marketing",
        (Seniority::Director, Department::It) => "IT Director",
        (Seniority::Manager, Department::Marketing) => "Marketing Manager",
        (Seniority::Manager, Department::Sales) => "Sales Manager",
        (Seniority::Manager, Department::Product) => "Product Manager",
        (Seniority::Senior, Department::Engineering) => "Senior Software Engineer",
        (Seniority::Senior, Department::Hr) => "HR Manager",
        (Seniority::Entry, Department::Finance) => "Finance Associate",
        (Seniority::Entry, Department::Marketing) => "Marketing Associate",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use time::macros::datetime;

    #[test]
    fn leads_abroad_get_names_and_phones_of_their_country_and_korean_ones_are_kept() {
        let data = generate(&DatasetSpec::new(3, 400, datetime!(2026-11-24 09:00 UTC)));
        let mut people = People::new(3);
        let mut abroad = 0;
        for (i, original) in data.leads.iter().enumerate() {
            let mut lead = original.clone();
            let account = data.account_of_lead(i);
            people.dress(&mut lead, account, i);
            match account.and_then(|a| a.country.as_deref()) {
                Some("KR") | None => assert_eq!(&lead, original),
                Some(country) => {
                    abroad += 1;
                    assert_ne!(lead.name, original.name, "{country}");
                    assert!(
                        !lead.name.chars().any(|c| ('가'..='힣').contains(&c)),
                        "{}",
                        lead.name
                    );
                    let code = match country {
                        "US" => "+1",
                        "SG" => "+65",
                        "DE" => "+49",
                        _ => "+81",
                    };
                    if let Some(phone) = &lead.phone {
                        assert!(phone.starts_with(code), "{phone} in {country}");
                    }
                    let email = lead.email.as_deref().unwrap();
                    assert!(
                        crate::identity::EmailAddress::parse(email).is_ok(),
                        "{email}"
                    );
                    assert_eq!(
                        email.rsplit_once('@').map(|(_, d)| d),
                        original
                            .email
                            .as_deref()
                            .and_then(|e| e.rsplit_once('@'))
                            .map(|(_, d)| d)
                    );
                    assert_eq!(
                        (lead.seniority, lead.department),
                        (original.seniority, original.department)
                    );
                }
            }
        }
        assert!(abroad > 20, "{abroad} leads abroad in 400");
        // Seeded: the same people again.
        let mut again = People::new(3);
        let mut first = data.leads[0].clone();
        let mut second = data.leads[0].clone();
        People::new(3).dress(&mut first, data.account_of_lead(0), 0);
        again.dress(&mut second, data.account_of_lead(0), 0);
        assert_eq!(first, second);
    }

    #[test]
    fn names_spell_ascii_addresses() {
        assert_eq!(ascii_of("Jürgen").as_deref(), Some("juergen"));
        assert_eq!(ascii_of("O'Keefe").as_deref(), Some("okeefe"));
        assert_eq!(ascii_of("山田"), None);
    }
}
