//! What the capture form keeps between visitors: the event's name on this device
//! (`localStorage`: the same fair goes on for days) and how many leads were captured in
//! this tab (`sessionStorage`: a count for the current shift). Storage may be off
//! (private mode); the form then only forgets, so failures are ignored.

const EVENT_KEY: &str = "leadkit.capture.event";
const COUNT_KEY: &str = "leadkit.capture.count";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The event name last used on this device.
pub fn remembered_event() -> String {
    local()
        .and_then(|s| s.get_item(EVENT_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Keeps `event` for the next visitor (and the next visit to the view).
pub fn remember_event(event: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(EVENT_KEY, event);
    }
}

/// Leads captured in this tab so far.
pub fn session_count() -> usize {
    session()
        .and_then(|s| s.get_item(COUNT_KEY).ok().flatten())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Counts one more capture in this tab; returns the new count.
pub fn count_capture() -> usize {
    let next = session_count() + 1;
    if let Some(storage) = session() {
        let _ = storage.set_item(COUNT_KEY, &next.to_string());
    }
    next
}
