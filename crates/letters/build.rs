#![allow(clippy::expect_used)] // A build script that cannot read its templates must stop the build.
//! Embeds every template under `templates/` so the binary carries them and
//! the template version is a hash of exactly what renders.
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    let mut langs: Vec<_> = fs::read_dir(&root).expect("templates/").flatten().map(|e| e.path()).collect();
    langs.sort();
    for lang in langs.into_iter().filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", lang.display());
        let mut files: Vec<_> = fs::read_dir(&lang).expect("language dir").flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file.strip_prefix(&root).expect("under root").to_string_lossy().replace('\\', "/");
            entries.push(format!("    ({name:?}, include_str!({:?})),\n", file.display().to_string()));
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates.rs");
    fs::write(out, format!("pub const TEMPLATES: &[(&str, &str)] = &[\n{}];\n", entries.concat())).expect("write");
}
