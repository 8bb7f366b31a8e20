//! Small PatternFly building blocks with no Quay knowledge.

pub mod alert;
pub mod empty_state;
pub mod spinner;
