//! Logging a call, an e-mail or a meeting with a lead: the touch is applied on this
//! device at once (timeline, score) and queued for the server, from the lead page and
//! from a rep's handoff queue alike.

use std::collections::BTreeMap;

use leadkit_shared::model::{LeadId, Touch, TouchId, TouchKind};
use leadkit_shared::sync::OpBody;
use leptos::prelude::*;
use leptos::task::spawn_local;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::text::{DetailText, Outcome, touch_name};
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::ui::wire_name;

/// The kinds a rep logs by hand.
pub const LOGGED_KINDS: [TouchKind; 3] =
    [TouchKind::Call, TouchKind::EmailSent, TouchKind::Meeting];

/// The touch a rep logs: its outcome and note in the metadata the timeline shows.
pub fn logged_touch(
    id: TouchId,
    lead_id: LeadId,
    kind: TouchKind,
    outcome: Outcome,
    note: &str,
    at: OffsetDateTime,
) -> Touch {
    let mut metadata = BTreeMap::from([("outcome".to_owned(), outcome.as_str().to_owned())]);
    let note = note.trim();
    if !note.is_empty() {
        metadata.insert("note".to_owned(), note.to_owned());
    }
    Touch {
        id,
        lead_id,
        account_id: None,
        kind,
        at,
        metadata,
        utm: Default::default(),
    }
}

/// A `datetime-local` input's value (`2026-11-24T10:30`) read in the zone `offset_minutes`
/// east of UTC; `None` when it is not such a value.
pub fn parse_when(value: &str, offset_minutes: i16) -> Option<OffsetDateTime> {
    let (date, time) = value.trim().split_once('T')?;
    let mut date_parts = date.split('-').map(str::parse::<u32>);
    let (year, month, day) = (
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
    );
    let mut time_parts = time
        .split(':')
        .map(|p| p.split('.').next().unwrap_or(p).parse::<u8>());
    let (hour, minute) = (time_parts.next()?.ok()?, time_parts.next()?.ok()?);
    let second = time_parts.next().and_then(Result::ok).unwrap_or(0);
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    let offset = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// `at` as a `datetime-local` value in the zone `offset_minutes` east of UTC.
pub fn when_value(at: OffsetDateTime, offset_minutes: i16) -> String {
    let local = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60)
        .map_or(at, |offset| at.to_offset(offset));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The form that logs a touch with the lead `lead_id`.
#[component]
pub fn LogTouch(
    /// The lead, by id (looked up on this device when the form is sent).
    lead_id: String,
    /// Distinguishes this form's field ids from other forms on the page.
    #[prop(optional)]
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let kind = RwSignal::new(TouchKind::Call);
    let outcome = RwSignal::new(Outcome::Reached);
    let note = RwSignal::new(String::new());
    let when = RwSignal::new(when_value(
        crate::clock::now(),
        crate::clock::offset_minutes(),
    ));
    let message = RwSignal::new(None::<Result<DetailText, String>>);
    let busy = RwSignal::new(false);
    let ids = |name: &str| format!("{id_prefix}log-{name}-{lead_id}");
    let (kind_id, outcome_id, note_id, when_id) =
        (ids("kind"), ids("outcome"), ids("note"), ids("when"));
    let submit = {
        let lead_id = lead_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(at) = parse_when(&when.get_untracked(), crate::clock::offset_minutes()) else {
                message.set(Some(Ok(DetailText::BadWhen)));
                return;
            };
            let Some(record) = workspace.lead(&lead_id) else {
                message.set(Some(Ok(DetailText::NotOnDevice)));
                return;
            };
            let Some(id) = crate::clock::random_uuid() else {
                message.set(Some(Err("no random source".into())));
                return;
            };
            let touch = logged_touch(
                TouchId(id),
                LeadId(record.id),
                kind.get_untracked(),
                outcome.get_untracked(),
                &note.get_untracked(),
                at,
            );
            busy.set(true);
            message.set(None);
            spawn_local(async move {
                let result = workspace
                    .change(vec![(record, OpBody::AddTouch { touch })])
                    .await;
                let shown = match result {
                    Ok(refused) if refused.is_empty() => {
                        note.try_set(String::new());
                        Ok(DetailText::Logged)
                    }
                    Ok(refused) => Err(refused
                        .into_iter()
                        .map(|(_, why)| why)
                        .collect::<Vec<_>>()
                        .join("; ")),
                    Err(e) => Err(e.to_string()),
                };
                message.try_set(Some(shown));
                busy.try_set(false);
            });
        }
    };
    view! {
        <form class="log-touch" novalidate on:submit=submit aria-label=i18n.text(DetailText::LogTouch)>
            <div class="log-row">
                <label class="field" for=kind_id.clone()>
                    <span class="field-label">{i18n.text(DetailText::Kind)}</span>
                    <select id=kind_id.clone() name="kind" data-testid="log-kind"
                        on:change=move |ev| {
                            if let Some(k) = LOGGED_KINDS.into_iter().find(|k| wire_name(k) == event_target_value(&ev)) {
                                kind.set(k);
                            }
                        }>
                        {LOGGED_KINDS.into_iter().map(|k| view! {
                            <option value=wire_name(&k) selected=move || kind.get() == k>
                                {move || touch_name(k, i18n.locale.get())}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field" for=outcome_id.clone()>
                    <span class="field-label">{i18n.text(DetailText::Outcome)}</span>
                    <select id=outcome_id.clone() name="outcome" data-testid="log-outcome"
                        on:change=move |ev| {
                            if let Some(o) = Outcome::from_name(&event_target_value(&ev)) {
                                outcome.set(o);
                            }
                        }>
                        {Outcome::ALL.into_iter().map(|o| view! {
                            <option value=o.as_str() selected=move || outcome.get() == o>
                                {i18n.text(DetailText::OutcomeName(o))}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field" for=when_id.clone()>
                    <span class="field-label">{i18n.text(DetailText::When)}</span>
                    <input id=when_id.clone() type="datetime-local" name="when" data-testid="log-when"
                        prop:value=move || when.get()
                        on:input=move |ev| when.set(event_target_value(&ev)) />
                </label>
            </div>
            <label class="field" for=note_id.clone()>
                <span class="field-label">{i18n.text(DetailText::Note)}</span>
                <textarea id=note_id.clone() name="note" rows="2" maxlength="2000" data-testid="log-note"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            <div class="log-actions">
                <button type="submit" class="primary" data-testid="log-submit" disabled=move || busy.get()>
                    {i18n.text(DetailText::Log)}
                </button>
                <span class="pending" data-testid="log-pending" aria-live="polite">
                    {move || (workspace.pending.get() > 0).then(|| i18n.t(DetailText::PendingSync(workspace.pending.get())))}
                </span>
            </div>
            <p class="form-status" data-testid="log-status" role="status">
                {move || message.get().map(|m| match m {
                    Ok(text) => i18n.t(text),
                    Err(why) => format!("{}: {why}", i18n.t(DetailText::NotApplied)),
                })}
            </p>
        </form>
    }
}
