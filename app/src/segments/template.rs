//! The segment's message template: a text box with token buttons, and a preview of the
//! message for one lead of the segment, shown as text (a company called `<b>` stays
//! `<b>`).

use leadkit_shared::api::LeadRecord;
use leadkit_shared::segments::{RenderError, Segment, Template, TemplateValues, Token};
use leptos::prelude::*;
use uuid::Uuid;

use super::text::SegmentsText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;

/// Most leads the preview picker lists.
const PREVIEW_CHOICES: usize = 50;

/// The values of `lead`'s tokens, its owner named as the workspace's reps say.
fn values_of(lead: &LeadRecord, owner: Option<String>) -> TemplateValues {
    let record = lead.record.as_deref();
    TemplateValues::of_lead(
        &lead.name,
        Some(lead.company.as_str()),
        record.and_then(|r| r.title.as_deref()),
        owner.as_deref(),
        Some(lead.email.as_str()),
    )
}

/// The template box and its preview over `members`.
#[component]
pub fn TemplateEditor(
    /// The segment being edited.
    draft: RwSignal<Segment>,
    /// The ids of the leads in the segment (as counted), to preview with.
    #[prop(into)]
    members: Signal<Vec<Uuid>>,
    /// The worker's or rules' complaint about the template, if any.
    #[prop(into)]
    problem: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let picked = RwSignal::new(None::<Uuid>);
    let text = move || draft.with(|d| d.template.clone().unwrap_or_default());
    let set_text = move |value: String| {
        draft.update(|d| d.template = (!value.is_empty()).then_some(value));
    };
    let insert = move |token: Token| {
        let mut value = text();
        value.push_str(&format!("{{{{{}}}}}", token.as_str()));
        set_text(value);
    };
    let choices = Memo::new(move |_| {
        let ids = members.get();
        let leads = workspace.leads.get();
        ids.iter()
            .take(PREVIEW_CHOICES)
            .filter_map(|id| leads.iter().find(|l| l.id == *id))
            .map(|l| (l.id, format!("{} · {}", l.name, l.company)))
            .collect::<Vec<_>>()
    });
    let lead = move || {
        let id = picked
            .get()
            .filter(|id| choices.with(|c| c.iter().any(|(i, _)| i == id)))
            .or_else(|| choices.with(|c| c.first().map(|(i, _)| *i)))?;
        workspace.lead(&id.to_string())
    };
    let parsed = move || Template::parse(&text());
    let preview = move || {
        let locale = i18n.locale.get();
        let Some(lead) = lead() else {
            return (false, i18n.t(SegmentsText::NoLeadToPreview));
        };
        let owner = lead
            .record
            .as_deref()
            .and_then(|r| r.owner)
            .map(|o| workspace.rep_name(Some(&o.0.to_string())));
        match parsed() {
            Err(e) => (
                false,
                crate::i18n::Translate::translate(
                    &SegmentsText::TemplateProblem(e.position().unwrap_or(0)),
                    locale,
                ),
            ),
            Ok(template) => match template.render(&values_of(&lead, owner)) {
                Ok(message) => (true, message),
                Err(RenderError::MissingValue { at, token }) => (
                    false,
                    crate::i18n::Translate::translate(
                        &SegmentsText::MissingValue(token, at),
                        locale,
                    ),
                ),
            },
        }
    };
    let local_problem = move || match parsed() {
        Err(e) => Some(i18n.t(SegmentsText::TemplateProblem(e.position().unwrap_or(0)))),
        Ok(_) => problem.get(),
    };

    view! {
        <fieldset class="seg-template">
            <legend>{i18n.text(SegmentsText::Template)}</legend>
            <div class="seg-tokens" role="group" aria-label=i18n.text(SegmentsText::Template)>
                {Token::ALL
                    .into_iter()
                    .map(|token| view! {
                        <button
                            type="button"
                            data-testid=format!("token-{}", token.as_str())
                            aria-label=i18n.text(SegmentsText::InsertToken(token))
                            on:click=move |_| insert(token)
                        >
                            {format!("{{{{{}}}}}", token.as_str())}
                        </button>
                    })
                    .collect_view()}
            </div>
            <label>
                <span class="visually-hidden">{i18n.text(SegmentsText::Template)}</span>
                <textarea
                    data-testid="template"
                    rows="4"
                    prop:value=text
                    on:input=move |ev| set_text(event_target_value(&ev))
                ></textarea>
            </label>
            <p class="hint">{i18n.text(SegmentsText::TemplateHint)}</p>
            <span class="field-error" data-testid="error-template" aria-live="polite">{local_problem}</span>
            <label>
                <span>{i18n.text(SegmentsText::PreviewLead)}</span>
                <select
                    data-testid="preview-lead"
                    on:change=move |ev| picked.set(Uuid::parse_str(&event_target_value(&ev)).ok())
                >
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <h4>{i18n.text(SegmentsText::Preview)}</h4>
            {move || {
                let (ok, message) = preview();
                view! {
                    <p class=if ok { "seg-preview" } else { "seg-preview problem" } data-testid="preview" aria-live="polite">
                        {message}
                    </p>
                }
            }}
        </fieldset>
    }
}
