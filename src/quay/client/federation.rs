//! QuayClient endpoints: federation.
