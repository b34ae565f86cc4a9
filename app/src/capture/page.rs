//! The capture form: one visitor at a time, saved on this device, cleared for the next.

use leadkit_shared::capture::FieldError;
use leadkit_shared::fair_capture::FairEntry;
use leadkit_shared::model::{LeadId, TouchId, WorkspaceId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::capture_edits;
use super::field::CaptureField;
use super::remember::{count_capture, remember_event, remembered_event, session_count};
use super::text::CaptureText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::ui::FieldProblem;

/// What the last save did.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Stored on this device: this lead (its id and name).
    Saved(Uuid, String),
    /// The shared check found problems (shown at each field).
    Invalid,
    /// Nothing was stored, with why.
    Failed(String),
}

/// The fair capture view: the form, the last save's outcome and this tab's count.
#[component]
pub fn CapturePage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let event = RwSignal::new(remembered_event());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let collection = RwSignal::new(false);
    let marketing = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let saving = RwSignal::new(false);
    let count = RwSignal::new(session_count());

    let clear = move || {
        for field in [name, email, phone, company, title, note] {
            field.set(String::new());
        }
        collection.set(false);
        marketing.set(false);
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let entry = FairEntry {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            company: company.get_untracked(),
            title: title.get_untracked(),
            note: note.get_untracked(),
            event: event.get_untracked(),
            collection_consent: collection.get_untracked(),
            marketing_consent: marketing.get_untracked(),
        };
        let (Some(lead_id), Some(touch_id)) =
            (crate::clock::random_uuid(), crate::clock::random_uuid())
        else {
            outcome.set(Some(Outcome::Failed(i18n.t(CaptureText::NoCrypto))));
            return;
        };
        // A workspace id that is not a UUID cannot happen for a signed-in workspace; the
        // worker files a pushed lead in the pusher's workspace whatever it says.
        let workspace_id = Uuid::parse_str(&workspace.id.get_value()).unwrap_or_default();
        let checked = entry.check(
            (LeadId(lead_id), TouchId(touch_id)),
            WorkspaceId(workspace_id),
            crate::clock::now(),
        );
        let capture = match checked {
            Ok(capture) => capture,
            Err(found) => {
                problems.set(found);
                outcome.set(Some(Outcome::Invalid));
                return;
            }
        };
        problems.set(Vec::new());
        remember_event(&entry.event);
        saving.set(true);
        spawn_local(async move {
            let result = match capture_edits(&capture) {
                Ok(edits) => workspace.change(edits).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            saving.set(false);
            match result {
                Ok(refused) if refused.is_empty() => {
                    count.set(count_capture());
                    outcome.set(Some(Outcome::Saved(
                        capture.lead.id.0,
                        capture.lead.name.clone(),
                    )));
                    clear();
                }
                Ok(refused) => {
                    let reasons: Vec<String> = refused.into_iter().map(|(_, why)| why).collect();
                    outcome.set(Some(Outcome::Failed(reasons.join("; "))));
                }
                Err(why) => outcome.set(Some(Outcome::Failed(why))),
            }
        });
    };

    let outcome_line = move || {
        outcome.get().map(|o| match o {
            Outcome::Saved(id, who) => {
                // Synced once the worker's copy came back in a pull (it then has a
                // position in the workspace's change log).
                let synced = workspace.leads.with(|all| all.iter().any(|l| l.id == id && l.seq > 0));
                let text = if synced { CaptureText::SavedAndSynced } else { CaptureText::SavedLocally };
                let class = if synced { "capture-outcome ok" } else { "capture-outcome pending" };
                view! { <p class=class role="status" data-testid="capture-outcome">{format!("{who} — {}", i18n.t(text))}</p> }
                    .into_any()
            }
            Outcome::Invalid => view! { <p class="form-error" role="alert" data-testid="capture-outcome">{i18n.text(CaptureText::FixFields)}</p> }.into_any(),
            Outcome::Failed(why) => view! { <p class="form-error" role="alert" data-testid="capture-outcome">{format!("{}: {why}", i18n.t(CaptureText::SaveFailed))}</p> }.into_any(),
        })
    };

    view! {
        <section class="page capture" data-testid="capture-page">
            <h2>{i18n.text(CaptureText::Title)}</h2>
            <p class="hint">{i18n.text(CaptureText::Intro)}</p>
            <p class="capture-count" data-testid="capture-count">{move || i18n.t(CaptureText::SessionCount(count.get()))}</p>
            <form class="capture-form" novalidate on:submit=save>
                <label class="field">
                    <span class="field-label">{i18n.text(CaptureText::Event)}</span>
                    <span class="hint">{i18n.text(CaptureText::EventHint)}</span>
                    <input
                        type="text"
                        name="event"
                        prop:value=move || event.get()
                        on:input=move |ev| event.set(event_target_value(&ev))
                    />
                    <FieldProblem problems=problems path="event" />
                </label>
                <CaptureField label=CaptureText::Name name="name" autocomplete="name" value=name problems=problems />
                <CaptureField label=CaptureText::Email name="email" input_type="email" autocomplete="email" value=email problems=problems />
                <CaptureField label=CaptureText::Phone name="phone" input_type="tel" autocomplete="tel" value=phone problems=problems />
                <CaptureField label=CaptureText::Company name="company" autocomplete="organization" value=company problems=problems />
                <CaptureField label=CaptureText::JobTitle name="title" autocomplete="organization-title" value=title problems=problems />
                <label class="field">
                    <span class="field-label">{i18n.text(CaptureText::Note)}</span>
                    <textarea
                        name="note"
                        rows="3"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                    <FieldProblem problems=problems path="note" />
                </label>
                <fieldset class="consent">
                    <legend>{i18n.text(CaptureText::CollectionConsentTitle)}</legend>
                    <p class="consent-text">{i18n.text(CaptureText::CollectionConsentText)}</p>
                    <label class="check">
                        <input
                            type="checkbox"
                            name="consent_collection"
                            aria-invalid=move || problems.with(|p| p.iter().any(|p| p.field == "consent_collection")).to_string()
                            prop:checked=move || collection.get()
                            on:change=move |ev| collection.set(event_target_checked(&ev))
                        />
                        <span>{i18n.text(CaptureText::CollectionConsentCheck)}</span>
                    </label>
                    <FieldProblem problems=problems path="consent_collection" />
                </fieldset>
                <fieldset class="consent">
                    <legend>{i18n.text(CaptureText::MarketingConsentTitle)}</legend>
                    <p class="consent-text">{i18n.text(CaptureText::MarketingConsentText)}</p>
                    <label class="check">
                        <input
                            type="checkbox"
                            name="consent_marketing"
                            prop:checked=move || marketing.get()
                            on:change=move |ev| marketing.set(event_target_checked(&ev))
                        />
                        <span>{i18n.text(CaptureText::MarketingConsentCheck)}</span>
                    </label>
                </fieldset>
                <button type="submit" class="primary capture-save" data-testid="capture-save" disabled=move || saving.get()>
                    {move || i18n.t(if saving.get() { CaptureText::Saving } else { CaptureText::Save })}
                </button>
                {outcome_line}
            </form>
        </section>
    }
}
