//! The colours that carry meaning, written once: a tone for each task status,
//! KPI state and bundle completeness. The window draws the strong shade
//! (text, dots, borders); the Excel workbook fills cells with the pale one.

use crate::domain::{KpiState, Status};
use crate::views::Completeness;

/// A colour with a meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// In progress; upcoming.
    Blue,
    /// Done; met; received.
    Green,
    /// Done late; due soon; received late.
    Amber,
    /// Overdue; not met; missing.
    Red,
    /// Not started; no data; not due.
    Grey,
    /// Not applicable; on demand.
    Purple,
}

impl Tone {
    /// The shade for text and marks on a light background (RGB).
    pub const fn strong(self) -> [u8; 3] {
        match self {
            Tone::Blue => [0x1d, 0x5f, 0xbf],
            Tone::Green => [0x1e, 0x8e, 0x4f],
            Tone::Amber => [0xd9, 0x8a, 0x00],
            Tone::Red => [0xc6, 0x2e, 0x2e],
            Tone::Grey => [0x6b, 0x72, 0x80],
            Tone::Purple => [0x6d, 0x4a, 0xc2],
        }
    }

    /// The shade for a cell's background behind black text (RGB).
    pub const fn pale(self) -> [u8; 3] {
        match self {
            Tone::Blue => [0xDD, 0xEB, 0xF7],
            Tone::Green => [0xC6, 0xEF, 0xCE],
            Tone::Amber => [0xFF, 0xEB, 0x9C],
            Tone::Red => [0xFF, 0xC7, 0xCE],
            Tone::Grey => [0xED, 0xED, 0xED],
            Tone::Purple => [0xE4, 0xDF, 0xEC],
        }
    }
}

pub const fn of_status(s: Status) -> Tone {
    match s {
        Status::NotStarted => Tone::Grey,
        Status::InProgress => Tone::Blue,
        Status::Done => Tone::Green,
        Status::DoneLate => Tone::Amber,
        Status::NotApplicable => Tone::Purple,
    }
}

pub const fn of_kpi(s: KpiState) -> Tone {
    match s {
        KpiState::Met => Tone::Green,
        KpiState::NotMet => Tone::Red,
        KpiState::NoData => Tone::Grey,
    }
}

pub const fn of_completeness(c: &Completeness) -> Tone {
    match c {
        Completeness::Received { .. } => Tone::Green,
        Completeness::Late { .. } => Tone::Amber,
        Completeness::Missing => Tone::Red,
        Completeness::NotDue => Tone::Grey,
    }
}
