//! One page per file.
pub mod check_answers;
pub mod compare;
pub mod home;
pub mod new_assessment;
pub mod not_found;
pub mod print;
pub mod section;
pub mod summary;
pub mod task_list;
