//! The wasm-bindgen binding (feature `wasm`): the only file that names wasm crates.
