//! Server functions: credentials.
