//! Usage logs: kinds ([`kinds`]), date windows ([`range`]), page tokens ([`page`]) and the JSON
//! of an entry ([`view`]). Storage is in `store::logs`, the endpoints in `api::logs`.

pub mod kinds;
pub mod page;
pub mod range;
pub mod view;
