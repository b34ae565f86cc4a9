//! CP949 (EUC-KR) files read by the browser's own `TextDecoder`: the WHATWG "euc-kr"
//! decoder is windows-949, the same mapping encoding_rs implements, and using it keeps
//! every legacy encoding table out of the app's wasm (~200 KB gzip).

use leadkit_shared::csv_io::{Decoded, cp949_from_replaced};

/// Decodes `bytes` as CP949, each invalid sequence as U+FFFD (counted by the shared
/// `cp949_from_replaced`). A browser without the decoder gives U+FFFD for every
/// non-ASCII byte rather than failing the import: the report then says how many bytes
/// could not be read.
pub fn browser_cp949(bytes: &[u8]) -> Decoded {
    let text = web_sys::TextDecoder::new_with_label("euc-kr")
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .unwrap_or_else(|_| {
            bytes
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                })
                .collect()
        });
    cp949_from_replaced(text)
}
