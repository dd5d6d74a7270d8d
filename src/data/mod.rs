//! Data loading: the project's dataset format, COINr's layouts and WIPO's GII
//! export. Pure: no terminal, no CLI parsing.
pub mod audit;
pub mod coinr;
pub mod csvio;
pub mod dataset;
pub mod derive;
pub mod gii;
pub mod model;

pub use csvio::{DataError, Table, write_atomic};
pub use dataset::{Files, LoadReport};
pub use model::*;

use std::path::Path;

/// Load a dataset folder in the project's format (`dataset.toml` and its
/// files; see `data/README.md`). INTERFACE CONTRACT: implemented by the data layer.
pub fn load(dir: &Path) -> Result<Dataset, DataError> {
    dataset::load_dir(dir)
}

/// The shipped PII dataset (`data/pii`, embedded in the binary at compile time
/// so `pii` works from any folder). INTERFACE CONTRACT: implemented by the data layer.
pub fn load_shipped() -> Result<Dataset, DataError> {
    dataset::load_files(&dataset::shipped_files())
}
