// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // `rightsdesk-app --cli …` is the `rightsdesk` command line (the package's
    // /usr/bin/rightsdesk runs it so): one binary carries both faces.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "--cli") {
        args.remove(1);
        args[0] = "rightsdesk".into();
        return rightsdesk_cli::main_from(args);
    }
    rightsdesk_app::run();
    std::process::ExitCode::SUCCESS
}
