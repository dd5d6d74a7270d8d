//! The terminal explorer (The Elm Architecture: event → Action → update → render).
