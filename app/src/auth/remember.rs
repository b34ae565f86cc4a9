//! The workspace last signed into on this device, in `localStorage`, so that the app
//! can open that workspace's local leads while offline. Only the id is kept: no
//! credential (the session cookie is HttpOnly and out of the app's reach).

/// The `localStorage` key.
const KEY: &str = "leadkit.workspace";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers the workspace just signed into. Storage may be off (private mode); the app
/// then only loses its offline start, so failures are ignored.
pub fn remember_workspace(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, id);
    }
}

/// Forgets it, on sign-out or when the worker says the session is gone.
pub fn forget_workspace() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}

/// The workspace last signed into, if any.
pub fn remembered_workspace() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}
