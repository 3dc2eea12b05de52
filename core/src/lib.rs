//! Tiến Độ's core: tracking a Vietnamese administrative-reform (CCHC) plan
//! without a window.
//!
//! Plans, deadlines, progress, KPIs, evidence, signed bundles, PDFs and the
//! database live here; the app crate (`tiendo`) adds the command line and the
//! iced window on top. This crate depends on neither iced nor rfd, so the
//! layering is checked by the compiler: only [`store`] speaks SQL, only
//! [`report`] uses printpdf, and nothing here draws a window.

pub mod agency;
pub mod args;
pub mod bundle;
pub mod clock;
pub mod crypto;
pub mod deadline;
pub mod demo;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod fsutil;
pub mod i18n;
pub mod ics;
pub mod org;
pub mod palette;
pub mod plan;
pub mod progress;
pub mod report;
pub mod scale;
pub mod store;
pub mod text;
pub mod util;
pub mod views;
pub mod workspace;
