//! The `amu-darya` binary: a thin shell over [`amu_darya::cli`].

use clap::Parser;

fn main() {
    let cli = amu_darya::cli::Cli::parse();
    std::process::exit(amu_darya::cli::run(cli));
}
