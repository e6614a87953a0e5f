//! The smallest Tauri app: one window, one static page. Prints the same
//! page-load marker as RightsDesk so bench/startup.py can time both alike.

fn main() {
    let result = tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                eprintln!("bench: page-loaded");
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("bare window failed: {e}");
        std::process::exit(2);
    }
}
