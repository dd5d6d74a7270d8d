//! Data loading: the project's dataset format, COINr's layouts and WIPO's GII
//! export. Pure: no terminal, no CLI parsing.
pub mod coinr;
pub mod csvio;
pub mod model;

pub use csvio::{DataError, Table, write_atomic};
pub use model::*;

use std::path::Path;

/// Load a dataset folder in the project's format (`dataset.toml` and its
/// files; see `data/README.md`). INTERFACE CONTRACT: implemented by the data layer.
pub fn load(_dir: &Path) -> Result<Dataset, DataError> {
    Err(DataError::file(
        _dir.display().to_string(),
        "dataset loading is not implemented yet",
    ))
}

/// The shipped PII dataset (`data/pii`, embedded in the binary at compile time
/// so `pii` works from any folder). INTERFACE CONTRACT: implemented by the data layer.
pub fn load_shipped() -> Result<Dataset, DataError> {
    Err(DataError::file(
        "data/pii",
        "dataset loading is not implemented yet",
    ))
}
