//! The lead table's segment filter: a saved segment's members only. "Open in leads" on
//! the segments view lands here with `?segment=<id>`.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::use_i18n;
use crate::segments::text::SegmentsText;
use crate::segments::{SavedSegments, use_segments};

/// The ids of the leads in `segment`, counted over the local leads; `None` for "all
/// leads" (or a segment that no longer exists or cannot be used).
pub fn members_of(segments: SavedSegments, segment: Option<Uuid>) -> Option<Arc<HashSet<Uuid>>> {
    let record = segments.get(segment?)?;
    let filter = record.segment.filter.compile().ok()?;
    let population = segments.population.get();
    Some(Arc::new(
        population
            .select(&filter, crate::clock::now())
            .into_iter()
            .collect(),
    ))
}

/// The picker of the segment the table shows.
#[component]
pub fn SegmentFilter(
    /// The chosen segment; `None` is every lead.
    segment: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let segments = use_segments();
    view! {
        <label class="segment-filter">
            <span>{i18n.text(SegmentsText::SegmentFilter)}</span>
            <select
                data-testid="segment-filter"
                on:change=move |ev| segment.set(Uuid::parse_str(&event_target_value(&ev)).ok())
            >
                <option value="" selected=move || segment.with(Option::is_none)>
                    {i18n.text(SegmentsText::AllLeads)}
                </option>
                {move || {
                    segments
                        .list
                        .get()
                        .into_iter()
                        .map(|s| {
                            let id = s.id;
                            view! {
                                <option value=id.to_string() selected=move || segment.get() == Some(id)>
                                    {s.segment.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
