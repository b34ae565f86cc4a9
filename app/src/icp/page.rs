//! `/icp`: the personas, each editable, beside the live tier counts, the save bar and
//! the version history.

use leadkit_shared::icp::{Icp, TierCutoffs};
use leptos::prelude::*;

use super::counts::TierCountsPanel;
use super::persona::{PersonaCard, new_criterion};
use super::text::IcpText;
use crate::engine_config::{
    Anchor, ConfigText, HistoryPanel, LoadState, Part, SaveBar, use_config_editor,
};
use crate::i18n::use_i18n;

/// A name for a new persona that no persona has yet.
pub fn unused_name(existing: &[Icp], name: impl Fn(usize) -> String) -> String {
    (existing.len() + 1..)
        .map(name)
        .find(|candidate| existing.iter().all(|p| p.name != *candidate))
        .unwrap_or_default()
}

/// The ICP and personas editor.
#[component]
pub fn IcpPage() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let personas = move || {
        editor.shape.track();
        let len = editor.draft.with_untracked(|c| c.icp.personas.len());
        if len == 0 {
            return view! { <p class="empty card">{i18n.t(IcpText::NoPersonas)}</p> }.into_any();
        }
        (0..len)
            .map(|index| view! { <PersonaCard index=index /> })
            .collect_view()
            .into_any()
    };
    let add = move |_| {
        let locale = i18n.locale.get_untracked();
        editor.restructure(|c| {
            let name = unused_name(&c.icp.personas, |n| {
                crate::i18n::Translate::translate(&IcpText::NewPersona(n), locale)
            });
            c.icp.personas.push(Icp {
                name,
                criteria: vec![new_criterion()],
                tier_cutoffs: TierCutoffs::default(),
            });
        });
    };
    let part_problem = move || {
        let server = editor.server_problems.with(|all| {
            all.iter()
                .find(|p| p.field == Part::Icp.field())
                .map(|p| i18n.t(ConfigText::RefusedPart(p.message.clone())))
        });
        server.or_else(|| {
            editor.problem.with(|p| {
                p.as_ref()
                    .filter(|p| p.anchor == Anchor::Part(Part::Icp))
                    .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
            })
        })
    };
    view! {
        <section class="config-page icp-page" aria-labelledby="icp-title">
            <header class="page-head">
                <h2 id="icp-title">{i18n.text(IcpText::Title)}</h2>
            </header>
            <p class="muted intro">{i18n.text(IcpText::Intro)}</p>
            <div class="editor-layout">
                <div class="editor-main">
                    <p class="field-error" role="alert" data-testid="icp-part-problem">{part_problem}</p>
                    {move || match editor.state.get() {
                        LoadState::Loading => view! { <p class="empty">{i18n.t(ConfigText::Loading)}</p> }.into_any(),
                        LoadState::Failed(why) => view! { <p class="error">{i18n.t(ConfigText::LoadFailed(why))}</p> }.into_any(),
                        _ => view! {
                            <div class="personas">{personas}</div>
                            <button class="secondary" data-testid="add-persona" on:click=add>
                                {i18n.t(IcpText::AddPersona)}
                            </button>
                        }
                            .into_any(),
                    }}
                </div>
                <aside class="editor-side">
                    <TierCountsPanel />
                    <SaveBar />
                </aside>
            </div>
            <HistoryPanel />
        </section>
    }
}
