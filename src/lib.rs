//! Tiến Độ: the app over the core crate (`tiendo_core`): the command line
//! ([`cli`]) and the iced window (`ui`). Only `ui` uses iced and rfd.
//!
//! The core's modules are re-exported so that `tiendo::store`,
//! `tiendo::workspace` … name the same items for the CLI, the window and the
//! tests.

pub use tiendo_core::*;

pub mod cli;
pub mod ui;
