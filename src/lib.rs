//! Tiến Độ: tracking a Vietnamese administrative-reform (CCHC) plan.
//!
//! The core (plans, deadlines, progress, KPIs, evidence) works without a
//! window: the command line ([`cli`]) and the tests use it directly. Only
//! [`store`] speaks SQL, only `ui` uses iced, only `report` uses printpdf.

pub mod agency;
pub mod bundle;
pub mod cli;
pub mod clock;
pub mod deadline;
pub mod demo;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod fsutil;
pub mod i18n;
pub mod ics;
pub mod plan;
pub mod progress;
pub mod report;
pub mod store;
pub mod text;
pub mod workspace;
pub mod ui;
