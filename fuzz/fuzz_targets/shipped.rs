//! The shipped default level and its files, built into the fuzz targets.

use amu_darya::content::MapSource;
use amu_darya::fuzz::Shipped;

/// The level and the files it names.
pub fn shipped() -> Shipped {
    let mut assets = MapSource {
        root: "assets".into(),
        ..MapSource::default()
    };
    for (path, text) in [
        (
            "rules/core.ron",
            include_str!("../../assets/rules/core.ron"),
        ),
        ("map/board.ron", include_str!("../../assets/map/board.ron")),
        (
            "states/states.ron",
            include_str!("../../assets/states/states.ron"),
        ),
        (
            "cards/events.ron",
            include_str!("../../assets/cards/events.ron"),
        ),
        (
            "cards/policies.ron",
            include_str!("../../assets/cards/policies.ron"),
        ),
    ] {
        assets.files.insert(path.into(), text.into());
    }
    Shipped {
        level: (
            "levels/autumn-2021.ron".into(),
            include_str!("../../levels/autumn-2021.ron").into(),
        ),
        assets,
    }
}
