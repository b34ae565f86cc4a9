//! An input bound to one text of a draft that loads first: the settings draft, the form
//! definition being edited.

use leptos::prelude::*;

/// A read of one text of the draft in `draft` (`None` while it loads) and its write, for
/// an input: the value shows `get` of the draft, typing runs `set` on it.
pub fn bind<T: Send + Sync + 'static>(
    draft: RwSignal<Option<T>>,
    get: impl Fn(&T) -> String + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    let value = Signal::derive(move || draft.with(|d| d.as_ref().map(&get).unwrap_or_default()));
    let write = Callback::new(move |text: String| {
        draft.update(|d| {
            if let Some(d) = d {
                set(d, text);
            }
        });
    });
    (value, write)
}
