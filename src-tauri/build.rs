// Declares the app's own commands so tauri-build generates an `allow-<command>`
// permission for each: a command not granted by a capability cannot be called
// from the window at all.
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "app_status",
        "create_store",
        "unlock",
        "list_people",
        "get_person",
        "create_person",
        "update_person",
        "delete_person",
        "person_authorities",
        "compute_deadline",
        "search_controllers",
        "controller_detail",
        "create_controller",
        "update_controller",
        "add_claim",
        "li_vendors",
        "import_controllers",
        "list_requests",
        "request_detail",
        "create_request",
        "letter_kinds",
        "preview_letter",
        "request_letter",
        "redraft_letter",
        "edit_letter",
        "save_letter",
        "preview_batch",
        "create_batch",
        "mark_request",
        "attention",
        "export_ics",
    ])))
    .unwrap_or_else(|e| panic!("tauri-build failed: {e:#}"));
}
