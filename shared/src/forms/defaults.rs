//! The contact form a Korean B2B team can start from: the minimum that converts (e-mail,
//! name, company), optional questions queued for returning visitors, UTM and page
//! hidden fields, the two separate consents the law asks for, and a specific CTA.

use crate::model::{ConsentPurpose, WorkspaceId};

use super::definition::{
    ConsentItem, FieldKind, FormDefinition, FormField, Localized, MapsTo, ProgressiveProfiling,
    ThankYou,
};

impl FormDefinition {
    /// A contact form ("상담 신청하기") for workspace `workspace_id` under `id`: e-mail,
    /// name and company required; phone, title and a message queued for progressive
    /// profiling; hidden UTM, referrer and page fields; a required 개인정보 수집·이용 item
    /// and an optional marketing item; a honeypot and a 3-second minimum fill time.
    /// Add allowed origins before embedding it.
    pub fn default_contact(id: impl Into<String>, workspace_id: WorkspaceId) -> Self {
        let visible = |name: &str, kind, required, ko: &str, en: &str, maps_to| FormField {
            name: name.to_owned(),
            kind,
            required,
            label: Localized::new(ko, en),
            placeholder: None,
            max_len: None,
            maps_to,
        };
        let hidden = |name: &str, maps_to| FormField {
            name: name.to_owned(),
            kind: FieldKind::Hidden,
            required: false,
            label: Localized::new(name, name),
            placeholder: None,
            max_len: None,
            maps_to,
        };
        let mut email = visible(
            "email",
            FieldKind::Email,
            true,
            "업무용 이메일",
            "Work email",
            MapsTo::Email,
        );
        email.placeholder = Some(Localized::new("name@company.co.kr", "name@company.com"));
        Self {
            id: id.into(),
            workspace_id,
            name: "상담 신청 (기본)".to_owned(),
            fields: vec![
                email,
                visible("name", FieldKind::Text, true, "이름", "Name", MapsTo::Name),
                visible(
                    "company",
                    FieldKind::Text,
                    true,
                    "회사명",
                    "Company",
                    MapsTo::Company,
                ),
                visible(
                    "phone",
                    FieldKind::Phone,
                    false,
                    "연락처",
                    "Phone",
                    MapsTo::Phone,
                ),
                visible(
                    "title",
                    FieldKind::Text,
                    false,
                    "직함",
                    "Job title",
                    MapsTo::Title,
                ),
                visible(
                    "message",
                    FieldKind::Textarea,
                    false,
                    "문의 내용",
                    "How can we help?",
                    MapsTo::Description,
                ),
                hidden("utm_source", MapsTo::UtmSource),
                hidden("utm_medium", MapsTo::UtmMedium),
                hidden("utm_campaign", MapsTo::UtmCampaign),
                hidden("utm_term", MapsTo::UtmTerm),
                hidden("utm_content", MapsTo::UtmContent),
                hidden("referrer", MapsTo::Referrer),
                hidden("page_url", MapsTo::LandingPage),
            ],
            cta: Localized::new("상담 신청하기", "Request a consultation"),
            thank_you: ThankYou::Message {
                message: Localized::new(
                    "신청해 주셔서 감사합니다. 영업일 기준 1일 이내에 연락드리겠습니다.",
                    "Thank you. We will get back to you within one business day.",
                ),
            },
            allowed_origins: Vec::new(),
            consents: vec![
                ConsentItem {
                    purpose: ConsentPurpose::PersonalInfoCollection,
                    required: true,
                    text: Localized::new(
                        "(필수) 개인정보 수집·이용에 동의합니다. 수집 항목: 이메일, 이름, 회사명, 연락처 / 목적: 상담 회신 / 보유 기간: 상담 종료 후 1년",
                        "(Required) I agree to the collection and use of my personal information (email, name, company, phone) to answer this request, kept for one year after it is closed.",
                    ),
                    text_version: "privacy-2026-01".to_owned(),
                },
                ConsentItem {
                    purpose: ConsentPurpose::MarketingMessages,
                    required: false,
                    text: Localized::new(
                        "(선택) 뉴스레터, 웨비나 등 마케팅 정보 수신에 동의합니다.",
                        "(Optional) Send me newsletters, webinar invitations and other marketing messages.",
                    ),
                    text_version: "marketing-2026-01".to_owned(),
                },
            ],
            progressive: Some(ProgressiveProfiling {
                queue: vec!["phone".to_owned(), "title".to_owned(), "message".to_owned()],
                field_budget: 5,
            }),
            min_fill_seconds: 3,
            honeypot_field: Some("homepage".to_owned()),
        }
    }
}
