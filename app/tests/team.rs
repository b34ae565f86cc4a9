//! The team pieces' logic in a real headless Chromium: reading the accept link's token
//! and taking it out of the address, what a refused link says, and the operation a
//! committee edit sends.

use leadkit_app::auth::invite::{InviteText, invite_token, link_problem, search_without_invite};
use leadkit_app::data::ApiError;
use leadkit_app::lead_detail::committee::{CommitteeEdit, committee_op};
use leadkit_shared::api::ErrorBody;
use leadkit_shared::model::{BuyingRole, LeadId};
use leadkit_shared::sync::OpBody;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_token_is_read_from_the_query_and_only_it_is_removed() {
    let cases: [(&str, Option<&str>, &str); 7] = [
        ("?invite=lk_inv_abc", Some("lk_inv_abc"), ""),
        ("?lang=ko&invite=lk_inv_abc", Some("lk_inv_abc"), "?lang=ko"),
        ("?invite=lk_inv_abc&lang=ko", Some("lk_inv_abc"), "?lang=ko"),
        ("?invite=", None, ""),
        ("?invited=x", None, "?invited=x"),
        ("", None, ""),
        ("?a=1&b=2", None, "?a=1&b=2"),
    ];
    for (search, token, kept) in cases {
        assert_eq!(invite_token(search).as_deref(), token, "{search}");
        assert_eq!(search_without_invite(search), kept, "{search}");
    }
}

fn refused(status: u16, code: &str) -> ApiError {
    ApiError::Refused {
        status,
        body: ErrorBody {
            error: code.into(),
            message: String::new(),
            fields: Vec::new(),
        },
    }
}

#[wasm_bindgen_test]
fn a_spent_link_says_why_and_other_refusals_are_left_to_the_form() {
    let cases = [
        (
            refused(400, "invitation_unknown"),
            Some(InviteText::Unknown),
        ),
        (
            refused(410, "invitation_expired"),
            Some(InviteText::Expired),
        ),
        (
            refused(410, "invitation_revoked"),
            Some(InviteText::Revoked),
        ),
        (refused(410, "invitation_used"), Some(InviteText::Used)),
        (
            refused(409, "already_member"),
            Some(InviteText::AlreadyMember),
        ),
        (refused(401, "invalid_credentials"), None),
        (refused(422, "invalid"), None),
        (
            ApiError::Network {
                detail: "offline".into(),
            },
            None,
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(link_problem(&error), expected, "{error:?}");
    }
}

#[wasm_bindgen_test]
fn a_committee_edit_sets_only_the_field_it_changes() {
    let id = LeadId(Uuid::from_u128(7));
    let cases = [
        (
            CommitteeEdit::Role(Some(BuyingRole::DecisionMaker)),
            "buying_role",
            serde_json::json!("decision_maker"),
        ),
        (
            CommitteeEdit::Role(None),
            "buying_role",
            serde_json::Value::Null,
        ),
        (
            CommitteeEdit::Champion(true),
            "champion",
            serde_json::json!(true),
        ),
        (
            CommitteeEdit::Champion(false),
            "champion",
            serde_json::json!(false),
        ),
    ];
    for (edit, field, value) in cases {
        let OpBody::SetLeadFields { lead_id, fields } = committee_op(id, edit) else {
            panic!("{edit:?} is not a field edit");
        };
        assert_eq!(lead_id, id);
        assert_eq!(fields.len(), 1, "{edit:?}");
        assert_eq!(fields.get(field), Some(&value), "{edit:?}");
    }
}
