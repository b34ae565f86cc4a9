//! The import's progress: a bar and "n of m" in words.

use leptos::prelude::*;

use super::text::ImportText;
use crate::i18n::use_i18n;

/// Where a running import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Rows read of the file's rows.
    Reading(usize, usize),
    /// Local changes saved of all to save.
    Saving(usize, usize),
}

/// The bar and its words.
#[component]
pub fn ImportProgress(
    /// The phase and its counts.
    phase: Signal<Phase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = move || match phase.get() {
        Phase::Reading(done, total) | Phase::Saving(done, total) => (done, total.max(1)),
    };
    let words = move || {
        i18n.t(match phase.get() {
            Phase::Reading(done, total) => ImportText::ReadingRows(done, total),
            Phase::Saving(done, total) => ImportText::Saving(done, total),
        })
    };
    view! {
        <div class="import-progress" data-testid="import-progress">
            <label>
                <span class="visually-hidden">{i18n.text(ImportText::ProgressLabel)}</span>
                <progress max=move || counts().1 value=move || counts().0></progress>
            </label>
            <p role="status">{words}</p>
        </div>
    }
}
