//! `check` bugs that real content exposed (issue 14), each held by a test.
