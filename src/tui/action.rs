//! Everything that can change the explorer's state. Keys are turned into
//! actions by the keymap table (`keymap.rs`); `App::update` applies them.

/// One user intention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextPane,
    PrevPane,
    NextYear,
    PrevYear,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter / → / l: open the selected province, expand a node or go into it.
    In,
    /// Esc / ← / h: collapse a node or go to its parent; clear the filter.
    Out,
    SortNext,
    SortReverse,
    RegionNext,
    SearchStart,
    SearchNext,
    SearchPrev,
    /// A character typed into the search box.
    SearchInput(char),
    SearchBackspace,
    /// Enter in the search box: keep the filter, leave the box.
    SearchAccept,
    /// Esc in the search box: clear the filter, leave the box.
    SearchCancel,
    /// Mark the selected province as the second of the comparison pair.
    CompareMark,
    /// Show the source of the selected figure.
    Source,
    Help,
    CloseOverlay,
}

impl Action {
    /// Every action that a key can be bound to (all but `SearchInput`, which
    /// carries the typed character).
    pub const BINDABLE: &'static [Action] = &[
        Action::Quit,
        Action::NextPane,
        Action::PrevPane,
        Action::NextYear,
        Action::PrevYear,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::In,
        Action::Out,
        Action::SortNext,
        Action::SortReverse,
        Action::RegionNext,
        Action::SearchStart,
        Action::SearchNext,
        Action::SearchPrev,
        Action::SearchBackspace,
        Action::SearchAccept,
        Action::SearchCancel,
        Action::CompareMark,
        Action::Source,
        Action::Help,
        Action::CloseOverlay,
    ];
}
