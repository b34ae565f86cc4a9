//! The lead's timeline: every touch and every stage change, newest first, each as text
//! (untrusted values such as URLs are rendered as text, never as markup).

use leadkit_shared::api::StageHistoryEntry;
use leadkit_shared::model::{Actor, Touch};
use leptos::prelude::*;
use time::OffsetDateTime;

use super::text::{DetailText, Outcome};
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::use_i18n;
use crate::leads::text::stage_name;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Touch(Touch),
    Stage(StageHistoryEntry),
}

impl Entry {
    fn at(&self) -> OffsetDateTime {
        match self {
            Self::Touch(t) => t.at,
            Self::Stage(s) => s.at,
        }
    }
}

/// Touches and stage changes merged, newest first.
pub fn merged(touches: Vec<Touch>, changes: Vec<StageHistoryEntry>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = touches
        .into_iter()
        .map(Entry::Touch)
        .chain(changes.into_iter().map(Entry::Stage))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at()));
    entries
}

/// The timeline list.
#[component]
pub fn Timeline(entries: Vec<Entry>) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    if entries.is_empty() {
        return view! { <p class="empty">{move || i18n.t(DetailText::NoTimeline)}</p> }.into_any();
    }
    let items = entries
        .into_iter()
        .map(|entry| {
            let at = entry.at();
            let when = move || date_time(at, offset, i18n.locale.get());
            match entry {
                Entry::Touch(touch) => {
                    let kind = touch.kind;
                    let outcome = touch
                        .metadata
                        .get("outcome")
                        .map(String::as_str)
                        .and_then(Outcome::from_name);
                    let detail = ["note", "url", "asset", "signal", "form_id"]
                        .iter()
                        .find_map(|key| touch.metadata.get(*key).cloned())
                        .or_else(|| touch.utm.campaign.clone())
                        .unwrap_or_default();
                    view! {
                        <li class="touch" data-testid="timeline-touch">
                            <time>{when}</time>
                            <span class="what">{move || i18n.t(DetailText::Touch(kind))}</span>
                            {outcome.map(|o| view! { <span class="badge">{i18n.text(DetailText::OutcomeName(o))}</span> })}
                            <span class="detail">{detail}</span>
                        </li>
                    }
                    .into_any()
                }
                Entry::Stage(change) => {
                    let cause = match change.cause.as_str() {
                        "created" => DetailText::Created,
                        "rule" => DetailText::ByRule,
                        "handoff" => DetailText::BySales,
                        _ => DetailText::ByPerson,
                    };
                    let who = match &change.actor {
                        Actor::User { name, .. } => name.clone(),
                        Actor::System { rule } => rule.clone(),
                    };
                    let (from, to) = (change.from, change.to);
                    view! {
                        <li class="stage-change" data-testid="timeline-stage">
                            <time>{when}</time>
                            <span class="what">
                                {move || {
                                    let locale = i18n.locale.get();
                                    match from {
                                        Some(from) => format!(
                                            "{} → {}",
                                            stage_name(from, locale),
                                            stage_name(to, locale)
                                        ),
                                        None => stage_name(to, locale).to_owned(),
                                    }
                                }}
                            </span>
                            <span class="detail">
                                {move || format!("{} · {who}", i18n.t(cause))}
                            </span>
                        </li>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }.into_any()
}
