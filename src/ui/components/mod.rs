//! Reusable components, one public component per file.
pub mod answer_control;
pub mod asked_facts;
pub mod banner;
pub mod case_chooser;
pub mod cases_behind;
pub mod fact_entry;
pub mod guidance;
pub mod open_draft;
pub mod question;
pub mod save_status;
pub mod search;
pub mod section_facts;
