//! One engagement rule's card: name, touch kind, points, how often it scores, its cap,
//! and the metadata conditions a touch must meet — negative rules are the same card with
//! negative points.

use leadkit_shared::model::TouchKind;
use leadkit_shared::scoring::{Cap, EngagementRule, Frequency, MetadataCondition, Period};
use leptos::prelude::*;

use super::text::{MetaOp, ScoringText};
use crate::engine_config::{
    Anchor, ConfigText, EditField, RuleList, SelectField, join_list, parse_whole, split_list,
    use_config_editor,
};
use crate::i18n::use_i18n;

const PERIODS: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::AllTime];

fn period_value(period: Period) -> &'static str {
    match period {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::AllTime => "all_time",
    }
}

fn meta_op(condition: &MetadataCondition) -> MetaOp {
    match condition {
        MetadataCondition::Equals { .. } => MetaOp::Equals,
        MetadataCondition::OneOf { .. } => MetaOp::OneOf,
        MetadataCondition::Contains { .. } => MetaOp::Contains,
    }
}

fn meta_value(condition: &MetadataCondition) -> String {
    match condition {
        MetadataCondition::Equals { value, .. } | MetadataCondition::Contains { value, .. } => {
            value.clone()
        }
        MetadataCondition::OneOf { values, .. } => join_list(values),
    }
}

/// A condition on `key` with `op` and the typed `value` (a list for one-of).
pub fn meta_condition(op: MetaOp, key: String, value: &str) -> MetadataCondition {
    match op {
        MetaOp::Equals => MetadataCondition::Equals {
            key,
            value: value.to_owned(),
        },
        MetaOp::OneOf => MetadataCondition::OneOf {
            key,
            values: split_list(value),
        },
        MetaOp::Contains => MetadataCondition::Contains {
            key,
            value: value.to_owned(),
        },
    }
}

fn meta_op_value(op: MetaOp) -> &'static str {
    match op {
        MetaOp::Equals => "equals",
        MetaOp::OneOf => "one_of",
        MetaOp::Contains => "contains",
    }
}

/// The engagement rule at `index` of the draft.
#[component]
pub fn EngagementRuleCard(
    /// The rule's position in the model's engagement rules.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let read = move |f: fn(&EngagementRule) -> String| {
        Memo::new(move |_| {
            editor.draft.with(|c| {
                c.scoring
                    .engagement_rules
                    .get(index)
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let update = move |f: Box<dyn FnOnce(&mut EngagementRule)>| {
        editor.edit(|c| {
            if let Some(rule) = c.scoring.engagement_rules.get_mut(index) {
                f(rule);
            }
        });
    };
    let id = read(|r| r.id.clone());
    let name = read(|r| r.name.clone());
    let points = read(|r| r.points.to_string());
    let kind = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.scoring
                .engagement_rules
                .get(index)
                .map_or(TouchKind::PageView, |r| r.kind)
        })
    });
    let once = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.scoring
                .engagement_rules
                .get(index)
                .is_some_and(|r| r.frequency == Frequency::Once)
        })
    });
    let max_times = read(|r| match r.frequency {
        Frequency::Repeatable { max_times: Some(n) } => n.to_string(),
        _ => String::new(),
    });
    let cap_points = read(|r| r.cap.map(|c| c.max_points.to_string()).unwrap_or_default());
    let cap_period = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.scoring
                .engagement_rules
                .get(index)
                .and_then(|r| r.cap)
                .map(|c| c.period)
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
                                list: RuleList::Engagement,
                                index,
                            }
                })
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    });
    let key = move |what: &str| format!("rule.{index}.{what}");
    let heading_id = format!("rule-{index}-title");
    let labelled_by = heading_id.clone();

    let conditions = move || {
        editor.shape.track();
        let len = editor.draft.with_untracked(|c| {
            c.scoring
                .engagement_rules
                .get(index)
                .map_or(0, |r| r.conditions.len())
        });
        if len == 0 {
            return view! { <p class="muted">{i18n.t(ScoringText::NoConditions)}</p> }.into_any();
        }
        view! {
            <ol class="conditions">
                {(0..len).map(|c| view! { <ConditionRow rule=index condition=c /> }).collect_view()}
            </ol>
        }
        .into_any()
    };

    view! {
        <section class="card rule" aria-labelledby=labelled_by data-testid="rule">
            <h4 id=heading_id>
                {move || name.get()}
                " "
                <code class="muted">{move || id.get()}</code>
            </h4>
            <div class="row">
                <EditField
                    label=i18n.text(ScoringText::RuleName)
                    value=name
                    key=key("name")
                    problem=problem
                    apply=Callback::new(move |text: String| {
                        update(Box::new(move |r| r.name = text));
                        Ok(())
                    })
                />
                <SelectField
                    label=i18n.text(ScoringText::Kind)
                    id=format!("rule-{index}-kind")
                    options=Signal::derive(move || {
                        TouchKind::ALL
                            .into_iter()
                            .map(|k| (k.as_str().to_owned(), i18n.t(ScoringText::Touch(k))))
                            .collect::<Vec<_>>()
                    })
                    value=Signal::derive(move || kind.get().as_str().to_owned())
                    on_change=Callback::new(move |name: String| {
                        if let Some(k) = TouchKind::ALL.into_iter().find(|k| k.as_str() == name) {
                            update(Box::new(move |r| r.kind = k));
                        }
                    })
                />
                <EditField
                    label=i18n.text(ScoringText::Points)
                    value=points
                    key=key("points")
                    input_type="number"
                    testid="rule-points"
                    apply=Callback::new(move |text: String| {
                        let p = parse_whole(&text, i64::from(i32::MIN), i64::from(i32::MAX))?;
                        let p = i32::try_from(p).unwrap_or(0);
                        update(Box::new(move |r| r.points = p));
                        Ok(())
                    })
                />
            </div>
            <div class="row">
                <SelectField
                    label=i18n.text(ScoringText::Frequency)
                    id=format!("rule-{index}-frequency")
                    options=Signal::derive(move || {
                        vec![
                            ("once".to_owned(), i18n.t(ScoringText::Once)),
                            ("repeatable".to_owned(), i18n.t(ScoringText::Repeatable)),
                        ]
                    })
                    value=Signal::derive(move || if once.get() { "once".to_owned() } else { "repeatable".to_owned() })
                    on_change=Callback::new(move |value: String| {
                        let once = value == "once";
                        update(Box::new(move |r| {
                            r.frequency = if once {
                                Frequency::Once
                            } else {
                                Frequency::Repeatable { max_times: None }
                            };
                        }));
                    })
                />
                <Show when=move || !once.get()>
                    <EditField
                        label=i18n.text(ScoringText::MaxTimes)
                        value=max_times
                        key=key("max_times")
                        input_type="number"
                        apply=Callback::new(move |text: String| {
                            let max = if text.trim().is_empty() {
                                None
                            } else {
                                Some(parse_whole(&text, 0, i64::from(u32::MAX))? as u32)
                            };
                            update(Box::new(move |r| r.frequency = Frequency::Repeatable { max_times: max }));
                            Ok(())
                        })
                    />
                </Show>
                <EditField
                    label=i18n.text(ScoringText::CapPoints)
                    value=cap_points
                    key=key("cap")
                    input_type="number"
                    testid="rule-cap"
                    apply=Callback::new(move |text: String| {
                        let max = if text.trim().is_empty() {
                            None
                        } else {
                            Some(parse_whole(&text, 0, i64::from(u32::MAX))? as u32)
                        };
                        update(Box::new(move |r| {
                            r.cap = max.map(|max_points| Cap {
                                max_points,
                                period: r.cap.map_or(Period::Week, |c| c.period),
                            });
                        }));
                        Ok(())
                    })
                />
                <Show when=move || cap_period.get().is_some()>
                    <SelectField
                        label=i18n.text(ScoringText::Period)
                        id=format!("rule-{index}-period")
                        options=Signal::derive(move || {
                            PERIODS
                                .into_iter()
                                .map(|p| (period_value(p).to_owned(), i18n.t(ScoringText::PeriodName(p))))
                                .collect::<Vec<_>>()
                        })
                        value=Signal::derive(move || cap_period.get().map(period_value).unwrap_or_default().to_owned())
                        on_change=Callback::new(move |value: String| {
                            if let Some(period) = PERIODS.into_iter().find(|p| period_value(*p) == value) {
                                update(Box::new(move |r| {
                                    if let Some(cap) = &mut r.cap {
                                        cap.period = period;
                                    }
                                }));
                            }
                        })
                    />
                </Show>
            </div>
            <h5>{i18n.text(ScoringText::Conditions)}</h5>
            {conditions}
            <div class="actions">
                <button
                    class="secondary"
                    on:click=move |_| editor.restructure(|c| {
                        if let Some(r) = c.scoring.engagement_rules.get_mut(index) {
                            r.conditions.push(MetadataCondition::Contains {
                                key: "url".into(),
                                value: "/".into(),
                            });
                        }
                    })
                >
                    {i18n.text(ScoringText::AddCondition)}
                </button>
                <button
                    class="danger-link"
                    on:click=move |_| editor.restructure(|c| {
                        if index < c.scoring.engagement_rules.len() {
                            c.scoring.engagement_rules.remove(index);
                        }
                    })
                >
                    {move || i18n.t(ScoringText::RemoveRule(name.get()))}
                </button>
            </div>
        </section>
    }
}

/// One metadata condition of a rule.
#[component]
fn ConditionRow(
    /// The rule's position.
    rule: usize,
    /// The condition's position in the rule.
    condition: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let get = move || {
        editor.draft.with(|c| {
            c.scoring
                .engagement_rules
                .get(rule)
                .and_then(|r| r.conditions.get(condition))
                .cloned()
        })
    };
    let key_text = Memo::new(move |_| get().map(|c| c.key().to_owned()).unwrap_or_default());
    let op = Memo::new(move |_| get().map_or(MetaOp::Contains, |c| meta_op(&c)));
    let value = Memo::new(move |_| get().map(|c| meta_value(&c)).unwrap_or_default());
    let set = move |op: MetaOp, key: String, value: String| {
        editor.edit(|c| {
            if let Some(slot) = c
                .scoring
                .engagement_rules
                .get_mut(rule)
                .and_then(|r| r.conditions.get_mut(condition))
            {
                *slot = meta_condition(op, key, &value);
            }
        });
    };
    let id = format!("rule-{rule}-cond-{condition}");
    view! {
        <li class="condition row">
            <EditField
                label=i18n.text(ScoringText::ConditionKey)
                value=key_text
                key=format!("rule.{rule}.cond.{condition}.key")
                apply=Callback::new(move |text: String| {
                    set(op.get_untracked(), text, value.get_untracked());
                    Ok(())
                })
            />
            <SelectField
                label=i18n.text(ScoringText::ConditionTest)
                id=format!("{id}-op")
                options=Signal::derive(move || {
                    [MetaOp::Equals, MetaOp::OneOf, MetaOp::Contains]
                        .into_iter()
                        .map(|o| (meta_op_value(o).to_owned(), i18n.t(ScoringText::Meta(o))))
                        .collect::<Vec<_>>()
                })
                value=Signal::derive(move || meta_op_value(op.get()).to_owned())
                on_change=Callback::new(move |name: String| {
                    if let Some(next) = [MetaOp::Equals, MetaOp::OneOf, MetaOp::Contains]
                        .into_iter()
                        .find(|o| meta_op_value(*o) == name)
                    {
                        set(next, key_text.get_untracked(), value.get_untracked());
                    }
                })
            />
            <EditField
                label=i18n.text(ScoringText::ConditionValue)
                value=value
                key=format!("rule.{rule}.cond.{condition}.value")
                apply=Callback::new(move |text: String| {
                    set(op.get_untracked(), key_text.get_untracked(), text);
                    Ok(())
                })
            />
            <button
                class="danger-link"
                on:click=move |_| editor.restructure(|c| {
                    if let Some(r) = c.scoring.engagement_rules.get_mut(rule)
                        && condition < r.conditions.len()
                    {
                        r.conditions.remove(condition);
                    }
                })
            >
                {i18n.text(ScoringText::RemoveCondition(condition + 1))}
            </button>
        </li>
    }
}
