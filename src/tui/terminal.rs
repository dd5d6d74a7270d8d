//! Terminal lifecycle: raw mode + alternate screen on entry, restored on
//! every exit path (drop, error, and panic through ratatui's hook, which
//! wraps color-eyre's when color-eyre is installed first).
use std::io;

use ratatui::DefaultTerminal;

/// The terminal while the explorer runs; dropping it restores the terminal.
pub struct Term {
    pub terminal: DefaultTerminal,
}

impl Term {
    /// Enter raw mode and the alternate screen (and install the restoring
    /// panic hook). On failure whatever was changed is undone.
    pub fn init() -> io::Result<Term> {
        match ratatui::try_init() {
            Ok(terminal) => Ok(Term { terminal }),
            Err(e) => {
                let _ = ratatui::try_restore();
                Err(e)
            }
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // While panicking, the panic hook restores (once); restoring twice
        // could wipe the printed report.
        if !std::thread::panicking() {
            let _ = self.terminal.show_cursor();
            let _ = ratatui::try_restore();
        }
    }
}
