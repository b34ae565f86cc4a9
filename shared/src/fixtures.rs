//! Deterministic synthetic workspaces — Korean B2B first, some international — for
//! benchmarks, demos and tests. The same spec always yields the same data, on native
//! and wasm32 alike, so figures measured in the browser and natively compare.

pub mod proof;

use std::ops::Range;

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::model::{
    Account, AccountId, ConsentPurpose, ConsentRecord, Department, EntryPath, Lead, LeadId,
    Seniority, Touch, TouchId, TouchKind, Utm, Workspace, WorkspaceId,
};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DatasetSpec {
    pub seed: u64,
    pub leads: usize,
    /// Touches per lead on average (each lead gets between half and 1.5 times this).
    pub touches_per_lead: usize,
    /// Leads per account on average.
    pub leads_per_account: usize,
    /// Share of leads (0..1) that re-enter an earlier person with variations in e-mail
    /// case, spacing, phone format and entry path: the duplicates dedupe must find.
    pub duplicate_rate: f64,
    /// Touches fall within the 180 days before this.
    pub now: OffsetDateTime,
}

impl DatasetSpec {
    /// `leads` leads with 20 touches each, 5 per account, 5% duplicates.
    pub fn new(seed: u64, leads: usize, now: OffsetDateTime) -> Self {
        Self {
            seed,
            leads,
            touches_per_lead: 20,
            leads_per_account: 5,
            duplicate_rate: 0.05,
            now,
        }
    }
}

/// A generated workspace. `touches` are grouped by lead: `touch_ranges[i]` are the
/// touches of `leads[i]`; `account_of[i]` indexes `accounts`.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub workspace: Workspace,
    pub accounts: Vec<Account>,
    pub leads: Vec<Lead>,
    pub account_of: Vec<Option<usize>>,
    pub touches: Vec<Touch>,
    pub touch_ranges: Vec<Range<usize>>,
}

impl Dataset {
    /// The account of lead `i`, if it has one.
    pub fn account_of_lead(&self, i: usize) -> Option<&Account> {
        self.account_of[i].map(|a| &self.accounts[a])
    }

    /// The touches of lead `i`.
    pub fn touches_of_lead(&self, i: usize) -> &[Touch] {
        &self.touches[self.touch_ranges[i].clone()]
    }

    /// Every lead's account, in lead order (the layout batch APIs take).
    pub fn lead_accounts(&self) -> Vec<Option<&Account>> {
        (0..self.leads.len())
            .map(|i| self.account_of_lead(i))
            .collect()
    }
}

/// splitmix64: tiny, fast and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A UUID from the stream (version bits not set: these are test ids).
    pub fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next_u64(), self.next_u64())
    }
}

const COMPANY_STEMS: &[(&str, &str)] = &[
    ("한빛", "hanbit"),
    ("누리", "nuri"),
    ("가온", "gaon"),
    ("다온", "daon"),
    ("라온", "raon"),
    ("미르", "mir"),
    ("새솔", "saesol"),
    ("아라", "ara"),
    ("온새미로", "onsaemiro"),
    ("푸른", "pureun"),
    ("Acme", "acme"),
    ("Globex", "globex"),
    ("Initech", "initech"),
    ("Umbrella", "umbrella"),
    ("Hooli", "hooli"),
];
const COMPANY_SUFFIXES: &[(&str, &str)] = &[
    ("소프트", "soft"),
    ("테크", "tech"),
    ("시스템즈", "systems"),
    ("랩스", "labs"),
    ("전자", "elec"),
    ("물산", "trading"),
    ("헬스", "health"),
    ("에듀", "edu"),
];
const INDUSTRIES: &[&str] = &[
    "SaaS",
    "제조",
    "금융",
    "유통",
    "헬스케어",
    "교육",
    "게임",
    "물류",
];
const REVENUE_BANDS: &[&str] = &[
    "10억 미만",
    "10억~100억",
    "100억~500억",
    "500억~1000억",
    "1000억 이상",
];
const TECH: &[&str] = &[
    "aws",
    "gcp",
    "azure",
    "salesforce",
    "hubspot",
    "slack",
    "jira",
    "kakaowork",
];
const FAMILY_NAMES: &[(&str, &str)] = &[
    ("김", "kim"),
    ("이", "lee"),
    ("박", "park"),
    ("최", "choi"),
    ("정", "jung"),
    ("강", "kang"),
    ("조", "cho"),
    ("윤", "yoon"),
    ("장", "jang"),
    ("임", "lim"),
];
const GIVEN_NAMES: &[(&str, &str)] = &[
    ("민수", "minsu"),
    ("지은", "jieun"),
    ("서준", "seojun"),
    ("유나", "yuna"),
    ("도윤", "doyun"),
    ("하은", "haeun"),
    ("지호", "jiho"),
    ("수빈", "subin"),
    ("현우", "hyunwoo"),
    ("예린", "yerin"),
];
const TITLES: &[(&str, Seniority, Department)] = &[
    ("대표이사", Seniority::Executive, Department::Executive),
    ("CTO", Seniority::Executive, Department::Engineering),
    ("마케팅 본부장", Seniority::Vp, Department::Marketing),
    (
        "Head of Marketing",
        Seniority::Director,
        Department::Marketing,
    ),
    ("마케팅 팀장", Seniority::Manager, Department::Marketing),
    ("영업 팀장", Seniority::Manager, Department::Sales),
    ("IT 실장", Seniority::Director, Department::It),
    ("개발팀 책임", Seniority::Senior, Department::Engineering),
    ("인사팀 과장", Seniority::Senior, Department::Hr),
    ("재무팀 대리", Seniority::Entry, Department::Finance),
    ("마케팅 사원", Seniority::Entry, Department::Marketing),
    ("Product Manager", Seniority::Manager, Department::Product),
];
const FREE_MAIL: &[&str] = &[
    "naver.com",
    "gmail.com",
    "hanmail.net",
    "daum.net",
    "kakao.com",
];
const SOURCES: &[&str] = &[
    "google",
    "naver",
    "linkedin",
    "webinar",
    "kotra-fair",
    "referral",
    "newsletter",
];
const CAMPAIGNS: &[&str] = &[
    "2026-q3-webinar",
    "2026-q4-whitepaper",
    "fair-seoul-2026",
    "retargeting",
    "brand",
];
const PAGES: &[&str] = &[
    "/pricing",
    "/product",
    "/blog/lead-scoring",
    "/careers",
    "/case-studies",
    "/docs",
];
const ASSETS: &[&str] = &[
    "b2b-lead-guide.pdf",
    "icp-worksheet.xlsx",
    "pricing-sheet.pdf",
];
const USAGE_SIGNALS: &[&str] = &["limit_hit", "invited_team", "connected_crm", "daily_active"];

/// The share of each touch kind, in `TouchKind::ALL` order (per mille); the 20 left
/// over go to product usage.
const KIND_WEIGHTS: [u32; TouchKind::ALL.len()] =
    [50, 400, 80, 200, 100, 20, 10, 40, 20, 30, 20, 20, 10, 0, 0];

fn pick_kind(rng: &mut Rng) -> TouchKind {
    let total: u32 = KIND_WEIGHTS.iter().sum::<u32>() + 20;
    let mut roll = rng.below(total as usize) as u32;
    for (kind, weight) in TouchKind::ALL.iter().zip(KIND_WEIGHTS) {
        if roll < weight {
            return *kind;
        }
        roll -= weight;
    }
    TouchKind::ProductUsage
}

/// Generates a dataset.
pub fn generate(spec: &DatasetSpec) -> Dataset {
    let mut rng = Rng::new(spec.seed);
    let workspace_id = WorkspaceId(rng.uuid());
    let workspace = Workspace {
        id: workspace_id,
        name: "Demo workspace".into(),
        utc_offset_minutes: 540,
        created_at: spec.now - Duration::days(365),
    };

    let account_count = (spec.leads / spec.leads_per_account.max(1)).max(1);
    let accounts: Vec<Account> = (0..account_count)
        .map(|i| {
            let (stem_ko, stem_en) = *rng.pick(COMPANY_STEMS);
            let (suffix_ko, suffix_en) = *rng.pick(COMPANY_SUFFIXES);
            let mut account = Account::new(
                AccountId(rng.uuid()),
                workspace_id,
                format!("{stem_ko}{suffix_ko} {i}"),
            );
            let korean = rng.chance(0.8);
            account.domain = Some(if korean {
                format!("{stem_en}{suffix_en}{i}.co.kr")
            } else {
                format!("{stem_en}{suffix_en}{i}.com")
            });
            account.country = Some(
                if korean {
                    "KR"
                } else {
                    *rng.pick(&["US", "JP", "SG", "DE"])
                }
                .into(),
            );
            account.region =
                korean.then(|| (*rng.pick(&["서울", "경기", "부산", "대전"])).to_owned());
            account.industry = Some((*rng.pick(INDUSTRIES)).into());
            account.employee_count = Some([5, 20, 50, 120, 300, 800, 2500, 12000][rng.below(8)]);
            account.revenue_band = Some((*rng.pick(REVENUE_BANDS)).into());
            account.tech_tags = (0..rng.below(4))
                .map(|_| (*rng.pick(TECH)).to_owned())
                .collect();
            account
        })
        .collect();

    let mut leads: Vec<Lead> = Vec::with_capacity(spec.leads);
    let mut account_of = Vec::with_capacity(spec.leads);
    let mut touches = Vec::with_capacity(spec.leads * spec.touches_per_lead);
    let mut touch_ranges = Vec::with_capacity(spec.leads);
    for i in 0..spec.leads {
        let created_at = spec.now - Duration::minutes(rng.below(180 * 24 * 60) as i64);
        let lead = if i > 0 && rng.chance(spec.duplicate_rate) {
            let original = rng.below(i);
            account_of.push(account_of[original]);
            duplicate_of(&mut rng, leads[original].clone(), created_at)
        } else {
            let account_index = rng.below(accounts.len());
            account_of.push(Some(account_index));
            new_lead(
                &mut rng,
                i,
                &accounts[account_index],
                workspace_id,
                created_at,
            )
        };
        let start = touches.len();
        let count = spec.touches_per_lead / 2 + rng.below(spec.touches_per_lead.max(1));
        for _ in 0..count {
            touches.push(new_touch(&mut rng, &lead, spec.now));
        }
        touch_ranges.push(start..touches.len());
        leads.push(lead);
    }
    Dataset {
        workspace,
        accounts,
        leads,
        account_of,
        touches,
        touch_ranges,
    }
}

fn new_lead(
    rng: &mut Rng,
    i: usize,
    account: &Account,
    workspace_id: WorkspaceId,
    at: OffsetDateTime,
) -> Lead {
    let (family_ko, family_en) = *rng.pick(FAMILY_NAMES);
    let (given_ko, given_en) = *rng.pick(GIVEN_NAMES);
    let entry_path = *rng.pick(&[
        EntryPath::Form,
        EntryPath::Form,
        EntryPath::CsvImport,
        EntryPath::OfflineCapture,
        EntryPath::Manual,
    ]);
    let mut lead = Lead::new(
        LeadId(rng.uuid()),
        workspace_id,
        format!("{family_ko}{given_ko}"),
        entry_path,
        at,
    );
    lead.family_name = Some(family_ko.into());
    lead.given_name = Some(given_ko.into());
    let domain = if rng.chance(0.2) {
        (*rng.pick(FREE_MAIL)).to_owned()
    } else {
        account
            .domain
            .clone()
            .unwrap_or_else(|| "example.com".into())
    };
    lead.email = Some(format!("{given_en}.{family_en}{i}@{domain}"));
    lead.email_verified = rng.chance(0.3);
    lead.company_name = Some(account.name.clone());
    lead.account_id = Some(account.id);
    let (title, seniority, department) = *rng.pick(TITLES);
    lead.title = Some(title.into());
    lead.seniority = Some(seniority);
    lead.department = Some(department);
    if rng.chance(0.6) {
        lead.phone = Some(format!("+8210{:08}", rng.below(100_000_000)));
        lead.phone_verified = rng.chance(0.3);
    }
    lead.source = Some((*rng.pick(SOURCES)).into());
    lead.utm = Utm {
        source: lead.source.clone(),
        medium: Some((*rng.pick(&["cpc", "email", "social", "event"])).into()),
        campaign: Some((*rng.pick(CAMPAIGNS)).into()),
        ..Utm::default()
    };
    lead.consents.push(ConsentRecord {
        purpose: ConsentPurpose::PersonalInfoCollection,
        granted: true,
        text_version: "privacy-2026-01".into(),
        at,
    });
    lead.consents.push(ConsentRecord {
        purpose: ConsentPurpose::MarketingMessages,
        granted: rng.chance(0.6),
        text_version: "marketing-2026-01".into(),
        at,
    });
    lead
}

/// The same person entered again: different entry path and id, the e-mail in other
/// case or with spaces, the phone in local format.
fn duplicate_of(rng: &mut Rng, mut lead: Lead, at: OffsetDateTime) -> Lead {
    lead.id = LeadId(rng.uuid());
    lead.entry_path = *rng.pick(&[
        EntryPath::CsvImport,
        EntryPath::OfflineCapture,
        EntryPath::Manual,
        EntryPath::Api,
    ]);
    lead.email_verified = false;
    lead.email = lead.email.map(|e| match rng.below(3) {
        0 => e.to_uppercase(),
        1 => format!("  {e} "),
        _ => e,
    });
    lead.phone = lead.phone.map(|p| match p.strip_prefix("+82") {
        Some(rest) if rest.len() == 10 => format!("0{}-{}-{}", &rest[..2], &rest[2..6], &rest[6..]),
        _ => p,
    });
    lead.name = lead
        .name
        .replace("", " ")
        .trim()
        .to_owned()
        .replace("  ", " ");
    if rng.chance(0.5) {
        lead.name = lead.name.replace(' ', "");
    }
    lead.created_at = at;
    lead.updated_at = at;
    lead
}

fn new_touch(rng: &mut Rng, lead: &Lead, now: OffsetDateTime) -> Touch {
    let kind = pick_kind(rng);
    let mut metadata = std::collections::BTreeMap::new();
    match kind {
        TouchKind::PageView => {
            metadata.insert("url".to_owned(), (*rng.pick(PAGES)).to_owned());
        }
        TouchKind::ContentDownload => {
            metadata.insert("asset".to_owned(), (*rng.pick(ASSETS)).to_owned());
        }
        TouchKind::ProductUsage => {
            metadata.insert("signal".to_owned(), (*rng.pick(USAGE_SIGNALS)).to_owned());
        }
        _ => {}
    }
    Touch {
        id: TouchId(rng.uuid()),
        lead_id: lead.id,
        account_id: lead.account_id,
        kind,
        at: now - Duration::minutes(rng.below(180 * 24 * 60) as i64),
        metadata,
        utm: Utm {
            source: Some((*rng.pick(SOURCES)).into()),
            campaign: Some((*rng.pick(CAMPAIGNS)).into()),
            ..Utm::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_same_spec_gives_the_same_data() {
        let spec = DatasetSpec::new(7, 300, datetime!(2026-11-24 0:00 UTC));
        let a = generate(&spec);
        let b = generate(&spec);
        assert_eq!(a.leads, b.leads);
        assert_eq!(a.touches, b.touches);
        assert_eq!(a.leads.len(), 300);
        assert_eq!(a.touch_ranges.len(), 300);
        assert_eq!(a.touch_ranges.last().unwrap().end, a.touches.len());
        for (lead, range) in a.leads.iter().zip(&a.touch_ranges) {
            assert!(
                a.touches[range.clone()]
                    .iter()
                    .all(|t| t.lead_id == lead.id)
            );
        }
        let average = a.touches.len() as f64 / 300.0;
        assert!((15.0..25.0).contains(&average), "{average}");
    }
}
