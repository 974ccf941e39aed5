//! Candidate retrieval index (filled in by the matcher work).
