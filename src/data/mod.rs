//! Data loading: the project's dataset format, COINr's layouts and WIPO's GII
//! export. Pure: no terminal, no CLI parsing.
pub mod model;

pub use model::*;
