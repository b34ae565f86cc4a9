//! A rep's answer to one handoff: accept, or reject with a reason from the workspace's
//! list and an optional note. The answer is decided here by the shared handoff rules and
//! goes through the outbox like every other change (so it works offline and the lead
//! moves at once); the server decides it again and a refusal shows in the sync line.
//! Problems show beside their field, refusals (already answered, another rep's lead)
//! beside the buttons. A lead not on this device yet is answered through the API.

use leadkit_shared::api::HandoffEntry;
use leadkit_shared::auth::Role;
use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::handoff::{AnswerError, Answerer, HandoffAnswer};
use leadkit_shared::model::{Actor, RejectReason};
use leadkit_shared::sync::answer_body;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::text::HandoffText;
use crate::data::{Workspace, api, use_workspace};
use crate::i18n::{Locale, Text, Translate, tr, use_i18n};
use crate::ui::{FieldProblem, UiText, from_wire, refusal, wire_name};

/// Says what is wrong with the reason or the note, as the worker reported it.
fn explain(problem: &FieldError, locale: Locale) -> String {
    match (problem.field.as_str(), problem.code) {
        (_, FieldErrorCode::Required) => Text::Problem(FieldErrorCode::Required).in_locale(locale),
        ("note", _) => HandoffText::NoteTooLong.translate(locale),
        _ => HandoffText::ReasonNotOffered.translate(locale),
    }
}

/// Why an answer decided on this device cannot be sent: the field at fault, or a refusal.
enum Problem {
    Field(FieldError),
    Refused(UiText),
}

impl From<AnswerError> for Problem {
    fn from(error: AnswerError) -> Self {
        match error {
            AnswerError::NoteTooLong => {
                Self::Field(FieldError::new("note", FieldErrorCode::TooLong, ""))
            }
            AnswerError::ReasonNotOffered { .. } => {
                Self::Field(FieldError::new("reason", FieldErrorCode::NotAnOption, ""))
            }
            AnswerError::AlreadyAnswered => Self::Refused(UiText::AlreadyAnswered),
            AnswerError::NotYours => Self::Refused(UiText::NotAllowed),
            AnswerError::Stage(_) => Self::Refused(UiText::StageNotAllowed),
        }
    }
}

/// Who answers on this device: the signed-in member, as the rep with their e-mail (an
/// admin answers for anyone), as the worker decides it.
fn answerer(workspace: Workspace) -> Option<Answerer> {
    let me = workspace.me.get_untracked()?;
    let user = me.user?;
    let rep_id = workspace.handoff_settings.with_untracked(|view| {
        view.as_ref()
            .and_then(|v| v.settings.rep_by_email(&user.email).map(|r| r.id))
    });
    Some(Answerer {
        actor: Actor::User {
            id: user.id.to_string(),
            name: user.name,
        },
        rep_id,
        answers_for_anyone: me.role == Role::Admin,
    })
}

/// Records `answer` to `entry` through the outbox when the lead is on this device
/// (`None` when it is not, or who answers is unknown: the caller uses the API).
async fn answer_locally(
    workspace: Workspace,
    entry: &HandoffEntry,
    answer: HandoffAnswer,
) -> Option<Result<(), Problem>> {
    let record = workspace.lead(&entry.lead_id.to_string())?;
    let lead = record.record.as_deref()?.clone();
    let answerer = answerer(workspace)?;
    let settings = workspace
        .handoff_settings
        .with_untracked(|view| view.as_ref().map(|v| v.settings.clone()))?;
    let lifecycle = workspace.lifecycle.get_untracked();
    let body = match answer_body(
        &settings,
        &lifecycle,
        entry,
        &lead,
        answer,
        &answerer,
        crate::clock::now(),
    ) {
        Ok(body) => body,
        Err(error) => return Some(Err(error.into())),
    };
    Some(match workspace.change(vec![(record, body)]).await {
        Ok(refused) if refused.is_empty() => Ok(()),
        Ok(_) => Err(Problem::Refused(UiText::StageNotAllowed)),
        Err(_) => Err(Problem::Refused(UiText::Failed)),
    })
}

/// Accept and reject for the handoff `entry`.
#[component]
pub fn AnswerControls(
    /// The handoff answered, as the queue listed it.
    entry: HandoffEntry,
    /// Called once the answer is stored (on this device, or by the worker).
    on_answered: Callback<()>,
) -> impl IntoView {
    let handoff_id: Uuid = entry.id;
    let entry = StoredValue::new(entry);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let refused = RwSignal::new(None::<UiText>);
    let busy = RwSignal::new(false);
    let reasons = Memo::new(move |_| {
        workspace.handoff_settings.with(|view| {
            view.as_ref()
                .map(|v| v.settings.reject_reasons.clone())
                .unwrap_or_default()
        })
    });
    let chosen = move || from_wire::<RejectReason>(&reason.get());
    let sends_to = move || {
        let reason = chosen()?;
        workspace.handoff_settings.with(|view| {
            view.as_ref()
                .map(|v| v.settings.stage_after_rejection(reason))
        })
    };

    let send = move |answer: HandoffAnswer| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problems.set(Vec::new());
        refused.set(None);
        spawn_local(async move {
            let handoff = entry.get_value();
            if let Some(done) = answer_locally(workspace, &handoff, answer.clone()).await {
                match done {
                    Ok(()) => on_answered.run(()),
                    Err(Problem::Field(field)) => {
                        problems.try_set(vec![field]);
                    }
                    Err(Problem::Refused(why)) => {
                        refused.try_set(Some(why));
                    }
                }
                busy.try_set(false);
                return;
            }
            let path = format!("/api/handoffs/{handoff_id}/answer");
            match api::post::<_, serde_json::Value>(&path, &answer).await {
                Ok(_) => on_answered.run(()),
                Err(error) => {
                    let fields = error.fields();
                    if fields.is_empty() {
                        refused.try_set(Some(refusal(&error)));
                    }
                    problems.try_set(fields);
                }
            }
            busy.try_set(false);
        });
    };
    let accept = move |_| send(HandoffAnswer::Accept);
    let open_reject = move |_| {
        if reason.get_untracked().is_empty()
            && let Some(first) = reasons.get_untracked().first()
        {
            reason.set(wire_name(first));
        }
        rejecting.set(true);
    };
    let confirm_reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(reason) = chosen() else {
            problems.set(vec![FieldError::new(
                "reason",
                FieldErrorCode::Required,
                "",
            )]);
            return;
        };
        let note = note.get_untracked().trim().to_owned();
        send(HandoffAnswer::Reject {
            reason,
            note: (!note.is_empty()).then_some(note),
        });
    };
    let reason_id = format!("reason-{handoff_id}");
    let note_id = format!("note-{handoff_id}");

    view! {
        <div class="answer">
            <Show
                when=move || rejecting.get()
                fallback=move || view! {
                    <div class="answer-buttons">
                        <button type="button" class="primary" data-testid="accept" disabled=move || busy.get() on:click=accept>
                            {tr(HandoffText::Accept)}
                        </button>
                        <button type="button" class="secondary" data-testid="reject" disabled=move || busy.get() on:click=open_reject>
                            {tr(HandoffText::Reject)}
                        </button>
                    </div>
                }
            >
                <form class="reject-form" novalidate on:submit=confirm_reject>
                    <label class="field" for=reason_id.clone()>
                        <span class="field-label">{tr(HandoffText::Reason)}</span>
                    </label>
                    <select
                        id=reason_id.clone()
                        name="reason"
                        data-testid="reject-reason"
                        on:change=move |ev| reason.set(event_target_value(&ev))
                    >
                        {move || reasons.get().into_iter().map(|r| {
                            let code = wire_name(&r);
                            let selected = reason.get() == code;
                            view! { <option value=code selected=selected>{i18n.t(HandoffText::RejectReason(r))}</option> }
                        }).collect_view()}
                    </select>
                    <FieldProblem problems=problems path="reason" explain=explain />
                    <p class="hint">{move || sends_to().map(|stage| i18n.t(HandoffText::SendsTo(stage)))}</p>
                    <label class="field" for=note_id.clone()>
                        <span class="field-label">{tr(HandoffText::Note)}</span>
                    </label>
                    <textarea
                        id=note_id.clone()
                        name="note"
                        rows="2"
                        maxlength="2000"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                    <FieldProblem problems=problems path="note" explain=explain />
                    <div class="answer-buttons">
                        <button type="submit" class="danger" data-testid="confirm-reject" disabled=move || busy.get()>
                            {tr(HandoffText::ConfirmReject)}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| rejecting.set(false)>
                            {tr(HandoffText::Cancel)}
                        </button>
                    </div>
                </form>
            </Show>
            <p class="form-error" data-testid="answer-error" role="alert">
                {move || refused.get().map(|r| i18n.t(r))}
            </p>
        </div>
    }
}
