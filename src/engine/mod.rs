//! The shared scoring engine (GII method, exact against COINr) and the
//! analysis of published figures (ranks, deltas across the 2025 merger,
//! comparisons). Pure: no terminal, no CLI parsing.
pub mod aggregate;
pub mod explore;
pub mod framework;
pub mod normalise;
pub mod pipeline;
pub mod rank;
pub mod stats;
pub mod strengths;
pub mod treat;

pub use framework::{EngineError, Framework, FwNode};
pub use pipeline::{Pipeline, RawData, Results, run};
