//! The host's network side, on axum and tokio: the pages, the content digest, the teacher's
//! downloads, the browser build, and one WebSocket per device. Each connection is a small
//! loop that reads its messages, asks the [`Class`] (on a blocking thread: a strong bot may
//! think), and sends its own view whenever its table changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;

use super::class::{Class, Role};
use crate::net::{ClientMsg, Digest, MAX_CLIENT_MESSAGE, ServerMsg};
use crate::rules::Viewer;
use crate::text::Strings;

/// The pages, compiled in (or read from `AMU_CLASS_PAGES` at each request, for whoever
/// works on them).
const PAGES: &[(&str, &str, &str)] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_str!("../../web/class/index.html"),
    ),
    (
        "teacher.html",
        "text/html; charset=utf-8",
        include_str!("../../web/class/teacher.html"),
    ),
    (
        "class.css",
        "text/css; charset=utf-8",
        include_str!("../../web/class/class.css"),
    ),
    (
        "class.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/class/class.js"),
    ),
    (
        "play.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/class/play.js"),
    ),
    (
        "teacher.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/class/teacher.js"),
    ),
];

/// Messages a connection may send in a burst, and how many a second after that.
const BURST: f64 = 40.0;
const PER_SECOND: f64 = 20.0;
/// Wrong teacher codes before a connection is closed.
const TEACHER_TRIES: u32 = 5;
/// A connection that says nothing (not even a ping) this long is closed.
const IDLE: Duration = Duration::from_secs(600);

/// What the server shares between requests.
pub struct App {
    pub class: Arc<Class>,
    /// The browser build's files, read once at start (a request names a key of this map,
    /// never a path on the host).
    pub web: HashMap<String, (String, Bytes)>,
    /// The content digest's JSON by language, made on first request (a clone shares it).
    digests: std::sync::Mutex<HashMap<String, Bytes>>,
}

impl App {
    pub fn new(class: Arc<Class>, web: Option<&Path>) -> Result<App, String> {
        let web = match web {
            Some(dir) => read_web(dir)?,
            None => HashMap::new(),
        };
        Ok(App {
            class,
            web,
            digests: std::sync::Mutex::new(HashMap::new()),
        })
    }
}

/// Read the browser build's folder into memory (files up to 256 MB, folders two deep: a
/// release build's game is about 8 MB, the fast build CI tests ~90 MB).
fn read_web(dir: &Path) -> Result<HashMap<String, (String, Bytes)>, String> {
    fn walk(
        root: &Path,
        dir: &Path,
        depth: u32,
        out: &mut HashMap<String, (String, Bytes)>,
    ) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for e in entries.flatten() {
            let p: PathBuf = e.path();
            if p.is_dir() && depth < 2 {
                walk(root, &p, depth + 1, out)?;
            } else if p.is_file() {
                let key = p
                    .strip_prefix(root)
                    .map_err(|e| e.to_string())?
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                if bytes.len() <= 256 << 20 {
                    out.insert(key.clone(), (mime(&key).to_string(), Bytes::from(bytes)));
                }
            }
        }
        Ok(())
    }
    let mut out = HashMap::new();
    walk(dir, dir, 0, &mut out)?;
    if !out.contains_key("index.html") {
        return Err(format!(
            "{} has no index.html: build the browser game first (scripts/build-web.sh)",
            dir.display()
        ));
    }
    Ok(out)
}

fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ttf" => "font/ttf",
        "ron" | "ftl" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The host's routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(|| page("index.html")))
        .route("/teacher", get(|| page("teacher.html")))
        .route("/class/{name}", get(class_file))
        .route("/content.json", get(content_json))
        .route("/teacher/results.csv", get(results_csv))
        .route("/teacher/save", get(save_file))
        .route("/web/{*path}", get(web_file))
        .route("/web", get(web_index))
        .route("/web/", get(web_index))
        .route("/ws", get(ws_upgrade))
        .with_state(app)
}

async fn page(name: &str) -> Response {
    let Some((_, kind, text)) = PAGES.iter().find(|(n, _, _)| *n == name) else {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    };
    // Whoever works on the pages can have them read from disk at each request.
    let body = std::env::var_os("AMU_CLASS_PAGES")
        .and_then(|dir| std::fs::read_to_string(Path::new(&dir).join(name)).ok())
        .unwrap_or_else(|| (*text).to_string());
    (
        [
            (header::CONTENT_TYPE, *kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn class_file(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    if name.ends_with(".html") {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    }
    page(&name).await
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

async fn content_json(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    let lang = match q.lang.as_deref() {
        Some("ru") => "ru",
        _ => "en",
    };
    let text = {
        let mut cache = app.digests.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(lang.to_string())
            .or_insert_with(|| {
                Bytes::from(
                    serde_json::to_string(&Digest::of(&app.class.content, lang))
                        .unwrap_or_default(),
                )
            })
            .clone()
    };
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

#[derive(Deserialize)]
struct TeacherQuery {
    code: Option<String>,
    table: Option<u32>,
}

async fn results_csv(State(app): State<Arc<App>>, Query(q): Query<TeacherQuery>) -> Response {
    if !q.code.as_deref().is_some_and(|c| app.class.is_teacher(c)) {
        return (StatusCode::FORBIDDEN, "the teacher code is wrong").into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"class-results.csv\"",
            ),
        ],
        app.class.results_csv(),
    )
        .into_response()
}

async fn save_file(State(app): State<Arc<App>>, Query(q): Query<TeacherQuery>) -> Response {
    if !q.code.as_deref().is_some_and(|c| app.class.is_teacher(c)) {
        return (StatusCode::FORBIDDEN, "the teacher code is wrong").into_response();
    }
    let Some(save) = q.table.and_then(|t| app.class.save(t)) else {
        return (StatusCode::NOT_FOUND, "no such table").into_response();
    };
    let name = format!(
        "attachment; filename=\"table-{}.ron\"",
        q.table.unwrap_or(0)
    );
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        save.to_ron(),
    )
        .into_response()
}

async fn web_index(State(app): State<Arc<App>>) -> Response {
    web_lookup(&app, "index.html")
}

async fn web_file(
    State(app): State<Arc<App>>,
    axum::extract::Path(path): axum::extract::Path<String>,
) -> Response {
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    web_lookup(&app, &key)
}

fn web_lookup(app: &App, key: &str) -> Response {
    match app.web.get(key) {
        Some((kind, bytes)) => {
            ([(header::CONTENT_TYPE, kind.clone())], bytes.clone()).into_response()
        }
        None if app.web.is_empty() => (
            StatusCode::NOT_FOUND,
            "this host serves no browser build (start it with --web dist/web)",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

async fn ws_upgrade(ws: WebSocketUpgrade, State(app): State<Arc<App>>) -> Response {
    ws.max_message_size(MAX_CLIENT_MESSAGE)
        .max_frame_size(MAX_CLIENT_MESSAGE)
        .on_upgrade(move |socket| connection(app, socket))
}

/// A connection's state.
struct Conn {
    role: Option<Role>,
    strings: Strings,
    /// Tokens left in the rate limiter, and when it was last filled.
    bucket: (f64, Instant),
    teacher_tries: u32,
    /// The connection wants the log's entries in its views.
    log: bool,
}

impl Conn {
    /// Take one message from the rate limiter; false when the connection floods.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let (tokens, at) = self.bucket;
        let tokens = (tokens + now.duration_since(at).as_secs_f64() * PER_SECOND).min(BURST);
        if tokens < 1.0 {
            self.bucket = (tokens, now);
            return false;
        }
        self.bucket = (tokens - 1.0, now);
        true
    }
}

fn lang_strings(lang: Option<&str>) -> Strings {
    Strings::built_in(match lang {
        Some("ru") => "ru",
        _ => "en",
    })
}

/// What a handled message leads to.
enum After {
    /// Answer with these messages.
    Say(Vec<ServerMsg>),
    /// Answer, then close the connection.
    Close(ServerMsg),
    /// Say nothing.
    Quiet,
}

fn refused(seq: Option<u64>, reason: impl Into<String>) -> ServerMsg {
    ServerMsg::Refused {
        seq,
        reason: reason.into(),
    }
}

async fn connection(app: Arc<App>, socket: WebSocket) {
    let (mut tx, mut rx) = socket.split();
    let mut conn = Conn {
        role: None,
        strings: Strings::english(),
        bucket: (BURST, Instant::now()),
        teacher_tries: 0,
        log: false,
    };
    let mut watch: Option<tokio::sync::watch::Receiver<u64>> = None;
    loop {
        let changed = async {
            match watch.as_mut() {
                Some(w) => w.changed().await.is_ok(),
                None => std::future::pending().await,
            }
        };
        let next = tokio::select! {
            m = tokio::time::timeout(IDLE, rx.next()) => Err(m),
            ok = changed => Ok(ok),
        };
        let out: Vec<ServerMsg> = match next {
            // The table (or, for the teacher, the class) changed: send the new view.
            Ok(true) => {
                if let Some(w) = watch.as_mut() {
                    w.borrow_and_update();
                }
                current(&app, &conn).into_iter().collect()
            }
            Ok(false) => break,
            Err(Err(_)) => break,
            Err(Ok(None)) | Err(Ok(Some(Err(_)))) => break,
            Err(Ok(Some(Ok(msg)))) => {
                let text = match msg {
                    Message::Text(t) => t,
                    Message::Binary(_) => {
                        let _ = send(&mut tx, &refused(None, "text frames only (JSON)")).await;
                        continue;
                    }
                    Message::Close(_) => break,
                    _ => continue,
                };
                if !conn.take() {
                    let _ = send(
                        &mut tx,
                        &refused(None, "too many messages: this connection is closed"),
                    )
                    .await;
                    break;
                }
                let before = conn.role.clone();
                let after = handle(&app, &mut conn, text.as_str()).await;
                if conn.role != before {
                    if let Some(Role::Seat { table, seat }) = &before {
                        app.class.set_online(*table, *seat, false);
                    }
                    watch = match &conn.role {
                        Some(Role::Seat { table, .. }) | Some(Role::Projector { table }) => {
                            app.class.watch_table(*table)
                        }
                        Some(Role::Teacher) => Some(app.class.changed.subscribe()),
                        None => None,
                    };
                    if let Some(w) = watch.as_mut() {
                        w.borrow_and_update();
                    }
                    if let Some(Role::Seat { table, seat }) = &conn.role {
                        app.class.set_online(*table, *seat, true);
                        // Our own change to the table: it is in the view sent below.
                        if let Some(w) = watch.as_mut() {
                            w.borrow_and_update();
                        }
                    }
                }
                match after {
                    After::Say(mut msgs) => {
                        // Whatever the message did, the connection gets its view as it
                        // now stands (a refused command's sender most of all).
                        if conn.role.is_some() {
                            if let Some(w) = watch.as_mut() {
                                w.borrow_and_update();
                            }
                            msgs.extend(current(&app, &conn));
                        }
                        msgs
                    }
                    After::Close(m) => {
                        let _ = send(&mut tx, &m).await;
                        break;
                    }
                    After::Quiet => Vec::new(),
                }
            }
        };
        let mut failed = false;
        for m in &out {
            if send(&mut tx, m).await.is_err() {
                failed = true;
                break;
            }
        }
        if failed {
            break;
        }
    }
    if let Some(Role::Seat { table, seat }) = conn.role {
        app.class.set_online(table, seat, false);
    }
}

/// What a connection sees now: its view, or the teacher's class.
fn current(app: &App, conn: &Conn) -> Option<ServerMsg> {
    match conn.role.as_ref()? {
        Role::Seat { table, seat } => {
            app.class
                .view_msg(*table, Viewer::Seat(*seat), &conn.strings, conn.log)
        }
        Role::Projector { table } => {
            app.class
                .view_msg(*table, Viewer::Public, &conn.strings, conn.log)
        }
        Role::Teacher => Some(ServerMsg::Class {
            class: app.class.class_code(),
            tables: app.class.summaries(),
        }),
    }
}

async fn send(
    tx: &mut futures_util::stream::SplitSink<WebSocket, Message>,
    msg: &ServerMsg,
) -> Result<(), ()> {
    let text = serde_json::to_string(msg).map_err(|_| ())?;
    tx.send(Message::Text(text.into())).await.map_err(|_| ())
}

/// Handle one message from a connection.
async fn handle(app: &Arc<App>, conn: &mut Conn, text: &str) -> After {
    let msg: ClientMsg = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let e = e.to_string();
            return After::Say(vec![refused(
                None,
                format!(
                    "not a message this host understands: {}",
                    e.chars().take(120).collect::<String>()
                ),
            )]);
        }
    };
    let class = app.class.clone();
    match msg {
        ClientMsg::Ping => After::Quiet,
        ClientMsg::Join {
            code,
            state,
            lang,
            log,
        } => {
            if conn.role.is_some() {
                return After::Say(vec![refused(None, "this connection has joined already")]);
            }
            let joined =
                tokio::task::spawn_blocking(move || class.join(&code, state.as_deref())).await;
            match joined {
                Ok(Ok((token, role))) => {
                    conn.strings = lang_strings(lang.as_deref());
                    conn.log = log;
                    conn.role = Some(role.clone());
                    After::Say(vec![joined_msg(app, token, &role)])
                }
                Ok(Err(e)) => After::Say(vec![refused(None, e)]),
                Err(_) => After::Say(vec![refused(None, "the host failed to join you")]),
            }
        }
        ClientMsg::Resume { token, lang, log } => {
            if conn.role.is_some() {
                return After::Say(vec![refused(None, "this connection has joined already")]);
            }
            match app.class.resume(&token) {
                Some(role) => {
                    conn.strings = lang_strings(lang.as_deref());
                    conn.log = log;
                    conn.role = Some(role.clone());
                    After::Say(vec![joined_msg(app, token, &role)])
                }
                None => After::Say(vec![refused(
                    None,
                    "this seat token is not known here (freed by the teacher, or from \
                     another class): join again with the table's code",
                )]),
            }
        }
        ClientMsg::Cmd {
            seq,
            at,
            cmd,
            journal,
        } => {
            let Some(Role::Seat { table, seat }) = conn.role else {
                return After::Say(vec![refused(
                    Some(seq),
                    "join a table as a state before you give commands",
                )]);
            };
            let done = tokio::task::spawn_blocking(move || {
                class.command(table, seat, seq, at, &cmd, journal.as_deref())
            })
            .await;
            After::Say(vec![match done {
                Ok(Ok(())) => ServerMsg::Ok { seq },
                Ok(Err(e)) => refused(Some(seq), e),
                Err(_) => refused(Some(seq), "the host failed on this command"),
            }])
        }
        ClientMsg::Teacher { code } => {
            if app.class.is_teacher(&code) {
                conn.role = Some(Role::Teacher);
                After::Say(vec![])
            } else {
                conn.teacher_tries += 1;
                if conn.teacher_tries >= TEACHER_TRIES {
                    After::Close(refused(None, "wrong teacher code too often: closed"))
                } else {
                    After::Say(vec![refused(None, "the teacher code is wrong")])
                }
            }
        }
        ClientMsg::Export { table } => {
            if conn.role != Some(Role::Teacher) {
                return After::Say(vec![refused(None, "only the teacher can export a table")]);
            }
            match app.class.save(table) {
                Some(save) => After::Say(vec![ServerMsg::Save {
                    table,
                    save: save.to_ron(),
                }]),
                None => After::Say(vec![refused(None, format!("there is no table {table}"))]),
            }
        }
        ClientMsg::Steer { table, act } => {
            if conn.role != Some(Role::Teacher) {
                return After::Say(vec![refused(None, "only the teacher can steer a table")]);
            }
            let done = tokio::task::spawn_blocking(move || class.steer(table, &act)).await;
            match done {
                Ok(Ok(())) => After::Say(vec![]),
                Ok(Err(e)) => After::Say(vec![refused(None, e)]),
                Err(_) => After::Say(vec![refused(None, "the host failed on this")]),
            }
        }
    }
}

fn joined_msg(app: &App, token: String, role: &Role) -> ServerMsg {
    let c = &app.class;
    let (table, state, seq) = match role {
        Role::Seat { table, seat } => (
            *table,
            Some(c.content.states[seat.index()].id.clone()),
            c.last_seq(*table, *seat),
        ),
        Role::Projector { table } => (*table, None, 0),
        Role::Teacher => (0, None, 0),
    };
    let code = c
        .codes()
        .into_iter()
        .find(|(id, _)| *id == table)
        .map(|(_, code)| code)
        .unwrap_or_default();
    ServerMsg::Joined {
        token,
        table,
        code,
        state,
        seq,
        level: c.content.level_id.clone(),
        content_hash: crate::hash::hex(c.content.hash),
    }
}

/// Serve on `listener` until `stop` resolves.
pub async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Small messages go out at once (no Nagle delay on a command's answer).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(app))
        .with_graceful_shutdown(stop)
        .await
}
