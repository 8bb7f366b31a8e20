//! Replay of the recorded Quay calls: comparing answers ([`compare`]) and sending requests
//! ([`replayer`]).

pub mod compare;
pub mod dates;
pub mod replayer;
