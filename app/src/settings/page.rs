//! `/settings`: one page of sections, each its own component and anchor, so a new
//! section slots in as one more entry.

use leptos::prelude::*;

use super::handoff_form::HandoffSection;
use super::members::MembersSection;
use super::text::SettingsText;
use super::tokens::TokensSection;
use super::webhooks::WebhooksSection;
use super::workspace_card::WorkspaceSection;
use crate::i18n::{tr, use_i18n};

/// The sections in page order: anchor and name, for the links at the top.
const SECTIONS: [(&str, SettingsText); 5] = [
    ("workspace", SettingsText::Workspace),
    ("members", SettingsText::Members),
    ("handoff", SettingsText::Handoff),
    ("webhooks", SettingsText::Webhooks),
    ("tokens", SettingsText::Tokens),
];

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="settings-page" aria-labelledby="settings-title">
            <header class="page-head">
                <h2 id="settings-title">{tr(SettingsText::Title)}</h2>
            </header>
            <nav class="section-links" aria-label=tr(SettingsText::Sections)>
                {SECTIONS
                    .iter()
                    .map(|(anchor, name)| view! { <a href=format!("#{anchor}")>{move || i18n.t(*name)}</a> })
                    .collect_view()}
            </nav>
            <WorkspaceSection />
            <MembersSection />
            <HandoffSection />
            <WebhooksSection />
            <TokensSection />
        </section>
    }
}
