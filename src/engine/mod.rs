//! The shared scoring engine (GII method, exact against COINr) and the
//! analysis of published figures (ranks, deltas across the 2025 merger,
//! comparisons). Pure: no terminal, no CLI parsing.
pub mod explore;
