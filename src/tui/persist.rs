//! What the explorer remembers between runs: a small versioned JSON file in
//! the XDG state directory (`$PII_STATE_DIR`, else `$XDG_STATE_HOME/pii`, else
//! `~/.local/state/pii`), written atomically.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::Year;

/// Version of the file format; files of another version are ignored.
pub const VERSION: u32 = 1;

/// The remembered state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// Name of the dataset the rest applies to.
    pub dataset: String,
    pub year: Option<Year>,
    /// Pane name: `list`, `tree`, `changes`, `compare`.
    pub pane: Option<String>,
    /// Code of the selected unit.
    pub selected: Option<String>,
    /// Code of the second unit of the comparison pair.
    pub compare_with: Option<String>,
}

/// The state directory, from the environment.
pub fn state_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = env("PII_STATE_DIR") {
        return Some(d);
    }
    if let Some(d) = env("XDG_STATE_HOME") {
        return Some(d.join("pii"));
    }
    env("HOME").map(|h| h.join(".local").join("state").join("pii"))
}

/// The state file inside `dir`.
pub fn state_file(dir: &Path) -> PathBuf {
    dir.join("state.json")
}

/// Read the state file. `Ok(None)` when there is none; `Err(message)` when it
/// exists but cannot be used (the caller warns and carries on).
pub fn load(path: &Path) -> Result<Option<Saved>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let saved: Saved = serde_json::from_str(&text)
        .map_err(|e| format!("ignoring {}: not a state file ({e})", path.display()))?;
    if saved.version != VERSION {
        return Err(format!(
            "ignoring {}: version {} (expected {VERSION})",
            path.display(),
            saved.version
        ));
    }
    Ok(Some(saved))
}

/// Write the state file atomically, creating its directory.
pub fn save(path: &Path, saved: &Saved) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(saved).map_err(std::io::Error::other)?;
    crate::data::write_atomic(path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_file(&dir.path().join("pii"));
        assert_eq!(load(&path), Ok(None));
        let s = Saved {
            version: VERSION,
            dataset: "PII".into(),
            year: Some(2024),
            pane: Some("compare".into()),
            selected: Some("HUE".into()),
            compare_with: Some("HN".into()),
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path), Ok(Some(s.clone())));
        std::fs::write(&path, "{not json").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("not a state file"), "{err}");
        let mut old = s;
        old.version = 99;
        std::fs::write(&path, serde_json::to_string(&old).unwrap()).unwrap();
        assert!(load(&path).unwrap_err().contains("version 99"));
    }
}
