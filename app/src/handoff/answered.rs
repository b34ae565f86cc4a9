//! Handoffs answered recently: accepted or rejected (with the reason and note), by whom
//! and when, newest first as the queue lists them.

use leadkit_shared::api::{HandoffEntry, HandoffState};
use leptos::prelude::*;
use leptos_router::components::A;

use super::text::HandoffText;
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::{tr, use_i18n};

/// A list of answered handoffs.
#[component]
pub fn AnsweredList(
    /// The answered handoffs, newest first.
    entries: Vec<HandoffEntry>,
    /// The list's test id.
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    if entries.is_empty() {
        return view! { <p class="empty">{tr(HandoffText::NoneAnswered)}</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let accepted = entry.state == HandoffState::Accepted;
            let outcome = move || {
                let mut text = i18n.t(if accepted {
                    HandoffText::Accepted
                } else {
                    HandoffText::Rejected
                });
                if let Some(reason) = entry.reject_reason {
                    text.push_str(" · ");
                    text.push_str(&i18n.t(HandoffText::RejectReason(reason)));
                }
                text
            };
            let at = entry.answered_at;
            view! {
                <li data-testid="answered-entry">
                    <A href=format!("/leads/{}", entry.lead_id)>{entry.lead_name.clone()}</A>
                    <span class=if accepted { "outcome yes" } else { "outcome no" }>{outcome}</span>
                    <span class="detail">{entry.rep_name.clone()}</span>
                    {entry.note.clone().map(|note| view! { <span class="detail note">{note}</span> })}
                    {at.map(|at| view! { <time>{move || date_time(at, offset, i18n.locale.get())}</time> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="answered" data-testid=test_id>{rows}</ul> }.into_any()
}
