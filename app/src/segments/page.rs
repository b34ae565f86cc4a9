//! The segments page: the saved segments with how many local leads each holds, a link
//! opening each in the lead table, and the editor for a new or chosen segment.

use leadkit_shared::model::Stage;
use leadkit_shared::segments::{Condition, Filter, Segment};
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::editor::SegmentEditor;
use super::saved::use_segments;
use super::text::SegmentsText;
use crate::i18n::use_i18n;

/// What the editor is open on: the id, the segment, and whether it is saved.
type Editing = Option<(Uuid, Segment, bool)>;

/// A new segment's starting point: all MQLs.
fn new_segment(name: String) -> Segment {
    Segment {
        name,
        filter: Filter::All(vec![Filter::Condition(Condition::Stage {
            stages: vec![Stage::Mql],
        })]),
        template: None,
    }
}

/// The saved segments and the editor.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let segments = use_segments();
    let editing = RwSignal::new(None::<(Uuid, Segment, bool)> as Editing);
    let counts = Memo::new(move |_| {
        let population = segments.population.get();
        let now = crate::clock::now();
        segments.list.with(|list| {
            list.iter()
                .map(|s| {
                    let count = s
                        .segment
                        .filter
                        .compile()
                        .ok()
                        .map(|f| population.count(&f, now));
                    (s.id, s.segment.name.clone(), count)
                })
                .collect::<Vec<_>>()
        })
    });
    let create = move |_| {
        // Without Web Crypto no id is safe from colliding; the editor does not open.
        if let Some(id) = crate::clock::random_uuid() {
            editing.set(Some((
                id,
                new_segment(i18n.t(SegmentsText::NewSegment)),
                false,
            )));
        }
    };

    view! {
        <section class="segments-page" aria-labelledby="segments-title">
            <header class="page-head">
                <h2 id="segments-title">{i18n.text(SegmentsText::Title)}</h2>
                <button type="button" class="primary" data-testid="new-segment" on:click=create>
                    {i18n.text(SegmentsText::NewSegment)}
                </button>
            </header>
            <p class="hint">{i18n.text(SegmentsText::Intro)}</p>
            <Show when=move || segments.offline.get()>
                <p class="notice" role="status">{i18n.text(SegmentsText::Offline)}</p>
            </Show>
            {move || {
                if !segments.loaded.get() {
                    view! { <p class="empty">{i18n.text(SegmentsText::LoadingSegments)}</p> }.into_any()
                } else if counts.with(Vec::is_empty) {
                    view! { <p class="empty">{i18n.text(SegmentsText::NoSegments)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="segment-list" data-testid="segment-list">
                            <For
                                each=move || counts.get()
                                key=|(id, name, count)| (*id, name.clone(), *count)
                                let((id, name, count))
                            >
                                <li class="segment-item" data-testid="segment-item">
                                    <span class="segment-name">{name.clone()}</span>
                                    <span class="segment-members" data-testid="segment-members">
                                        {move || count.map(|c| i18n.t(SegmentsText::Members(c))).unwrap_or_default()}
                                    </span>
                                    <button
                                        type="button"
                                        data-testid="edit-segment"
                                        aria-label=move || format!("{} — {}", i18n.t(SegmentsText::Edit), name)
                                        on:click=move |_| {
                                            if let Some(record) = segments.get(id) {
                                                editing.set(Some((id, record.segment, true)));
                                            }
                                        }
                                    >
                                        {i18n.text(SegmentsText::Edit)}
                                    </button>
                                    <A href=format!("/leads?segment={id}") attr:data-testid="open-in-leads">
                                        {i18n.text(SegmentsText::OpenInLeads)}
                                    </A>
                                </li>
                            </For>
                        </ul>
                    }
                        .into_any()
                }
            }}
            {move || {
                editing
                    .get()
                    .map(|(id, segment, saved)| {
                        view! {
                            <SegmentEditor
                                id=id
                                initial=segment
                                saved=saved
                                on_close=Callback::new(move |()| editing.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}
