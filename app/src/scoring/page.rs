//! `/scoring`: the rules, decay and stage criteria, each editable, beside the what-if
//! panel, the save bar and the version history.

use leptos::prelude::*;

use super::decay::DecayCard;
use super::edit::{new_engagement_rule, new_profile_rule};
use super::profile::ProfileRuleCard;
use super::rules::EngagementRuleCard;
use super::stages::StageCard;
use super::text::ScoringText;
use super::whatif::WhatIfPanel;
use crate::engine_config::{
    Anchor, ConfigText, HistoryPanel, LoadState, Part, SaveBar, use_config_editor,
};
use crate::i18n::{Translate, use_i18n};

/// The scoring model editor.
#[component]
pub fn ScoringPage() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    // Rules are split by the sign they had when the list was last built, so a rule being
    // edited does not jump between sections while its points are typed.
    let rule_indices = move |negative: bool| {
        editor.shape.track();
        editor.draft.with_untracked(|c| {
            c.scoring
                .engagement_rules
                .iter()
                .enumerate()
                .filter(|(_, r)| (r.points < 0) == negative)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    };
    let engagement = move || {
        rule_indices(false)
            .into_iter()
            .map(|index| view! { <EngagementRuleCard index=index /> })
            .collect_view()
    };
    let negative = move || {
        rule_indices(true)
            .into_iter()
            .map(|index| view! { <EngagementRuleCard index=index /> })
            .collect_view()
    };
    let profile = move || {
        editor.shape.track();
        let len = editor
            .draft
            .with_untracked(|c| c.scoring.profile_rules.len());
        (0..len)
            .map(|index| view! { <ProfileRuleCard index=index /> })
            .collect_view()
    };
    let stages = move || {
        editor.shape.track();
        let len = editor
            .draft
            .with_untracked(|c| c.lifecycle.definitions.len());
        (0..len)
            .map(|index| view! { <StageCard index=index /> })
            .collect_view()
    };
    let add_rule = move |negative: bool| {
        let locale = i18n.locale.get_untracked();
        let name = if negative {
            ScoringText::NewNegativeRule
        } else {
            ScoringText::NewRule
        }
        .translate(locale);
        editor.restructure(|c| {
            let rule = new_engagement_rule(&c.scoring, name, negative);
            c.scoring.engagement_rules.push(rule);
        });
    };
    let add_profile = move |_| {
        let name = ScoringText::NewProfileRule.translate(i18n.locale.get_untracked());
        editor.restructure(|c| {
            let rule = new_profile_rule(&c.scoring, name);
            c.scoring.profile_rules.push(rule);
        });
    };
    let part_problem = move |part: Part| {
        let server = editor.server_problems.with(|all| {
            all.iter()
                .find(|p| p.field == part.field())
                .map(|p| i18n.t(ConfigText::RefusedPart(p.message.clone())))
        });
        server.or_else(|| {
            editor.problem.with(|p| {
                p.as_ref()
                    .filter(|p| p.anchor == Anchor::Part(part))
                    .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
            })
        })
    };
    let editors = move || match editor.state.get() {
        LoadState::Loading => {
            view! { <p class="empty">{i18n.t(ConfigText::Loading)}</p> }.into_any()
        }
        LoadState::Failed(why) => {
            view! { <p class="error">{i18n.t(ConfigText::LoadFailed(why))}</p> }.into_any()
        }
        _ => view! {
            <section class="card stages" aria-labelledby="stages-title">
                <h3 id="stages-title">{i18n.text(ScoringText::Stages)}</h3>
                <p class="muted">{i18n.text(ScoringText::StagesIntro)}</p>
                <p class="field-error" role="alert" data-testid="lifecycle-part-problem">
                    {move || part_problem(Part::Lifecycle)}
                </p>
                {stages}
            </section>
            <section class="card rules" aria-labelledby="rules-title">
                <h3 id="rules-title">{i18n.text(ScoringText::EngagementRules)}</h3>
                <p class="muted">{i18n.text(ScoringText::EngagementIntro)}</p>
                <p class="field-error" role="alert" data-testid="scoring-part-problem">
                    {move || part_problem(Part::Scoring)}
                </p>
                {engagement}
                <button class="secondary" data-testid="add-rule" on:click=move |_| add_rule(false)>
                    {i18n.text(ScoringText::AddRule)}
                </button>
            </section>
            <section class="card rules negative" aria-labelledby="negative-title">
                <h3 id="negative-title">{i18n.text(ScoringText::NegativeRules)}</h3>
                <p class="muted">{i18n.text(ScoringText::NegativeIntro)}</p>
                {negative}
                {profile}
                <div class="actions">
                    <button class="secondary" on:click=move |_| add_rule(true)>
                        {i18n.text(ScoringText::AddNegativeRule)}
                    </button>
                    <button class="secondary" on:click=add_profile>
                        {i18n.text(ScoringText::AddProfileRule)}
                    </button>
                </div>
            </section>
            <DecayCard />
        }
        .into_any(),
    };
    view! {
        <section class="config-page scoring-page" aria-labelledby="scoring-title">
            <header class="page-head">
                <h2 id="scoring-title">{i18n.text(ScoringText::Title)}</h2>
            </header>
            <p class="muted intro">{i18n.text(ScoringText::Intro)}</p>
            <div class="editor-layout">
                <aside class="editor-side">
                    <WhatIfPanel />
                    <SaveBar />
                </aside>
                <div class="editor-main">{editors}</div>
            </div>
            <HistoryPanel />
        </section>
    }
}
