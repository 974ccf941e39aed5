//! Matching-quality evaluation harness (native; feature `cli`).
