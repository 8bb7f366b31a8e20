//! Server functions: federation.
