//! Matching-quality evaluation harness (native; feature `cli`).
pub mod rng;
pub mod tables;
pub mod variants;
