//! Each stage's entry criteria: scores, tier, fields, consent, activity, BANT/MEDDIC
//! completeness and `any of` groups (edited in place, nested as deep as they go), and
//! whether the engine moves leads into the stage by itself.

use leadkit_shared::lifecycle::{MetadataMatch, StageCriterion};
use leadkit_shared::model::{ConsentPurpose, Field, Stage, Tier, TouchKind};
use leadkit_shared::predicate::{NAMED_FIELDS, field_from_name, field_name};
use leadkit_shared::qualification::Framework;
use leptos::prelude::*;

use super::edit::{CriterionKind, criterion_at, criterion_at_mut, list_at_mut};
use super::text::ScoringText;
use crate::engine_config::{
    Anchor, ConfigText, EditField, InputProblem, SelectField, parse_whole, use_config_editor,
};
use crate::i18n::use_i18n;
use crate::icp::text::IcpText;

const TIERS: [Tier; 4] = [Tier::A, Tier::B, Tier::C, Tier::D];
const PURPOSES: [ConsentPurpose; 3] = [
    ConsentPurpose::PersonalInfoCollection,
    ConsentPurpose::MarketingMessages,
    ConsentPurpose::ThirdPartySharing,
];
const FRAMEWORKS: [Framework; 3] = [Framework::Bant, Framework::Meddic, Framework::Meddicc];

fn purpose_value(p: ConsentPurpose) -> &'static str {
    match p {
        ConsentPurpose::PersonalInfoCollection => "personal_info_collection",
        ConsentPurpose::MarketingMessages => "marketing_messages",
        ConsentPurpose::ThirdPartySharing => "third_party_sharing",
    }
}

/// The definition at `index` of the draft's stage rules.
#[component]
pub fn StageCard(
    /// The definition's position in the lifecycle's definitions.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let stage = editor.draft.with_untracked(|c| {
        c.lifecycle
            .definitions
            .get(index)
            .map_or(Stage::Lead, |d| d.stage)
    });
    let automatic = Memo::new(move |_| {
        editor
            .draft
            .with(|c| c.lifecycle.automatic.contains(&stage))
    });
    let problem = move || {
        editor.problem.with(|p| {
            p.as_ref()
                .filter(|p| p.anchor == Anchor::Stage(stage))
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    };
    let criteria = move || {
        editor.shape.track();
        let len = editor.draft.with_untracked(|c| {
            c.lifecycle
                .definitions
                .get(index)
                .map_or(0, |d| d.criteria.len())
        });
        (0..len)
            .map(|j| view! { <li><CriterionEditor definition=index path=vec![j] /></li> })
            .collect_view()
    };
    let heading_id = format!("stage-{}-title", stage.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section class="card stage" aria-labelledby=labelled_by data-testid=format!("stage-{}", stage.as_str())>
            <h4 id=heading_id>{i18n.text(ScoringText::Stage(stage))}</h4>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || automatic.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        editor.edit(|c| {
                            c.lifecycle.automatic.retain(|s| *s != stage);
                            if on {
                                c.lifecycle.automatic.push(stage);
                            }
                        });
                    }
                />
                <span>{i18n.text(ScoringText::Automatic)}</span>
            </label>
            <ol class="stage-criteria">{criteria}</ol>
            <p class="field-error" aria-live="polite">{problem}</p>
            <AddCriterion definition=index path=vec![] />
        </section>
    }
}

/// A kind select and an Add button appending a new criterion to the list at `path`.
#[component]
fn AddCriterion(
    /// The definition's position.
    definition: usize,
    /// The list's path (empty: the definition's own criteria).
    path: Vec<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let chosen = RwSignal::new(CriterionKind::MinTotal);
    let id = format!(
        "add-{definition}-{}",
        path.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("-")
    );
    let nested = !path.is_empty();
    let add = move |_| {
        let criterion = chosen.get_untracked().new_criterion();
        let path = path.clone();
        editor.restructure(|c| {
            if let Some(list) = c
                .lifecycle
                .definitions
                .get_mut(definition)
                .and_then(|d| list_at_mut(&mut d.criteria, &path))
            {
                list.push(criterion);
            }
        });
    };
    view! {
        <div class="add-criterion row">
            <SelectField
                label=i18n.text(ScoringText::NewCriterionKind)
                id=id
                options=Signal::derive(move || {
                    CriterionKind::ALL
                        .into_iter()
                        .map(|k| (k.name().to_owned(), i18n.t(ScoringText::CriterionKindName(k))))
                        .collect::<Vec<_>>()
                })
                value=Signal::derive(move || chosen.get().name().to_owned())
                on_change=Callback::new(move |name: String| {
                    if let Some(k) = CriterionKind::from_name(&name) {
                        chosen.set(k);
                    }
                })
            />
            <button class="secondary" on:click=add>
                {move || i18n.t(if nested { ScoringText::AddAlternative } else { ScoringText::AddStageCriterion })}
            </button>
        </div>
    }
}

/// A select over `T`'s `values`, each shown by `label_of`, applying the chosen one.
fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    id: String,
    label: ScoringText,
    values: Vec<(T, &'static str)>,
    label_of: fn(T, crate::i18n::Locale) -> String,
    current: Memo<Option<T>>,
    apply: impl Fn(T) + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let names: Vec<(T, &'static str)> = values.clone();
    let options = Signal::derive(move || {
        let locale = i18n.locale.get();
        values
            .iter()
            .map(|(v, name)| ((*name).to_owned(), label_of(*v, locale)))
            .collect::<Vec<_>>()
    });
    let lookup = names.clone();
    let value = Signal::derive(move || {
        let current = current.get();
        lookup
            .iter()
            .find(|(v, _)| Some(*v) == current)
            .map(|(_, name)| (*name).to_owned())
            .unwrap_or_default()
    });
    view! {
        <SelectField
            label=i18n.text(label)
            id=id
            options=options
            value=value
            on_change=Callback::new(move |chosen: String| {
                if let Some((v, _)) = names.iter().find(|(_, name)| *name == chosen) {
                    apply(*v);
                }
            })
        />
    }
}

/// The criterion at `path` of the definition at `definition`.
#[component]
pub fn CriterionEditor(
    /// The definition's position.
    definition: usize,
    /// The criterion's positions, through any `any of` groups.
    path: Vec<usize>,
) -> AnyView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let read_path = path.clone();
    let current = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.lifecycle
                .definitions
                .get(definition)
                .and_then(|d| criterion_at(&d.criteria, &read_path).cloned())
        })
    });
    let write_path = path.clone();
    let update = move |f: Box<dyn FnOnce(&mut StageCriterion)>| {
        editor.edit(|c| {
            if let Some(criterion) = c
                .lifecycle
                .definitions
                .get_mut(definition)
                .and_then(|d| criterion_at_mut(&mut d.criteria, &write_path))
            {
                f(criterion);
            }
        });
    };
    let key = format!(
        "stage.{definition}.{}",
        path.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(".")
    );
    let id = key.replace('.', "-");
    let Some(initial) = current.get_untracked() else {
        return ().into_any();
    };
    let kind = CriterionKind::of(&initial);
    let stage = editor.draft.with_untracked(|c| {
        c.lifecycle
            .definitions
            .get(definition)
            .map_or(Stage::Lead, |d| d.stage)
    });
    let number = |read: fn(&StageCriterion) -> Option<String>| {
        Memo::new(move |_| current.with(|c| c.as_ref().and_then(read).unwrap_or_default()))
    };
    let points_field = |label: ScoringText, testid: Option<String>| {
        let update = update.clone();
        view! {
            <EditField
                label=Signal::derive(move || i18n.t(label.clone()))
                value=number(|c| match c {
                    StageCriterion::MinTotal { points }
                    | StageCriterion::MinFit { points }
                    | StageCriterion::MinEngagement { points } => Some(points.to_string()),
                    _ => None,
                })
                key=format!("{key}.points")
                input_type="number"
                testid=testid.unwrap_or_default()
                apply=Callback::new(move |text: String| {
                    let n = parse_whole(&text, -1_000_000_000, 1_000_000_000)?;
                    update(Box::new(move |c| match c {
                        StageCriterion::MinTotal { points }
                        | StageCriterion::MinFit { points }
                        | StageCriterion::MinEngagement { points } => *points = n,
                        _ => {}
                    }));
                    Ok(())
                })
            />
        }
    };
    let body = match kind {
        CriterionKind::MinTotal => {
            let testid = (path.len() == 1).then(|| format!("stage-threshold-{}", stage.as_str()));
            points_field(ScoringText::TotalAtLeast, testid).into_any()
        }
        CriterionKind::MinFit => points_field(ScoringText::FitAtLeast, None).into_any(),
        CriterionKind::MinEngagement => {
            points_field(ScoringText::EngagementAtLeast, None).into_any()
        }
        CriterionKind::TierAtLeast => {
            let tier = Memo::new(move |_| {
                current.with(|c| match c {
                    Some(StageCriterion::TierAtLeast { tier }) => Some(*tier),
                    _ => None,
                })
            });
            let update = update.clone();
            choice(
                format!("{id}-tier"),
                ScoringText::TierAtLeast,
                TIERS.iter().map(|t| (*t, t.as_str())).collect(),
                |t, _| t.as_str().to_owned(),
                tier,
                move |t| {
                    update(Box::new(move |c| {
                        *c = StageCriterion::TierAtLeast { tier: t }
                    }))
                },
            )
            .into_any()
        }
        CriterionKind::FieldPresent => {
            let field = Memo::new(move |_| {
                current.with(|c| match c {
                    Some(StageCriterion::FieldPresent { field }) => Some(field_name(field)),
                    _ => None,
                })
            });
            let mut fields: Vec<Field> = NAMED_FIELDS.to_vec();
            if let StageCriterion::FieldPresent { field } = &initial
                && !fields.contains(field)
            {
                fields.push(field.clone());
            }
            let options = Signal::derive(move || {
                fields
                    .iter()
                    .map(|f| (field_name(f), i18n.t(IcpText::FieldName(f.clone()))))
                    .collect::<Vec<_>>()
            });
            let update = update.clone();
            view! {
                <SelectField
                    label=i18n.text(ScoringText::FieldLabel)
                    id=format!("{id}-field")
                    options=options
                    value=Signal::derive(move || field.get().unwrap_or_default())
                    on_change=Callback::new(move |name: String| {
                        if let Some(f) = field_from_name(&name) {
                            update(Box::new(move |c| *c = StageCriterion::FieldPresent { field: f }));
                        }
                    })
                />
            }
                .into_any()
        }
        CriterionKind::ConsentGranted => {
            let purpose = Memo::new(move |_| {
                current.with(|c| match c {
                    Some(StageCriterion::ConsentGranted { purpose }) => Some(*purpose),
                    _ => None,
                })
            });
            let update = update.clone();
            choice(
                format!("{id}-purpose"),
                ScoringText::Purpose,
                PURPOSES.iter().map(|p| (*p, purpose_value(*p))).collect(),
                |p, locale| crate::i18n::Translate::translate(&ScoringText::PurposeName(p), locale),
                purpose,
                move |p| {
                    update(Box::new(move |c| {
                        *c = StageCriterion::ConsentGranted { purpose: p }
                    }))
                },
            )
            .into_any()
        }
        CriterionKind::Qualified => {
            let framework = Memo::new(move |_| {
                current.with(|c| match c {
                    Some(StageCriterion::Qualified { framework, .. }) => Some(*framework),
                    _ => None,
                })
            });
            let update_framework = update.clone();
            let update_percent = update.clone();
            view! {
                {choice(
                    format!("{id}-framework"),
                    ScoringText::FrameworkLabel,
                    FRAMEWORKS.iter().map(|f| (*f, f.as_str())).collect(),
                    |f, _| f.as_str().to_uppercase(),
                    framework,
                    move |f| update_framework(Box::new(move |c| {
                        if let StageCriterion::Qualified { framework, .. } = c {
                            *framework = f;
                        }
                    })),
                )}
                <EditField
                    label=i18n.text(ScoringText::MinPercent)
                    value=number(|c| match c {
                        StageCriterion::Qualified { min_percent, .. } => Some(min_percent.to_string()),
                        _ => None,
                    })
                    key=format!("{key}.percent")
                    input_type="number"
                    apply=Callback::new(move |text: String| {
                        let n = parse_whole(&text, 0, 255)?;
                        let n = u8::try_from(n).unwrap_or(u8::MAX);
                        update_percent(Box::new(move |c| {
                            if let StageCriterion::Qualified { min_percent, .. } = c {
                                *min_percent = n;
                            }
                        }));
                        Ok(())
                    })
                />
            }
                .into_any()
        }
        CriterionKind::EventOccurred => {
            event_fields(i18n, id.clone(), key.clone(), current, update.clone()).into_any()
        }
        CriterionKind::AnyOf => {
            let len = match &initial {
                StageCriterion::AnyOf { any_of } => any_of.len(),
                _ => 0,
            };
            let children = (0..len)
                .map(|k| {
                    let mut child = path.clone();
                    child.push(k);
                    view! { <li><CriterionEditor definition=definition path=child /></li> }
                })
                .collect_view();
            view! {
                <p class="muted">{i18n.text(ScoringText::AnyOfIntro)}</p>
                <ol class="any-of">{children}</ol>
                <AddCriterion definition=definition path=path.clone() />
            }
            .into_any()
        }
    };
    let remove_path = path.clone();
    let remove = move |_| {
        let path = remove_path.clone();
        editor.restructure(|c| {
            let Some((last, parents)) = path.split_last() else {
                return;
            };
            if let Some(list) = c
                .lifecycle
                .definitions
                .get_mut(definition)
                .and_then(|d| list_at_mut(&mut d.criteria, parents))
                && *last < list.len()
            {
                list.remove(*last);
            }
        });
    };
    view! {
        <fieldset class="stage-criterion" data-testid="stage-criterion">
            <legend>{i18n.text(ScoringText::CriterionKindName(kind))}</legend>
            <div class="row">{body}</div>
            <button class="danger-link" on:click=remove>{i18n.text(ScoringText::RemoveCriterion)}</button>
        </fieldset>
    }
    .into_any()
}

/// The inputs of an activity criterion: kind, optional metadata match, window, count.
fn event_fields(
    i18n: crate::i18n::I18n,
    id: String,
    key: String,
    current: Memo<Option<StageCriterion>>,
    update: impl Fn(Box<dyn FnOnce(&mut StageCriterion)>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let part = move |read: fn(&StageCriterion) -> Option<String>| {
        Memo::new(move |_| current.with(|c| c.as_ref().and_then(read).unwrap_or_default()))
    };
    let kind = Memo::new(move |_| {
        current.with(|c| match c {
            Some(StageCriterion::EventOccurred { kind, .. }) => Some(*kind),
            _ => None,
        })
    });
    let meta_key = part(|c| match c {
        StageCriterion::EventOccurred {
            metadata: Some(m), ..
        } => Some(m.key.clone()),
        _ => None,
    });
    let meta_value = part(|c| match c {
        StageCriterion::EventOccurred {
            metadata: Some(m), ..
        } => Some(m.value.clone()),
        _ => None,
    });
    let within = part(|c| match c {
        StageCriterion::EventOccurred { within_days, .. } => within_days.map(|d| d.to_string()),
        _ => None,
    });
    let count = part(|c| match c {
        StageCriterion::EventOccurred { min_count, .. } => Some(min_count.to_string()),
        _ => None,
    });
    let set_metadata = {
        let update = update.clone();
        move |key: String, value: String| {
            update(Box::new(move |c| {
                if let StageCriterion::EventOccurred { metadata, .. } = c {
                    *metadata = (!key.trim().is_empty() || !value.trim().is_empty())
                        .then_some(MetadataMatch { key, value });
                }
            }));
        }
    };
    let set_metadata_value = set_metadata.clone();
    let update_kind = update.clone();
    let update_within = update.clone();
    view! {
        {choice(
            format!("{id}-kind"),
            ScoringText::EventKind,
            TouchKind::ALL.iter().map(|k| (*k, k.as_str())).collect(),
            |k, locale| super::text::touch_kind_name(k, locale).to_owned(),
            kind,
            move |k| update_kind(Box::new(move |c| {
                if let StageCriterion::EventOccurred { kind, .. } = c {
                    *kind = k;
                }
            })),
        )}
        <EditField
            label=i18n.text(ScoringText::MetadataKey)
            value=meta_key
            key=format!("{key}.meta_key")
            apply=Callback::new(move |text: String| {
                set_metadata(text, meta_value.get_untracked());
                Ok(())
            })
        />
        <EditField
            label=i18n.text(ScoringText::MetadataValue)
            value=meta_value
            key=format!("{key}.meta_value")
            apply=Callback::new(move |text: String| {
                set_metadata_value(meta_key.get_untracked(), text);
                Ok(())
            })
        />
        <EditField
            label=i18n.text(ScoringText::WithinDays)
            value=within
            key=format!("{key}.within")
            input_type="number"
            apply=Callback::new(move |text: String| {
                let days = if text.trim().is_empty() {
                    None
                } else {
                    Some(parse_whole(&text, 0, i64::from(u32::MAX))? as u32)
                };
                update_within(Box::new(move |c| {
                    if let StageCriterion::EventOccurred { within_days, .. } = c {
                        *within_days = days;
                    }
                }));
                Ok::<(), InputProblem>(())
            })
        />
        <EditField
            label=i18n.text(ScoringText::MinCount)
            value=count
            key=format!("{key}.count")
            input_type="number"
            apply=Callback::new(move |text: String| {
                let n = parse_whole(&text, 0, i64::from(u32::MAX))? as u32;
                update(Box::new(move |c| {
                    if let StageCriterion::EventOccurred { min_count, .. } = c {
                        *min_count = n;
                    }
                }));
                Ok(())
            })
        />
    }
}
