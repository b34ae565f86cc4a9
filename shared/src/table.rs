//! The lead table the workspace shows: one compact row per lead, and the query the user
//! builds on it — text search over name, e-mail, company and title (Korean and Latin,
//! case and width folded), filters by stage, tier, persona, owner and source, and a sort
//! on any column. Answering a query yields row positions only, so a list of 100k leads
//! re-filters without copying leads and the view renders just the rows on screen.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::LeadRecord;
use crate::model::{Stage, Tier};
use crate::text::fold;

/// What the table shows of one lead.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub company: String,
    pub title: String,
    pub stage: Option<Stage>,
    pub tier: Option<Tier>,
    pub persona: Option<String>,
    /// The owning rep's id, as text.
    pub owner: Option<String>,
    pub source: Option<String>,
    pub total: Option<i64>,
    pub captured_at: OffsetDateTime,
    /// Name, e-mail, company and title folded together: what search matches.
    haystack: String,
}

impl LeadRow {
    /// The row of a pulled lead.
    pub fn of(record: &LeadRecord) -> Self {
        let lead = record.record.as_deref();
        let title = lead.and_then(|l| l.title.clone()).unwrap_or_default();
        let haystack = fold(&format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            record.name, record.email, record.company, title
        ));
        Self {
            id: record.id,
            name: record.name.clone(),
            email: record.email.clone(),
            company: record.company.clone(),
            title,
            stage: record.stage,
            tier: record.scores.as_ref().and_then(|s| s.tier),
            persona: record.scores.as_ref().and_then(|s| s.persona.clone()),
            owner: lead.and_then(|l| l.owner).map(|o| o.0.to_string()),
            source: lead
                .and_then(|l| l.source.clone().or_else(|| l.utm.source.clone()))
                .filter(|s| !s.trim().is_empty()),
            total: record.scores.as_ref().map(|s| s.total),
            captured_at: record.captured_at,
            haystack,
        }
    }

    /// Whether every word of the folded query occurs in the row.
    fn matches_text(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.haystack.contains(w.as_str()))
    }
}

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    Company,
    Email,
    Title,
    Stage,
    Tier,
    Persona,
    Owner,
    Source,
    Score,
    Captured,
}

impl Column {
    /// Every column, in the order the table shows them.
    pub const ALL: [Column; 11] = [
        Self::Name,
        Self::Company,
        Self::Title,
        Self::Email,
        Self::Stage,
        Self::Tier,
        Self::Score,
        Self::Persona,
        Self::Owner,
        Self::Source,
        Self::Captured,
    ];
}

/// A sort: column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first, as a team scanning today's leads expects.
    fn default() -> Self {
        Self {
            column: Column::Captured,
            descending: true,
        }
    }
}

/// The user's filters; an empty set means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub stages: BTreeSet<Stage>,
    #[serde(default)]
    pub tiers: BTreeSet<Tier>,
    /// Persona names; `""` stands for "no persona".
    #[serde(default)]
    pub personas: BTreeSet<String>,
    /// Owner ids; `""` stands for "unassigned".
    #[serde(default)]
    pub owners: BTreeSet<String>,
    /// Sources; `""` stands for "no source".
    #[serde(default)]
    pub sources: BTreeSet<String>,
}

fn admits(set: &BTreeSet<String>, value: Option<&str>) -> bool {
    set.is_empty() || set.contains(value.unwrap_or(""))
}

impl Filters {
    fn admit(&self, row: &LeadRow) -> bool {
        (self.stages.is_empty() || row.stage.is_some_and(|s| self.stages.contains(&s)))
            && (self.tiers.is_empty() || row.tier.is_some_and(|t| self.tiers.contains(&t)))
            && admits(&self.personas, row.persona.as_deref())
            && admits(&self.owners, row.owner.as_deref())
            && admits(&self.sources, row.source.as_deref())
    }
}

/// Everything the user set on the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableQuery {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub filters: Filters,
    #[serde(default)]
    pub sort: Sort,
}

/// The distinct values a filter can offer, with how many rows have each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterOptions {
    pub stages: Vec<(Stage, usize)>,
    pub tiers: Vec<(Tier, usize)>,
    pub personas: Vec<(String, usize)>,
    pub owners: Vec<(String, usize)>,
    pub sources: Vec<(String, usize)>,
}

/// The rows of a workspace, queried in place.
#[derive(Debug, Clone, Default)]
pub struct LeadTable {
    rows: Vec<LeadRow>,
}

fn text_order(a: &str, b: &str) -> Ordering {
    // Empty values sort last whatever the direction is; then case-folded order.
    match (a.is_empty(), b.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

/// Funnel order (`Stage::ALL`), stages unknown last.
fn stage_rank(stage: Option<Stage>) -> usize {
    stage
        .and_then(|s| Stage::ALL.iter().position(|o| *o == s))
        .unwrap_or(Stage::ALL.len())
}

impl LeadTable {
    /// The table of `records`, leaving out those merged into another lead.
    pub fn new(records: &[LeadRecord]) -> Self {
        Self {
            rows: records
                .iter()
                .filter(|r| !r.is_merged())
                .map(LeadRow::of)
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at `position` (as returned by [`Self::query`]).
    pub fn row(&self, position: usize) -> Option<&LeadRow> {
        self.rows.get(position)
    }

    /// The positions of the rows `query` selects, in its order. Ties keep a stable
    /// order (newest first, then id) so rows never swap between renders.
    pub fn query(&self, query: &TableQuery) -> Vec<usize> {
        let words: Vec<String> = fold(&query.text)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let mut positions: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let row = &self.rows[i];
                query.filters.admit(row) && row.matches_text(&words)
            })
            .collect();
        let sort = query.sort;
        positions.sort_by(|&a, &b| {
            let (ra, rb) = (&self.rows[a], &self.rows[b]);
            let primary = match sort.column {
                Column::Name => text_order(&ra.name, &rb.name),
                Column::Company => text_order(&ra.company, &rb.company),
                Column::Email => text_order(&ra.email, &rb.email),
                Column::Title => text_order(&ra.title, &rb.title),
                Column::Stage => stage_rank(ra.stage).cmp(&stage_rank(rb.stage)),
                Column::Tier => ra
                    .tier
                    .map_or(4, |t| t as u8)
                    .cmp(&rb.tier.map_or(4, |t| t as u8)),
                Column::Persona => text_order(
                    ra.persona.as_deref().unwrap_or(""),
                    rb.persona.as_deref().unwrap_or(""),
                ),
                Column::Owner => text_order(
                    ra.owner.as_deref().unwrap_or(""),
                    rb.owner.as_deref().unwrap_or(""),
                ),
                Column::Source => text_order(
                    ra.source.as_deref().unwrap_or(""),
                    rb.source.as_deref().unwrap_or(""),
                ),
                Column::Score => ra.total.cmp(&rb.total),
                Column::Captured => ra.captured_at.cmp(&rb.captured_at),
            };
            let primary = if sort.descending {
                primary.reverse()
            } else {
                primary
            };
            primary
                .then_with(|| rb.captured_at.cmp(&ra.captured_at))
                .then_with(|| ra.id.cmp(&rb.id))
        });
        positions
    }

    /// The values each filter can offer, counted over all rows, most common first.
    pub fn filter_options(&self) -> FilterOptions {
        use std::collections::BTreeMap;
        fn ranked<K: Ord + Clone>(counts: BTreeMap<K, usize>) -> Vec<(K, usize)> {
            let mut list: Vec<(K, usize)> = counts.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        }
        let mut stages = BTreeMap::new();
        let mut tiers = BTreeMap::new();
        let mut personas = BTreeMap::new();
        let mut owners = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for row in &self.rows {
            if let Some(stage) = row.stage {
                *stages.entry(stage).or_insert(0) += 1;
            }
            if let Some(tier) = row.tier {
                *tiers.entry(tier).or_insert(0) += 1;
            }
            *personas
                .entry(row.persona.clone().unwrap_or_default())
                .or_insert(0) += 1;
            *owners
                .entry(row.owner.clone().unwrap_or_default())
                .or_insert(0) += 1;
            *sources
                .entry(row.source.clone().unwrap_or_default())
                .or_insert(0) += 1;
        }
        FilterOptions {
            stages: ranked(stages),
            tiers: ranked(tiers),
            personas: ranked(personas),
            owners: ranked(owners),
            sources: ranked(sources),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LeadScores;
    use crate::model::{EntryPath, Lead, LeadId, RepId, WorkspaceId};
    use proptest::prelude::*;
    use time::macros::datetime;

    fn record(n: u128, name: &str, company: &str, stage: Stage, total: i64) -> LeadRecord {
        let at = datetime!(2026-11-01 09:00 UTC) + time::Duration::hours(n as i64);
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
            EntryPath::Form,
            at,
        );
        lead.title = Some(
            if n.is_multiple_of(2) {
                "마케팅 팀장"
            } else {
                "CTO"
            }
            .into(),
        );
        lead.source = n.is_multiple_of(3).then(|| "webinar".to_owned());
        lead.owner = n.is_multiple_of(4).then(|| RepId(Uuid::from_u128(7)));
        LeadRecord {
            id: Uuid::from_u128(n),
            seq: n as u64,
            form_id: "contact".into(),
            email: format!("person{n}@example.co.kr"),
            name: name.into(),
            company: company.into(),
            captured_at: at,
            stage: Some(stage),
            scores: Some(LeadScores {
                fit: 0,
                engagement: total,
                total,
                tier: n.is_multiple_of(2).then_some(Tier::A),
                persona: n.is_multiple_of(2).then(|| "마케팅 리더".to_owned()),
                scored_at: at,
            }),
            record: Some(Box::new(lead)),
            stamps: Default::default(),
        }
    }

    fn table() -> LeadTable {
        LeadTable::new(&[
            record(1, "김민수", "한빛소프트", Stage::Lead, 10),
            record(2, "Jane Park", "Acme Corp", Stage::Mql, 60),
            record(3, "박지우", "에이크미", Stage::Sql, 80),
            record(4, "minsu kim", "Hanbit Soft", Stage::Mql, 55),
        ])
    }

    fn ids(table: &LeadTable, query: &TableQuery) -> Vec<u128> {
        table
            .query(query)
            .into_iter()
            .map(|i| table.row(i).unwrap().id.as_u128())
            .collect()
    }

    #[test]
    fn search_matches_every_word_in_korean_and_latin_ignoring_case_and_width() {
        let t = table();
        let search = |text: &str| {
            ids(
                &t,
                &TableQuery {
                    text: text.into(),
                    ..TableQuery::default()
                },
            )
        };
        assert_eq!(search("한빛"), vec![1]);
        assert_eq!(
            search("MINSU"),
            vec![4],
            "case folded: minsu kim (김민수 is not spelt so)"
        );
        assert_eq!(search("ＡＣＭＥ"), vec![2], "full-width folds to ASCII");
        assert_eq!(search("팀장 park"), vec![2], "every word must match");
        assert_eq!(search("cto"), vec![3, 1]);
        assert!(search("nobody").is_empty());
    }

    #[test]
    fn filters_combine_and_empty_values_are_selectable() {
        let t = table();
        let mut query = TableQuery::default();
        query.filters.stages.insert(Stage::Mql);
        assert_eq!(ids(&t, &query), vec![4, 2]);
        query.filters.owners.insert(String::new());
        assert_eq!(ids(&t, &query), vec![2], "unassigned MQLs");
        let mut by_source = TableQuery::default();
        by_source.filters.sources.insert("webinar".into());
        assert_eq!(ids(&t, &by_source), vec![3]);
    }

    #[test]
    fn sorting_by_any_column_either_way() {
        let t = table();
        let sorted = |column, descending| {
            ids(
                &t,
                &TableQuery {
                    sort: Sort { column, descending },
                    ..TableQuery::default()
                },
            )
        };
        assert_eq!(sorted(Column::Score, true), vec![3, 2, 4, 1]);
        assert_eq!(sorted(Column::Score, false), vec![1, 4, 2, 3]);
        assert_eq!(
            sorted(Column::Stage, false),
            vec![1, 4, 2, 3],
            "funnel order, newest first within"
        );
        assert_eq!(sorted(Column::Captured, true), vec![4, 3, 2, 1]);
        assert_eq!(
            sorted(Column::Name, false)[0],
            2,
            "Jane before minsu before Hangul"
        );
    }

    #[test]
    fn filter_options_count_each_value() {
        let options = table().filter_options();
        assert_eq!(options.stages[0], (Stage::Mql, 2));
        assert!(options.owners.contains(&(String::new(), 3)));
        assert!(
            options
                .owners
                .contains(&(Uuid::from_u128(7).to_string(), 1))
        );
    }

    proptest! {
        #[test]
        fn a_query_returns_each_admitted_row_once(text in "[a-z가-힣 ]{0,6}", descending: bool, column in 0usize..11) {
            let t = table();
            let query = TableQuery {
                text,
                sort: Sort { column: Column::ALL[column], descending },
                ..TableQuery::default()
            };
            let positions = t.query(&query);
            let unique: BTreeSet<usize> = positions.iter().copied().collect();
            prop_assert_eq!(unique.len(), positions.len());
            prop_assert!(positions.iter().all(|&i| i < t.len()));
        }
    }
}
