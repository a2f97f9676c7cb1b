//! The server's HTTP tests: the real router on 127.0.0.1:0, a fresh database per test,
//! real SMTP and SMS peers. One test binary, a module per capability.

#[macro_use]
mod common;

mod agency;
mod auth;
mod booking;
mod caseload;
mod durability;
mod enrolment;
mod exports;
mod orientation;
mod outreach;
mod pathways;
mod probes;
mod security;
mod seed;
mod surveys;
mod team;
mod voice;
mod workshops;
