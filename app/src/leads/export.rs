//! CSV export of the leads the user picked (or every lead the filters show): written by
//! `csv_io::export_csv`, which neutralises formula cells, and handed to the browser as
//! a download.

use leadkit_shared::api::LeadRecord;
use leadkit_shared::csv_io::{HeaderLanguage, default_export_columns, export_csv};
use leadkit_shared::model::Lead;
use wasm_bindgen::JsCast;

use crate::i18n::Locale;

/// Why an export did not reach the user.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The browser refused the blob, URL or link.
    #[error("the browser could not save the file: {0}")]
    Browser(String),
}

/// The CSV text of `records` with headers in `locale`'s language. Records kept from
/// before whole leads were pulled are left out (they have no fields to export).
pub fn csv_of(records: &[&LeadRecord], locale: Locale) -> String {
    let leads: Vec<Lead> = records
        .iter()
        .filter_map(|r| r.record.as_deref().cloned())
        .collect();
    let language = match locale {
        Locale::Ko => HeaderLanguage::Ko,
        Locale::En => HeaderLanguage::En,
    };
    export_csv(&leads, &default_export_columns(), language)
}

/// Offers `text` to the user as a download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), ExportError> {
    let browser = |e: wasm_bindgen::JsValue| ExportError::Browser(format!("{e:?}"));
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(browser)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| ExportError::Browser("no document".into()))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(browser)?
        .dyn_into()
        .map_err(|_| ExportError::Browser("not an anchor".into()))?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url).map_err(browser)?;
    Ok(())
}
