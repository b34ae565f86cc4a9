//! Progressive profiling: a returning visitor (known by the worker's first-party visitor
//! id or by e-mail) is asked the next questions of the form's queue they have not
//! answered, within the form's field budget, instead of the same form again.

use std::collections::BTreeSet;

use crate::model::Lead;

use super::definition::{FormDefinition, FormField, MapsTo};

/// The visible questions to show: the always-asked fields (visible fields outside the
/// queue, in form order), then up to `n` unanswered queued questions in queue order,
/// stopping where the field budget is spent. Hidden fields are not questions; render
/// them all (see [`FormDefinition::hidden_fields`]). A form without progressive
/// profiling shows every visible field.
pub fn next_questions<'f>(
    form: &'f FormDefinition,
    answered: &BTreeSet<&str>,
    n: usize,
) -> Vec<&'f FormField> {
    let Some(progressive) = &form.progressive else {
        return form.fields.iter().filter(|f| f.is_visible()).collect();
    };
    let queued = |field: &FormField| progressive.queue.contains(&field.name);
    let mut questions: Vec<&FormField> = form
        .fields
        .iter()
        .filter(|f| f.is_visible() && !queued(f))
        .collect();
    let room = usize::from(progressive.field_budget)
        .saturating_sub(questions.len())
        .min(n);
    questions.extend(
        progressive
            .queue
            .iter()
            .filter(|name| !answered.contains(name.as_str()))
            .filter_map(|name| form.field(name))
            .filter(|f| f.is_visible())
            .take(room),
    );
    questions
}

/// Queued questions asked of a returning visitor per visit, within the field budget.
pub const QUESTIONS_PER_RETURN: usize = 2;

/// The questions for one visit: a first visit (nothing answered yet) gets only the
/// always-asked fields, the shortest form that converts; a returning visitor the next
/// [`QUESTIONS_PER_RETURN`] unanswered queued questions on top.
pub fn questions_for_visit<'f>(
    form: &'f FormDefinition,
    answered: &BTreeSet<&str>,
) -> Vec<&'f FormField> {
    let n = if answered.is_empty() {
        0
    } else {
        QUESTIONS_PER_RETURN
    };
    next_questions(form, answered, n)
}

/// Names of the form's fields the lead already has a value for. Places a lead has no
/// field for (address, industry, size …) are read from the custom keys
/// [`super::CapturedLead::into_lead`] writes.
pub fn answered_fields<'f>(form: &'f FormDefinition, lead: &Lead) -> BTreeSet<&'f str> {
    form.fields
        .iter()
        .filter(|field| has_value(lead, &field.maps_to))
        .map(|field| field.name.as_str())
        .collect()
}

fn has_value(lead: &Lead, target: &MapsTo) -> bool {
    let custom = |key: &str| lead.custom.contains_key(key);
    match target {
        MapsTo::Email => lead.email.is_some(),
        MapsTo::Name => !lead.name.trim().is_empty(),
        MapsTo::GivenName => lead.given_name.is_some(),
        MapsTo::FamilyName => lead.family_name.is_some(),
        MapsTo::Company => lead.company_name.is_some(),
        MapsTo::Title => lead.title.is_some(),
        MapsTo::Phone => lead.phone.is_some(),
        MapsTo::Source => lead.source.is_some(),
        MapsTo::UtmSource => lead.utm.source.is_some(),
        MapsTo::UtmMedium => lead.utm.medium.is_some(),
        MapsTo::UtmCampaign => lead.utm.campaign.is_some(),
        MapsTo::UtmTerm => lead.utm.term.is_some(),
        MapsTo::UtmContent => lead.utm.content.is_some(),
        MapsTo::Referrer => lead.referrer.is_some(),
        MapsTo::LandingPage => lead.landing_page.is_some(),
        MapsTo::Country => custom("country"),
        MapsTo::Region => custom("region"),
        MapsTo::City => custom("city"),
        MapsTo::PostalCode => custom("postal_code"),
        MapsTo::Website => custom("website"),
        MapsTo::Industry => custom("industry"),
        MapsTo::EmployeeCount => custom("employee_count"),
        MapsTo::Description => custom("description"),
        MapsTo::Custom { key } => custom(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::ProgressiveProfiling;
    use crate::model::{CustomValue, EntryPath, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn form() -> FormDefinition {
        FormDefinition::default_contact("contact", WorkspaceId(Uuid::from_u128(1)))
    }

    fn names(questions: &[&FormField]) -> Vec<String> {
        questions.iter().map(|f| f.name.clone()).collect()
    }

    #[test]
    fn a_first_visit_is_short_and_a_return_asks_two_more() {
        let form = form();
        let cases: &[(&[&str], &[&str])] = &[
            (&[], &["email", "name", "company"]),
            (
                &["email", "name", "company"],
                &["email", "name", "company", "phone", "title"],
            ),
            (
                &["email", "phone"],
                &["email", "name", "company", "title", "message"],
            ),
            (
                &["email", "phone", "title", "message"],
                &["email", "name", "company"],
            ),
        ];
        for (answered, expected) in cases {
            let answered: BTreeSet<&str> = answered.iter().copied().collect();
            assert_eq!(
                names(&questions_for_visit(&form, &answered)),
                *expected,
                "{answered:?}"
            );
        }
    }

    #[test]
    fn returning_visitors_get_the_next_unanswered_questions_within_budget() {
        // Default form: email, name, company always; queue phone, title, message; budget 5.
        let cases: &[(&[&str], usize, u8, &[&str])] = &[
            (&[], 3, 5, &["email", "name", "company", "phone", "title"]),
            (&[], 1, 5, &["email", "name", "company", "phone"]),
            (
                &["phone"],
                3,
                5,
                &["email", "name", "company", "title", "message"],
            ),
            (
                &["phone", "title"],
                3,
                5,
                &["email", "name", "company", "message"],
            ),
            (
                &["phone", "title", "message"],
                3,
                5,
                &["email", "name", "company"],
            ),
            // Known always-asked fields are still asked, and still count.
            (
                &["email", "name"],
                3,
                4,
                &["email", "name", "company", "phone"],
            ),
            (&[], 0, 5, &["email", "name", "company"]),
            (&[], 3, 3, &["email", "name", "company"]),
        ];
        for (answered, n, budget, expected) in cases {
            let mut form = form();
            if let Some(p) = form.progressive.as_mut() {
                p.field_budget = *budget;
            }
            let answered: BTreeSet<&str> = answered.iter().copied().collect();
            assert_eq!(
                names(&next_questions(&form, &answered, *n)),
                *expected,
                "{answered:?} n={n} budget={budget}"
            );
        }
    }

    #[test]
    fn without_progressive_profiling_every_visible_field_is_asked() {
        let mut form = form();
        form.progressive = None;
        assert_eq!(
            names(&next_questions(&form, &BTreeSet::from(["phone"]), 1)),
            vec!["email", "name", "company", "phone", "title", "message"]
        );
    }

    #[test]
    fn answered_fields_are_read_from_the_lead() {
        let form = form();
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(2)),
            WorkspaceId(Uuid::from_u128(1)),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-24 10:00 UTC),
        );
        lead.email = Some("minsu@acme.co.kr".into());
        lead.phone = Some("+821012345678".into());
        lead.custom
            .insert("description".into(), CustomValue::Text("문의".into()));
        lead.utm.source = Some("naver".into());
        let answered = answered_fields(&form, &lead);
        assert_eq!(
            answered,
            BTreeSet::from(["email", "name", "phone", "message", "utm_source"])
        );
        assert_eq!(
            names(&next_questions(&form, &answered, 3)),
            vec!["email", "name", "company", "title"]
        );
    }

    #[test]
    fn a_queue_naming_a_hidden_field_skips_it() {
        let mut form = form();
        form.progressive = Some(ProgressiveProfiling {
            queue: vec!["utm_source".into(), "title".into()],
            field_budget: 9,
        });
        assert_eq!(
            names(&next_questions(&form, &BTreeSet::new(), 5)),
            vec!["email", "name", "company", "phone", "message", "title"]
        );
    }
}
