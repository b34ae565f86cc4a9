//! One profile rule's card: points for who the person is (a free-mail or student
//! address, a title) rather than what they did.

use leadkit_shared::scoring::{ProfileCondition, ProfileRule};
use leptos::prelude::*;

use super::text::{ProfileKind, ScoringText};
use crate::engine_config::{
    Anchor, ConfigText, EditField, RuleList, SelectField, join_list, parse_whole, split_list,
    use_config_editor,
};
use crate::i18n::use_i18n;

const KINDS: [ProfileKind; 3] = [
    ProfileKind::EmailDomainOneOf,
    ProfileKind::EmailDomainEndsWith,
    ProfileKind::TitleContains,
];

fn kind_of(condition: &ProfileCondition) -> ProfileKind {
    match condition {
        ProfileCondition::EmailDomainOneOf { .. } => ProfileKind::EmailDomainOneOf,
        ProfileCondition::EmailDomainEndsWith { .. } => ProfileKind::EmailDomainEndsWith,
        ProfileCondition::TitleContains { .. } => ProfileKind::TitleContains,
    }
}

fn kind_value(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::EmailDomainOneOf => "email_domain_one_of",
        ProfileKind::EmailDomainEndsWith => "email_domain_ends_with",
        ProfileKind::TitleContains => "title_contains",
    }
}

/// The condition of `kind` over `values`.
pub fn profile_condition(kind: ProfileKind, values: Vec<String>) -> ProfileCondition {
    match kind {
        ProfileKind::EmailDomainOneOf => ProfileCondition::EmailDomainOneOf { domains: values },
        ProfileKind::EmailDomainEndsWith => {
            ProfileCondition::EmailDomainEndsWith { suffixes: values }
        }
        ProfileKind::TitleContains => ProfileCondition::TitleContains { words: values },
    }
}

/// The profile rule at `index` of the draft.
#[component]
pub fn ProfileRuleCard(
    /// The rule's position in the model's profile rules.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let read = move |f: fn(&ProfileRule) -> String| {
        Memo::new(move |_| {
            editor.draft.with(|c| {
                c.scoring
                    .profile_rules
                    .get(index)
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let update = move |f: Box<dyn FnOnce(&mut ProfileRule)>| {
        editor.edit(|c| {
            if let Some(rule) = c.scoring.profile_rules.get_mut(index) {
                f(rule);
            }
        });
    };
    let id = read(|r| r.id.clone());
    let name = read(|r| r.name.clone());
    let points = read(|r| r.points.to_string());
    let values = read(|r| join_list(r.condition.values()));
    let kind = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.scoring
                .profile_rules
                .get(index)
                .map_or(ProfileKind::TitleContains, |r| kind_of(&r.condition))
        })
    });
    let problem = Signal::derive(move || {
        let id = id.get();
        editor.problem.with(|p| {
            p.as_ref()
                .filter(|p| {
                    p.anchor == Anchor::Rule(id.clone())
                        || p.anchor
                            == Anchor::RuleAt {
                                list: RuleList::Profile,
                                index,
                            }
                })
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    });
    let heading_id = format!("profile-{index}-title");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card rule profile" aria-labelledby=labelled_by data-testid="profile-rule">
            <h4 id=heading_id>
                <span class="badge">{i18n.text(ScoringText::ProfileRuleBadge)}</span>
                " "
                {move || name.get()}
                " "
                <code class="muted">{move || id.get()}</code>
            </h4>
            <div class="row">
                <EditField
                    label=i18n.text(ScoringText::RuleName)
                    value=name
                    key=format!("profile.{index}.name")
                    problem=problem
                    apply=Callback::new(move |text: String| {
                        update(Box::new(move |r| r.name = text));
                        Ok(())
                    })
                />
                <SelectField
                    label=i18n.text(ScoringText::ProfileTest)
                    id=format!("profile-{index}-kind")
                    options=Signal::derive(move || {
                        KINDS
                            .into_iter()
                            .map(|k| (kind_value(k).to_owned(), i18n.t(ScoringText::Profile(k))))
                            .collect::<Vec<_>>()
                    })
                    value=Signal::derive(move || kind_value(kind.get()).to_owned())
                    on_change=Callback::new(move |name: String| {
                        if let Some(k) = KINDS.into_iter().find(|k| kind_value(*k) == name) {
                            update(Box::new(move |r| {
                                r.condition = profile_condition(k, r.condition.values().to_vec());
                            }));
                        }
                    })
                />
                <EditField
                    label=i18n.text(ScoringText::ProfileValues)
                    value=values
                    key=format!("profile.{index}.values")
                    apply=Callback::new(move |text: String| {
                        let k = kind.get_untracked();
                        update(Box::new(move |r| r.condition = profile_condition(k, split_list(&text))));
                        Ok(())
                    })
                />
                <EditField
                    label=i18n.text(ScoringText::Points)
                    value=points
                    key=format!("profile.{index}.points")
                    input_type="number"
                    apply=Callback::new(move |text: String| {
                        let p = parse_whole(&text, i64::from(i32::MIN), i64::from(i32::MAX))?;
                        let p = i32::try_from(p).unwrap_or(0);
                        update(Box::new(move |r| r.points = p));
                        Ok(())
                    })
                />
            </div>
            <button
                class="danger-link"
                on:click=move |_| editor.restructure(|c| {
                    if index < c.scoring.profile_rules.len() {
                        c.scoring.profile_rules.remove(index);
                    }
                })
            >
                {move || i18n.t(ScoringText::RemoveRule(name.get()))}
            </button>
        </section>
    }
}
