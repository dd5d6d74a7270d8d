//! Data loading: the project's dataset format, COINr's layouts and WIPO's GII
//! export. Pure: no terminal, no CLI parsing.
pub mod csvio;
pub mod model;

pub use csvio::{DataError, Table, write_atomic};
pub use model::*;
