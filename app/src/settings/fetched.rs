//! A list a settings section fetched from the worker, shown in its every state: loading,
//! not allowed for this member, refused, empty, or its rows.

use leptos::prelude::*;

use super::text::SettingsText;
use crate::data::ApiError;
use crate::i18n::{Translate, use_i18n};
use crate::ui::refusal;

/// A fetched list: `None` while it loads.
pub type Fetched<T> = RwSignal<Option<Result<Vec<T>, ApiError>>>;

/// Whether the worker refused the list to this member (403): the section then offers
/// no form to add to it either.
pub fn not_allowed<T: Send + Sync + 'static>(list: Fetched<T>) -> bool {
    list.with(|l| matches!(l, Some(Err(e)) if e.status() == Some(403)))
}

/// The list in `list` as `<ul class=list_class>` of `row`s, or why there are none
/// (`empty` when the worker lists nothing; `not_allowed_id` names the test id of the
/// refusal shown to members without the permission).
pub fn fetched_list<T, V, E>(
    list: Fetched<T>,
    list_class: &'static str,
    empty: E,
    not_allowed_id: &'static str,
    row: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    E: Translate + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || {
        match list.get() {
        None => view! { <p class="empty">{i18n.t(SettingsText::Loading)}</p> }.into_any(),
        Some(Err(error)) if error.status() == Some(403) => {
            view! { <p class="empty" data-testid=not_allowed_id>{i18n.t(SettingsText::NotAllowed)}</p> }
                .into_any()
        }
        Some(Err(error)) => view! { <p class="error" role="alert">{i18n.t(refusal(&error))}</p> }.into_any(),
        Some(Ok(items)) if items.is_empty() => view! { <p class="empty">{i18n.t(empty)}</p> }.into_any(),
        Some(Ok(items)) => view! { <ul class=list_class>{items.into_iter().map(row).collect_view()}</ul> }.into_any(),
    }
    }
}
