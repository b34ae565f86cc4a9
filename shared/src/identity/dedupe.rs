//! Duplicate detection, one function for every entry path (form, API, CSV import,
//! manual entry, offline capture, sync): the same person typed twice is found by e-mail
//! key, by phone number, or by name at the same company — and whether the pair may be
//! merged without asking is decided here, once.
//!
//! The rule for automatic merges: a pair is merged without a person confirming only
//! when it shares an e-mail key or a phone number, and not both records carry their
//! own, different, verified e-mail (two verified addresses are two proven mailboxes,
//! most often two people sharing a phone line or a name). Name-and-company matches are
//! always shown for a decision: 김민수 is a common name.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::company::{normalise_company, normalised_similarity};
use super::email::EmailAddress;
use super::keys::{FastMap, Fnv};
use crate::model::{AccountId, Lead, LeadId};
use crate::text::fold;
use crate::validation::{Country, E164, normalise_phone};

/// Why two records look like the same person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The e-mails have the same dedupe key (see [`EmailAddress::dedupe_key`]).
    SameEmail,
    /// The phones are the same number in E.164.
    SamePhone,
    /// The same name at the same account, or under the same typed company name;
    /// `similarity` is how alike the typed company names are (see
    /// [`super::company_similarity`]), 1.0 when equal once normalised, 0.0 when one
    /// record has no typed company (the match then rests on the shared account).
    SameNameAndCompany {
        /// How alike the typed company names are.
        similarity: f64,
    },
}

/// An existing lead that looks like the candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    /// The existing lead.
    pub lead_id: LeadId,
    /// Every reason that holds, in the order e-mail, phone, name and company.
    pub reasons: Vec<DuplicateReason>,
    /// Whether the two may be merged without a person confirming (see the module doc).
    pub auto_merge: bool,
}

/// Records of one person found in a whole base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The records, in the order they were given.
    pub lead_ids: Vec<LeadId>,
    /// Whether the whole group may be merged without a person confirming: every record
    /// is linked by e-mail or phone, and at most one distinct verified e-mail is in it.
    pub auto_merge: bool,
}

/// End of a chain in the bucket lists.
const NONE: u32 = u32::MAX;

/// The four ways two records are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Email,
    Phone,
    /// Same name key on the same account.
    NameAccount,
    /// Same name key under the same normalised company name.
    NameCompany,
}

impl Link {
    const ALL: [Link; 4] = [
        Link::Email,
        Link::Phone,
        Link::NameAccount,
        Link::NameCompany,
    ];
}

/// What dedupe compares of one lead, computed once. Combined keys (name + account)
/// are never built as strings: they are hashed from their parts and compared part by
/// part, which saves two allocations per lead.
#[derive(Debug, Clone)]
struct Keys {
    email: Option<String>,
    email_verified: bool,
    phone: Option<String>,
    name: Option<String>,
    account: Option<AccountId>,
    /// Normalised typed company name; empty when none.
    company: String,
}

impl Keys {
    fn of(lead: &Lead, country: Country) -> Self {
        let email = lead
            .email
            .as_deref()
            .and_then(|raw| EmailAddress::parse(raw).ok())
            .map(|email| email.dedupe_key());
        let phone = lead
            .phone
            .as_deref()
            .and_then(|raw| normalise_phone(raw, country).ok())
            .map(E164::into_string);
        let company = lead
            .company_name
            .as_deref()
            .map(normalise_company)
            .unwrap_or_default();
        Self {
            email_verified: lead.email_verified && email.is_some(),
            email,
            phone,
            name: person_name_key(&lead.name),
            account: lead.account_id,
            company,
        }
    }

    /// The hash of this record's key for `link`, if it has one.
    fn hash(&self, link: Link) -> Option<u64> {
        let mut h = Fnv::default();
        match link {
            Link::Email => h.write(self.email.as_deref()?.as_bytes()),
            Link::Phone => h.write(self.phone.as_deref()?.as_bytes()),
            Link::NameAccount => {
                let account = self.account?;
                h.write(self.name.as_deref()?.as_bytes());
                h.write(account.0.as_bytes());
            }
            Link::NameCompany => {
                let name = self.name.as_deref()?;
                if self.company.is_empty() {
                    return None;
                }
                h.write(name.as_bytes());
                h.write(&[0xff]);
                h.write(self.company.as_bytes());
            }
        }
        Some(h.finish())
    }

    /// Whether both records have the same key for `link` (a shared hash is checked).
    fn same(&self, other: &Keys, link: Link) -> bool {
        match link {
            Link::Email => self.email.is_some() && self.email == other.email,
            Link::Phone => self.phone.is_some() && self.phone == other.phone,
            Link::NameAccount => {
                self.name.is_some()
                    && self.account.is_some()
                    && self.name == other.name
                    && self.account == other.account
            }
            Link::NameCompany => {
                self.name.is_some()
                    && !self.company.is_empty()
                    && self.name == other.name
                    && self.company == other.company
            }
        }
    }

    /// Both records carry their own, different, verified e-mail.
    fn distinct_verified_emails(&self, other: &Keys) -> bool {
        self.email_verified && other.email_verified && self.email != other.email
    }
}

/// The key a person's name is compared under: folded; for Hangul names every space is
/// dropped (`김 민 수` is `김민수`), for others the words are sorted so `Minsu Kim` and
/// `Kim, Minsu` agree. `None` for a blank name.
pub fn person_name_key(name: &str) -> Option<String> {
    let folded = fold(name);
    let hangul = folded
        .chars()
        .any(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'));
    let key = if hangul {
        folded.chars().filter(|c| c.is_alphanumeric()).collect()
    } else {
        let mut words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.join(" ")
    };
    (!key.is_empty()).then_some(key)
}

/// One hash bucket per key hash, chained through `next` so a bucket costs no
/// allocation. Records in a chain share a hash; their keys are compared before use.
#[derive(Debug, Clone, Default)]
struct Buckets {
    head: FastMap<u64, u32>,
    /// `next[i]`: the entry indexed before `i` under the same hash.
    next: Vec<u32>,
}

impl Buckets {
    fn with_capacity(n: usize) -> Self {
        Self {
            head: FastMap::with_capacity_and_hasher(n, Default::default()),
            next: Vec::with_capacity(n),
        }
    }

    /// Adds entry `i` (entries are added in order, so `next.len() == i`).
    fn push(&mut self, hash: Option<u64>, i: u32) {
        let previous = match hash {
            Some(hash) => self.head.insert(hash, i).unwrap_or(NONE),
            None => NONE,
        };
        self.next.push(previous);
    }

    /// Entries under `hash`, newest first.
    fn chain(&self, hash: Option<u64>) -> impl Iterator<Item = u32> + '_ {
        self.from(
            hash.and_then(|h| self.head.get(&h))
                .copied()
                .unwrap_or(NONE),
        )
    }

    /// Entries from `at` down its chain.
    fn from(&self, mut at: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let here = at;
                at = self.next[here as usize];
                here
            })
        })
    }
}

/// Existing leads keyed for duplicate lookups. Leads already merged into another are
/// left out: they are history, not people to match against.
#[derive(Debug, Clone)]
pub struct DedupeIndex {
    country: Country,
    ids: Vec<LeadId>,
    keys: Vec<Keys>,
    /// Entries taken out (merged away, deleted, or about to be re-inserted).
    removed: Vec<bool>,
    /// Entries not removed.
    live_count: usize,
    /// One set of buckets per [`Link`], in `Link::ALL` order.
    buckets: [Buckets; 4],
}

impl DedupeIndex {
    /// Indexes `leads`, reading phones without a country code as Korean.
    pub fn new(leads: &[Lead]) -> Self {
        Self::with_country(leads, Country::Kr)
    }

    /// Indexes `leads`, reading phones without a country code as `country`'s.
    pub fn with_country(leads: &[Lead], country: Country) -> Self {
        let n = leads.len();
        let mut index = Self {
            country,
            ids: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            removed: Vec::with_capacity(n),
            live_count: 0,
            buckets: std::array::from_fn(|_| Buckets::with_capacity(n)),
        };
        for lead in leads {
            index.insert(lead);
        }
        index
    }

    /// Adds one lead, e.g. each row of an import once it is stored, so later rows of
    /// the same file are checked against it.
    pub fn insert(&mut self, lead: &Lead) {
        if lead.merged_into.is_some() {
            return;
        }
        self.insert_keys(lead.id, Keys::of(lead, self.country));
    }

    /// [`find_duplicates`] of `lead`, then [`Self::insert`] of it, keying it once: the
    /// step an import makes for each row, so later rows are checked against it.
    pub fn find_and_insert(&mut self, lead: &Lead) -> Vec<DuplicateMatch> {
        let keys = Keys::of(lead, self.country);
        let matches = matches_of(self, &keys, lead.id);
        if lead.merged_into.is_none() {
            self.insert_keys(lead.id, keys);
        }
        matches
    }

    fn insert_keys(&mut self, id: LeadId, keys: Keys) {
        let Ok(i) = u32::try_from(self.ids.len()) else {
            // Four billion leads is beyond any workspace; refuse quietly rather than panic.
            return;
        };
        for (buckets, link) in self.buckets.iter_mut().zip(Link::ALL) {
            buckets.push(keys.hash(link), i);
        }
        self.ids.push(id);
        self.keys.push(keys);
        self.removed.push(false);
        self.live_count += 1;
    }

    /// Takes a lead out, e.g. once it was merged into another or deleted; to update a
    /// lead, remove it and insert the new version. Returns whether it was indexed.
    /// A linear scan: merges and deletions are rare next to lookups.
    pub fn remove(&mut self, id: LeadId) -> bool {
        let mut found = false;
        for (entry, removed) in self.ids.iter().zip(&mut self.removed) {
            if *entry == id && !*removed {
                *removed = true;
                found = true;
                self.live_count -= 1;
            }
        }
        found
    }

    /// Whether entry `i` may be matched.
    fn live(&self, i: u32) -> bool {
        !self.removed[i as usize]
    }

    /// How many leads are indexed (removed ones not counted).
    pub fn len(&self) -> usize {
        self.live_count
    }

    /// Whether no lead is indexed.
    pub fn is_empty(&self) -> bool {
        self.live_count == 0
    }
}

/// The indexed leads that look like `candidate`, in the order they were indexed; the
/// candidate itself (same id) is never reported. Every entry path calls this, after
/// [`super::match_account`] has set the candidate's account, so that name matches at
/// the same account are found whatever company spelling was typed.
pub fn find_duplicates(index: &DedupeIndex, candidate: &Lead) -> Vec<DuplicateMatch> {
    matches_of(index, &Keys::of(candidate, index.country), candidate.id)
}

/// The indexed leads whose keys match `keys`, leaving out `candidate` itself.
fn matches_of(index: &DedupeIndex, keys: &Keys, candidate: LeadId) -> Vec<DuplicateMatch> {
    // (entry, links found): few matches, so a small vector beats a map.
    let mut hits: Vec<(u32, [bool; 4])> = Vec::new();
    for (slot, (buckets, link)) in index.buckets.iter().zip(Link::ALL).enumerate() {
        for entry in buckets.chain(keys.hash(link)) {
            if !index.live(entry) || !keys.same(&index.keys[entry as usize], link) {
                continue;
            }
            match hits.iter_mut().find(|h| h.0 == entry) {
                Some(hit) => hit.1[slot] = true,
                None => {
                    let mut found = [false; 4];
                    found[slot] = true;
                    hits.push((entry, found));
                }
            }
        }
    }
    hits.sort_unstable_by_key(|h| h.0);
    hits.into_iter()
        .filter(|h| index.ids[h.0 as usize] != candidate)
        .map(|(entry, [email, phone, name_account, name_company])| {
            let other = &index.keys[entry as usize];
            let mut reasons = Vec::with_capacity(3);
            if email {
                reasons.push(DuplicateReason::SameEmail);
            }
            if phone {
                reasons.push(DuplicateReason::SamePhone);
            }
            if name_account || name_company {
                reasons.push(DuplicateReason::SameNameAndCompany {
                    similarity: normalised_similarity(&keys.company, &other.company),
                });
            }
            DuplicateMatch {
                lead_id: index.ids[entry as usize],
                reasons,
                auto_merge: (email || phone) && !keys.distinct_verified_emails(other),
            }
        })
        .collect()
}

/// Union-find over entry indices; the smaller index becomes the root, so groups come
/// out the same whatever order links are found in.
struct UnionFind(Vec<u32>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n as u32).collect())
    }

    fn find(&mut self, mut i: u32) -> u32 {
        while self.0[i as usize] != i {
            let grandparent = self.0[self.0[i as usize] as usize];
            self.0[i as usize] = grandparent;
            i = grandparent;
        }
        i
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.0[high as usize] = low;
        }
    }

    /// Links the records of `index` that share their key for `link`: each record to
    /// the nearest one before it in its chain with the same key (nearly always the
    /// chain's head; only a hash collision makes the search go further).
    fn union_link(&mut self, index: &DedupeIndex, link: Link) {
        let buckets = &index.buckets[link_slot(link)];
        for &head in buckets.head.values() {
            for at in buckets.from(head).skip(1).filter(|&e| index.live(e)) {
                let keys = &index.keys[at as usize];
                let earlier = buckets
                    .from(head)
                    .take_while(|&e| e != at)
                    .find(|&e| index.live(e) && keys.same(&index.keys[e as usize], link));
                if let Some(earlier) = earlier {
                    self.union(earlier, at);
                }
            }
        }
    }
}

fn link_slot(link: Link) -> usize {
    Link::ALL.iter().position(|&l| l == link).unwrap_or(0)
}

/// Every group of records that look like one person, across a whole base, in the
/// order of each group's first record. Linear in the number of leads (hash buckets and
/// union-find, no pairwise comparison).
pub fn find_duplicate_groups(leads: &[Lead]) -> Vec<DuplicateGroup> {
    duplicate_groups_of(&DedupeIndex::new(leads))
}

/// [`find_duplicate_groups`] over an index already built.
pub fn duplicate_groups_of(index: &DedupeIndex) -> Vec<DuplicateGroup> {
    // Entries, removed ones included: they stay singletons and are skipped below.
    let n = index.ids.len();
    let mut strong = UnionFind::new(n);
    strong.union_link(index, Link::Email);
    strong.union_link(index, Link::Phone);
    let mut all = UnionFind::new(n);
    for link in Link::ALL {
        all.union_link(index, link);
    }

    // Roots are each group's smallest index, so walking entries in order opens groups
    // in the order of their first record. Sizes first: singletons cost no allocation.
    let mut size = vec![0u32; n];
    for i in 0..n as u32 {
        let root = all.find(i);
        size[root as usize] += 1;
    }
    let mut slot_of_root: FastMap<u32, usize> = FastMap::default();
    let mut groups: Vec<DuplicateGroup> = Vec::new();
    // Per group: the strong component of its first record, and its verified e-mail.
    let mut state: Vec<(u32, Option<&str>)> = Vec::new();
    for i in 0..n as u32 {
        let root = all.find(i);
        if size[root as usize] < 2 {
            continue;
        }
        let slot = *slot_of_root.entry(root).or_insert_with(|| {
            groups.push(DuplicateGroup {
                lead_ids: Vec::with_capacity(size[root as usize] as usize),
                auto_merge: true,
            });
            state.push((strong.find(i), None));
            groups.len() - 1
        });
        let group = &mut groups[slot];
        let (strong_root, verified) = &mut state[slot];
        group.lead_ids.push(index.ids[i as usize]);
        if strong.find(i) != *strong_root {
            group.auto_merge = false;
        }
        let keys = &index.keys[i as usize];
        if keys.email_verified {
            let email = keys.email.as_deref().unwrap_or_default();
            match verified {
                Some(seen) if *seen != email => group.auto_merge = false,
                _ => *verified = Some(email),
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::model::{AccountId, EntryPath, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    /// A lead for the tables: id, entry path, e-mail (verified?), phone, name, company.
    fn lead(
        n: u128,
        path: EntryPath,
        email: Option<(&str, bool)>,
        phone: Option<&str>,
        name: &str,
        company: Option<&str>,
        account: Option<u128>,
    ) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
            path,
            datetime!(2026-11-24 0:00 UTC),
        );
        lead.email = email.map(|(e, _)| e.to_owned());
        lead.email_verified = email.is_some_and(|(_, v)| v);
        lead.phone = phone.map(str::to_owned);
        lead.company_name = company.map(str::to_owned);
        lead.account_id = account.map(|a| AccountId(Uuid::from_u128(a)));
        lead
    }

    /// An expected match: lead number, reasons, automatic.
    type Expected = (u128, Vec<DuplicateReason>, bool);

    fn id(n: u128) -> LeadId {
        LeadId(Uuid::from_u128(n))
    }

    fn existing() -> Vec<Lead> {
        use EntryPath::*;
        vec![
            lead(
                1,
                Form,
                Some(("minsu.kim@acme.co.kr", true)),
                Some("+821012345678"),
                "김민수",
                Some("에이크미"),
                Some(100),
            ),
            lead(
                2,
                CsvImport,
                Some(("jieun.lee@gmail.com", false)),
                None,
                "이지은",
                Some("㈜한빛소프트"),
                None,
            ),
            lead(
                3,
                Api,
                Some(("seojun@hanbit.co.kr", true)),
                Some("+821099998888"),
                "박서준",
                Some("한빛"),
                Some(200),
            ),
            lead(
                4,
                Manual,
                None,
                Some("02-123-4567"),
                "Minsu Kim",
                Some("Globex Inc."),
                None,
            ),
            // Merged away: history, never a match.
            {
                let mut l = lead(
                    5,
                    Form,
                    Some(("old@acme.co.kr", false)),
                    None,
                    "옛날",
                    None,
                    None,
                );
                l.merged_into = Some(id(1));
                l
            },
        ]
    }

    #[test]
    fn every_entry_path_finds_the_same_person() {
        use EntryPath::*;
        let index = DedupeIndex::new(&existing());
        let email = DuplicateReason::SameEmail;
        let phone = DuplicateReason::SamePhone;
        let name = |similarity| DuplicateReason::SameNameAndCompany { similarity };
        let cases: Vec<(Lead, Vec<Expected>)> = vec![
            // CSV import re-enters the form lead with an upper-case, padded address.
            (
                lead(
                    10,
                    CsvImport,
                    Some(("  MINSU.KIM@ACME.CO.KR ", false)),
                    None,
                    "김민수",
                    None,
                    None,
                ),
                vec![(1, vec![email], true)],
            ),
            // Offline capture with the phone in local format and the name spaced out.
            (
                lead(
                    11,
                    OfflineCapture,
                    None,
                    Some("010-1234-5678"),
                    "김 민 수",
                    None,
                    Some(100),
                ),
                vec![(1, vec![phone, name(0.0)], true)],
            ),
            // Gmail ignores dots and +tags.
            (
                lead(
                    12,
                    Api,
                    Some(("JiEun.Lee+webinar@googlemail.com", false)),
                    None,
                    "Jieun Lee",
                    None,
                    None,
                ),
                vec![(2, vec![email], true)],
            ),
            // Same name under the same company spelt differently: shown, never automatic.
            (
                lead(
                    13,
                    Manual,
                    Some(("jieun@naver.com", false)),
                    None,
                    "이 지은",
                    Some("한빛소프트 주식회사"),
                    None,
                ),
                vec![(2, vec![name(1.0)], false)],
            ),
            // Latin names in either order, Seoul number with its country code.
            (
                lead(
                    14,
                    Form,
                    None,
                    Some("+82 2 123 4567"),
                    "Kim, Minsu",
                    Some("Globex"),
                    None,
                ),
                vec![(4, vec![phone, name(1.0)], true)],
            ),
            // Shared phone, but both have their own verified e-mail: ask a person.
            (
                lead(
                    15,
                    Form,
                    Some(("minsu@other.co.kr", true)),
                    Some("01012345678"),
                    "김민수",
                    None,
                    None,
                ),
                vec![(1, vec![phone], false)],
            ),
            // Same verified e-mail on both sides is the same mailbox: automatic.
            (
                lead(
                    16,
                    Api,
                    Some(("Minsu.Kim@acme.co.kr", true)),
                    None,
                    "Minsu",
                    None,
                    None,
                ),
                vec![(1, vec![email], true)],
            ),
            // Naver does not honour +tags, so this is another address.
            (
                lead(
                    17,
                    Form,
                    Some(("jieun.lee+x@naver.com", false)),
                    None,
                    "누구",
                    None,
                    None,
                ),
                vec![],
            ),
            // The merged-away record is not matched; the lead itself is not its duplicate.
            (
                lead(
                    18,
                    Form,
                    Some(("old@acme.co.kr", false)),
                    None,
                    "옛날",
                    None,
                    None,
                ),
                vec![],
            ),
            (existing()[0].clone(), vec![]),
            // Two matches come back in index order, with all their reasons.
            (
                lead(
                    19,
                    Manual,
                    Some(("seojun@hanbit.co.kr", false)),
                    Some("010-1234-5678"),
                    "X",
                    None,
                    None,
                ),
                vec![(1, vec![phone], true), (3, vec![email], true)],
            ),
        ];
        for (candidate, expected) in cases {
            let found = find_duplicates(&index, &candidate);
            let expected: Vec<DuplicateMatch> = expected
                .into_iter()
                .map(|(n, reasons, auto_merge)| DuplicateMatch {
                    lead_id: id(n),
                    reasons,
                    auto_merge,
                })
                .collect();
            assert_eq!(found, expected, "candidate {}", candidate.id);
        }
    }

    #[test]
    fn groups_link_records_and_keep_distinct_verified_emails_apart() {
        use EntryPath::*;
        let leads = vec![
            lead(
                1,
                Form,
                Some(("a@acme.co.kr", true)),
                Some("010-1111-2222"),
                "김민수",
                None,
                None,
            ),
            lead(
                2,
                CsvImport,
                Some(("A@ACME.CO.KR", false)),
                None,
                "김민수",
                None,
                None,
            ),
            lead(
                3,
                Api,
                Some(("b@acme.co.kr", true)),
                Some("+821011112222"),
                "김민수",
                None,
                None,
            ),
            lead(
                4,
                Manual,
                Some(("c@x.co.kr", false)),
                None,
                "이지은",
                Some("누리"),
                None,
            ),
            lead(
                5,
                Manual,
                Some(("d@x.co.kr", false)),
                None,
                "이 지은",
                Some("(주)누리"),
                None,
            ),
            lead(
                6,
                Form,
                Some(("e@x.co.kr", false)),
                Some("+8210 5555 6666"),
                "박서준",
                None,
                None,
            ),
            lead(
                7,
                Api,
                Some(("f@y.co.kr", false)),
                Some("010-5555-6666"),
                "Park",
                None,
                None,
            ),
            lead(
                8,
                Form,
                Some(("alone@z.co.kr", false)),
                None,
                "혼자",
                None,
                None,
            ),
        ];
        let groups = find_duplicate_groups(&leads);
        assert_eq!(
            groups,
            vec![
                // Linked by e-mail and phone, but two different verified e-mails.
                DuplicateGroup {
                    lead_ids: vec![id(1), id(2), id(3)],
                    auto_merge: false
                },
                // Only name and company: shown, not automatic.
                DuplicateGroup {
                    lead_ids: vec![id(4), id(5)],
                    auto_merge: false
                },
                DuplicateGroup {
                    lead_ids: vec![id(6), id(7)],
                    auto_merge: true
                },
            ]
        );
    }

    #[test]
    fn name_keys_ignore_spacing_case_and_word_order() {
        let same = [
            ("김민수", "김 민 수"),
            ("김민수", " 김민수　"),
            ("Minsu Kim", "kim, MINSU"),
            ("Ｍｉｎｓｕ Ｋｉｍ", "Kim Minsu"),
        ];
        for (a, b) in same {
            assert_eq!(person_name_key(a), person_name_key(b), "{a} / {b}");
        }
        assert_ne!(person_name_key("김민수"), person_name_key("김민서"));
        assert_eq!(person_name_key("  "), None);
    }

    /// Who each fixture lead really is: the generator gives every person a unique
    /// address and re-entries change only its case and spacing.
    fn truth(lead: &Lead) -> String {
        lead.email
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_lowercase()
    }

    #[test]
    fn fixture_duplicates_are_found_from_every_entry_path() {
        let mut spec = DatasetSpec::new(11, 5_000, datetime!(2026-11-24 0:00 UTC));
        spec.duplicate_rate = 0.1;
        let data = generate(&spec);

        // As a whole base.
        let groups = find_duplicate_groups(&data.leads);
        let position: HashMap<LeadId, usize> = data
            .leads
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, i))
            .collect();
        let mut group_of = vec![usize::MAX; data.leads.len()];
        for (g, group) in groups.iter().enumerate() {
            for lead_id in &group.lead_ids {
                group_of[position[lead_id]] = g;
            }
            if group.auto_merge {
                let first = truth(&data.leads[position[&group.lead_ids[0]]]);
                assert!(
                    group
                        .lead_ids
                        .iter()
                        .all(|l| truth(&data.leads[position[l]]) == first),
                    "an automatic group mixes people: {group:?}"
                );
            }
        }
        let mut first_of: HashMap<String, usize> = HashMap::new();
        let (mut duplicates, mut found) = (0, 0);
        for (i, lead) in data.leads.iter().enumerate() {
            let original = *first_of.entry(truth(lead)).or_insert(i);
            if original != i {
                duplicates += 1;
                found +=
                    usize::from(group_of[i] != usize::MAX && group_of[i] == group_of[original]);
            }
        }
        assert!(
            duplicates > 300,
            "the fixture should hold duplicates: {duplicates}"
        );
        let recall = found as f64 / duplicates as f64;
        assert!(
            recall >= 0.99,
            "group recall {recall:.3} ({found}/{duplicates})"
        );

        // One lead at a time, as forms, the API and imports call it.
        let mut index = DedupeIndex::new(&[]);
        let (mut duplicates, mut found) = (0, 0);
        let mut seen: HashMap<String, ()> = HashMap::new();
        for lead in &data.leads {
            let matches = find_duplicates(&index, lead);
            if seen.insert(truth(lead), ()).is_some() {
                duplicates += 1;
                found += usize::from(matches.iter().any(|m| {
                    m.auto_merge && truth(&data.leads[position[&m.lead_id]]) == truth(lead)
                }));
            }
            index.insert(lead);
        }
        let recall = found as f64 / duplicates as f64;
        assert!(
            recall >= 0.99,
            "lookup recall {recall:.3} ({found}/{duplicates})"
        );
    }

    #[test]
    fn re_entries_without_an_email_are_found_by_phone_or_name_at_the_account() {
        let mut spec = DatasetSpec::new(12, 5_000, datetime!(2026-11-24 0:00 UTC));
        spec.duplicate_rate = 0.1;
        let mut leads = generate(&spec).leads;
        let truths: Vec<String> = leads.iter().map(truth).collect();
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        let mut originals = Vec::new();
        for (i, t) in truths.iter().enumerate() {
            let original = *first_of.entry(t).or_insert(i);
            if original != i {
                originals.push((i, original));
            }
        }
        // Every second re-entry comes without its address (a business card, a call).
        for &(i, _) in originals.iter().step_by(2) {
            leads[i].email = None;
        }
        let groups = find_duplicate_groups(&leads);
        let mut group_of = vec![usize::MAX; leads.len()];
        let position: HashMap<LeadId, usize> =
            leads.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        for (g, group) in groups.iter().enumerate() {
            for lead_id in &group.lead_ids {
                group_of[position[lead_id]] = g;
            }
        }
        let found = originals
            .iter()
            .filter(|&&(i, o)| group_of[i] != usize::MAX && group_of[i] == group_of[o])
            .count();
        let recall = found as f64 / originals.len() as f64;
        assert!(
            recall >= 0.95,
            "recall {recall:.3} ({found}/{})",
            originals.len()
        );
    }

    #[test]
    fn find_and_insert_is_find_then_insert() {
        let mut spec = DatasetSpec::new(5, 3_000, datetime!(2026-11-24 0:00 UTC));
        spec.touches_per_lead = 0;
        spec.duplicate_rate = 0.2;
        let data = generate(&spec);
        let (existing, incoming) = data.leads.split_at(1_000);
        let mut apart = DedupeIndex::new(existing);
        let mut together = DedupeIndex::new(existing);
        for lead in incoming {
            let expected = find_duplicates(&apart, lead);
            apart.insert(lead);
            assert_eq!(together.find_and_insert(lead), expected);
        }
        assert_eq!(together.len(), apart.len());
        assert_eq!(duplicate_groups_of(&together), duplicate_groups_of(&apart));
    }

    #[test]
    fn hash_collisions_never_link_different_keys() {
        use EntryPath::*;
        let leads = vec![
            lead(
                1,
                Form,
                Some(("a@acme.co.kr", false)),
                None,
                "가",
                None,
                None,
            ),
            lead(
                2,
                Form,
                Some(("b@acme.co.kr", false)),
                None,
                "나",
                None,
                None,
            ),
            lead(
                3,
                Form,
                Some(("A@acme.co.kr", false)),
                None,
                "다",
                None,
                None,
            ),
        ];
        let mut index = DedupeIndex::new(&leads);
        // Pretend every e-mail hashed alike: one chain holding two different keys.
        let mut collided = Buckets::with_capacity(3);
        for i in 0..3 {
            collided.push(Some(7), i);
        }
        index.buckets[0] = collided;
        assert_eq!(
            duplicate_groups_of(&index),
            vec![DuplicateGroup {
                lead_ids: vec![id(1), id(3)],
                auto_merge: true
            }]
        );
    }

    #[test]
    fn removed_leads_are_no_longer_matched() {
        use EntryPath::*;
        let leads = vec![
            lead(
                1,
                Form,
                Some(("a@acme.co.kr", false)),
                None,
                "가",
                None,
                None,
            ),
            lead(
                2,
                CsvImport,
                Some(("A@acme.co.kr", false)),
                None,
                "가",
                None,
                None,
            ),
            lead(
                3,
                Api,
                Some(("a@acme.co.kr ", false)),
                None,
                "가",
                None,
                None,
            ),
        ];
        let mut index = DedupeIndex::new(&leads);
        assert!(index.remove(id(2)));
        assert!(!index.remove(id(2)));
        assert!(!index.remove(id(9)));
        assert_eq!(index.len(), 2);
        let found: Vec<LeadId> = find_duplicates(&index, &leads[0])
            .into_iter()
            .map(|m| m.lead_id)
            .collect();
        assert_eq!(found, vec![id(3)]);
        assert_eq!(
            duplicate_groups_of(&index),
            vec![DuplicateGroup {
                lead_ids: vec![id(1), id(3)],
                auto_merge: true
            }]
        );
        // Removing the newest record, the head of its chain, keeps the rest linked.
        let mut index = DedupeIndex::new(&leads);
        index.remove(id(3));
        assert_eq!(
            duplicate_groups_of(&index),
            vec![DuplicateGroup {
                lead_ids: vec![id(1), id(2)],
                auto_merge: true
            }]
        );
    }
}
