//! Renderers: one module per output format, each writing to any `impl Write`.
//!
//! Renderers format what the core computed; they make no decisions about findings, numbers
//! or exit codes.

pub mod diff;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;
pub mod text;
pub mod yaml;

/// The `apiVersion` of every machine-readable document.
pub const API_VERSION: &str = "density.kubectl.io/v1alpha1";
