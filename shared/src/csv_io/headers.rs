//! Header names: what Korean and English lead lists, CRM exports (Salesforce, HubSpot)
//! and business-card apps (리멤버, 명함 앱) call each lead field, and the names our own
//! exports write — kept side by side so an export always reads back as it was written.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::mapping::ColumnTarget;
use crate::forms::{MAX_CUSTOM_NAME_CHARS, MapsTo};
use crate::model::ConsentPurpose;
use crate::text::fold;

/// The language headers are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderLanguage {
    /// 한국어.
    Ko,
    /// English.
    En,
}

/// A header with case, width, spacing and punctuation removed: `E-mail Address` and
/// `email address` are both `emailaddress`, `이름(영문)` is `이름영문`.
pub(super) fn compact(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How sure a guess is; when two columns guess the same field, the surer one gets it
/// (a mobile number over an office line, 직책 over 직급).
pub(super) type Priority = u8;

const F: fn(MapsTo) -> ColumnTarget = ColumnTarget::Field;

/// Known headers in compact form, the field each names, and how surely.
fn known(compact: &str) -> Option<(ColumnTarget, Priority)> {
    use MapsTo as M;
    let (target, priority) = match compact {
        // Full name.
        "name" | "fullname" | "이름" | "성명" | "성함" | "고객명" | "담당자" | "담당자명"
        | "이름한글" | "한글이름" | "contactname" | "leadname" => (F(M::Name), 3),
        "이름영문" | "영문이름" | "영문명" | "englishname" | "nameen" => (F(M::Name), 1),
        "firstname" | "givenname" | "first" | "名" => (F(M::GivenName), 3),
        "lastname" | "familyname" | "surname" | "last" | "성" | "姓" => (F(M::FamilyName), 3),
        // E-mail.
        "email" | "emailaddress" | "이메일" | "이메일주소" | "e메일" | "전자우편" | "전자메일"
        | "메일" | "메일주소" | "mail" | "workemail" | "회사이메일" | "업무용이메일" => {
            (F(M::Email), 3)
        }
        "personalemail" | "개인이메일" | "secondaryemail" => (F(M::Email), 1),
        // Phone: a mobile reaches the person, so it wins over an office line.
        "mobile" | "mobilephone" | "mobilephonenumber" | "mobilenumber" | "cell" | "cellphone"
        | "휴대폰" | "휴대전화" | "핸드폰" | "휴대폰번호" | "핸드폰번호" | "휴대전화번호"
        | "모바일" | "hp" => (F(M::Phone), 3),
        "연락처" | "phone" | "phonenumber" => (F(M::Phone), 2),
        "telephone" | "tel" | "전화" | "전화번호" | "회사전화" | "직장전화" | "사무실전화"
        | "유선전화" | "대표전화" | "businessphone" | "officephone" | "workphone" => {
            (F(M::Phone), 1)
        }
        // Company.
        "company" | "companyname" | "account" | "accountname" | "organization" | "organisation"
        | "회사" | "회사명" | "기업명" | "기업" | "업체명" | "업체" | "상호" | "상호명"
        | "단체명" | "기관명" | "직장" | "소속회사" => (F(M::Company), 3),
        "소속" => (F(M::Company), 2),
        // Title.
        "title" | "jobtitle" | "position" | "직함" | "직책" => (F(M::Title), 3),
        "직급" | "직위" => (F(M::Title), 2),
        // Department.
        "department" | "dept" | "division" | "부서" | "부서명" | "소속부서" | "팀" | "팀명" => {
            (ColumnTarget::Department, 3)
        }
        // Address and company facts.
        "country" | "countryregion" | "countrycode" | "국가" | "나라" | "국가명" => {
            (F(M::Country), 3)
        }
        "state" | "stateprovince" | "stateregion" | "region" | "province" | "시도" | "지역"
        | "시도명" => (F(M::Region), 3),
        "city" | "도시" | "시군구" => (F(M::City), 3),
        "zip" | "zipcode" | "postalcode" | "zippostalcode" | "postcode" | "우편번호" => {
            (F(M::PostalCode), 3)
        }
        "website" | "websiteurl" | "url" | "homepage" | "web" | "홈페이지" | "웹사이트"
        | "회사홈페이지" => (F(M::Website), 3),
        "industry" | "업종" | "산업" | "업태" | "산업군" => (F(M::Industry), 3),
        "employees" | "numberofemployees" | "noofemployees" | "employeecount" | "headcount"
        | "companysize" | "직원수" | "임직원수" | "종업원수" | "사원수" | "회사규모" => {
            (F(M::EmployeeCount), 3)
        }
        // Marketing.
        "source" | "leadsource" | "originalsource" | "유입경로" | "유입채널" | "출처"
        | "리드소스" | "소스" => (F(M::Source), 3),
        "utmsource" => (F(M::UtmSource), 3),
        "utmmedium" => (F(M::UtmMedium), 3),
        "utmcampaign" => (F(M::UtmCampaign), 3),
        "utmterm" => (F(M::UtmTerm), 3),
        "utmcontent" => (F(M::UtmContent), 3),
        "referrer" | "referer" | "리퍼러" => (F(M::Referrer), 3),
        "landingpage" | "pageurl" | "랜딩페이지" => (F(M::LandingPage), 3),
        // Notes.
        "notes" | "note" | "description" | "memo" | "comments" | "comment" | "메모" | "비고"
        | "설명" | "참고" | "참고사항" | "기타" => (F(M::Description), 3),
        _ => return consent(compact).map(|purpose| (ColumnTarget::Consent { purpose }, 3)),
    };
    Some((target, priority))
}

/// A consent column by its words: it must say consent (동의, consent, opt-in, 수신
/// 여부) and what for. Opt-out columns (Salesforce's `Email Opt Out`, 수신거부) mean the
/// opposite answer and are left as custom fields rather than guessed wrong.
fn consent(compact: &str) -> Option<ConsentPurpose> {
    let has = |words: &[&str]| words.iter().any(|w| compact.contains(w));
    if has(&["거부", "optout", "미동의", "철회"]) || !has(&["동의", "consent", "optin", "수신여부"])
    {
        return None;
    }
    if has(&["제3자", "제삼자", "thirdparty", "sharing"]) {
        Some(ConsentPurpose::ThirdPartySharing)
    } else if has(&[
        "마케팅",
        "marketing",
        "광고",
        "수신",
        "newsletter",
        "뉴스레터",
        "email",
        "sms",
    ]) {
        // Before collection: "개인정보 마케팅 활용 동의" is a marketing consent.
        Some(ConsentPurpose::MarketingMessages)
    } else if has(&["개인정보", "privacy", "personal", "수집"]) {
        Some(ConsentPurpose::PersonalInfoCollection)
    } else {
        None
    }
}

/// The field a header names and how surely; unknown headers are custom fields under
/// the header as written, blank ones ignored.
pub(super) fn guess(header: &str) -> (ColumnTarget, Priority) {
    let trimmed = header.trim();
    if trimmed.is_empty() {
        return (ColumnTarget::Ignore, 0);
    }
    known(&compact(trimmed)).unwrap_or_else(|| (custom_for(trimmed), 0))
}

/// The custom field a column is kept as: its header, trimmed and cut to the longest
/// key custom fields take.
pub(super) fn custom_for(header: &str) -> ColumnTarget {
    ColumnTarget::Field(MapsTo::Custom {
        key: header.trim().chars().take(MAX_CUSTOM_NAME_CHARS).collect(),
    })
}

/// The header our exports write for `target`; each reads back as `target` (a custom
/// field's header is its key).
pub fn header_of(target: &ColumnTarget, language: HeaderLanguage) -> Cow<'_, str> {
    use MapsTo as M;
    let (ko, en) = match target {
        ColumnTarget::Ignore => ("", ""),
        ColumnTarget::Department => ("부서", "Department"),
        ColumnTarget::Consent { purpose } => match purpose {
            ConsentPurpose::PersonalInfoCollection => {
                ("개인정보 수집·이용 동의", "Privacy Consent")
            }
            ConsentPurpose::MarketingMessages => ("마케팅 수신 동의", "Marketing Consent"),
            ConsentPurpose::ThirdPartySharing => ("제3자 제공 동의", "Third-Party Sharing Consent"),
        },
        ColumnTarget::Field(field) => match field {
            M::Custom { key } => return Cow::Borrowed(key),
            M::Name => ("성명", "Full Name"),
            M::GivenName => ("이름", "First Name"),
            M::FamilyName => ("성", "Last Name"),
            M::Email => ("이메일", "Email"),
            M::Phone => ("휴대폰", "Mobile Phone"),
            M::Company => ("회사명", "Company Name"),
            M::Title => ("직책", "Job Title"),
            M::Country => ("국가", "Country"),
            M::Region => ("시도", "State/Region"),
            M::City => ("도시", "City"),
            M::PostalCode => ("우편번호", "Postal Code"),
            M::Website => ("홈페이지", "Website"),
            M::Industry => ("업종", "Industry"),
            M::EmployeeCount => ("직원 수", "Number of Employees"),
            M::Source => ("유입 경로", "Lead Source"),
            M::Description => ("메모", "Notes"),
            M::UtmSource => ("utm_source", "utm_source"),
            M::UtmMedium => ("utm_medium", "utm_medium"),
            M::UtmCampaign => ("utm_campaign", "utm_campaign"),
            M::UtmTerm => ("utm_term", "utm_term"),
            M::UtmContent => ("utm_content", "utm_content"),
            M::Referrer => ("리퍼러", "Referrer"),
            M::LandingPage => ("랜딩 페이지", "Landing Page"),
        },
    };
    Cow::Borrowed(match language {
        HeaderLanguage::Ko => ko,
        HeaderLanguage::En => en,
    })
}
