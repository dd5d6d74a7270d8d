//! The one keymap table. It drives key dispatch, the footer hints and the
//! help overlay, so what the screen says is always what the keys do.
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies. Pane contexts are tried before `Global`; the
/// modal contexts (`Search`, `Help`, `Popup`) are tried alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ctx {
    Global,
    List,
    Tree,
    Changes,
    Compare,
    Search,
    Help,
    Popup,
}

impl Ctx {
    /// Heading of the context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Global => "Everywhere",
            Ctx::List => "Province list",
            Ctx::Tree => "Drill-down",
            Ctx::Changes => "Changes",
            Ctx::Compare => "Compare",
            Ctx::Search => "Search box",
            Ctx::Help => "Help",
            Ctx::Popup => "Source popup",
        }
    }
    /// All contexts, in help-overlay order.
    pub const ALL: [Ctx; 8] = [
        Ctx::Global,
        Ctx::List,
        Ctx::Tree,
        Ctx::Changes,
        Ctx::Compare,
        Ctx::Search,
        Ctx::Help,
        Ctx::Popup,
    ];
}

/// A key: code plus whether Ctrl is held. Shift is folded into the character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    /// Normalise a crossterm key event: Shift is dropped from characters (the
    /// character already carries it) and from BackTab; Alt combinations match
    /// nothing.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        Some(Key {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        })
    }
}

/// One row of the keymap table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    /// How the keys are written in the footer and the help overlay.
    pub label: &'static str,
    pub action: Action,
    /// Short hint for the footer ("sort", "compare").
    pub hint: &'static str,
    /// Long description for the help overlay.
    pub desc: &'static str,
    /// The contexts whose footer shows this binding.
    pub footer: &'static [Ctx],
}

const fn b(
    ctx: Ctx,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    hint: &'static str,
    desc: &'static str,
    footer: &'static [Ctx],
) -> Binding {
    Binding {
        ctx,
        keys,
        label,
        action,
        hint,
        desc,
        footer,
    }
}

use KeyCode as KC;

const PANES: &[Ctx] = &[Ctx::List, Ctx::Tree, Ctx::Changes, Ctx::Compare];

/// The table.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Everywhere (outside the modal contexts).
    b(Ctx::Global, &[k('q'), ctrl('c')], "q", Action::Quit, "quit", "quit", PANES),
    b(Ctx::Global, &[k('?')], "?", Action::Help, "help", "help", PANES),
    b(Ctx::Global, &[code(KC::Tab)], "Tab", Action::NextPane, "pane", "next pane", PANES),
    b(Ctx::Global, &[code(KC::BackTab)], "S-Tab", Action::PrevPane, "prev pane", "previous pane", &[]),
    b(Ctx::Global, &[k('[')], "[", Action::PrevYear, "year", "previous year", PANES),
    b(Ctx::Global, &[k(']')], "]", Action::NextYear, "year", "next year", PANES),
    b(Ctx::Global, &[k('j'), code(KC::Down)], "j/↓", Action::Down, "down", "down", &[]),
    b(Ctx::Global, &[k('k'), code(KC::Up)], "k/↑", Action::Up, "up", "up", &[]),
    b(Ctx::Global, &[code(KC::PageDown), ctrl('d')], "PgDn", Action::PageDown, "page down", "page down", &[]),
    b(Ctx::Global, &[code(KC::PageUp), ctrl('u')], "PgUp", Action::PageUp, "page up", "page up", &[]),
    b(Ctx::Global, &[k('g'), code(KC::Home)], "g/Home", Action::Top, "top", "first row", &[]),
    b(Ctx::Global, &[k('G'), code(KC::End)], "G/End", Action::Bottom, "bottom", "last row", &[]),
    b(Ctx::Global, &[code(KC::Enter), code(KC::Right), k('l')], "Enter/→/l", Action::In, "open", "open / expand", &[Ctx::Tree, Ctx::Compare]),
    b(Ctx::Global, &[code(KC::Esc), code(KC::Left), k('h')], "Esc/←/h", Action::Out, "back", "collapse / back / clear filter", &[Ctx::Tree, Ctx::Compare]),
    b(Ctx::Global, &[k('/')], "/", Action::SearchStart, "search", "search provinces (accents optional)", &[Ctx::List]),
    b(Ctx::Global, &[k('c')], "c", Action::CompareMark, "compare", "mark selected province for compare", &[Ctx::List, Ctx::Compare]),
    b(Ctx::Global, &[k('i')], "i", Action::Source, "source", "source of the selected figure", &[Ctx::Tree]),
    // Province list.
    b(Ctx::List, &[k('s')], "s", Action::SortNext, "sort", "sort by next node", &[Ctx::List]),
    b(Ctx::List, &[k('S')], "S", Action::SortReverse, "reverse", "reverse sort", &[]),
    b(Ctx::List, &[k('r')], "r", Action::RegionNext, "region", "filter by region", &[Ctx::List]),
    b(Ctx::List, &[k('n')], "n", Action::SearchNext, "next match", "next match", &[]),
    b(Ctx::List, &[k('N')], "N", Action::SearchPrev, "prev match", "previous match", &[]),
    // Drill-down.
    b(Ctx::Tree, &[code(KC::Char(' '))], "Space", Action::In, "expand", "expand / go in", &[]),
    b(Ctx::Tree, &[code(KC::Backspace)], "Bksp", Action::Out, "parent", "collapse / go to parent", &[]),
    // Search box: typed characters go to the query.
    b(Ctx::Search, &[code(KC::Enter)], "Enter", Action::SearchAccept, "keep", "keep the filter", &[Ctx::Search]),
    b(Ctx::Search, &[code(KC::Esc)], "Esc", Action::SearchCancel, "clear", "clear the filter", &[Ctx::Search]),
    b(Ctx::Search, &[code(KC::Backspace), ctrl('h')], "Bksp", Action::SearchBackspace, "delete", "delete a character", &[Ctx::Search]),
    b(Ctx::Search, &[code(KC::Down)], "↓", Action::Down, "down", "next row", &[Ctx::Search]),
    b(Ctx::Search, &[code(KC::Up)], "↑", Action::Up, "up", "previous row", &[Ctx::Search]),
    b(Ctx::Search, &[ctrl('c')], "C-c", Action::Quit, "quit", "quit", &[]),
    // Help overlay.
    b(Ctx::Help, &[code(KC::Esc), k('q'), k('?'), code(KC::Enter)], "Esc/q/?", Action::CloseOverlay, "close", "close help", &[Ctx::Help]),
    b(Ctx::Help, &[ctrl('c')], "C-c", Action::Quit, "quit", "quit", &[]),
    b(Ctx::Help, &[k('j'), code(KC::Down)], "j/↓", Action::Down, "down", "scroll down", &[Ctx::Help]),
    b(Ctx::Help, &[k('k'), code(KC::Up)], "k/↑", Action::Up, "up", "scroll up", &[Ctx::Help]),
    // Source popup.
    b(Ctx::Popup, &[code(KC::Esc), k('q'), k('i'), code(KC::Enter)], "Esc/q/i", Action::CloseOverlay, "close", "close", &[Ctx::Popup]),
    b(Ctx::Popup, &[ctrl('c')], "C-c", Action::Quit, "quit", "quit", &[]),
];

/// The action bound to `key` in the first of `ctxs` that binds it.
pub fn lookup(ctxs: &[Ctx], key: Key) -> Option<Action> {
    ctxs.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.ctx == *ctx && b.keys.contains(&key))
            .map(|b| b.action)
    })
}

/// Translate a key event for the given contexts. In the search box, a plain
/// character not bound there is typed into the query.
pub fn dispatch(ctxs: &[Ctx], ev: &KeyEvent) -> Option<Action> {
    let key = Key::from_event(ev)?;
    if let Some(a) = lookup(ctxs, key) {
        return Some(a);
    }
    if ctxs.first() == Some(&Ctx::Search)
        && let KeyCode::Char(c) = key.code
        && !key.ctrl
    {
        return Some(Action::SearchInput(c));
    }
    None
}

/// Footer hints of a context, most useful first: `(label, hint)` of the
/// bindings whose `footer` lists it; the context's own bindings, then global
/// ones hinted for a few panes, then those hinted everywhere, with `? help`
/// always last (the footer drops hints from the end before it). Adjacent
/// bindings with the same hint share one entry ("[/] year").
pub fn footer(ctx: Ctx) -> Vec<(String, &'static str)> {
    let shown = |b: &&Binding| b.footer.contains(&ctx);
    let own = BINDINGS
        .iter()
        .filter(|b| b.ctx != Ctx::Global)
        .filter(shown);
    // Global keys hinted for a few panes come before those hinted everywhere.
    let specific = BINDINGS
        .iter()
        .filter(|b| b.ctx == Ctx::Global && b.footer != PANES)
        .filter(shown);
    let general = BINDINGS
        .iter()
        .filter(|b| b.ctx == Ctx::Global && b.footer == PANES && b.action != Action::Help)
        .filter(shown);
    let help = BINDINGS
        .iter()
        .filter(|b| b.ctx == Ctx::Global && b.action == Action::Help)
        .filter(shown);
    own.chain(specific).chain(general).chain(help).fold(
        Vec::new(),
        |mut out: Vec<(String, &'static str)>, b| {
            match out.last_mut() {
                Some((label, hint)) if *hint == b.hint => {
                    label.push('/');
                    label.push_str(b.label);
                }
                _ => out.push((b.label.to_string(), b.hint)),
            }
            out
        },
    )
}

/// Help-overlay sections: each context with its bindings.
pub fn help() -> Vec<(Ctx, Vec<&'static Binding>)> {
    Ctx::ALL
        .iter()
        .map(|ctx| (*ctx, BINDINGS.iter().filter(|b| b.ctx == *ctx).collect()))
        .filter(|(_, v): &(Ctx, Vec<&Binding>)| !v.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_action_is_reachable() {
        for a in Action::BINDABLE {
            assert!(BINDINGS.iter().any(|b| b.action == *a), "{a:?} has no key");
        }
    }

    #[test]
    fn no_duplicate_key_in_a_context() {
        for ctx in Ctx::ALL {
            let mut seen = HashSet::new();
            for b in BINDINGS.iter().filter(|b| b.ctx == ctx) {
                for key in b.keys {
                    assert!(seen.insert(*key), "{key:?} bound twice in {ctx:?}");
                }
            }
        }
    }

    #[test]
    fn pane_keys_do_not_shadow_global_keys() {
        let global: HashSet<Key> = BINDINGS
            .iter()
            .filter(|b| b.ctx == Ctx::Global)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for b in BINDINGS
            .iter()
            .filter(|b| matches!(b.ctx, Ctx::List | Ctx::Tree | Ctx::Changes | Ctx::Compare))
        {
            for key in b.keys {
                assert!(
                    !global.contains(key),
                    "{key:?} in {:?} shadows a global key",
                    b.ctx
                );
            }
        }
    }

    #[test]
    fn every_modal_context_can_quit_and_leave() {
        for ctx in [Ctx::Search, Ctx::Help, Ctx::Popup] {
            assert_eq!(lookup(&[ctx], ctrl('c')), Some(Action::Quit));
            assert!(lookup(&[ctx], code(KC::Esc)).is_some());
        }
    }

    #[test]
    fn dispatch_types_into_search_and_normalises_shift() {
        let ev = |c, m| KeyEvent::new(c, m);
        let s = [Ctx::Search];
        assert_eq!(
            dispatch(&s, &ev(KC::Char('q'), KeyModifiers::NONE)),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            dispatch(&s, &ev(KC::Char('h'), KeyModifiers::CONTROL)),
            Some(Action::SearchBackspace)
        );
        assert_eq!(
            dispatch(&s, &ev(KC::Char('ế'), KeyModifiers::NONE)),
            Some(Action::SearchInput('ế'))
        );
        let n = [Ctx::List, Ctx::Global];
        assert_eq!(
            dispatch(&n, &ev(KC::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            dispatch(&n, &ev(KC::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            dispatch(&n, &ev(KC::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(dispatch(&n, &ev(KC::Char('x'), KeyModifiers::ALT)), None);
        assert_eq!(
            dispatch(&n, &ev(KC::Char('s'), KeyModifiers::NONE)),
            Some(Action::SortNext)
        );
        assert_eq!(
            dispatch(
                &[Ctx::Tree, Ctx::Global],
                &ev(KC::Char('s'), KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let f = footer(Ctx::List);
        let expected = BINDINGS
            .iter()
            .filter(|b| b.footer.contains(&Ctx::List))
            .count();
        // `[` and `]` share one entry.
        assert_eq!(f.len(), expected - 1);
        let has = |f: &[(String, &str)], l: &str, h: &str| f.iter().any(|x| x.0 == l && x.1 == h);
        assert!(has(&f[..1], "s", "sort"));
        assert!(has(&f, "q", "quit"));
        assert!(has(&f, "c", "compare"));
        assert!(has(&f, "[/]", "year"));
        assert!(!has(&footer(Ctx::Tree), "s", "sort"));
        // `? help` ends every pane footer.
        for ctx in [Ctx::List, Ctx::Tree, Ctx::Changes, Ctx::Compare] {
            let f = footer(ctx);
            assert!(has(&f[f.len() - 1..], "?", "help"), "{ctx:?}");
        }
        // Hints are short; descriptions are for the help overlay.
        for b in BINDINGS {
            assert!(b.hint.chars().count() <= 10, "{b:?}");
            assert!(!b.desc.is_empty());
        }
        // every binding shown in a footer is reachable from that context
        for ctx in Ctx::ALL {
            for b in BINDINGS.iter().filter(|b| b.footer.contains(&ctx)) {
                assert!(b.ctx == ctx || b.ctx == Ctx::Global, "{b:?}");
            }
        }
        let total: usize = help().iter().map(|(_, v)| v.len()).sum();
        assert_eq!(total, BINDINGS.len());
    }
}
