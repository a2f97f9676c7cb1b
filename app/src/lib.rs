//! Portail ALI: the shared library — pure domain rules, server functions, pages — built
//! twice: as an rlib for the server (`ssr`) and as the browser's WASM (`hydrate`, islands).

pub mod api;
pub mod domain;
pub mod flash;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;
pub mod views;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
