//! The `sanctions-screen` command-line tool.
fn main() {}
