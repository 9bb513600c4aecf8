use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = trellis::cli::Cli::parse();
    match trellis::cli::run(&cli) {
        Ok(message) => {
            if let Some(m) = message {
                println!("{m}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Printed here, not returned: RUST_BACKTRACE=1 would turn a
            // returned error into a backtrace.
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", e.render(color));
            ExitCode::FAILURE
        }
    }
}
