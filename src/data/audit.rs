//! Audit of a loaded dataset (placeholder).
