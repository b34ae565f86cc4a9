//! Dedupe over a 100k-lead workspace: grouping a whole base, building the index, one
//! lookup as a form submission makes it, and lead→account matching.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::identity::{
    AccountIndex, DedupeIndex, find_duplicate_groups, find_duplicates, match_account,
};
use time::macros::datetime;

const LEADS: usize = 100_000;

fn dedupe(c: &mut Criterion) {
    let mut spec = DatasetSpec::new(42, LEADS, datetime!(2026-11-24 0:00 UTC));
    // Touches are not read by dedupe; leaving them out keeps setup fast.
    spec.touches_per_lead = 0;
    let data = generate(&spec);
    let mut group = c.benchmark_group("dedupe_100k");
    group.sample_size(10);
    group.bench_function("find_duplicate_groups", |b| {
        b.iter(|| find_duplicate_groups(black_box(&data.leads)))
    });
    group.bench_function("build_index", |b| {
        b.iter(|| DedupeIndex::new(black_box(&data.leads)))
    });
    group.finish();

    let index = DedupeIndex::new(&data.leads);
    // A re-entry of an existing person from another path: upper-cased e-mail, local phone.
    let mut candidate = data.leads[LEADS / 2].clone();
    candidate.id = leadkit_shared::model::LeadId(uuid::Uuid::from_u128(u128::MAX));
    candidate.email = candidate.email.map(|e| format!("  {} ", e.to_uppercase()));
    candidate.phone = Some("010-1234-5678".into());
    c.bench_function("dedupe_100k/find_duplicates_one", |b| {
        b.iter(|| find_duplicates(black_box(&index), black_box(&candidate)))
    });

    let accounts = AccountIndex::new(&data.accounts);
    c.bench_function("account_match/build_index_20k", |b| {
        b.iter(|| AccountIndex::new(black_box(&data.accounts)))
    });
    let mut by_name = data.leads[7].clone();
    by_name.email = Some("someone@naver.com".into());
    by_name.company_name = by_name.company_name.map(|n| format!("(주){n}"));
    c.bench_function("account_match/one_by_domain", |b| {
        b.iter(|| match_account(black_box(&data.leads[7]), black_box(&accounts)))
    });
    c.bench_function("account_match/one_by_company_name", |b| {
        b.iter(|| match_account(black_box(&by_name), black_box(&accounts)))
    });
}

criterion_group!(benches, dedupe);
criterion_main!(benches);
