//! robot-console
