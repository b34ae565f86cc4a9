//! Sales' answers on the leads handed over in the period, grouped by source, campaign or
//! persona (a picker), with what is shown while they load or when none can be.

use leadkit_shared::handoff::FeedbackGrouping;
use leadkit_shared::insights::{ReportWindow, feedback_in_window};
use leptos::prelude::*;

use super::data::{FeedSource, HandoffFeed};
use super::feedback_report::FeedbackReport;
use super::text::FunnelText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::picker::Segmented;

fn grouping_key(grouping: FeedbackGrouping) -> &'static str {
    match grouping {
        FeedbackGrouping::Source => "source",
        FeedbackGrouping::Campaign => "campaign",
        FeedbackGrouping::Persona => "persona",
    }
}

/// The accept/reject section.
#[component]
pub fn FeedbackSection(
    /// The period: handoffs queued in it count.
    window: ReportWindow,
    /// The handoff queue (live or saved).
    feed: LocalResource<HandoffFeed>,
    /// What to group by.
    grouping: RwSignal<FeedbackGrouping>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let rows = Memo::new(move |_| {
        let feed = feed.get()?;
        let records = workspace.leads.get();
        Some((
            feedback_in_window(grouping.get(), &feed.entries, &records, &window),
            feed.source,
        ))
    });
    let empty = move |text: FunnelText, testid: &'static str| {
        view! { <p class="empty" role="status" data-testid=testid>{i18n.text(text)}</p> }.into_any()
    };
    let body = move || match rows.get() {
        None => empty(FunnelText::FeedbackLoading, "feedback-loading"),
        Some((_, FeedSource::Unavailable)) => {
            empty(FunnelText::FeedbackUnavailable, "feedback-unavailable")
        }
        Some((rows, _)) if rows.is_empty() => empty(FunnelText::FeedbackNone, "feedback-empty"),
        Some((rows, source)) => view! { <FeedbackReport rows=rows source=source /> }.into_any(),
    };
    view! {
        <section class="card wide" aria-labelledby="feedback-heading">
            <h3 id="feedback-heading">{i18n.text(FunnelText::FeedbackTitle)}</h3>
            <p class="note">{i18n.text(FunnelText::FeedbackDesc)}</p>
            <Segmented
                name="grouping"
                legend=i18n.text(FunnelText::GroupBy)
                options=vec![
                    FeedbackGrouping::Source,
                    FeedbackGrouping::Campaign,
                    FeedbackGrouping::Persona,
                ]
                key=grouping_key
                label=move |g| i18n.t(FunnelText::Grouping(g))
                selected=grouping
            />
            {body}
        </section>
    }
}
