//! QuayClient endpoints: teams.
