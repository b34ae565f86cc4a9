//! The app's IndexedDB layer in a real headless Chromium: what is written reads back,
//! survives closing and reopening the database, and a pull's page and cursor land
//! together.

use leadkit_app::data::LeadStore;
use leadkit_shared::api::LeadRecord;
use time::macros::datetime;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn lead(seq: u64, name: &str) -> LeadRecord {
    LeadRecord {
        id: Uuid::from_u128(0xfeed_0000 + u128::from(seq)),
        seq,
        form_id: "contact".into(),
        email: format!("lead{seq}@acme.co.kr"),
        name: name.into(),
        company: "에이크미".into(),
        captured_at: datetime!(2026-11-24 09:00 +09:00),
        stage: None,
        scores: None,
        record: None,
        stamps: Default::default(),
    }
}

/// A database name no other test uses, so tests never see each other's data.
fn fresh_name(test: &str) -> String {
    format!("leadkit-test-{test}-{}", js_sys::Math::random())
}

fn by_seq(mut leads: Vec<LeadRecord>) -> Vec<LeadRecord> {
    leads.sort_by_key(|l| l.seq);
    leads
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty_with_cursor_zero() {
    let store = LeadStore::open(&fresh_name("empty")).await.unwrap();
    assert!(store.all_leads().await.unwrap().is_empty());
    assert_eq!(store.pull_cursor().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn pulled_leads_read_back_and_survive_reopening() {
    let name = fresh_name("reopen");
    let first_page = vec![lead(1, "김민수"), lead(2, "이지은")];
    let store = LeadStore::open(&name).await.unwrap();
    store.save_pulled(&first_page, 2).await.unwrap();
    assert_eq!(by_seq(store.all_leads().await.unwrap()), first_page);
    store.close();

    let reopened = LeadStore::open(&name).await.unwrap();
    assert_eq!(by_seq(reopened.all_leads().await.unwrap()), first_page);
    assert_eq!(reopened.pull_cursor().await.unwrap(), 2);

    reopened.save_pulled(&[lead(3, "박서준")], 3).await.unwrap();
    let all = by_seq(reopened.all_leads().await.unwrap());
    assert_eq!(all.len(), 3);
    assert_eq!(all[2].name, "박서준");
    assert_eq!(reopened.pull_cursor().await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn saving_a_lead_again_replaces_it_instead_of_duplicating() {
    let store = LeadStore::open(&fresh_name("replace")).await.unwrap();
    store.save_pulled(&[lead(1, "Kim")], 1).await.unwrap();
    let mut renamed = lead(1, "Kim Minsu");
    renamed.seq = 4;
    store.save_pulled(&[renamed.clone()], 4).await.unwrap();
    assert_eq!(store.all_leads().await.unwrap(), vec![renamed]);
}

#[wasm_bindgen_test]
async fn a_base_larger_than_one_read_page_reads_back_whole_and_page_by_page() {
    // One more lead than two read pages: the last page holds one.
    let count = 10_001;
    let leads: Vec<LeadRecord> = (1..=count).map(|seq| lead(seq, "김민수")).collect();
    let store = LeadStore::open(&fresh_name("pages")).await.unwrap();
    store.save_pulled(&leads, count).await.unwrap();

    assert_eq!(by_seq(store.all_leads().await.unwrap()), leads);

    let mut sizes = Vec::new();
    let mut read = store.leads_page(None).await.unwrap();
    sizes.push(read.leads.len());
    while let Some(after) = read.next {
        read = store.leads_page(Some(after)).await.unwrap();
        sizes.push(read.leads.len());
    }
    assert_eq!(sizes, vec![5_000, 5_000, 1]);
}

#[wasm_bindgen_test]
async fn a_settings_save_keeps_document_operation_and_sequence_together() {
    use leadkit_shared::sync::{OpBody, OpId, Operation, SettingsWrite};
    let name = fresh_name("settings");
    let store = LeadStore::open(&name).await.expect("opens");
    let mut replica = store.replica().await.expect("replica");
    let id = Uuid::from_u128(0x5e9);
    let op = Operation {
        id: OpId(Uuid::from_u128(0x0b)),
        replica: replica.replica,
        seq: replica.next_seq,
        hlc: replica.clock.tick(1_000),
        body: OpBody::SaveSettings {
            write: SettingsWrite::DeleteSegment { id },
        },
    };
    replica.next_seq += 1;
    let document = vec![id.to_string()];
    store
        .record_settings("segments-test", &document, &op, &replica)
        .await
        .expect("saves");
    store.close();
    // Reopened, as after closing the tab: all three parts are there.
    let store = LeadStore::open(&name).await.expect("reopens");
    assert_eq!(store.pending().await.expect("pending"), vec![op]);
    assert_eq!(
        store
            .document::<Vec<String>>("segments-test")
            .await
            .expect("reads"),
        Some(document)
    );
    assert_eq!(store.replica().await.expect("replica").next_seq, 2);
}
