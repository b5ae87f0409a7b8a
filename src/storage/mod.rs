//! Browser storage (see storage/mod.rs).
