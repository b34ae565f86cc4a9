//! The score explained: which rule gave which points (engagement, profile, negative),
//! what decay and caps took, and the fit with its persona and tier — recomputed on this
//! device at the moment shown, so a touch logged here counts at once.

use leadkit_shared::lead_view::LeadExplanation;
use leptos::prelude::*;

use super::text::DetailText;
use crate::i18n::format::number;
use crate::i18n::use_i18n;

/// The score panel.
#[component]
pub fn ScorePanel(
    /// The explanation computed for now.
    explained: LeadExplanation,
) -> impl IntoView {
    let i18n = use_i18n();
    let score = explained.explanation.score.clone();
    let fit = explained.explanation.fit.clone();
    let decay = explained.decay;
    let total = score.score();
    let rules = score
        .engagement
        .iter()
        .map(|line| {
            let points = line.points;
            let count = line.events.len();
            view! {
                <li class="rule-line" data-testid="score-rule">
                    <span class="what">{line.rule_name.clone()}</span>
                    <span class="detail">{i18n.text(DetailText::TouchesCounted(count))}</span>
                    <span class="num" class:negative=points < 0>{i18n.text(DetailText::Points(points))}</span>
                </li>
            }
        })
        .collect_view();
    let profile = score
        .profile
        .iter()
        .map(|line| {
            let points = line.points;
            view! {
                <li class="rule-line" data-testid="score-profile">
                    <span class="what">{line.rule_name.clone()}</span>
                    <span class="detail">{line.matched.clone()}</span>
                    <span class="num" class:negative=points < 0>{i18n.text(DetailText::Points(points))}</span>
                </li>
            }
        })
        .collect_view();
    let no_rules = (score.engagement.is_empty() && score.profile.is_empty())
        .then(|| view! { <p class="empty">{i18n.text(DetailText::NoRules)}</p> });
    let persona = fit.persona.clone().unwrap_or_else(|| "—".into());
    view! {
        <section class="card score-why" aria-labelledby="score-why-title">
            <h3 id="score-why-title">{i18n.text(DetailText::ScoreWhy)}</h3>
            <p class="hint">{i18n.text(DetailText::ScoreNow)}</p>
            <dl class="scores">
                <div class="field"><dt>{i18n.text(DetailText::Fit)}</dt><dd class="num" data-testid="why-fit">{number(total.fit)}</dd></div>
                <div class="field"><dt>{i18n.text(DetailText::Engagement)}</dt><dd class="num" data-testid="why-engagement">{number(total.engagement)}</dd></div>
                <div class="field total"><dt>{i18n.text(DetailText::Total)}</dt><dd class="num" data-testid="why-total">{number(total.total)}</dd></div>
                <div class="field"><dt>{i18n.text(DetailText::Persona)}</dt><dd>{persona}</dd></div>
                <div class="field"><dt>{i18n.text(DetailText::Tier)}</dt>
                    <dd>{if fit.persona.is_some() { fit.tier.as_str() } else { "—" }} " · " {i18n.text(DetailText::FitOf(fit.fit_percent))}</dd>
                </div>
            </dl>
            {no_rules}
            <h4>{i18n.text(DetailText::EngagementRules)}</h4>
            <ul class="rule-lines">{rules}</ul>
            <h4>{i18n.text(DetailText::ProfileRules)}</h4>
            <ul class="rule-lines">{profile}</ul>
            <h4>{i18n.text(DetailText::DecayTitle)}</h4>
            <ul class="decay" data-testid="score-decay">
                <li>{i18n.text(DetailText::HalfLife(decay.half_life_days))}</li>
                <li>{i18n.text(DetailText::BeforeAfterDecay(decay.before_decay, decay.after_decay))}</li>
                <li>{i18n.text(DetailText::CappedTouches(decay.capped_touches))}</li>
            </ul>
        </section>
    }
}
