//! QuayClient endpoints: permissions.
