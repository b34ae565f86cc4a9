//! Fuzz target: CSV import, the whole path an uploaded file takes (decode → parse →
//! mapping → `Importer`). Properties: nothing panics, malformed bytes are counted, and
//! rows are conserved — imported + rejected + duplicate = data rows, each row once. The
//! row-accounting check and the CSV-ish byte generator are the import tests' own
//! (`csv_io::tests`); this adds arbitrary bytes and mutated valid files (CP949 or
//! UTF-8, with or without a BOM, CRLF, LF or CR).

use proptest::prelude::*;

use super::mutate::mutated;
use crate::csv_io::decode;
use crate::csv_io::tests::{csvish_bytes, import_anything};

/// A valid export-like file: a Korean or English header and rows of plausible and odd
/// cells, quoted where needed.
fn valid_csv() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "이름,이메일,회사,직함,전화번호",
        "name,email,company,title,phone",
        "First Name;Last Name;Email;Company",
        "이메일\t회사명\t부서",
    ]);
    let cell = prop_oneof![
        "[가-힣]{2,4}",
        "[a-z]{1,8}@[a-z]{1,6}\\.co\\.kr",
        "010-[0-9]{4}-[0-9]{4}",
        "\\PC{0,12}",
        Just("\"따옴표 \"\"안\"\"\"".to_owned()),
        Just("\"줄\n바꿈\"".to_owned()),
        Just("=HYPERLINK(\"x\")".to_owned()),
        Just(String::new()),
    ];
    (
        header,
        prop::collection::vec(prop::collection::vec(cell, 1..6), 0..12),
        prop::sample::select(vec![",", ";", "\t"]),
        prop::sample::select(vec!["\r\n", "\n", "\r"]),
    )
        .prop_map(|(header, rows, delimiter, eol)| {
            let mut text = header.to_owned();
            for row in rows {
                text.push_str(eol);
                text.push_str(&row.join(delimiter));
            }
            text
        })
}

/// A valid file in the encodings Korean teams send: UTF-8 (with or without a BOM) or
/// CP949, as Excel on Korean Windows saves it.
fn encoded_csv() -> impl Strategy<Value = Vec<u8>> {
    (valid_csv(), 0u8..3).prop_map(|(text, encoding)| match encoding {
        0 => text.into_bytes(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        _ => encoding_rs::EUC_KR.encode(&text).0.into_owned(),
    })
}

proptest! {
    #![proptest_config(super::config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let decoded = decode(&bytes);
        prop_assert!(decoded.decoding.malformed.len() <= decoded.decoding.malformed_count);
        import_anything(&bytes, 3)?;
    }

    #[test]
    fn every_row_is_imported_rejected_or_a_duplicate(
        bytes in csvish_bytes(),
        chunk in 1usize..8,
    ) {
        import_anything(&bytes, chunk)?;
    }

    #[test]
    fn mutated_valid_files_conserve_rows(
        (seed, bytes) in mutated(encoded_csv()),
        chunk in 1usize..8,
    ) {
        import_anything(&seed, chunk)?;
        let decoded = decode(&bytes);
        prop_assert!(decoded.decoding.malformed.len() <= decoded.decoding.malformed_count);
        import_anything(&bytes, chunk)?;
    }
}
