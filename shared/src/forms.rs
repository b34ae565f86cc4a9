//! Form definitions and submissions against them.
