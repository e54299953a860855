//! The browser build's own parts: the launch read from the page's address, and the
//! content fetched from the page's folder (every file `files.ron` lists, with progress on
//! screen) before the title screen opens.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext, LoadState};
use bevy::prelude::*;

use super::library::Library;
use super::theme::{self, UiFont};
use super::{Launch, Screen};

/// The list of content files, beside `index.html`.
const MANIFEST: &str = "files.ron";

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<TextFile>()
        .register_asset_loader(TextLoader)
        .add_systems(
            Update,
            fetch.run_if(in_state(Screen::Loading).and_then(not(resource_exists::<Library>))),
        )
        .add_systems(OnExit(Screen::Loading), page_ready);
}

/// The launch from the address: `?level=levels/classroom-45.ron&seed=7&human=TJK,UZB`
/// starts a game with those states played by people; `&autoplay=1` lets bots play every
/// seat; a level alone opens the new-game page on it.
pub(super) fn launch_from_url() -> Launch {
    let mut launch = Launch {
        level: PathBuf::from(crate::DEFAULT_LEVEL),
        ..Launch::default()
    };
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return launch;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return launch;
    };
    if let Some(level) = params.get("level") {
        launch.level = PathBuf::from(level);
        launch.level_given = true;
    }
    launch.seed = params.get("seed").and_then(|s| s.parse().ok());
    launch.autoplay = params
        .get("autoplay")
        .is_some_and(|a| a == "1" || a == "true");
    launch.bench_bot = params
        .get("bench-bot")
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=1000).contains(n));
    // `?join=CODE&state=TJK`: join a class on the host this page was served from.
    if let Some(code) = params.get("join") {
        let loc = web_sys::window().map(|w| w.location());
        let origin = loc.and_then(|l| l.origin().ok()).unwrap_or_default();
        launch.join = Some((origin, code, params.get("state")));
    }
    if let Some(h) = params.get("human") {
        launch.humans = h
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    launch
}

/// A text file fetched as an asset.
#[derive(Asset, TypePath, Debug)]
struct TextFile(String);

#[derive(Default, TypePath)]
struct TextLoader;

impl AssetLoader for TextLoader {
    type Asset = TextFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _cx: &mut LoadContext<'_>,
    ) -> Result<TextFile, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        if bytes.len() as u64 > crate::content::MAX_FILE_BYTES {
            return Err(std::io::Error::other(
                "the file is larger than content files may be",
            ));
        }
        String::from_utf8(bytes)
            .map(TextFile)
            .map_err(|_| std::io::Error::other("the file is not UTF-8 text"))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Where fetching stands.
#[derive(Default)]
enum Fetch {
    #[default]
    Start,
    Manifest(Handle<TextFile>),
    Files(Vec<(String, Handle<TextFile>)>),
    Failed,
}

#[derive(Component)]
struct LoadingText;

/// Fetch the manifest, then every file it lists; show how far it has got; when all are
/// in, the library is ready (and the game begins).
fn fetch(
    mut commands: Commands,
    server: Res<AssetServer>,
    texts: Res<Assets<TextFile>>,
    font: Option<Res<UiFont>>,
    mut label: Query<&mut Text, With<LoadingText>>,
    mut state: Local<Fetch>,
) {
    let Some(font) = font else { return };
    let Ok(mut label) = label.single_mut() else {
        commands.spawn((
            LoadingText,
            DespawnOnExit(Screen::Loading),
            Text::new("Loading…"),
            font.at(theme::HEADING),
            TextColor(theme::TEXT),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(40.0),
                top: Val::Px(40.0),
                ..default()
            },
        ));
        return;
    };
    let failed = |h: &Handle<TextFile>| match server.load_state(h) {
        LoadState::Failed(e) => Some(e.to_string()),
        _ => None,
    };
    match &*state {
        Fetch::Start => *state = Fetch::Manifest(server.load(MANIFEST)),
        Fetch::Manifest(h) => {
            if let Some(e) = failed(h) {
                label.0 = format!("Cannot load {MANIFEST}: {e}");
                error!("{}", label.0);
                *state = Fetch::Failed;
            } else if let Some(t) = texts.get(h) {
                match ron::from_str::<Vec<String>>(&t.0) {
                    Ok(list) => {
                        *state = Fetch::Files(
                            list.into_iter()
                                .map(|p| (p.clone(), server.load(p)))
                                .collect(),
                        );
                    }
                    Err(e) => {
                        label.0 = format!("{MANIFEST}: {e}");
                        error!("{}", label.0);
                        *state = Fetch::Failed;
                    }
                }
            }
        }
        Fetch::Files(list) => {
            if let Some((p, e)) = list.iter().find_map(|(p, h)| failed(h).map(|e| (p, e))) {
                label.0 = format!("Cannot load {p}: {e}");
                error!("{}", label.0);
                *state = Fetch::Failed;
                return;
            }
            let done = list.iter().filter(|(_, h)| texts.contains(h)).count();
            label.0 = format!("Loading the game's content: {done} of {} files", list.len());
            if done == list.len() {
                let files: BTreeMap<String, String> = list
                    .iter()
                    .filter_map(|(p, h)| texts.get(h).map(|t| (p.clone(), t.0.clone())))
                    .collect();
                info!("content loaded: {} files", files.len());
                commands.insert_resource(Library::from_files(files));
            }
        }
        Fetch::Failed => {}
    }
}

/// Tell the page the content is in and the game has begun (`<body data-game="ready">`).
fn page_ready() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-game", "ready");
    }
}
