//! The desktop interface (feature `gui`).
