//! Reading CSV files leniently in layout (UTF-8 with or without BOM, CRLF or
//! LF, quoted fields) and strictly in content: every problem is reported with
//! the file, line and column and what was expected. Also: atomic writes.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::text;

/// A problem in an input file, located at file:line:column (1-based; 0 = unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl DataError {
    pub fn new(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        DataError {
            file: file.into(),
            line,
            column,
            message: message.into(),
        }
    }
    /// An error about a whole file (no line).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(file, 0, 0, message)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = text::sanitize(&self.message);
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, msg),
            (l, 0) => write!(f, "{}:{}: {}", self.file, l, msg),
            (l, c) => write!(f, "{}:{}:{}: {}", self.file, l, c, msg),
        }
    }
}

impl std::error::Error for DataError {}

/// One data row with its line number in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A CSV file read into memory: NFC-normalised, trimmed cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Name used in error messages (usually the path as given).
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// Missing-value markers accepted in numeric cells.
pub const MISSING: [&str; 6] = ["", "NA", "N/A", "n/a", "-", ".."];

impl Table {
    /// Parse CSV text. `file` names the source in error messages.
    pub fn parse(file: &str, content: &str) -> Result<Table, DataError> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(content.as_bytes());
        // Line numbers from byte offsets: the csv crate's own line counter
        // skips blank lines and counts CRLF inconsistently.
        let bytes = content.as_bytes();
        let newlines: Vec<usize> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let line_at = |byte: u64| -> usize {
            let mut end = (byte as usize).min(bytes.len());
            while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
                end += 1;
            }
            newlines.partition_point(|&p| p < end) + 1
        };
        let mut headers = None;
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                DataError::new(file, line, 0, format!("malformed CSV: {e}"))
            })?;
            let line = rec.position().map_or(0, |p| line_at(p.byte()));
            let cells: Vec<String> = rec.iter().map(|c| text::nfc(c.trim())).collect();
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if headers.is_none() {
                headers = Some(cells);
            } else {
                rows.push(Row { line, cells });
            }
        }
        let headers =
            headers.ok_or_else(|| DataError::file(file, "empty file: expected a header row"))?;
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// Read and parse a file from disk.
    pub fn read(path: &Path) -> Result<Table, DataError> {
        let name = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| DataError::file(&name, format!("cannot read: {e}")))?;
        let content = String::from_utf8(bytes).map_err(|e| {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
            DataError::new(&name, line, 0, "not valid UTF-8 text")
        })?;
        Table::parse(&name, &content)
    }

    /// Index (0-based) of a column by header name (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Index of a required column, or an error naming the header line.
    pub fn require(&self, name: &str) -> Result<usize, DataError> {
        self.column(name).ok_or_else(|| {
            DataError::new(
                &self.file,
                1,
                0,
                format!(
                    "missing column {name:?} (header has: {})",
                    self.headers.join(", ")
                ),
            )
        })
    }

    /// The text of a cell ("" when the row is short).
    pub fn cell<'a>(&self, row: &'a Row, col: usize) -> &'a str {
        row.cells.get(col).map_or("", String::as_str)
    }

    /// A numeric cell: `None` for a missing marker, an error naming
    /// file:line:column and the text found for anything else non-numeric.
    pub fn number(&self, row: &Row, col: usize) -> Result<Option<f64>, DataError> {
        parse_number(self.cell(row, col)).map_err(|found| {
            DataError::new(
                &self.file,
                row.line,
                col + 1,
                format!(
                    "expected a number or a missing marker (empty, NA, n/a, -, ..) in column {:?}, found {found:?}",
                    self.headers.get(col).map_or("", String::as_str)
                ),
            )
        })
    }

    /// An error located at a cell.
    pub fn error_at(&self, row: &Row, col: usize, message: impl Into<String>) -> DataError {
        DataError::new(&self.file, row.line, col + 1, message)
    }
}

/// Parse a number cell: `Ok(None)` for a missing marker, `Err(text)` when the
/// text is neither. Infinite and NaN values are rejected.
pub fn parse_number(cell: &str) -> Result<Option<f64>, String> {
    let c = cell.trim();
    if MISSING.contains(&c) {
        return Ok(None);
    }
    match c.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(c.to_string()),
    }
}

/// Write a file atomically: to a temporary file in the same folder, then
/// rename, so that no reader ever sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let named =
        |e: std::io::Error| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| {
        // Name the target, not the temporary file.
        std::io::Error::new(
            e.kind(),
            format!("{}: {}", path.display(), std::io::Error::from(e.kind())),
        )
    })?;
    tmp.write_all(bytes).map_err(named)?;
    tmp.as_file().sync_all().map_err(named)?;
    // Temporary files are created 0600; a written result is an ordinary file
    // (0644 before the umask, like a plain create would give under umask 022).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(named)?;
    }
    tmp.persist(path).map_err(|e| named(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_crlf_quotes_and_missing() {
        let t = Table::parse("x.csv", "\u{feff}a,b\r\n\"1,5\",NA\r\n2,..\r\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 3);
        let t2 = Table::parse("x.csv", "a,b\n1,2\n\n\"x\ny\",4\n5,6\n").unwrap();
        let lines: Vec<usize> = t2.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(t.number(&t.rows[0], 1).unwrap(), None);
        assert_eq!(t.number(&t.rows[1], 0).unwrap(), Some(2.0));
        let e = t.number(&t.rows[0], 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.csv:2:1: expected a number or a missing marker (empty, NA, n/a, -, ..) in column \"a\", found \"1,5\""
        );
    }

    #[test]
    fn rejects_infinity() {
        assert_eq!(parse_number("inf"), Err("inf".to_string()));
        assert_eq!(parse_number(" 3.5 "), Ok(Some(3.5)));
    }

    #[test]
    fn atomic_write_replaces_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let err = write_atomic(&dir.path().join("missing/x.csv"), b"x").unwrap_err();
        assert!(err.to_string().contains("missing/x.csv"), "{err}");
        assert!(!err.to_string().contains("missing/.tmp"), "{err}");
    }
}
