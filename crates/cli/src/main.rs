//! The `rightsdesk` binary: everything is in the library (`lib.rs`).

fn main() -> std::process::ExitCode {
    rightsdesk_cli::main_from(std::env::args_os())
}
