//! Faults of the machine, with the real thing: the data directory on a full
//! disk (a 6 MiB tmpfs mounted for the test).

use rightsdesk_domain::letter::LetterRequest;
use rightsdesk_domain::{ErrorCode, LetterOptions, PersonDraft, RequestKind};
use rightsdesk_store::{DataDir, KeyChoice, Store};

const PASS: &str = "correct horse battery";

/// A small tmpfs, unmounted on drop. Mounting needs root (CI runs as root).
struct SmallDisk {
    path: std::path::PathBuf,
    _tmp: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(SmallDisk { path, _tmp: tmp })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn a_full_disk_fails_the_write_that_did_not_fit_and_keeps_every_earlier_one() {
    let Some(disk) = SmallDisk::mount("6m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root); the full-disk test did not run");
        return;
    };
    let dir = DataDir::new(disk.path.join("data"));
    let secrets = rightsdesk_store::MemorySecrets::shared();
    let mut s = Store::create_with(&dir, KeyChoice::Passphrase(PASS), secrets.clone()).unwrap();
    rightsdesk_usecases::ready(&mut s).unwrap();
    let p = s
        .create_person(PersonDraft {
            display_name: "Ada Lovelace".into(),
            emails: vec!["ada@example.org".into()],
            ..Default::default()
        })
        .unwrap();
    let r = s
        .create_request(
            &LetterRequest {
                person_id: p.id,
                kind: RequestKind::Access,
                language: String::new(),
                options: LetterOptions::default(),
            },
            "tiktok",
        )
        .unwrap();
    // Scans of 256 kB until the disk is full.
    let mut kept = 0usize;
    let mut seed = 7u64;
    let failure = loop {
        let scan: Vec<u8> = (0..256 * 1024)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                (seed >> 56) as u8
            })
            .collect();
        match s.add_attachment(r.id, &format!("scan-{kept}.pdf"), &[b"%PDF-1.4\n".as_slice(), &scan].concat()) {
            Ok(_) => kept += 1,
            Err(e) => break e,
        }
        assert!(kept < 100, "a 6 MiB disk never filled up");
    };
    assert!(kept >= 3, "some scans fit before the disk was full: {kept}");
    assert_eq!(failure.code, ErrorCode::Io, "{}", failure.message);
    assert!(failure.message.contains("disk is full"), "{}", failure.message);

    // The store is sound and holds every write that succeeded.
    assert_eq!(s.health().unwrap().integrity, "ok");
    assert_eq!(s.request_detail(r.id).unwrap().attachments.len(), kept);
    // A backup onto the full disk fails clearly and leaves no half file.
    let err = s.backup_to(&disk.path.join("backup.rdbackup"), "a backup passphrase").unwrap_err();
    assert_eq!(err.code, ErrorCode::Io, "{}", err.message);
    let left: Vec<_> = std::fs::read_dir(&disk.path).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("data")], "only the data directory is on the disk");
    drop(s);
    // Reopened (still full): everything is there.
    let s = Store::open_with(&dir, Some(PASS), secrets).unwrap();
    assert_eq!(s.health().unwrap().integrity, "ok");
    assert_eq!(s.request_detail(r.id).unwrap().attachments.len(), kept);
}

/// A data directory that cannot be written — here a tmpfs remounted
/// read-only, since root ignores permission bits — is refused at open with
/// the reason; nothing is changed, and once writable again it opens as before.
#[test]
fn a_read_only_data_directory_is_refused_with_the_reason_and_left_alone() {
    let Some(disk) = SmallDisk::mount("8m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root); the read-only test did not run");
        return;
    };
    let dir = DataDir::new(disk.path.join("data"));
    let secrets = rightsdesk_store::MemorySecrets::shared();
    let mut s = Store::create_with(&dir, KeyChoice::Passphrase(PASS), secrets.clone()).unwrap();
    s.create_person(PersonDraft { display_name: "Ada Lovelace".into(), ..Default::default() }).unwrap();
    drop(s);
    let files = |root: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        out.sort();
        out
    };
    let before = files(dir.root());
    let remount = |mode: &str| {
        let ok = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&disk.path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "remount {mode}");
    };
    remount("ro");
    let err = Store::open_with(&dir, Some(PASS), secrets.clone()).unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly, "{}", err.message);
    assert!(
        err.message.contains("cannot be written") && err.message.contains("Nothing was changed"),
        "{}",
        err.message
    );
    assert!(!err.message.contains(PASS));
    assert_eq!(files(dir.root()), before, "nothing changed");
    remount("rw");
    let s = Store::open_with(&dir, Some(PASS), secrets).unwrap();
    assert_eq!(s.health().unwrap().integrity, "ok");
    assert_eq!(s.health().unwrap().people, 1);
}
