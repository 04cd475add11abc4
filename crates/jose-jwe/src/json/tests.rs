// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
