//! Server functions: permissions.
