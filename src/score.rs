//! Token similarity and name scoring (filled in by the matcher work).
