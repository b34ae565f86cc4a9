//! CSV import of 100k rows: a generated workspace exported the way the app exports it
//! (UTF-8 with a BOM, Korean headers), then read, mapped and imported as an upload
//! would be — decode and parse, then rows to leads with validation, account matching
//! and dedupe. Prints rows per second for the whole path.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use leadkit_shared::csv_io::{
    ColumnTarget, ExportColumn, HeaderLanguage, ImportOptions, ParseOptions,
    default_export_columns, export_csv, guess_mapping, import_rows, read_table,
};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::forms::MapsTo;
use leadkit_shared::model::LeadId;
use leadkit_shared::validation::Country;
use time::macros::datetime;
use uuid::Uuid;

const ROWS: usize = 100_000;

fn ids() -> impl FnMut() -> LeadId {
    let mut n = 0u128;
    move || {
        n += 1;
        LeadId(Uuid::from_u128(n))
    }
}

fn csv_import(c: &mut Criterion) {
    let now = datetime!(2026-11-24 0:00 UTC);
    let mut spec = DatasetSpec::new(42, ROWS, now);
    // Touches are not exported; leaving them out keeps setup fast.
    spec.touches_per_lead = 0;
    let data = generate(&spec);
    let mut columns = default_export_columns();
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::GivenName)));
    columns.push(ExportColumn::Field(ColumnTarget::Field(MapsTo::FamilyName)));
    let file = export_csv(&data.leads, &columns, HeaderLanguage::Ko).into_bytes();
    let options = ImportOptions {
        workspace_id: data.workspace.id,
        now,
        default_country: Country::Kr,
        consent_text_version: "csv-import-2026-11".into(),
        default_source: None,
    };
    let parse = ParseOptions::default();

    let import_all = |bytes: &[u8]| {
        let table = read_table(bytes, &parse).expect("readable");
        let mapping = guess_mapping(&table.headers);
        import_rows(
            table,
            mapping,
            options.clone(),
            &[],
            &data.accounts,
            &mut ids(),
        )
        .expect("mapping fits")
    };

    // One timed pass for the figure people quote.
    let started = Instant::now();
    let report = import_all(&file);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "csv_import_100k: {} rows ({:.1} MB) in {secs:.2} s = {:.0} rows/s; {} imported, {} duplicates, {} rejected",
        ROWS,
        file.len() as f64 / 1e6,
        ROWS as f64 / secs,
        report.leads.len(),
        report.duplicates.len(),
        report.rejected.len(),
    );

    let mut group = c.benchmark_group("csv_import_100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("read_table", |b| {
        b.iter(|| read_table(black_box(&file), &parse))
    });
    let table = read_table(&file, &parse).expect("readable");
    let mapping = guess_mapping(&table.headers);
    group.bench_function("import_rows", |b| {
        b.iter_batched(
            || (table.clone(), mapping.clone()),
            |(table, mapping)| {
                import_rows(
                    table,
                    mapping,
                    options.clone(),
                    &[],
                    &data.accounts,
                    &mut ids(),
                )
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("read_and_import", |b| {
        b.iter(|| import_all(black_box(&file)))
    });
    group.bench_function("export_csv", |b| {
        b.iter(|| export_csv(black_box(&data.leads), &columns, HeaderLanguage::Ko))
    });
    group.finish();
}

criterion_group!(benches, csv_import);
criterion_main!(benches);
