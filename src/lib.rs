//! `pii`: a terminal explorer and GII-method scoring engine for Vietnam's
//! Provincial Innovation Index.
pub mod cli;
pub mod data;
pub mod engine;
pub mod text;
pub mod tui;
