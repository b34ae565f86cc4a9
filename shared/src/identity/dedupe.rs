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

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::company::{normalise_company, normalised_similarity};
use super::email::EmailAddress;
use crate::model::{Lead, LeadId};
use crate::text::fold;
use crate::validation::{Country, normalise_phone};

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
    /// [`super::company_similarity`]), 1.0 when equal once normalised.
    SameNameAndCompany { similarity: f64 },
}

/// An existing lead that looks like the candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateMatch {
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

/// What dedupe compares of one lead, computed once.
#[derive(Debug, Clone)]
struct Keys {
    email: Option<String>,
    email_verified: bool,
    phone: Option<String>,
    /// Name + account id, and name + normalised company name.
    name_account: Option<String>,
    name_company: Option<String>,
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
            .map(|e164| e164.as_str().to_owned());
        let company = lead
            .company_name
            .as_deref()
            .map(normalise_company)
            .unwrap_or_default();
        let name = person_name_key(&lead.name);
        let name_account = match (&name, lead.account_id) {
            (Some(name), Some(account)) => Some(format!("{name}\u{0}a{account}")),
            _ => None,
        };
        let name_company = match &name {
            Some(name) if !company.is_empty() => Some(format!("{name}\u{0}c{company}")),
            _ => None,
        };
        Self {
            email_verified: lead.email_verified && email.is_some(),
            email,
            phone,
            name_account,
            name_company,
            company,
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

/// One hash bucket per key, chained through `next` so a bucket costs no allocation.
#[derive(Debug, Clone, Default)]
struct Buckets {
    head: HashMap<String, u32>,
    /// `next[i]`: the entry indexed before `i` under the same key.
    next: Vec<u32>,
}

impl Buckets {
    fn with_capacity(n: usize) -> Self {
        Self {
            head: HashMap::with_capacity(n),
            next: Vec::with_capacity(n),
        }
    }

    /// Adds entry `i` (entries are added in order, so `next.len() == i`).
    fn push(&mut self, key: Option<&String>, i: u32) {
        let previous = match key {
            Some(key) => match self.head.get_mut(key.as_str()) {
                Some(head) => std::mem::replace(head, i),
                None => {
                    self.head.insert(key.clone(), i);
                    NONE
                }
            },
            None => NONE,
        };
        self.next.push(previous);
    }

    /// Entries under `key`, newest first.
    fn chain(&self, key: Option<&str>) -> impl Iterator<Item = u32> + '_ {
        let mut at = key.and_then(|k| self.head.get(k)).copied().unwrap_or(NONE);
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
    by_email: Buckets,
    by_phone: Buckets,
    by_name_account: Buckets,
    by_name_company: Buckets,
}

impl DedupeIndex {
    /// Indexes `leads`, reading phones without a country code as Korean.
    pub fn new(leads: &[Lead]) -> Self {
        Self::with_country(leads, Country::Kr)
    }

    /// Indexes `leads`, reading phones without a country code as `country`'s.
    pub fn with_country(leads: &[Lead], country: Country) -> Self {
        let mut index = Self {
            country,
            ids: Vec::with_capacity(leads.len()),
            keys: Vec::with_capacity(leads.len()),
            by_email: Buckets::with_capacity(leads.len()),
            by_phone: Buckets::with_capacity(leads.len()),
            by_name_account: Buckets::with_capacity(leads.len()),
            by_name_company: Buckets::with_capacity(leads.len()),
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

    fn insert_keys(&mut self, id: LeadId, keys: Keys) {
        let Ok(i) = u32::try_from(self.ids.len()) else {
            // Four billion leads is beyond any workspace; refuse quietly rather than panic.
            return;
        };
        self.by_email.push(keys.email.as_ref(), i);
        self.by_phone.push(keys.phone.as_ref(), i);
        self.by_name_account.push(keys.name_account.as_ref(), i);
        self.by_name_company.push(keys.name_company.as_ref(), i);
        self.ids.push(id);
        self.keys.push(keys);
    }

    /// How many leads are indexed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no lead is indexed.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The indexed leads that look like `candidate`, in the order they were indexed; the
/// candidate itself (same id) is never reported. Every entry path calls this.
pub fn find_duplicates(index: &DedupeIndex, candidate: &Lead) -> Vec<DuplicateMatch> {
    let keys = Keys::of(candidate, index.country);
    // (entry, email, phone, name+company): few matches, so a small vector beats a map.
    let mut hits: Vec<(u32, bool, bool, bool)> = Vec::new();
    let mut mark = |entry: u32, reason: usize| {
        let slot = match hits.iter().position(|h| h.0 == entry) {
            Some(slot) => slot,
            None => {
                hits.push((entry, false, false, false));
                hits.len() - 1
            }
        };
        match reason {
            0 => hits[slot].1 = true,
            1 => hits[slot].2 = true,
            _ => hits[slot].3 = true,
        }
    };
    index
        .by_email
        .chain(keys.email.as_deref())
        .for_each(|e| mark(e, 0));
    index
        .by_phone
        .chain(keys.phone.as_deref())
        .for_each(|e| mark(e, 1));
    index
        .by_name_account
        .chain(keys.name_account.as_deref())
        .for_each(|e| mark(e, 2));
    index
        .by_name_company
        .chain(keys.name_company.as_deref())
        .for_each(|e| mark(e, 2));
    hits.sort_unstable_by_key(|h| h.0);
    hits.into_iter()
        .filter(|h| index.ids[h.0 as usize] != candidate.id)
        .map(|(entry, email, phone, name)| {
            let other = &index.keys[entry as usize];
            let mut reasons = Vec::with_capacity(3);
            if email {
                reasons.push(DuplicateReason::SameEmail);
            }
            if phone {
                reasons.push(DuplicateReason::SamePhone);
            }
            if name {
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

    /// Links every entry of each bucket to the bucket's newest entry.
    fn union_buckets(&mut self, buckets: &Buckets) {
        for &head in buckets.head.values() {
            let mut at = buckets.next[head as usize];
            while at != NONE {
                self.union(head, at);
                at = buckets.next[at as usize];
            }
        }
    }
}

/// Every group of records that look like one person, across a whole base, in the
/// order of each group's first record. Linear in the number of leads (hash buckets and
/// union-find, no pairwise comparison).
pub fn find_duplicate_groups(leads: &[Lead]) -> Vec<DuplicateGroup> {
    duplicate_groups_of(&DedupeIndex::new(leads))
}

/// [`find_duplicate_groups`] over an index already built.
pub(crate) fn duplicate_groups_of(index: &DedupeIndex) -> Vec<DuplicateGroup> {
    let n = index.len();
    let mut strong = UnionFind::new(n);
    strong.union_buckets(&index.by_email);
    strong.union_buckets(&index.by_phone);
    let mut all = UnionFind::new(n);
    all.union_buckets(&index.by_email);
    all.union_buckets(&index.by_phone);
    all.union_buckets(&index.by_name_account);
    all.union_buckets(&index.by_name_company);

    // Roots are each group's smallest index, so walking entries in order opens groups
    // in the order of their first record. Sizes first: singletons cost no allocation.
    let mut size = vec![0u32; n];
    for i in 0..n as u32 {
        let root = all.find(i);
        size[root as usize] += 1;
    }
    let mut slot_of_root: HashMap<u32, usize> = HashMap::new();
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
