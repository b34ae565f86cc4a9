//! Qualification: how complete a lead's BANT or MEDDIC(C) checklist is, and who sits on
//! an account's buying committee. The checklist itself is model data
//! (`crate::model::Qualification`); this module judges it.

mod committee;

pub use committee::{BuyingCommittee, CommitteeMember};

use serde::{Deserialize, Serialize};

use crate::model::{Qualification, QualificationItem};

/// A qualification framework: which checklist items a rep must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Budget, authority, need, timing: the classic SDR screen for simpler deals.
    Bant,
    /// Metrics, economic buyer, decision criteria, decision process, identify pain,
    /// champion: for complex deals with a buying committee.
    Meddic,
    /// MEDDIC plus competition.
    Meddicc,
}

const BANT: [QualificationItem; 4] = [
    QualificationItem::Budget,
    QualificationItem::Authority,
    QualificationItem::Need,
    QualificationItem::Timing,
];

const MEDDICC: [QualificationItem; 7] = [
    QualificationItem::Metrics,
    QualificationItem::EconomicBuyer,
    QualificationItem::DecisionCriteria,
    QualificationItem::DecisionProcess,
    QualificationItem::IdentifyPain,
    QualificationItem::Champion,
    QualificationItem::Competition,
];

impl Framework {
    /// Every framework.
    pub const ALL: [Framework; 3] = [Framework::Bant, Framework::Meddic, Framework::Meddicc];

    /// The items of this framework, in the order the acronym spells them.
    pub fn items(self) -> &'static [QualificationItem] {
        match self {
            Self::Bant => &BANT,
            // MEDDIC is MEDDICC without the trailing Competition.
            Self::Meddic => &MEDDICC[..6],
            Self::Meddicc => &MEDDICC,
        }
    }

    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bant => "bant",
            Self::Meddic => "meddic",
            Self::Meddicc => "meddicc",
        }
    }

    /// How many of this framework's items `qualification` meets, without allocating;
    /// the stage engine calls this per lead.
    pub fn count_met(self, qualification: &Qualification) -> usize {
        self.items()
            .iter()
            .filter(|item| is_met(qualification, **item))
            .count()
    }

    /// The percentage of items met, rounded down so that 100 means every item is met.
    pub fn percent(self, qualification: &Qualification) -> u8 {
        percent_of(self.count_met(qualification), self.items().len())
    }
}

/// Whether `item` counts as met: the rep ticked it *and* wrote evidence. A tick alone is
/// an opinion nobody can check later ("예산 있음?"); the evidence ("5천만원 3분기 집행 확정")
/// is what lets a manager or the AE who takes over verify it, so a tick without it does
/// not count.
pub fn is_met(qualification: &Qualification, item: QualificationItem) -> bool {
    qualification
        .entries
        .get(&item)
        .is_some_and(|entry| entry.met && !entry.evidence.trim().is_empty())
}

fn percent_of(met: usize, total: usize) -> u8 {
    if total == 0 {
        return 0;
    }
    // met <= total, so the result is at most 100 and fits a u8.
    u8::try_from(met.min(total) * 100 / total).unwrap_or(100)
}

/// How far a lead's checklist is for one framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// The framework judged.
    pub framework: Framework,
    /// Items met with evidence, in framework order.
    pub met: Vec<QualificationItem>,
    /// Items not met, or ticked without evidence, in framework order.
    pub missing: Vec<QualificationItem>,
    /// `met` as a share of all items, rounded down (0..=100).
    pub percent: u8,
}

/// Judges `qualification` against `framework`.
pub fn completeness(qualification: &Qualification, framework: Framework) -> Completeness {
    let (met, missing): (Vec<_>, Vec<_>) = framework
        .items()
        .iter()
        .copied()
        .partition(|item| is_met(qualification, *item));
    let percent = percent_of(met.len(), framework.items().len());
    Completeness {
        framework,
        met,
        missing,
        percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChecklistEntry, QualificationItem as Item};
    use proptest::prelude::*;
    use time::macros::datetime;

    fn checklist(entries: &[(Item, bool, &str)]) -> Qualification {
        let mut q = Qualification::default();
        for (item, met, evidence) in entries {
            q.entries.insert(
                *item,
                ChecklistEntry {
                    met: *met,
                    evidence: (*evidence).into(),
                    updated_at: datetime!(2026-11-20 10:00 +9),
                    updated_by: Some("SDR 이지은".into()),
                },
            );
        }
        q
    }

    /// (checklist, framework, expected met, expected percent)
    type Case = (
        &'static [(Item, bool, &'static str)],
        Framework,
        &'static [Item],
        u8,
    );

    #[test]
    fn completeness_counts_only_items_with_evidence() {
        let cases: &[Case] = &[
            (&[], Framework::Bant, &[], 0),
            (
                &[
                    (Item::Budget, true, "예산 5천만원 확보, 3분기 집행"),
                    (Item::Authority, true, "대표이사 직접 결재"),
                    (Item::Need, true, "수기 엑셀 리드 관리 한계"),
                ],
                Framework::Bant,
                &[Item::Budget, Item::Authority, Item::Need],
                75,
            ),
            // A tick without evidence, or with only whitespace, does not count.
            (
                &[
                    (Item::Budget, true, ""),
                    (Item::Authority, true, "  \u{3000} "),
                    (Item::Need, false, "필요 없음이라고 답함"),
                    (Item::Timing, true, "내년 1월 도입"),
                ],
                Framework::Bant,
                &[Item::Timing],
                25,
            ),
            // BANT items do not count towards MEDDIC.
            (
                &[
                    (Item::Budget, true, "있음"),
                    (Item::Champion, true, "김민수 팀장이 내부 설득"),
                ],
                Framework::Meddic,
                &[Item::Champion],
                16,
            ),
            (
                &[
                    (Item::Metrics, true, "리드 응답시간 48h→4h"),
                    (Item::EconomicBuyer, true, "CFO 박서준"),
                    (Item::DecisionCriteria, true, "보안 심사, 한국어 지원"),
                    (Item::DecisionProcess, true, "팀장→임원회의→구매팀"),
                    (Item::IdentifyPain, true, "MQL 정의 없음"),
                    (Item::Champion, true, "김민수 팀장"),
                ],
                Framework::Meddicc,
                &[
                    Item::Metrics,
                    Item::EconomicBuyer,
                    Item::DecisionCriteria,
                    Item::DecisionProcess,
                    Item::IdentifyPain,
                    Item::Champion,
                ],
                85,
            ),
        ];
        for (entries, framework, met, percent) in cases {
            let result = completeness(&checklist(entries), *framework);
            assert_eq!(result.met, *met, "{framework:?} {entries:?}");
            assert_eq!(result.percent, *percent, "{framework:?} {entries:?}");
            assert_eq!(
                result.met.len() + result.missing.len(),
                framework.items().len()
            );
            assert_eq!(framework.percent(&checklist(entries)), *percent);
        }
    }

    #[test]
    fn meddicc_adds_competition_to_meddic() {
        assert_eq!(Framework::Meddic.items().len(), 6);
        assert_eq!(
            Framework::Meddicc.items(),
            [Framework::Meddic.items(), &[Item::Competition]].concat()
        );
        assert_eq!(Framework::Bant.items().len(), 4);
    }

    fn any_item() -> impl Strategy<Value = Item> {
        prop::sample::select(vec![
            Item::Budget,
            Item::Authority,
            Item::Need,
            Item::Timing,
            Item::Metrics,
            Item::EconomicBuyer,
            Item::DecisionCriteria,
            Item::DecisionProcess,
            Item::IdentifyPain,
            Item::Champion,
            Item::Competition,
        ])
    }

    proptest! {
        #[test]
        fn percent_is_100_exactly_when_nothing_is_missing(
            entries in prop::collection::vec((any_item(), any::<bool>(), "[ a가]{0,3}"), 0..12),
            framework in prop::sample::select(Framework::ALL.to_vec()),
        ) {
            let entries: Vec<(Item, bool, &str)> =
                entries.iter().map(|(i, m, e)| (*i, *m, e.as_str())).collect();
            let result = completeness(&checklist(&entries), framework);
            prop_assert!(result.percent <= 100);
            prop_assert_eq!(result.percent == 100, result.missing.is_empty());
            prop_assert_eq!(result.met.len() + result.missing.len(), framework.items().len());
        }
    }
}
