//! Shared helpers for the integration tests.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use amu_darya::content::{self, Content};

/// The default level's content, loaded once.
pub fn content() -> Arc<Content> {
    static C: OnceLock<Arc<Content>> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = content::load_level_file(
            &root.join("levels/autumn-2021.ron"),
            Some(&root.join("assets")),
        )
        .unwrap_or_else(|d| panic!("default level loads: {:?}", d.list));
        Arc::new(loaded.content)
    })
    .clone()
}
