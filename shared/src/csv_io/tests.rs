//! Whole-import tests: the CP949 fixture, dedupe against a workspace and within the
//! file, chunked progress, and the properties the fuzz target rests on — no input
//! panics, every row is accounted for (run by `crate::fuzz::csv_import`), exports run no
//! formulas and read back as written.

use proptest::prelude::*;
use time::macros::datetime;
use uuid::Uuid;

use super::*;
use crate::forms::MapsTo;
use crate::identity::DuplicateReason;
use crate::model::{
    ConsentPurpose, ConsentRecord, CustomValue, Department, EntryPath, Lead, LeadId, WorkspaceId,
};
use crate::validation::Country;

fn options() -> ImportOptions {
    ImportOptions {
        workspace_id: WorkspaceId(Uuid::from_u128(7)),
        now: datetime!(2026-11-24 9:00 UTC),
        default_country: Country::Kr,
        consent_text_version: "csv-import-2026-11".into(),
        default_source: Some("csv-import".into()),
    }
}

/// Ids 1, 2, 3 … so tests can name them.
fn counter() -> impl FnMut() -> LeadId {
    let mut n = 0u128;
    move || {
        n += 1;
        LeadId(Uuid::from_u128(n))
    }
}

fn import(bytes: &[u8], existing: &[Lead]) -> (Table, ImportReport) {
    let table = read_table(bytes, &ParseOptions::default()).expect("readable");
    let mapping = guess_mapping(&table.headers);
    let report = import_rows(
        table.clone(),
        mapping,
        options(),
        existing,
        &[],
        &mut counter(),
    )
    .expect("mapping fits");
    (table, report)
}

fn lines<T>(rows: &[T], line: impl Fn(&T) -> u64) -> Vec<u64> {
    rows.iter().map(line).collect()
}

#[test]
fn the_cp949_fixture_reads_right() {
    let bytes = include_bytes!("../../tests/fixtures/leads_cp949.csv");
    let (table, report) = import(bytes, &[]);
    assert_eq!(table.decoding.encoding, SourceEncoding::Cp949);
    assert!(!table.decoding.is_lossy());
    assert_eq!(
        table.headers,
        [
            "이름",
            "회사명",
            "직책",
            "이메일",
            "휴대폰",
            "마케팅 수신 동의"
        ]
    );
    let names: Vec<&str> = report.leads.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["김민수", "박지은"]);
    let minsu = &report.leads[0];
    assert_eq!(minsu.entry_path, EntryPath::CsvImport);
    assert_eq!(minsu.company_name.as_deref(), Some("에이크미(주)"));
    assert_eq!(minsu.email.as_deref(), Some("minsu.kim@acme.co.kr"));
    assert_eq!(minsu.phone.as_deref(), Some("+821012345678"));
    assert_eq!(minsu.source.as_deref(), Some("csv-import"));
    let consent = minsu.consent(ConsentPurpose::MarketingMessages).unwrap();
    assert!(consent.granted);
    assert_eq!(consent.text_version, "csv-import-2026-11");
    // 똠 is one of the syllables CP949 adds to EUC-KR.
    assert_eq!(report.leads[1].company_name.as_deref(), Some("똠방전자"));
    assert!(!report.leads[1].consents[0].granted);
    // 최뷁's phone is too short: rejected, with the reason and the row as read.
    assert_eq!(report.rejected.len(), 1);
    let rejected = &report.rejected[0];
    assert_eq!(rejected.line, 4);
    assert_eq!(rejected.raw[1], "쌍용, 주식회사");
    assert_eq!(rejected.problems[0].code(), "invalid_phone");
    assert_eq!(rejected.problems[0].column(), Some("휴대폰"));
    assert_eq!(
        serde_json::to_value(&rejected.problems[0]).unwrap(),
        serde_json::json!({
            "column": "휴대폰",
            "code": "invalid_phone",
            "message": "휴대폰 has 4 digits after 010, which is not a valid length"
        })
    );
}

#[test]
fn cp949_made_by_encoding_rs_reads_like_utf8() {
    let text = "성명,회사,부서,전화번호\r\n김민수,에이크미,마케팅팀,02-1234-5678\r\n\
                남궁뷁,똠방각하 주식회사,개발팀,031)123-4567\r\n";
    let (cp949, _, unmappable) = encoding_rs::EUC_KR.encode(text);
    assert!(!unmappable);
    let (from_cp949, a) = import(&cp949, &[]);
    let (from_utf8, b) = import(text.as_bytes(), &[]);
    assert_eq!(from_cp949.decoding.encoding, SourceEncoding::Cp949);
    assert_eq!(from_cp949.rows, from_utf8.rows);
    assert_eq!(a, b);
    assert_eq!(a.leads[1].department, Some(Department::Engineering));
    assert_eq!(a.leads[1].phone.as_deref(), Some("+82311234567"));
}

#[test]
fn duplicates_name_the_lead_they_match() {
    let mut existing = Lead::new(
        LeadId(Uuid::from_u128(1000)),
        options().workspace_id,
        "김민수",
        EntryPath::Form,
        datetime!(2026-01-01 0:00 UTC),
    );
    existing.email = Some("minsu.kim@acme.co.kr".into());
    let csv = "이름,이메일,휴대폰\n\
               김민수,MINSU.KIM@acme.co.kr,\n\
               박지은,jieun@acme.co.kr,010-2345-6789\n\
               박지은,,01023456789\n\
               이서준,seojun@acme.co.kr,\n";
    let (_, report) = import(csv.as_bytes(), std::slice::from_ref(&existing));
    assert_eq!(lines(&report.leads, |l| l.email.is_some() as u64), [1, 1]);
    let names: Vec<&str> = report.leads.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["박지은", "이서준"]);
    assert_eq!(lines(&report.duplicates, |d| d.line), [2, 4]);

    let first = &report.duplicates[0];
    assert_eq!(first.matches.len(), 1);
    assert_eq!(first.matches[0].matched.lead_id, existing.id);
    assert_eq!(first.matches[0].file_line, None);
    assert_eq!(
        first.matches[0].matched.reasons,
        [DuplicateReason::SameEmail]
    );
    assert!(first.matches[0].matched.auto_merge);

    // Row 4 repeats row 3's phone: it names the lead row 3 became.
    let second = &report.duplicates[1];
    assert_eq!(second.matches[0].file_line, Some(3));
    assert_eq!(second.matches[0].matched.lead_id, report.leads[0].id);
    assert!(
        second.matches[0]
            .matched
            .reasons
            .contains(&DuplicateReason::SamePhone)
    );
}

#[test]
fn chunks_report_progress_and_add_up_to_one_pass() {
    let mut csv = String::from("이름,이메일\n");
    for i in 0..23 {
        let email = if i % 5 == 0 {
            "broken"
        } else {
            "ok@acme.co.kr"
        };
        csv.push_str(&format!(
            "사람{i},{}\n",
            email.replace("ok", &format!("p{}", i % 7))
        ));
    }
    let table = read_table(csv.as_bytes(), &ParseOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    let mut importer = Importer::new(table.clone(), mapping.clone(), options(), &[], &[]).unwrap();
    let mut ids = counter();
    let mut seen = Vec::new();
    while !importer.is_done() {
        seen.push(importer.step(10, &mut ids));
    }
    let done: Vec<(usize, usize)> = seen.iter().map(|p| (p.done, p.total)).collect();
    assert_eq!(done, [(10, 23), (20, 23), (23, 23)]);
    let last = seen[2];
    assert_eq!(last.imported + last.rejected + last.duplicates, 23);
    assert_eq!(last.fraction(), 1.0);
    let chunked = importer.finish(&mut ids);
    let whole = import_rows(table, mapping, options(), &[], &[], &mut counter()).unwrap();
    assert_eq!(chunked, whole);
    assert_eq!(whole.rejected.len(), 5);
}

#[test]
fn a_mapping_that_does_not_fit_is_refused() {
    let table = read_table("메모,회사\nx,y\n".as_bytes(), &ParseOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    assert_eq!(
        Importer::new(table, mapping, options(), &[], &[]).err(),
        Some(MappingError::NoNameOrEmail)
    );
}

#[test]
fn a_generated_workspace_round_trips() {
    let data = crate::fixtures::generate(&crate::fixtures::DatasetSpec {
        touches_per_lead: 0,
        ..crate::fixtures::DatasetSpec::new(11, 2_000, datetime!(2026-11-24 0:00 UTC))
    });
    let mut columns = default_export_columns();
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::GivenName)));
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::FamilyName)));
    let csv = export_csv(&data.leads, &columns, HeaderLanguage::Ko);
    let (table, report) = import(csv.as_bytes(), &[]);
    assert_eq!(table.rows.len(), data.leads.len());
    assert_eq!(report.rejected, []);
    assert_eq!(
        report.leads.len() + report.duplicates.len(),
        data.leads.len()
    );
    // Re-entered people (5% of the fixture) are found again within the file.
    assert!(!report.duplicates.is_empty());
}

// ---------------------------------------------------------------------------
// Properties.

/// Bytes that look like CSV often enough to reach the importer: delimiters, quotes,
/// line ends, Korean in UTF-8 and CP949 lead/trail bytes, BOMs.
pub(crate) fn csvish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just("이름".as_bytes().to_vec()),
        Just("이메일".as_bytes().to_vec()),
        Just(b"kim@acme.co.kr".to_vec()),
        Just(b"010-1234-5678".to_vec()),
        Just(b"=1+1".to_vec()),
        Just(b"'".to_vec()),
        Just(vec![0xB1, 0xE8]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        any::<u8>().prop_map(|b| vec![b]),
        "[a-z가-힣 ]{0,6}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// Imports whatever `bytes` are, pointing column 1 at the name when nothing names the
/// person so the importer runs on any table, and checks that every row is accounted
/// for exactly once.
pub(crate) fn import_anything(bytes: &[u8], chunk: usize) -> Result<(), TestCaseError> {
    let Ok(table) = read_table(bytes, &ParseOptions::default()) else {
        return Ok(());
    };
    let mut mapping = guess_mapping(&table.headers);
    if mapping.check(&table.headers) == Err(MappingError::NoNameOrEmail) {
        mapping
            .set(0, ColumnTarget::Field(MapsTo::Name))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    prop_assert_eq!(mapping.check(&table.headers), Ok(()));
    let mut importer = Importer::new(table.clone(), mapping, options(), &[], &[])
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut ids = counter();
    while !importer.is_done() {
        let before = importer.progress().done;
        let progress = importer.step(chunk, &mut ids);
        prop_assert!(progress.done > before && progress.done <= progress.total);
    }
    let report = importer.finish(&mut ids);
    prop_assert_eq!(
        report.leads.len() + report.rejected.len() + report.duplicates.len(),
        table.rows.len()
    );
    // Rejected and duplicate rows are distinct rows of the file (lines are unique per
    // row), so with the count above every row is in exactly one list.
    let mut flagged: Vec<u64> = report
        .rejected
        .iter()
        .map(|r| r.line)
        .chain(report.duplicates.iter().map(|d| d.line))
        .collect();
    flagged.sort_unstable();
    let before = flagged.len();
    flagged.dedup();
    prop_assert_eq!(flagged.len(), before);
    let lines: std::collections::BTreeSet<u64> = table.rows.iter().map(|r| r.line).collect();
    prop_assert!(flagged.iter().all(|l| lines.contains(l)));
    for rejected in &report.rejected {
        prop_assert!(!rejected.problems.is_empty());
    }
    for lead in report
        .leads
        .iter()
        .chain(report.duplicates.iter().map(|d| &d.lead))
    {
        prop_assert!(!lead.name.trim().is_empty());
        prop_assert_eq!(lead.entry_path, EntryPath::CsvImport);
    }
    Ok(())
}

/// Text a person might type in any field, formula triggers, quotes, delimiters and
/// line breaks included; trimmed, as every imported value is.
fn field_text() -> impl Strategy<Value = String> {
    "[가-힣a-zA-Z0-9=+\\-@'\" ,;\t\r\n＝ㄱ-ㅎ]{1,16}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn maybe_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(field_text())
}

/// A lead as an import makes it: e-mail in normal form, phone in E.164, department
/// with the words it was written in, text custom fields, consents by purpose.
fn imported_lead() -> impl Strategy<Value = Lead> {
    let person = (
        field_text(),
        maybe_text(),
        maybe_text(),
        prop::option::of("[a-z]{1,8}(\\.[a-z]{1,5})?@[a-z]{1,8}\\.(com|co\\.kr)"),
        prop::option::of("010[0-9]{8}"),
        maybe_text(),
        maybe_text(),
    );
    let more = (
        prop::option::of(prop::sample::select(vec![
            "마케팅팀",
            "Sales",
            "개발팀",
            "총괄",
            "marketing",
            "it",
        ])),
        prop::collection::btree_map(
            prop::sample::select(vec![
                "country", "region", "city", "industry", "budget", "예산",
            ]),
            field_text(),
            0..4,
        ),
        prop::option::of(0u32..100_000),
        (maybe_text(), maybe_text(), maybe_text()),
        prop::collection::vec(prop::option::of(any::<bool>()), 3),
    );
    (person, more).prop_map(
        |(
            (name, given, family, email, phone, company, title),
            (department, custom, employees, (source, utm_source, notes), consents),
        )| {
            let mut lead = Lead::new(
                LeadId(Uuid::nil()),
                options().workspace_id,
                name,
                EntryPath::CsvImport,
                options().now,
            );
            lead.given_name = given;
            lead.family_name = family;
            lead.email = email;
            lead.phone = phone.map(|p| format!("+82{}", &p[1..]));
            lead.company_name = company;
            lead.title = title;
            lead.source = source;
            lead.utm.source = utm_source;
            lead.custom = custom
                .into_iter()
                .map(|(k, v)| (k.to_owned(), CustomValue::Text(v)))
                .collect();
            if let Some(notes) = notes {
                lead.custom
                    .insert("description".into(), CustomValue::Text(notes));
            }
            if let Some(n) = employees {
                lead.custom
                    .insert("employee_count".into(), CustomValue::Number(f64::from(n)));
            }
            if let Some(words) = department {
                let department = values::department_of(words);
                lead.department = Some(department);
                if words != department.as_str() {
                    lead.custom
                        .insert("department".into(), CustomValue::Text(words.into()));
                }
            }
            let purposes = [
                ConsentPurpose::PersonalInfoCollection,
                ConsentPurpose::MarketingMessages,
                ConsentPurpose::ThirdPartySharing,
            ];
            for (purpose, granted) in purposes.into_iter().zip(consents) {
                if let Some(granted) = granted {
                    lead.consents.push(ConsentRecord {
                        purpose,
                        granted,
                        text_version: options().consent_text_version,
                        at: options().now,
                    });
                }
            }
            lead
        },
    )
}

/// What a round trip must keep of a lead.
fn kept(lead: &Lead) -> impl PartialEq + std::fmt::Debug {
    (
        (
            lead.name.clone(),
            lead.given_name.clone(),
            lead.family_name.clone(),
            lead.email.clone(),
            lead.phone.clone(),
            lead.company_name.clone(),
            lead.title.clone(),
        ),
        (
            lead.department,
            lead.source.clone(),
            lead.utm.clone(),
            lead.custom.clone(),
            lead.consents
                .iter()
                .map(|c| (c.purpose, c.granted))
                .collect::<Vec<_>>(),
        ),
    )
}

fn every_column(custom_keys: &[&str]) -> Vec<ExportColumn> {
    let mut columns = default_export_columns();
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::GivenName)));
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::FamilyName)));
    columns.extend(custom_keys.iter().map(|key| {
        ExportColumn::Field(ColumnTarget::Field(MapsTo::Custom {
            key: (*key).to_owned(),
        }))
    }));
    columns
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn exported_cells_never_start_a_formula(
        leads in prop::collection::vec(imported_lead(), 0..6),
        language in prop::sample::select(vec![HeaderLanguage::Ko, HeaderLanguage::En]),
    ) {
        let csv = export_csv(&leads, &every_column(&["budget", "예산"]), language);
        let bom = csv.starts_with('\u{FEFF}');
        prop_assert!(bom);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.map_err(|e| TestCaseError::fail(e.to_string()))?;
            for cell in record.iter() {
                prop_assert!(!is_formula_risk(cell), "{:?}", cell);
            }
            rows += 1;
        }
        prop_assert_eq!(rows, leads.len() + 1);
    }

    #[test]
    fn export_then_import_gives_the_same_fields(
        leads in prop::collection::vec(imported_lead(), 1..6),
        language in prop::sample::select(vec![HeaderLanguage::Ko, HeaderLanguage::En]),
    ) {
        let custom_keys = ["budget", "예산", "department"];
        let csv = export_csv(&leads, &every_column(&custom_keys), language);
        let table = read_table(csv.as_bytes(), &ParseOptions::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(table.decoding.bom, true);
        let mapping = guess_mapping(&table.headers);
        let row_lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
        prop_assert_eq!(row_lines.len(), leads.len());
        // Dedupe is not what is tested here: no existing leads, and rows that match
        // each other come back as duplicates with their lead intact.
        let report = import_rows(table, mapping, options(), &[], &[], &mut counter())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&report.rejected, &[]);
        // Both lists are in file order: merge them back into rows.
        let mut back: Vec<(u64, &Lead)> = report
            .duplicates
            .iter()
            .map(|d| (d.line, &d.lead))
            .collect();
        let mut good = report.leads.iter();
        for line in row_lines {
            if !report.duplicates.iter().any(|d| d.line == line) {
                let lead = good.next().ok_or_else(|| TestCaseError::fail("too few leads"))?;
                back.push((line, lead));
            }
        }
        back.sort_by_key(|(line, _)| *line);
        prop_assert_eq!(back.len(), leads.len());
        for (original, (_, again)) in leads.iter().zip(back) {
            let mut expected = original.clone();
            // The import fills the default source where a row names none.
            if expected.source.is_none() {
                expected.source = options().default_source;
            }
            prop_assert_eq!(kept(&expected), kept(again));
        }
    }
}

fn existing_minsu() -> Lead {
    let mut existing = Lead::new(
        LeadId(Uuid::from_u128(1000)),
        options().workspace_id,
        "김민수",
        EntryPath::Form,
        datetime!(2026-01-01 0:00 UTC),
    );
    existing.email = Some("minsu.kim@acme.co.kr".into());
    existing.title = Some("팀장".into());
    existing
}

#[test]
fn duplicates_fold_into_the_existing_lead_per_policy() {
    let existing = existing_minsu();
    let csv = "이름,이메일,직함,휴대폰\n\
               김민수,minsu.kim@acme.co.kr,이사,010-1234-5678\n\
               박지은,jieun@acme.co.kr,,\n\
               박지은,jieun@acme.co.kr,,\n\
               김민수,minsu.kim@acme.co.kr,,\n";
    let (_, report) = import(csv.as_bytes(), std::slice::from_ref(&existing));
    let classes: Vec<DuplicateClass> = report.duplicates.iter().map(duplicate_class).collect();
    assert_eq!(
        classes,
        [
            DuplicateClass::Existing(existing.id),
            DuplicateClass::InFile(3),
            DuplicateClass::Existing(existing.id),
        ]
    );
    let cases = [
        (ExistingPolicy::Skip, (1, 0, 3), None),
        (
            ExistingPolicy::FillEmpty,
            (1, 2, 1),
            Some(serde_json::json!({"phone": "+821012345678"})),
        ),
        (
            ExistingPolicy::Overwrite,
            (1, 2, 1),
            Some(serde_json::json!({"phone": "+821012345678", "title": "이사"})),
        ),
    ];
    for (policy, (imported, updated, skipped), fields) in cases {
        let counts = ImportCounts::of(&report, policy);
        assert_eq!(
            (counts.imported, counts.updated, counts.skipped),
            (imported, updated, skipped),
            "{policy:?}"
        );
        assert_eq!(counts.in_file, 1);
        assert_eq!(counts.total(), 4);
        let ops = existing_updates(&report, std::slice::from_ref(&existing), policy).unwrap();
        match fields {
            None => assert!(ops.is_empty()),
            Some(expected) => {
                // Two rows for one lead fold into one operation.
                assert_eq!(ops.len(), 1, "{policy:?}");
                let crate::sync::OpBody::SetLeadFields { lead_id, fields } = &ops[0] else {
                    panic!("a field update")
                };
                assert_eq!(*lead_id, existing.id);
                let mut fields = fields.clone();
                // The source the import names is filled either way (the lead had none).
                assert_eq!(
                    fields.remove("source"),
                    Some(serde_json::json!("csv-import"))
                );
                assert_eq!(
                    serde_json::to_value(&fields).unwrap(),
                    expected,
                    "{policy:?}"
                );
            }
        }
    }
}

#[test]
fn a_new_lead_is_created_by_one_operation_of_all_its_fields() {
    let (_, report) = import("이름,이메일\n김민수,minsu@acme.co.kr\n".as_bytes(), &[]);
    let lead = &report.leads[0];
    let record = new_record(lead);
    assert_eq!(record.form_id, "csv_import");
    assert_eq!(record.email, "minsu@acme.co.kr");
    let crate::sync::OpBody::SetLeadFields { lead_id, fields } = create_op(lead).unwrap() else {
        panic!("a field update")
    };
    assert_eq!(lead_id, lead.id);
    assert_eq!(fields["name"], serde_json::json!("김민수"));
    assert_eq!(fields["entry_path"], serde_json::json!("csv_import"));
}

#[test]
fn rejected_rows_download_neutralised_and_read_back_as_written() {
    let csv = "이름,이메일\n=HYPERLINK(\"x\"),not-an-email\n\"a, b\",also bad\n";
    let (table, report) = import(csv.as_bytes(), &[]);
    assert_eq!(report.rejected.len(), 2);
    let out = rejected_csv(&table.headers, &report.rejected);
    assert!(out.starts_with('\u{FEFF}'));
    assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{out}");
    let again = read_table(out.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(again.headers, table.headers);
    let raw: Vec<Vec<String>> = again.rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(raw[1], ["a, b", "also bad"]);
    assert_eq!(super::unneutralise(&raw[0][0]), "=HYPERLINK(\"x\")");
}

#[test]
fn two_columns_on_one_field_are_refused_at_the_later_one() {
    let headers: Vec<String> = ["이메일", "이름", "메일"].map(String::from).to_vec();
    let mut mapping = guess_mapping(&headers);
    assert_eq!(mapping.check(&headers), Ok(()));
    mapping
        .set(2, ColumnTarget::Field(MapsTo::Email))
        .expect("a column");
    let error = mapping.check(&headers).unwrap_err();
    assert_eq!(
        error,
        MappingError::SameTarget {
            column: 3,
            first: 1
        }
    );
    assert_eq!(error.column_index(), Some(2));
    // Custom fields may share a key-less target kind; ignoring the column settles it.
    mapping.set(2, ColumnTarget::Ignore).expect("a column");
    assert_eq!(mapping.check(&headers), Ok(()));
    assert!(target_choices("메일").contains(&ColumnTarget::Ignore));
}
