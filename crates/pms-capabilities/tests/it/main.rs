//! Integration tests of the capability matrix: the built-in matrix, loader errors with their
//! exact lines, rendering and per-hotel narrowing.

mod builtin;
mod errors;
mod fixture;
mod narrow;
mod render;
