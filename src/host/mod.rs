//! The classroom host (`amu-darya host`): one authoritative game per table of a class,
//! served to the groups' browsers, a projector and the teacher over WebSocket, kept in
//! SQLite so that nothing is lost when it stops. See docs/CLASSROOM.md.
//!
//! [`class`] is the class itself (plain code, one lock per table), [`store`] its file,
//! [`server`] the network side on axum and tokio, [`bench`] the bot clients that play
//! over real sockets (`bench-host`, `bot-client`).

pub mod bench;
pub mod class;
pub mod server;
pub mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ai::Strength;
use crate::content::Content;

pub use class::{Class, ClassConfig, Role};

/// How to start a host.
#[derive(Debug, Clone)]
pub struct HostConfig {
    pub bind: SocketAddr,
    pub level_path: String,
    pub seed: u64,
    pub tables: u32,
    pub bots: Strength,
    pub web: Option<PathBuf>,
    pub data: PathBuf,
    /// Write the addresses and codes here (JSON) once listening (tests, scripts).
    pub ready_file: Option<PathBuf>,
    /// Print QR codes of the addresses.
    pub qr: bool,
}

/// A host that is listening.
pub struct Running {
    pub addr: SocketAddr,
    pub class: Arc<Class>,
    pub notes: Vec<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The WebSocket address.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    /// Stop serving and wait until the server has let go of its connections.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), &mut self.task).await;
        self.task.abort();
    }
}

/// Open the class in `config.data` (or start one) and listen; on a tokio runtime.
pub async fn start(content: Arc<Content>, config: &HostConfig) -> Result<Running, String> {
    let store = store::Store::open(&config.data)?;
    let (class, notes) = Class::open(
        store,
        ClassConfig {
            content,
            level_path: config.level_path.clone(),
            seed: config.seed,
            tables: config.tables,
            bots: config.bots,
        },
    )?;
    let class = Arc::new(class);
    let app = Arc::new(server::App::new(class.clone(), config.web.as_deref())?);
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server::serve(app, listener, async move {
        let _ = stop_rx.await;
    }));
    Ok(Running {
        addr,
        class,
        notes,
        stop: Some(stop_tx),
        task,
    })
}

/// The addresses people on the network open: the loopback one, or when bound to every
/// interface, this machine's address on the network it routes through.
fn addresses(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    if !addr.ip().is_unspecified() {
        return vec![format!("http://{addr}")];
    }
    let mut out = Vec::new();
    // The local address a packet to another network would leave from (nothing is sent).
    for probe in ["10.255.255.255:9", "192.168.255.255:9", "172.31.255.255:9"] {
        if let Ok(sock) = std::net::UdpSocket::bind("0.0.0.0:0")
            && sock.connect(probe).is_ok()
            && let Ok(local) = sock.local_addr()
            && !local.ip().is_unspecified()
        {
            let a = format!("http://{}:{port}", local.ip());
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out.push(format!("http://127.0.0.1:{port} (this machine only)"));
    out
}

/// A QR code of `text` for the terminal, or nothing when it does not fit one.
pub fn qr(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// Run `amu-darya host` until Ctrl-C; returns the exit code.
pub fn run(content: Content, config: HostConfig) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the host's runtime: {e}");
            return crate::exit::INVALID;
        }
    };
    runtime.block_on(async move {
        let running = match start(Arc::new(content), &config).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("host: {e}");
                return crate::exit::INVALID;
            }
        };
        for n in &running.notes {
            println!("{n}");
        }
        announce(&running, &config);
        if let Some(path) = &config.ready_file {
            let ready = serde_json::json!({
                "url": format!("http://{}", running.addr),
                "ws": running.ws_url(),
                "teacher": running.class.teacher,
                "class": running.class.class_code(),
                "tables": running.class.codes().iter()
                    .map(|(t, c)| serde_json::json!({"table": t, "code": c}))
                    .collect::<Vec<_>>(),
            });
            if let Err(e) = crate::session::write_atomic(path, &ready.to_string()) {
                eprintln!("host: cannot write {}: {e}", path.display());
            }
        }
        let _ = tokio::signal::ctrl_c().await;
        println!("stopping: every table is kept in {}", config.data.display());
        running.stop().await;
        0
    })
}

fn announce(running: &Running, config: &HostConfig) {
    let class = &running.class;
    println!(
        "Amu Darya classroom host: class {} ({} tables), kept in {}",
        class.class_code(),
        class.tables.len(),
        config.data.display()
    );
    for a in addresses(running.addr) {
        println!("  groups open:   {a}/");
        // A QR code only where another device can reach the host.
        if config.qr
            && !running.addr.ip().is_loopback()
            && !a.contains("this machine")
            && let Some(code) = qr(&format!("{a}/"))
        {
            println!("{code}");
        }
    }
    println!(
        "  teacher opens: http://{}/teacher   teacher code: {}",
        running.addr, class.teacher
    );
    for (t, code) in class.codes() {
        println!("  table {t}: join code {code}");
    }
    if running.addr.ip().is_loopback() {
        println!(
            "  (only this machine can reach it: start with --bind 0.0.0.0:{} for the class's \
             network)",
            running.addr.port()
        );
    }
    println!("Stop with Ctrl-C; start again with the same --data to go on.");
}

/// The default folder a class is kept in.
pub fn default_data() -> PathBuf {
    crate::session::save_dir().join("class")
}

/// A path for display.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}
