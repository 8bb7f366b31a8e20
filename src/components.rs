//! Small PatternFly building blocks with no Quay knowledge.

pub mod alert;
pub mod bulk;
pub mod bulk_select;
pub mod clipboard;
pub mod effect;
pub mod empty_state;
pub mod focus;
pub mod focus_return;
pub mod kebab;
pub mod lazy;
pub mod menu;
pub mod modal;
pub mod pagination;
pub mod search_input;
pub mod spinner;
pub mod table;
pub mod tabs;
pub mod text_field;
pub mod toast;
pub mod toggle_group;
pub mod when;
