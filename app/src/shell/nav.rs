//! The navigation between views. Each view adds its entry to [`VIEWS`] when it exists.

use leptos::prelude::*;
use leptos_router::components::A;

use super::text::ShellText;
use crate::i18n::use_i18n;

/// The views, in menu order: path, name, and a one-character icon for the phone bar.
pub const VIEWS: &[(&str, ShellText, &str)] = &[
    ("/leads", ShellText::Leads, "◎"),
    ("/capture", ShellText::Capture, "+"),
    ("/segments", ShellText::Segments, "◫"),
    ("/handoff", ShellText::Handoff, "⇄"),
    ("/funnel", ShellText::Funnel, "▽"),
    ("/attribution", ShellText::Attribution, "◔"),
    ("/icp", ShellText::Icp, "◇"),
    ("/scoring", ShellText::Scoring, "△"),
    ("/forms", ShellText::Forms, "▤"),
    ("/settings", ShellText::Settings, "⚙"),
    ("/import", ShellText::Import, "⇪"),
];

/// The menu.
#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="nav" aria-label=move || i18n.t(ShellText::Navigation)>
            <ul>
                {VIEWS
                    .iter()
                    .map(|(path, name, icon)| {
                        view! {
                            <li>
                                <A href=*path>
                                    <span class="icon" aria-hidden="true">{*icon}</span>
                                    <span class="name">{move || i18n.t(*name)}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
