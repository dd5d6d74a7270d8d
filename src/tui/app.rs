//! The explorer's state and its one `update` function (The Elm Architecture).
//! Everything the screen shows is derived from `App`; query results of the
//! engine are cached here and refreshed when the year, the sort node or the
//! selection changes, so a frame only formats.
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::keymap::{self, Ctx};
use super::persist::{self, Saved};
use super::theme::{Symbols, Theme};
use crate::data::{Dataset, Year};
use crate::engine::explore::{
    self, CompareRow, Coverage, HistoryPoint, Mover, ProfileRow, RankChange, RankRow,
};
use crate::text;

/// Code of the synthetic group that holds the framework nodes whose place in
/// the tree is not published (collapsed by default). Not a valid data code.
pub const UNPLACED: &str = "\u{2026}unplaced";

/// The four panes, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Tree,
    Changes,
    Compare,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::List, Pane::Tree, Pane::Changes, Pane::Compare];
    /// Name used in the state file.
    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "list",
            Pane::Tree => "tree",
            Pane::Changes => "changes",
            Pane::Compare => "compare",
        }
    }
    /// Title shown on screen.
    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Ranking",
            Pane::Tree => "Drill-down",
            Pane::Changes => "Changes",
            Pane::Compare => "Compare",
        }
    }
    pub fn from_name(s: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.name() == s)
    }
    /// Keymap context of the pane.
    pub fn ctx(self) -> Ctx {
        match self {
            Pane::List => Ctx::List,
            Pane::Tree => Ctx::Tree,
            Pane::Changes => Ctx::Changes,
            Pane::Compare => Ctx::Compare,
        }
    }
}

/// A popup over the panes.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Help,
    /// The source of the figure of `unit` on `node` in the current year.
    Source {
        unit: String,
        node: String,
    },
}

/// How the explorer starts.
#[derive(Clone, Debug)]
pub struct Options {
    pub year: Option<Year>,
    pub theme: Theme,
    pub symbols: Symbols,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            year: None,
            theme: Theme::colour(),
            symbols: Symbols::unicode(),
        }
    }
}

/// Sizes learnt while drawing (page size for PgUp/PgDn, scroll offsets).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Viewport {
    pub list_rows: usize,
    pub list_offset: usize,
    pub tree_rows: usize,
    pub tree_offset: usize,
    pub compare_rows: usize,
    pub compare_offset: usize,
}

/// The whole state of the explorer.
pub struct App {
    pub ds: Dataset,
    pub theme: Theme,
    pub sym: Symbols,
    /// Years of the dataset, ascending.
    pub years: Vec<Year>,
    pub year: Year,
    /// The focused pane.
    pub pane: Pane,
    /// The detail pane shown next to the list on wide screens.
    pub detail: Pane,
    pub overlay: Overlay,
    pub help_scroll: usize,
    /// Whether the search box has the keyboard.
    pub searching: bool,
    pub query: String,
    /// Nodes the list can be sorted by: the root, its children, their children.
    pub sort_nodes: Vec<String>,
    pub sort_idx: usize,
    pub sort_reverse: bool,
    /// Regions of the units of the current year, Vietnamese order.
    pub regions: Vec<String>,
    pub region: Option<usize>,
    /// Ranking of the year on the sort node, in display order.
    pub rows: Vec<RankRow>,
    /// Indices into `rows` that pass the region filter and the search.
    pub visible: Vec<usize>,
    /// Code of the selected unit (the subject of the detail panes).
    pub selected: Option<String>,
    /// Code of the second unit of the comparison.
    pub compare_with: Option<String>,
    /// Expanded framework nodes (drill-down and compare share them).
    pub expanded: HashSet<String>,
    pub tree_node: Option<String>,
    pub compare_node: Option<String>,
    pub changes_scroll: usize,
    pub profile: Vec<ProfileRow>,
    pub comparison: Vec<CompareRow>,
    pub history: Vec<HistoryPoint>,
    pub movers: Vec<Mover>,
    pub coverage: Coverage,
    /// One-line message for the status bar (cleared by the next key).
    pub message: Option<String>,
    pub quit: bool,
    pub view: Cell<Viewport>,
    unit_idx: HashMap<String, usize>,
    parents: HashMap<String, Option<String>>,
    has_children: HashSet<String>,
}

impl App {
    /// A new explorer on `ds`.
    pub fn new(ds: Dataset, opts: Options) -> Self {
        let years: Vec<Year> = ds.years.keys().copied().collect();
        let year = opts
            .year
            .filter(|y| ds.years.contains_key(y))
            .or_else(|| ds.default_year())
            .unwrap_or(0);
        let unit_idx = ds
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let parents = ds
            .nodes
            .iter()
            .map(|n| (n.code.clone(), n.parent.clone()))
            .collect();
        let mut has_children: HashSet<String> = ds
            .nodes
            .iter()
            .filter_map(|n| n.parent.clone())
            .filter(|p| ds.node(p).is_some())
            .collect();
        // Nodes outside the root's tree go under the synthetic UNPLACED group.
        let root_code = ds.root().map(|r| r.code.clone());
        let mut parents: HashMap<String, Option<String>> = parents;
        let unplaced: Vec<String> = ds
            .nodes
            .iter()
            .filter(|n| Some(&n.code) != root_code.as_ref())
            .filter(|n| n.parent.as_deref().is_none_or(|p| ds.node(p).is_none()))
            .map(|n| n.code.clone())
            .collect();
        if !unplaced.is_empty() {
            for u in &unplaced {
                parents.insert(u.clone(), Some(UNPLACED.to_string()));
            }
            parents.insert(UNPLACED.to_string(), None);
            has_children.insert(UNPLACED.to_string());
        }
        let mut sort_nodes = Vec::new();
        let mut expanded = HashSet::new();
        if let Some(root) = ds.root() {
            sort_nodes.push(root.code.clone());
            expanded.insert(root.code.clone());
            let kids: Vec<String> = ds
                .children(&root.code)
                .iter()
                .map(|n| n.code.clone())
                .collect();
            for k in &kids {
                sort_nodes.push(k.clone());
            }
            for k in &kids {
                for g in ds.children(k) {
                    sort_nodes.push(g.code.clone());
                }
            }
            // Open the sub-indices so the pillars show.
            for k in &kids {
                if !ds.children(k).is_empty() {
                    expanded.insert(k.clone());
                }
            }
        }
        let mut app = App {
            ds,
            theme: opts.theme,
            sym: opts.symbols,
            years,
            year,
            pane: Pane::List,
            detail: Pane::Tree,
            overlay: Overlay::None,
            help_scroll: 0,
            searching: false,
            query: String::new(),
            sort_nodes,
            sort_idx: 0,
            sort_reverse: false,
            regions: Vec::new(),
            region: None,
            rows: Vec::new(),
            visible: Vec::new(),
            selected: None,
            compare_with: None,
            expanded,
            tree_node: None,
            compare_node: None,
            changes_scroll: 0,
            profile: Vec::new(),
            comparison: Vec::new(),
            history: Vec::new(),
            movers: Vec::new(),
            coverage: Coverage::default(),
            message: None,
            quit: false,
            view: Cell::new(Viewport::default()),
            unit_idx,
            parents,
            has_children,
        };
        app.refresh_year();
        app
    }

    /// Apply remembered state (ignored when it belongs to another dataset).
    /// `year_given`: the user asked for a year on the command line, which wins.
    pub fn restore(&mut self, saved: &Saved, year_given: bool) {
        if saved.dataset != self.ds.meta.name {
            return;
        }
        if !year_given && let Some(y) = saved.year.filter(|y| self.years.contains(y)) {
            self.year = y;
            self.refresh_year();
        }
        if let Some(p) = saved.pane.as_deref().and_then(Pane::from_name) {
            self.set_pane(p);
        }
        if let Some(u) = saved.selected.as_deref().and_then(|u| self.map_unit(u)) {
            self.select(Some(u));
        }
        if let Some(u) = saved.compare_with.as_deref().and_then(|u| self.map_unit(u)) {
            self.compare_with = Some(u);
            self.refresh_unit();
        }
    }

    /// What to remember.
    pub fn saved(&self) -> Saved {
        Saved {
            version: persist::VERSION,
            dataset: self.ds.meta.name.clone(),
            year: Some(self.year),
            pane: Some(self.pane.name().to_string()),
            selected: self.selected.clone(),
            compare_with: self.compare_with.clone(),
        }
    }

    // ----- look-ups used by the renderer -----

    /// Display name of a unit (Vietnamese, sanitised), or its code.
    pub fn unit_name(&self, code: &str) -> String {
        match self.unit_idx.get(code).map(|i| &self.ds.units[*i]) {
            Some(u) if !u.name_vi.is_empty() => text::sanitize(&u.name_vi),
            Some(u) if !u.name_en.is_empty() => text::sanitize(&u.name_en),
            _ => text::sanitize(code),
        }
    }

    /// Region of a unit, if any.
    pub fn unit_region(&self, code: &str) -> Option<String> {
        self.unit_idx
            .get(code)
            .and_then(|i| self.ds.units[*i].region.as_deref())
            .map(text::sanitize)
    }

    /// Display name of a node (Vietnamese when given, else English, else code).
    pub fn node_name(&self, code: &str) -> String {
        if code == UNPLACED {
            return format!(
                "unplaced ({}): place in the tree not published",
                self.unplaced_count()
            );
        }
        match self.ds.node(code) {
            Some(n) if !n.name_vi.is_empty() => text::sanitize(&n.name_vi),
            Some(n) if !n.name_en.is_empty() => text::sanitize(&n.name_en),
            _ => text::sanitize(code),
        }
    }

    /// The node the list is sorted by.
    pub fn sort_node(&self) -> Option<&str> {
        self.sort_nodes.get(self.sort_idx).map(String::as_str)
    }

    /// The root node's code.
    pub fn root(&self) -> Option<&str> {
        self.ds.root().map(|n| n.code.as_str())
    }

    /// Number of units in the current year.
    pub fn units_in_year(&self) -> usize {
        self.ds.year(self.year).map_or(0, |y| y.units.len())
    }

    /// Position of the selected unit among the visible rows.
    pub fn list_cursor(&self) -> Option<usize> {
        let sel = self.selected.as_deref()?;
        self.visible.iter().position(|&i| self.rows[i].unit == sel)
    }

    pub fn has_children(&self, node: &str) -> bool {
        self.has_children.contains(node)
    }

    /// Parent of a node, when the parent is itself a node of the framework
    /// (nodes whose parent is unknown are shown at the top level).
    pub fn parent(&self, node: &str) -> Option<&str> {
        self.parents
            .get(node)
            .and_then(|p| p.as_deref())
            .filter(|p| self.parents.contains_key(*p))
    }

    fn ancestors_expanded(&self, node: &str) -> bool {
        let mut cur = self.parent(node);
        let mut guard = 0;
        while let Some(p) = cur {
            if !self.expanded.contains(p) || guard > 64 {
                return false;
            }
            guard += 1;
            cur = self.parent(p);
        }
        true
    }

    /// Visible drill-down rows (indices into `profile`).
    pub fn tree_visible(&self) -> Vec<usize> {
        (0..self.profile.len())
            .filter(|&i| self.ancestors_expanded(&self.profile[i].node))
            .collect()
    }

    /// Visible compare rows (indices into `comparison`).
    pub fn compare_visible(&self) -> Vec<usize> {
        (0..self.comparison.len())
            .filter(|&i| self.ancestors_expanded(&self.comparison[i].node))
            .collect()
    }

    /// Cursor position in the drill-down.
    pub fn tree_cursor(&self) -> usize {
        let vis = self.tree_visible();
        self.tree_node
            .as_deref()
            .and_then(|n| vis.iter().position(|&i| self.profile[i].node == n))
            .unwrap_or(0)
    }

    /// Cursor position in the compare pane.
    pub fn compare_cursor(&self) -> usize {
        let vis = self.compare_visible();
        self.compare_node
            .as_deref()
            .and_then(|n| vis.iter().position(|&i| self.comparison[i].node == n))
            .unwrap_or(0)
    }

    /// The keymap contexts in force, first tried first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match self.overlay {
            Overlay::Help => vec![Ctx::Help],
            Overlay::Source { .. } => vec![Ctx::Popup],
            Overlay::None if self.searching => vec![Ctx::Search],
            Overlay::None => vec![self.pane.ctx(), Ctx::Global],
        }
    }

    // ----- events and actions -----

    /// Handle a terminal event: key presses go through the keymap; releases,
    /// repeats and everything else only cause a redraw.
    pub fn handle_event(&mut self, ev: &Event) {
        let Event::Key(key) = ev else { return };
        if key.kind != KeyEventKind::Press {
            return;
        }
        // A quick Esc followed by a key arrives as Alt+key: treat it as both.
        if key.modifiers == KeyModifiers::ALT
            && let KeyCode::Char(_) = key.code
        {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            if let Some(action) = keymap::dispatch(&self.contexts(), &esc) {
                self.update(action);
            }
            let plain = KeyEvent::new(key.code, KeyModifiers::NONE);
            if let Some(action) = keymap::dispatch(&self.contexts(), &plain) {
                self.update(action);
            }
            return;
        }
        if let Some(action) = keymap::dispatch(&self.contexts(), key) {
            self.update(action);
        }
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            Action::CloseOverlay => self.overlay = Overlay::None,
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(Pane::ALL.len() - 1),
            Action::NextYear => self.step_year(true),
            Action::PrevYear => self.step_year(false),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::In => self.go_in(),
            Action::Out => self.go_out(),
            Action::SortNext => {
                if !self.sort_nodes.is_empty() {
                    self.sort_idx = (self.sort_idx + 1) % self.sort_nodes.len();
                    self.refresh_ranking();
                    self.list_to_selection();
                }
            }
            Action::SortReverse => {
                self.sort_reverse = !self.sort_reverse;
                self.refresh_ranking();
                self.list_to_selection();
            }
            Action::RegionNext => {
                self.region = match self.region {
                    None if !self.regions.is_empty() => Some(0),
                    Some(i) if i + 1 < self.regions.len() => Some(i + 1),
                    _ => None,
                };
                self.apply_filter();
            }
            Action::SearchStart => {
                self.set_pane(Pane::List);
                self.searching = true;
                self.query.clear();
                self.apply_filter();
            }
            Action::SearchInput(c) => {
                if !c.is_control() {
                    self.query.push(c);
                    self.apply_filter();
                }
            }
            Action::SearchBackspace => {
                self.query.pop();
                self.apply_filter();
            }
            Action::SearchAccept => self.searching = false,
            Action::SearchCancel => {
                self.searching = false;
                self.query.clear();
                self.apply_filter();
            }
            Action::SearchNext | Action::SearchPrev => {
                if self.query.trim().is_empty() {
                    self.message = Some("no search: press / and type a name".into());
                } else if !self.visible.is_empty() {
                    let n = self.visible.len();
                    let cur = self.list_cursor();
                    let next = match (cur, action == Action::SearchNext) {
                        (Some(c), true) => (c + 1) % n,
                        (Some(c), false) => (c + n - 1) % n,
                        (None, _) => 0,
                    };
                    let unit = self.rows[self.visible[next]].unit.clone();
                    self.select(Some(unit));
                }
            }
            Action::CompareMark => {
                match self.selected.clone() {
                    None => self.message = Some("no province selected".into()),
                    Some(s) if self.compare_with.as_deref() == Some(s.as_str()) => {
                        self.compare_with = None;
                        self.message = Some("compare pair cleared".into());
                    }
                    Some(s) => {
                        self.message = Some(format!(
                            "{} marked: select another province to compare with it",
                            self.unit_name(&s)
                        ));
                        self.compare_with = Some(s);
                    }
                }
                self.refresh_unit();
            }
            Action::Source => self.open_source(),
        }
    }

    fn page(&self) -> usize {
        let v = self.view.get();
        let rows = match self.pane {
            Pane::List => v.list_rows,
            Pane::Tree => v.tree_rows,
            Pane::Compare => v.compare_rows,
            Pane::Changes => 10,
        };
        rows.saturating_sub(1).max(1)
    }

    /// Focus a pane.
    pub fn set_pane(&mut self, p: Pane) {
        self.pane = p;
        if p != Pane::List {
            self.detail = p;
        }
    }

    fn cycle_pane(&mut self, by: usize) {
        let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
        self.set_pane(Pane::ALL[(i + by) % Pane::ALL.len()]);
    }

    fn step_year(&mut self, forward: bool) {
        let Some(i) = self.years.iter().position(|y| *y == self.year) else {
            return;
        };
        let j = if forward {
            i + 1
        } else if i == 0 {
            self.message = Some(format!("{} is the first year", self.year));
            return;
        } else {
            i - 1
        };
        let Some(&y) = self.years.get(j) else {
            self.message = Some(format!("{} is the latest year", self.year));
            return;
        };
        self.year = y;
        let sel = self.selected.clone();
        let cmp = self.compare_with.clone();
        self.refresh_year();
        self.compare_with = cmp.and_then(|c| self.map_unit(&c));
        if let Some(s) = sel.and_then(|s| self.map_unit(&s)) {
            self.select(Some(s));
        } else {
            self.refresh_unit();
        }
    }

    /// The unit that stands for `code` in the current year: itself, its
    /// successor (after a merger) or its first predecessor (before it).
    pub fn map_unit(&self, code: &str) -> Option<String> {
        let units = &self.ds.year(self.year)?.units;
        if units.iter().any(|u| u == code) {
            return Some(code.to_string());
        }
        if let Some(s) = self.ds.unit(code).and_then(|u| u.successor.clone())
            && units.contains(&s)
        {
            return Some(s);
        }
        self.ds
            .predecessors(code)
            .into_iter()
            .find(|p| units.contains(&p.code))
            .map(|p| p.code.clone())
    }

    fn move_by(&mut self, delta: isize) {
        if self.overlay == Overlay::Help {
            self.help_scroll = (self.help_scroll as isize + delta).max(0) as usize;
            return;
        }
        let clamp = |cur: usize, len: usize| -> usize {
            if len == 0 {
                0
            } else {
                (cur as isize)
                    .saturating_add(delta)
                    .clamp(0, len as isize - 1) as usize
            }
        };
        match self.pane {
            Pane::List => {
                if self.visible.is_empty() {
                    return;
                }
                let cur = self.list_cursor().unwrap_or(0);
                let to = clamp(cur, self.visible.len());
                let unit = self.rows[self.visible[to]].unit.clone();
                self.select(Some(unit));
            }
            Pane::Tree => {
                let vis = self.tree_visible();
                let to = clamp(self.tree_cursor(), vis.len());
                self.tree_node = vis.get(to).map(|&i| self.profile[i].node.clone());
            }
            Pane::Compare => {
                let vis = self.compare_visible();
                let to = clamp(self.compare_cursor(), vis.len());
                self.compare_node = vis.get(to).map(|&i| self.comparison[i].node.clone());
            }
            Pane::Changes => {
                self.changes_scroll = clamp(self.changes_scroll, 200);
            }
        }
    }

    fn go_in(&mut self) {
        match self.pane {
            Pane::List => {
                if self.selected.is_some() {
                    self.set_pane(Pane::Tree);
                }
            }
            Pane::Tree | Pane::Compare => {
                let (node, first_child) = if self.pane == Pane::Tree {
                    let vis = self.tree_visible();
                    let c = self.tree_cursor();
                    (
                        vis.get(c).map(|&i| self.profile[i].node.clone()),
                        vis.get(c + 1).map(|&i| self.profile[i].node.clone()),
                    )
                } else {
                    let vis = self.compare_visible();
                    let c = self.compare_cursor();
                    (
                        vis.get(c).map(|&i| self.comparison[i].node.clone()),
                        vis.get(c + 1).map(|&i| self.comparison[i].node.clone()),
                    )
                };
                let Some(node) = node else { return };
                if !self.has_children(&node) {
                    if self.pane == Pane::Tree {
                        self.open_source();
                    }
                    return;
                }
                if self.expanded.insert(node.clone()) {
                    // Make sure the cursor stays on the node.
                    self.set_cursor_node(Some(node));
                } else {
                    // Already open: go to its first child.
                    let child = first_child.filter(|c| self.parent(c) == Some(node.as_str()));
                    if child.is_some() {
                        self.set_cursor_node(child);
                    }
                }
            }
            Pane::Changes => {}
        }
    }

    fn go_out(&mut self) {
        match self.pane {
            Pane::List => {
                if !self.query.is_empty() || self.region.is_some() {
                    self.query.clear();
                    self.region = None;
                    self.apply_filter();
                    self.message = Some("filter cleared".into());
                }
            }
            Pane::Tree | Pane::Compare => {
                let node = if self.pane == Pane::Tree {
                    let vis = self.tree_visible();
                    vis.get(self.tree_cursor())
                        .map(|&i| self.profile[i].node.clone())
                } else {
                    let vis = self.compare_visible();
                    vis.get(self.compare_cursor())
                        .map(|&i| self.comparison[i].node.clone())
                };
                let Some(node) = node else {
                    self.set_pane(Pane::List);
                    return;
                };
                if self.has_children(&node) && self.expanded.remove(&node) {
                    return;
                }
                match self.parent(&node).map(str::to_string) {
                    Some(p) => self.set_cursor_node(Some(p)),
                    None => self.set_pane(Pane::List),
                }
            }
            Pane::Changes => self.set_pane(Pane::List),
        }
    }

    fn set_cursor_node(&mut self, node: Option<String>) {
        if self.pane == Pane::Compare {
            self.compare_node = node;
        } else {
            self.tree_node = node;
        }
    }

    fn open_source(&mut self) {
        let Some(unit) = self.selected.clone() else {
            self.message = Some("no province selected".into());
            return;
        };
        let node = match self.pane {
            Pane::Tree => {
                let vis = self.tree_visible();
                vis.get(self.tree_cursor())
                    .map(|&i| self.profile[i].node.clone())
            }
            Pane::Compare => {
                let vis = self.compare_visible();
                vis.get(self.compare_cursor())
                    .map(|&i| self.comparison[i].node.clone())
            }
            Pane::List => self.sort_node().map(str::to_string),
            Pane::Changes => self.root().map(str::to_string),
        };
        match node {
            Some(node) if node == UNPLACED => {
                self.message = Some("a group, not a figure: press Enter to open it".into());
            }
            Some(node) => self.overlay = Overlay::Source { unit, node },
            None => self.message = Some("this dataset has no framework".into()),
        }
    }

    /// Select a unit and refresh what depends on it.
    pub fn select(&mut self, unit: Option<String>) {
        if self.selected != unit {
            self.selected = unit;
            self.changes_scroll = 0;
            self.refresh_unit();
        }
    }

    fn list_to_selection(&mut self) {
        if self.list_cursor().is_none()
            && let Some(&i) = self.visible.first()
        {
            let u = self.rows[i].unit.clone();
            self.select(Some(u));
        }
    }

    // ----- cached queries -----

    fn refresh_year(&mut self) {
        let mut regions: Vec<String> = self
            .ds
            .year(self.year)
            .map(|y| {
                y.units
                    .iter()
                    .filter_map(|u| self.unit_region(u))
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect()
            })
            .unwrap_or_default();
        regions.sort_by(|a, b| text::collate(a, b));
        let keep = self.region.and_then(|i| self.regions.get(i).cloned());
        self.regions = regions;
        self.region = keep.and_then(|r| self.regions.iter().position(|x| *x == r));
        self.coverage = if self.ds.years.contains_key(&self.year) {
            explore::coverage(&self.ds, self.year)
        } else {
            Coverage::default()
        };
        self.refresh_ranking();
        let prev = self.ds.previous_year(self.year);
        self.movers = match (prev, self.root()) {
            (Some(p), Some(root)) => explore::movers(&self.ds, p, self.year, root),
            _ => Vec::new(),
        };
        if self.list_cursor().is_none() {
            let first = self.visible.first().map(|&i| self.rows[i].unit.clone());
            self.select(first);
        }
        self.refresh_unit();
    }

    fn refresh_ranking(&mut self) {
        let Some(node) = self.sort_node().map(str::to_string) else {
            // No framework: list the units without figures.
            self.rows = self
                .ds
                .year(self.year)
                .map(|y| {
                    y.units
                        .iter()
                        .map(|u| RankRow {
                            unit: u.clone(),
                            score: None,
                            rank: None,
                            rank_bounds: None,
                            change: RankChange::NoData,
                        })
                        .collect()
                })
                .unwrap_or_default();
            self.apply_filter();
            return;
        };
        let mut rows = if self.ds.years.contains_key(&self.year) {
            explore::ranking(&self.ds, self.year, &node)
        } else {
            Vec::new()
        };
        let names: HashMap<String, String> = rows
            .iter()
            .map(|r| (r.unit.clone(), self.unit_name(&r.unit)))
            .collect();
        let pos = |r: &RankRow| -> Option<f64> {
            r.rank.map(|f| f64::from(f.value)).or(r
                .rank_bounds
                .map(|(a, b)| (f64::from(a) + f64::from(b)) / 2.0))
        };
        let has_data = |r: &RankRow| pos(r).is_some() || r.score.is_some();
        let reverse = self.sort_reverse;
        rows.sort_by(|a, b| {
            use std::cmp::Ordering;
            // Units without any figure always last, in name order.
            let da = has_data(a);
            let db = has_data(b);
            if da != db {
                return db.cmp(&da);
            }
            let name = || text::collate(&names[&a.unit], &names[&b.unit]);
            if !da {
                return name();
            }
            // Positioned (ranked or bounded) before score-only.
            let ord = match (pos(a), pos(b)) {
                (Some(x), Some(y)) => {
                    x.partial_cmp(&y).unwrap_or(Ordering::Equal).then_with(|| {
                        let sa = a.score.map(|s| s.value);
                        let sb = b.score.map(|s| s.value);
                        sb.partial_cmp(&sa).unwrap_or(Ordering::Equal)
                    })
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => {
                    let sa = a.score.map(|s| s.value).unwrap_or(f64::NEG_INFINITY);
                    let sb = b.score.map(|s| s.value).unwrap_or(f64::NEG_INFINITY);
                    sb.partial_cmp(&sa).unwrap_or(Ordering::Equal)
                }
            };
            let ord = ord.then_with(name);
            if reverse { ord.reverse() } else { ord }
        });
        self.rows = rows;
        self.apply_filter();
    }

    /// Whether a unit passes the search query.
    pub fn unit_matches(&self, code: &str) -> bool {
        let q = self.query.trim();
        if q.is_empty() {
            return true;
        }
        let Some(u) = self.unit_idx.get(code).map(|i| &self.ds.units[*i]) else {
            return text::matches(code, q);
        };
        text::matches(&u.name_vi, q)
            || text::matches(&u.name_en, q)
            || u.aliases.iter().any(|a| text::matches(a, q))
            || text::fold(&u.code) == text::fold(q)
    }

    fn apply_filter(&mut self) {
        let region = self.region.and_then(|i| self.regions.get(i)).cloned();
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let u = &self.rows[i].unit;
                region
                    .as_ref()
                    .is_none_or(|r| self.unit_region(u).as_ref() == Some(r))
                    && self.unit_matches(u)
            })
            .collect();
        // While filtering, the selection jumps to the first match.
        if self.list_cursor().is_none()
            && let Some(&i) = self.visible.first()
        {
            let u = self.rows[i].unit.clone();
            self.select(Some(u));
        }
    }

    fn refresh_unit(&mut self) {
        let known = self.ds.years.contains_key(&self.year);
        match self.selected.clone() {
            Some(u) if known => {
                self.profile = explore::profile(&self.ds, self.year, &u);
                self.history = match self.root() {
                    Some(root) => explore::history(&self.ds, &u, root),
                    None => Vec::new(),
                };
                self.comparison = match self.compare_with.clone() {
                    Some(b) if b != u => explore::compare(&self.ds, self.year, &u, &b),
                    _ => Vec::new(),
                };
            }
            _ => {
                self.profile.clear();
                self.history.clear();
                self.comparison.clear();
            }
        }
        self.group_unplaced();
        if self
            .tree_node
            .as_ref()
            .is_none_or(|n| !self.profile.iter().any(|r| &r.node == n))
        {
            self.tree_node = self.profile.first().map(|r| r.node.clone());
        }
        if self
            .compare_node
            .as_ref()
            .is_none_or(|n| !self.comparison.iter().any(|r| &r.node == n))
        {
            self.compare_node = self.comparison.first().map(|r| r.node.clone());
        }
    }

    /// Put the rows outside the root's tree under one synthetic group row
    /// (the engine lists them after the tree, at depth 0).
    fn group_unplaced(&mut self) {
        if !self.has_children.contains(UNPLACED) {
            return;
        }
        let root = self.root().map(str::to_string);
        let first = |nodes: &mut dyn Iterator<Item = (&String, usize)>| {
            nodes
                .enumerate()
                .find(|(_, (n, d))| *d == 0 && Some(*n) != root.as_ref())
                .map(|(i, _)| i)
        };
        if let Some(i0) = first(&mut self.profile.iter().map(|r| (&r.node, r.depth))) {
            for r in &mut self.profile[i0..] {
                r.depth += 1;
            }
            self.profile.insert(
                i0,
                ProfileRow {
                    node: UNPLACED.to_string(),
                    depth: 0,
                    score: None,
                    rank: None,
                    of: 0,
                    raw: None,
                    mark: None,
                    source: None,
                },
            );
        }
        if let Some(i0) = first(&mut self.comparison.iter().map(|r| (&r.node, r.depth))) {
            for r in &mut self.comparison[i0..] {
                r.depth += 1;
            }
            self.comparison.insert(
                i0,
                CompareRow {
                    node: UNPLACED.to_string(),
                    depth: 0,
                    a: None,
                    b: None,
                    rank_a: None,
                    rank_b: None,
                    diff: None,
                    share_of_gap: None,
                },
            );
        }
    }

    /// Number of framework nodes outside the root's tree.
    pub fn unplaced_count(&self) -> usize {
        self.parents
            .values()
            .filter(|p| p.as_deref() == Some(UNPLACED))
            .count()
    }
}
