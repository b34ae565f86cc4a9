//! Bytes of an uploaded file to text. Korean teams get CSV files from Excel on Korean
//! Windows (CP949), from web tools (UTF-8, often with a BOM) and now and then from
//! "Unicode text" exports (UTF-16 with a BOM); the file does not say which, so it is
//! told from the bytes. Bytes that are invalid in the chosen encoding become U+FFFD and
//! are reported with their line, never a panic and never a silent loss.

use serde::{Deserialize, Serialize};

/// Most malformed sequences listed one by one; the rest are only counted.
pub const MAX_MALFORMED_LISTED: usize = 100;

/// Valid non-ASCII UTF-8 characters needed per invalid sequence to still read a file
/// as UTF-8 with a few damaged bytes rather than as CP949: a CP949 file of Korean text
/// is mostly invalid as UTF-8, a UTF-8 file with one bad byte is mostly valid.
const UTF8_VALID_PER_INVALID: usize = 10;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16 little-endian, told by its byte order mark.
    Utf16Le,
    /// UTF-16 big-endian, told by its byte order mark.
    Utf16Be,
    /// CP949 (windows-949), the superset of EUC-KR that Korean Windows saves.
    Cp949,
}

impl SourceEncoding {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Cp949 => "CP949 (EUC-KR)",
        }
    }
}

/// Where a byte sequence that is invalid in the file's encoding was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Malformed {
    /// The text line (1-based) it fell on.
    pub line: u64,
    /// Its first byte's offset in the file.
    pub byte_offset: usize,
}

/// How a file was decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoding {
    /// The encoding chosen.
    pub encoding: SourceEncoding,
    /// Whether the file started with a byte order mark (dropped from the text).
    pub bom: bool,
    /// The first [`MAX_MALFORMED_LISTED`] invalid sequences, each now one U+FFFD.
    pub malformed: Vec<Malformed>,
    /// How many invalid sequences there were in all.
    pub malformed_count: usize,
}

impl Decoding {
    /// Plain UTF-8 without a BOM or damage: what text that never was bytes is.
    pub fn utf8() -> Self {
        Self {
            encoding: SourceEncoding::Utf8,
            bom: false,
            malformed: Vec::new(),
            malformed_count: 0,
        }
    }

    /// Whether some bytes could not be read, so U+FFFD in the text may stand for them.
    pub fn is_lossy(&self) -> bool {
        self.malformed_count > 0
    }
}

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte order mark.
    pub text: String,
    /// How it was read.
    pub decoding: Decoding,
}

/// Decodes a file: a UTF-8 or UTF-16 byte order mark decides; without one, valid UTF-8
/// (or UTF-8 with only a few damaged bytes) is UTF-8 and anything else is CP949.
#[cfg(feature = "cp949")]
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, &decode_cp949)
}

/// A CP949 decoder: the file's bytes to its text.
pub type Cp949Decoder<'a> = &'a dyn Fn(&[u8]) -> Decoded;

/// [`decode`] with the CP949 decoding given by the caller (the app passes the browser's
/// `TextDecoder`, see [`cp949_from_replaced`]).
pub fn decode_with(bytes: &[u8], cp949: Cp949Decoder<'_>) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, 3, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, SourceEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, SourceEncoding::Utf16Be);
    }
    if looks_like_utf8(bytes) {
        decode_utf8(bytes, 0, false)
    } else {
        cp949(bytes)
    }
}

/// The result of a CP949 decoder that put U+FFFD for each invalid sequence without
/// saying where (the WHATWG `TextDecoder` of "euc-kr", the same windows-949 mapping as
/// encoding_rs's): CP949 maps no sequence to U+FFFD, so each one in `text` is a damaged
/// sequence. They are counted; their positions are not known, so none is listed.
pub fn cp949_from_replaced(text: String) -> Decoded {
    let malformed_count = text.matches(char::REPLACEMENT_CHARACTER).count();
    Decoded {
        text,
        decoding: Decoding {
            encoding: SourceEncoding::Cp949,
            bom: false,
            malformed: Vec::new(),
            malformed_count,
        },
    }
}

/// Whether `bytes` are UTF-8, allowing one invalid sequence per
/// [`UTF8_VALID_PER_INVALID`] valid non-ASCII characters.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    let (mut non_ascii, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || non_ascii >= invalid.saturating_mul(UTF8_VALID_PER_INVALID)
}

/// Builds the text, counting lines so each invalid sequence is reported where it is.
struct Output {
    text: String,
    line: u64,
    /// Bytes of `text` already scanned for newlines.
    scanned: usize,
    malformed: Vec<Malformed>,
    malformed_count: usize,
}

impl Output {
    fn with_capacity(n: usize) -> Self {
        Self {
            text: String::with_capacity(n),
            line: 1,
            scanned: 0,
            malformed: Vec::new(),
            malformed_count: 0,
        }
    }

    /// Records an invalid sequence at `byte_offset` and puts U+FFFD in its place.
    fn malformed(&mut self, byte_offset: usize) {
        let fresh = &self.text.as_bytes()[self.scanned..];
        self.line += fresh.iter().filter(|&&b| b == b'\n').count() as u64;
        self.scanned = self.text.len();
        if self.malformed.len() < MAX_MALFORMED_LISTED {
            self.malformed.push(Malformed {
                line: self.line,
                byte_offset,
            });
        }
        self.malformed_count += 1;
        self.text.push(char::REPLACEMENT_CHARACTER);
    }

    fn finish(self, encoding: SourceEncoding, bom: bool) -> Decoded {
        Decoded {
            text: self.text,
            decoding: Decoding {
                encoding,
                bom,
                malformed: self.malformed,
                malformed_count: self.malformed_count,
            },
        }
    }
}

/// `bytes` start at `offset` in the file.
fn decode_utf8(bytes: &[u8], offset: usize, bom: bool) -> Decoded {
    let mut out = Output::with_capacity(bytes.len());
    let mut at = offset;
    for chunk in bytes.utf8_chunks() {
        out.text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.malformed(at);
            at += chunk.invalid().len();
        }
    }
    out.finish(SourceEncoding::Utf8, bom)
}

/// `bytes` follow the two-byte BOM.
fn decode_utf16(bytes: &[u8], encoding: SourceEncoding) -> Decoded {
    let big_endian = encoding == SourceEncoding::Utf16Be;
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out = Output::with_capacity(bytes.len());
    // Offset in the file of the next unit: after the BOM.
    let mut at = 2;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                out.text.push(c);
                at += 2 * c.len_utf16();
            }
            Err(_) => {
                // An unpaired surrogate: one unit.
                out.malformed(at);
                at += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        // A last byte without its pair: the file was cut.
        out.malformed(at);
    }
    out.finish(encoding, true)
}

#[cfg(feature = "cp949")]
fn decode_cp949(bytes: &[u8]) -> Decoded {
    // encoding_rs's EUC-KR is the WHATWG one: windows-949, every CP949 extension
    // included (the 8,822 Hangul syllables EUC-KR lacks).
    let mut decoder = encoding_rs::EUC_KR.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, n: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n.saturating_mul(3))
    };
    let mut out = Output::with_capacity(room(&decoder, bytes.len()));
    let mut read_total = 0;
    loop {
        let rest = &bytes[read_total..];
        let (result, read) =
            decoder.decode_to_string_without_replacement(rest, &mut out.text, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                let need = room(&decoder, bytes.len() - read_total).max(4);
                out.text.reserve(need);
            }
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                let start = read_total
                    .saturating_sub(usize::from(extra))
                    .saturating_sub(usize::from(bad));
                out.malformed(start);
            }
        }
    }
    out.finish(SourceEncoding::Cp949, false)
}

#[cfg(all(test, feature = "cp949"))]
mod tests {
    use super::*;

    fn cp949(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(text);
        assert!(!unmappable, "{text} is not all CP949");
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn encodings_are_told_from_the_bytes() {
        // 똠방각하 and 뷁 are CP949 extensions outside EUC-KR's 2,350 syllables.
        let text = "이름,회사\r\n김민수,똠방각하 뷁\r\n";
        let cases: Vec<(&str, Vec<u8>, SourceEncoding, bool)> = vec![
            (
                "utf-8",
                text.as_bytes().to_vec(),
                SourceEncoding::Utf8,
                false,
            ),
            (
                "utf-8 with bom",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                SourceEncoding::Utf8,
                true,
            ),
            ("cp949", cp949(text), SourceEncoding::Cp949, false),
            (
                "utf-16le",
                utf16(text, false),
                SourceEncoding::Utf16Le,
                true,
            ),
            ("utf-16be", utf16(text, true), SourceEncoding::Utf16Be, true),
            (
                "ascii",
                b"name,email\n".to_vec(),
                SourceEncoding::Utf8,
                false,
            ),
            ("empty", Vec::new(), SourceEncoding::Utf8, false),
        ];
        for (what, bytes, encoding, bom) in cases {
            let decoded = decode(&bytes);
            assert_eq!(decoded.decoding.encoding, encoding, "{what}");
            assert_eq!(decoded.decoding.bom, bom, "{what}");
            assert!(!decoded.decoding.is_lossy(), "{what}");
            if what != "ascii" && what != "empty" {
                assert_eq!(decoded.text, text, "{what}");
            }
        }
    }

    #[test]
    fn invalid_bytes_are_reported_with_their_line() {
        // A CP949 lead byte followed by a byte no trail can be, on line 2.
        let mut bytes = cp949("이름\n김");
        bytes.extend([0x81, 0x0A]);
        bytes.extend(cp949("민수\n"));
        let decoded = decode(&bytes);
        assert_eq!(decoded.decoding.encoding, SourceEncoding::Cp949);
        assert_eq!(decoded.decoding.malformed_count, 1);
        assert_eq!(decoded.decoding.malformed[0].line, 2);
        assert_eq!(decoded.decoding.malformed[0].byte_offset, 7);
        assert_eq!(decoded.text, "이름\n김\u{FFFD}\n민수\n");

        // Mostly valid UTF-8 with one stray byte stays UTF-8, the byte reported.
        let mut bytes = "이름,회사\n김민수,에이크미 주식회사\n".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend("\n박지은,삼성전자\n".as_bytes());
        let decoded = decode(&bytes);
        assert_eq!(decoded.decoding.encoding, SourceEncoding::Utf8);
        assert_eq!(decoded.decoding.malformed_count, 1);
        assert_eq!(decoded.decoding.malformed[0].line, 3);
        assert!(decoded.text.ends_with("\u{FFFD}\n박지은,삼성전자\n"));

        // UTF-16 cut in the middle of a unit, and an unpaired surrogate.
        let mut bytes = utf16("ab", false);
        bytes.extend([0x00, 0xD8, b'c', 0x00, 0x41]);
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "ab\u{FFFD}c\u{FFFD}");
        assert_eq!(decoded.decoding.malformed_count, 2);
        assert_eq!(decoded.decoding.malformed[0].byte_offset, 6);
        assert_eq!(decoded.decoding.malformed[1].byte_offset, 10);
    }

    #[test]
    fn only_the_first_malformed_sequences_are_listed() {
        // 0xFF is no CP949 lead byte: every one is invalid.
        let bytes = vec![0xFFu8; 1000];
        let decoded = decode(&bytes);
        assert!(decoded.decoding.malformed_count >= MAX_MALFORMED_LISTED);
        assert_eq!(decoded.decoding.malformed.len(), MAX_MALFORMED_LISTED);
    }
}
