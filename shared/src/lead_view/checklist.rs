//! Recording one item of a lead's qualification checklist.

use time::OffsetDateTime;

use crate::model::{ChecklistEntry, Qualification, QualificationItem};

/// `qualification` with `item` recorded as met (`Some(true)`), not met (`Some(false)`)
/// or unknown again (`None`, which removes the entry), with `evidence` (trimmed) written
/// by `by` at `now`. The whole checklist is one field of the lead, so the result
/// replaces it.
pub fn set_checklist_item(
    qualification: &Qualification,
    item: QualificationItem,
    met: Option<bool>,
    evidence: &str,
    by: Option<String>,
    now: OffsetDateTime,
) -> Qualification {
    let mut next = qualification.clone();
    match met {
        None => {
            next.entries.remove(&item);
        }
        Some(met) => {
            next.entries.insert(
                item,
                ChecklistEntry {
                    met,
                    evidence: evidence.trim().to_owned(),
                    updated_at: now,
                    updated_by: by,
                },
            );
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qualification::{Framework, is_met};
    use time::macros::datetime;

    #[test]
    fn items_are_set_replaced_and_cleared() {
        let now = datetime!(2026-11-24 01:00 UTC);
        let empty = Qualification::default();
        let ticked = set_checklist_item(
            &empty,
            QualificationItem::Budget,
            Some(true),
            "  5천만원 3분기 집행  ",
            Some("지우".into()),
            now,
        );
        assert!(is_met(&ticked, QualificationItem::Budget));
        assert_eq!(
            ticked.entries[&QualificationItem::Budget].evidence,
            "5천만원 3분기 집행"
        );
        assert_eq!(Framework::Bant.percent(&ticked), 25);
        // A tick without evidence is recorded but does not count.
        let bare = set_checklist_item(&ticked, QualificationItem::Need, Some(true), " ", None, now);
        assert!(!is_met(&bare, QualificationItem::Need));
        assert_eq!(Framework::Bant.percent(&bare), 25);
        let not_met = set_checklist_item(
            &bare,
            QualificationItem::Budget,
            Some(false),
            "없음",
            None,
            now,
        );
        assert!(!is_met(&not_met, QualificationItem::Budget));
        let cleared = set_checklist_item(&not_met, QualificationItem::Budget, None, "", None, now);
        assert!(!cleared.entries.contains_key(&QualificationItem::Budget));
        assert!(cleared.entries.contains_key(&QualificationItem::Need));
    }
}
