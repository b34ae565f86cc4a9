//! One credit breakdown (by channel or by campaign): bars of the credited conversions
//! and a table with the share and, when a value per conversion is set, the value in won.

use leadkit_shared::insights::{ConversionCredits, shares};
use leadkit_shared::model::Currency;
use leptos::prelude::*;

use super::text::AttributionText;
use crate::charts::{Bar, BarChart, Cell, DataTable, Row};
use crate::i18n::format::{hundredths, money, percent};
use crate::i18n::{Locale, Translate, use_i18n};

/// Which breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Channel,
    Campaign,
}

impl Grouping {
    fn rows(self, credits: &ConversionCredits) -> &[(String, i64)] {
        match self {
            Self::Channel => &credits.by_channel,
            Self::Campaign => &credits.by_campaign,
        }
    }

    fn table_testid(self) -> &'static str {
        match self {
            Self::Channel => "channel-table",
            Self::Campaign => "campaign-table",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Channel => "channel",
            Self::Campaign => "campaign",
        }
    }
}

/// A channel or campaign name, with the placeholders attribution uses in words.
fn display_name(name: &str, locale: Locale) -> String {
    match name {
        "(direct)" => AttributionText::Direct.translate(locale),
        "(none)" => AttributionText::NoCampaign.translate(locale),
        _ => name.to_owned(),
    }
}

/// Bars and table of one breakdown.
#[component]
pub fn CreditBlock(
    /// By channel or by campaign.
    grouping: Grouping,
    /// Credit in hundredths of a conversion.
    counted: ConversionCredits,
    /// The same credit in won, when a value per conversion is set.
    valued: Option<ConversionCredits>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<(String, i64)> = grouping.rows(&counted).to_vec();
    let share_of: Vec<f64> = {
        let shares = shares(&rows);
        rows.iter().map(|(k, _)| shares[k.as_str()]).collect()
    };
    let values: Option<Vec<i64>> = valued.as_ref().map(|v| {
        let by_key = grouping.rows(v);
        rows.iter()
            .map(|(k, _)| {
                by_key
                    .iter()
                    .find(|(key, _)| key == k)
                    .map_or(0, |(_, won)| *won)
            })
            .collect()
    });
    let (title, header) = match grouping {
        Grouping::Channel => (AttributionText::ByChannel, AttributionText::ChannelHeader),
        Grouping::Campaign => (AttributionText::ByCampaign, AttributionText::CampaignHeader),
    };
    let has_values = values.is_some();
    let bars = {
        let (rows, share_of) = (rows.clone(), share_of.clone());
        Signal::derive(move || {
            let locale = i18n.locale.get();
            rows.iter()
                .zip(&share_of)
                .map(|((name, credit), share)| Bar {
                    label: display_name(name, locale),
                    value: *credit as f64,
                    text: format!("{} · {}", hundredths(*credit), percent(*share)),
                })
                .collect()
        })
    };
    let headers = Signal::derive(move || {
        let mut headers = vec![
            i18n.t(header),
            i18n.t(AttributionText::CreditHeader),
            i18n.t(AttributionText::ShareHeader),
        ];
        if has_values {
            headers.push(i18n.t(AttributionText::ValueHeader));
        }
        headers
    });
    let table_rows = Signal::derive(move || {
        let locale = i18n.locale.get();
        rows.iter()
            .enumerate()
            .map(|(i, (name, credit))| {
                let mut cells = vec![
                    Cell::text(display_name(name, locale)).id("name"),
                    Cell::num(hundredths(*credit)).id("credit"),
                    Cell::num(percent(share_of[i])),
                ];
                if let Some(values) = &values {
                    cells.push(Cell::num(money(values[i], Currency::Krw)).id("value"));
                }
                Row::new(cells).id(format!("{}-row", grouping.key()))
            })
            .collect()
    });
    let chart_id = match grouping {
        Grouping::Channel => "channel-chart",
        Grouping::Campaign => "campaign-chart",
    };
    view! {
        <section class="credit-block" aria-label=i18n.text(title)>
            <h4>{i18n.text(title)}</h4>
            <BarChart
                id=chart_id
                title=Signal::derive(move || format!("{} · {}", i18n.t(AttributionText::CreditTitle), i18n.t(title)))
                desc=i18n.text(AttributionText::ChartDesc)
                bars=bars
                headers=Signal::derive(move || (i18n.t(header), i18n.t(AttributionText::CreditHeader)))
            />
            <DataTable headers=headers rows=table_rows testid=grouping.table_testid() />
        </section>
    }
}
