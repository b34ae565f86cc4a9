//! Empty: this package only names tool sources for `cargo fetch`.
