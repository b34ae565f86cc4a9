//! "Add to segment" on the selected leads: into a saved segment (the leads belong
//! whatever its rules say) or into a new segment of just these leads. Saved like every
//! settings change (on this device first, then synced), so the whole team sees it.

use std::collections::BTreeSet;

use leadkit_shared::model::LeadId;
use leadkit_shared::segments::Segment;
use leadkit_shared::sync::SettingsWrite;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::data::{SaveSettingsError, SettingsSaved, use_workspace};
use crate::i18n::use_i18n;
use crate::segments::text::SegmentsText;
use crate::segments::use_segments;
use crate::ui::{UiText, settings_refusal};

/// The select's value for "a new segment of these leads".
const NEW: &str = "new";

/// The segment picker and its button for `selected`.
#[component]
pub fn AddToSegment(
    /// The selected leads.
    selected: RwSignal<BTreeSet<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let segments = use_segments();
    let workspace = use_workspace();
    let target = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let report = RwSignal::new(None::<String>);

    let add = move |_| {
        let ids: Vec<LeadId> = selected.get_untracked().into_iter().map(LeadId).collect();
        let picked = target.get_untracked();
        let (id, segment, added) = if picked == NEW {
            let count = ids.len();
            // Without Web Crypto no id is safe from colliding; nothing is made.
            let Some(id) = crate::clock::random_uuid() else {
                return;
            };
            (
                id,
                Segment::manual(new_name.get_untracked().trim(), ids),
                count,
            )
        } else {
            let Some(record) = Uuid::parse_str(&picked)
                .ok()
                .and_then(|id| segments.get(id))
            else {
                return;
            };
            let mut segment = record.segment;
            let added = segment.add_members(&ids);
            (record.id, segment, added)
        };
        spawn_local(async move {
            let saved = workspace
                .save_settings(SettingsWrite::PutSegment { id, segment })
                .await;
            segments.reread().await;
            let text = match saved {
                Ok(SettingsSaved::Synced) => i18n.t(SegmentsText::Added(added)),
                Ok(SettingsSaved::OnDevice) => format!(
                    "{} {}",
                    i18n.t(SegmentsText::Added(added)),
                    i18n.t(UiText::SavedOnDevice)
                ),
                Ok(SettingsSaved::Refused(refused)) => match &refused.field {
                    Some(field) => format!("{field}: {}", refused.reason),
                    None => i18n.t(settings_refusal(&refused)),
                },
                Err(SaveSettingsError::Invalid { problem }) => {
                    format!("{}: {}", problem.field, problem.message)
                }
                Err(SaveSettingsError::Store(_)) => i18n.t(UiText::Failed),
            };
            report.try_set(Some(text));
        });
    };

    view! {
        <label>
            <span>{i18n.text(SegmentsText::AddToSegment)}</span>
            <select
                data-testid="bulk-segment"
                on:change=move |ev| target.set(event_target_value(&ev))
                prop:value=move || target.get()
            >
                <option value="">"—"</option>
                {move || {
                    segments
                        .list
                        .get()
                        .into_iter()
                        .map(|s| view! { <option value=s.id.to_string()>{s.segment.name}</option> })
                        .collect_view()
                }}
                <option value=NEW>{i18n.text(SegmentsText::NewSegment)}</option>
            </select>
        </label>
        <Show when=move || target.with(|t| t == NEW)>
            <label>
                <span>{i18n.text(SegmentsText::Name)}</span>
                <input
                    data-testid="bulk-segment-name"
                    maxlength="120"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
            </label>
        </Show>
        <button
            data-testid="bulk-add-segment"
            disabled=move || selected.with(BTreeSet::is_empty) || target.with(String::is_empty)
            on:click=add
        >
            {i18n.text(SegmentsText::AddToSegment)}
        </button>
        {move || report.get().map(|r| view! { <p class="note" role="status" data-testid="segment-report">{r}</p> })}
    }
}
