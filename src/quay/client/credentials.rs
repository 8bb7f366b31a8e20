//! QuayClient endpoints: credentials.
