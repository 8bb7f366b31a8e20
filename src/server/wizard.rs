//! Server functions: wizard.
