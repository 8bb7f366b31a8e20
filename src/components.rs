//! Small PatternFly building blocks with no Quay knowledge.

pub mod alert;
pub mod clipboard;
pub mod empty_state;
pub mod kebab;
pub mod modal;
pub mod spinner;
pub mod tabs;
pub mod toast;
