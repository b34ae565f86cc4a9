//! The import view's logic in a real headless Chromium: reading rows in chunks with
//! pauses gives the same report as one call, a report becomes the right local changes,
//! the rejected rows download as a CSV that reads back, the outbox push splits a
//! large import into bodies under the worker's limit, and a CP949 file reads through
//! the browser's own decoder.

use leadkit_app::data::push::{PUSH_BYTES, next_batch};
use leadkit_app::import::cp949::browser_cp949;
use leadkit_app::import::run::{edits_of, read_all};
use leadkit_shared::csv_io::{
    ExistingPolicy, ImportOptions, Importer, ParseOptions, SourceEncoding, Table, guess_mapping,
    import_rows, new_record, read_table_with, rejected_csv,
};
use leadkit_shared::model::{EntryPath, Lead, LeadId, WorkspaceId};
use leadkit_shared::sync::{Clock, OpBody, OpId, Operation, ReplicaId};
use leadkit_shared::validation::Country;
use time::macros::datetime;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

/// Reads a file as the import view does (CP949 through the browser's decoder).
fn read_table(
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Table, leadkit_shared::csv_io::ParseError> {
    read_table_with(bytes, options, &browser_cp949)
}

wasm_bindgen_test_configure!(run_in_browser);

fn options() -> ImportOptions {
    ImportOptions {
        workspace_id: WorkspaceId(Uuid::from_u128(7)),
        now: datetime!(2026-11-25 9:00 UTC),
        default_country: Country::Kr,
        consent_text_version: "csv-import-2026-11".into(),
        default_source: None,
    }
}

fn counter() -> impl FnMut() -> LeadId {
    let mut n = 0u128;
    move || {
        n += 1;
        LeadId(Uuid::from_u128(n))
    }
}

fn existing() -> Lead {
    let mut lead = Lead::new(
        LeadId(Uuid::from_u128(0xbeef)),
        WorkspaceId(Uuid::from_u128(7)),
        "김민수",
        EntryPath::Form,
        datetime!(2026-01-01 0:00 UTC),
    );
    lead.email = Some("minsu@acme.co.kr".into());
    lead
}

/// 40 rows: good ones, a bad e-mail every 7th, a repeat of the existing lead every 10th.
fn csv() -> String {
    let mut text = String::from("이름,이메일,회사명,휴대폰\n");
    for n in 0..40 {
        let email = match n {
            n if n % 10 == 3 => "minsu@acme.co.kr".to_owned(),
            n if n % 7 == 5 => format!("not-an-email-{n}"),
            n => format!("person{n}@acme.co.kr"),
        };
        text.push_str(&format!("사람{n},{email},에이크미,\n"));
    }
    text
}

#[wasm_bindgen_test]
async fn chunked_reading_gives_the_one_shot_report() {
    let table = read_table(csv().as_bytes(), &ParseOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    let leads = [existing()];
    let whole = import_rows(
        table.clone(),
        mapping.clone(),
        options(),
        &leads,
        &[],
        &mut counter(),
    )
    .unwrap();
    let importer = Importer::new(table, mapping, options(), &leads, &[]).unwrap();
    let mut seen = Vec::new();
    let mut next = counter();
    let chunked = read_all(importer, 3, &mut next, |p| seen.push(p.done)).await;
    assert_eq!(chunked, whole);
    assert_eq!(seen.len(), 14, "{seen:?}");
    assert_eq!(seen.last(), Some(&40));
    // Row 33 would be both: its e-mail is the existing lead's.
    assert_eq!(whole.rejected.len(), 4);
    assert_eq!(whole.duplicates.len(), 4);
    assert_eq!(whole.leads.len(), 32);

    // The report's local changes: one create per new lead, then one update of the
    // existing lead that the four repeats fold into (when asked for).
    let records = vec![new_record(&leads[0])];
    let skip = edits_of(&whole, &records, ExistingPolicy::Skip).unwrap();
    assert_eq!(skip.len(), 32);
    let fill = edits_of(&whole, &records, ExistingPolicy::FillEmpty).unwrap();
    assert_eq!(fill.len(), 33);
    let (record, body) = fill.last().unwrap();
    assert_eq!(record.id, leads[0].id.0);
    let OpBody::SetLeadFields { fields, .. } = body else {
        panic!("a field update")
    };
    assert_eq!(fields["company_name"], serde_json::json!("에이크미"));
}

#[wasm_bindgen_test]
fn rejected_rows_download_as_a_csv_that_reads_back() {
    let table = read_table(
        "이름,이메일\n=1+2,bad\n\"<img src=x onerror=alert(1)>\",also bad\n".as_bytes(),
        &ParseOptions::default(),
    )
    .unwrap();
    let report = import_rows(
        table.clone(),
        guess_mapping(&table.headers),
        options(),
        &[],
        &[],
        &mut counter(),
    )
    .unwrap();
    let text = rejected_csv(&table.headers, &report.rejected);
    assert!(text.contains("'=1+2"), "{text}");
    let again = read_table(text.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(again.headers, table.headers);
    assert_eq!(again.rows[1].cells[0], "<img src=x onerror=alert(1)>");
}

fn create_op(seq: u64, note_chars: usize) -> Operation {
    let mut lead = existing();
    lead.id = LeadId(Uuid::from_u128(u128::from(seq) + 1));
    lead.custom.insert(
        "note".into(),
        leadkit_shared::model::CustomValue::Text("메".repeat(note_chars)),
    );
    Operation {
        id: OpId(Uuid::from_u128(u128::from(seq) + 1_000_000)),
        replica: ReplicaId(Uuid::from_u128(9)),
        seq,
        hlc: Clock::new(ReplicaId(Uuid::from_u128(9))).tick(1),
        body: leadkit_shared::csv_io::create_op(&lead).unwrap(),
    }
}

#[wasm_bindgen_test]
fn a_large_import_is_pushed_in_bodies_under_the_limit() {
    // 5,000 imported leads with 2,000-character notes: ~7 KB each, so 200 of them
    // would be a 1.4 MB body.
    let pending: Vec<Operation> = (0..5_000).map(|n| create_op(n, 2_000)).collect();
    let mut rest = pending;
    let mut bodies = 0;
    while !rest.is_empty() {
        let batch = next_batch(rest[..rest.len().min(200)].to_vec(), 200, PUSH_BYTES);
        let size = serde_json::to_vec(&batch).unwrap().len();
        assert!(size < 1024 * 1024, "{size} bytes");
        assert!(!batch.is_empty());
        rest.drain(..batch.len());
        bodies += 1;
    }
    assert!(bodies > 25, "{bodies} bodies");
    // Small operations still go 200 at a time.
    let small: Vec<Operation> = (0..500).map(|n| create_op(n, 0)).collect();
    assert_eq!(next_batch(small, 200, PUSH_BYTES).len(), 200);
    // One operation over the limit still leaves (the server refuses it by name).
    let huge = vec![create_op(0, 400_000)];
    assert_eq!(next_batch(huge, 200, PUSH_BYTES).len(), 1);
}

#[wasm_bindgen_test]
fn a_cp949_file_reads_through_the_browsers_decoder() {
    let bytes = include_bytes!("../../shared/tests/fixtures/leads_cp949.csv");
    let table = read_table(bytes, &ParseOptions::default()).unwrap();
    assert_eq!(table.decoding.encoding, SourceEncoding::Cp949);
    assert_eq!(table.decoding.malformed_count, 0);
    let text: String = table
        .rows
        .iter()
        .flat_map(|row| row.cells.iter())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("김민수"), "{text}");
    // Hangul that plain EUC-KR lacks: the browser's "euc-kr" is windows-949.
    assert!(text.contains("똠방전자") && text.contains("최뷁"), "{text}");
    // A damaged sequence is counted, not dropped.
    let mut damaged = bytes.to_vec();
    damaged.extend_from_slice(b"\xFF\xFF,x\n");
    let table = read_table(&damaged, &ParseOptions::default()).unwrap();
    assert!(table.decoding.malformed_count >= 1);
}
