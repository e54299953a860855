//! The `amu-darya` binary: a thin shell over [`amu_darya::cli`] (on the web, the window
//! alone: a browser has no command line).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let cli = amu_darya::cli::Cli::parse();
    std::process::exit(amu_darya::cli::run(cli));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    amu_darya::gui::run_web();
}
