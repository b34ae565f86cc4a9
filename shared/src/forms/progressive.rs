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
