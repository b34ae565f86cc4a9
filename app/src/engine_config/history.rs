//! The version history: every saved version with who saved it, when, their note, and
//! each value it changed (before → after), newest first.

use leadkit_shared::api::EngineConfigVersion;
use leptos::prelude::*;

use super::api::fetch_history;
use super::editor::use_config_editor;
use super::paths::{describe_path, show_value};
use super::text::ConfigText;
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::use_i18n;

/// The saved versions, reloaded after each save.
#[component]
pub fn HistoryPanel() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let history = LocalResource::new(move || {
        editor.saved.track();
        async move { fetch_history().await.map_err(|e| e.to_string()) }
    });
    view! {
        <section class="card history" aria-labelledby="history-title" data-testid="history">
            <h3 id="history-title">{i18n.text(ConfigText::HistoryTitle)}</h3>
            <p class="muted">{i18n.text(ConfigText::HistoryIntro)}</p>
            <Suspense fallback=move || view! { <p class="empty">{i18n.t(ConfigText::Loading)}</p> }>
                {move || history.get().map(|result| match result {
                    Err(why) => view! { <p class="error">{i18n.t(ConfigText::HistoryFailed(why))}</p> }.into_any(),
                    Ok(h) if h.versions.is_empty() => {
                        view! { <p class="empty">{i18n.t(ConfigText::HistoryEmpty)}</p> }.into_any()
                    }
                    Ok(h) => view! {
                        <ol class="versions">
                            {h.versions.into_iter().map(|v| view! { <VersionEntry version=v /> }).collect_view()}
                        </ol>
                    }
                        .into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One saved version.
#[component]
fn VersionEntry(
    /// The version as the worker recorded it.
    version: EngineConfigVersion,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let number = version.version;
    let at = version.saved_at;
    let who = version.saved_by_name.clone().or(version.saved_by.clone());
    let note = version.note.clone();
    let changes = version.changes.clone();
    let change_list = if changes.is_empty() {
        view! { <p class="muted">{i18n.text(ConfigText::NoChangeRecorded)}</p> }.into_any()
    } else {
        view! {
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|c| {
                        let path = c.path.clone();
                        let before = show_value(c.before.as_ref());
                        let after = show_value(c.after.as_ref());
                        let label = {
                            let path = path.clone();
                            move || describe_path(&path, i18n.locale.get()).unwrap_or_else(|| path.clone())
                        };
                        let spoken = {
                            let (label, before, after) = (label.clone(), before.clone(), after.clone());
                            move || i18n.t(ConfigText::ChangedFromTo(label(), before.clone(), after.clone()))
                        };
                        view! {
                            <li data-testid="history-change" aria-label=spoken>
                                <span class="what">{label}</span>
                                <code class="path">{path}</code>
                                <span class="values">
                                    <span class="before">{before}</span>
                                    <span aria-hidden="true">" → "</span>
                                    <span class="after">{after}</span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    view! {
        <li class="version" data-testid="history-version">
            <p class="version-head">
                <strong>{i18n.text(ConfigText::Version(number))}</strong>
                <span class="who">
                    {move || match who.clone() {
                        Some(name) => i18n.t(ConfigText::ByWhom(name)),
                        None => i18n.t(ConfigText::ByToken),
                    }}
                </span>
                <time>{move || date_time(at, offset, i18n.locale.get())}</time>
            </p>
            {note.map(|n| view! { <p class="note">{n}</p> })}
            {change_list}
        </li>
    }
}
