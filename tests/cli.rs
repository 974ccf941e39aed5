//! The CLI as other tools call it: `build` on the fixture lists, then `screen` with JSON lines
//! in and out, with and without the word table.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn exe() -> &'static str {
    env!("CARGO_BIN_EXE_sanctions-screen")
}

/// A bundle built from `tests/data/lists`, in a directory of its own.
fn fixture_bundle(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "sanctions-screen-cli-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("watchlist.bin");
    let lists = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lists");
    let built = Command::new(exe())
        .args([
            "build",
            "--force",
            "--as-of",
            "OFAC-SDN=2026-08-20",
            "--lists",
        ])
        .arg(&lists)
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1787270400")
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    out
}

fn screen(bundle: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(exe())
        .args(["screen", "--bundle"])
        .arg(bundle)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that rejects its arguments exits without reading: a broken pipe here is its answer.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

const INPUT: &str = "Song Kum Hyok\n\
    Kumhyok Song\n\
    {\"email\": \"WangGe327@yahoo.com\"}\n\
    {\"nam\": \"x\"}\n\
    СОН Кум Хёк\n\
    KOREA SOBAEKSU TRADING\n\
    Emma Daniels\n\
    \n";

#[test]
fn screen_gives_one_json_line_per_query_in_order() {
    let bundle = fixture_bundle("lines");
    let out = screen(&bundle, &["--word-table", "off"], INPUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), INPUT.lines().count());
    assert_eq!(lines[0]["decision"], "match");
    assert_eq!(lines[0]["matches"][0]["id"], "49970");
    assert_eq!(lines[2]["decision"], "match", "the listed email alone");
    assert_eq!(lines[3]["line"], 4);
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("invalid JSON query"));
    assert_eq!(lines[6]["decision"], "clear");
    assert!(lines[7]["error"].as_str().unwrap().contains("empty query"));
}

/// `--word-table on`, `auto` and `off` write the same bytes.
#[test]
fn word_table_modes_write_the_same_output() {
    let bundle = fixture_bundle("modes");
    let outputs: Vec<Vec<u8>> = ["off", "on", "auto"]
        .iter()
        .map(|mode| {
            let out = screen(
                &bundle,
                &["--word-table", mode, "--threshold", "0.5"],
                &INPUT.repeat(50),
            );
            assert!(
                out.status.success(),
                "{mode}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        })
        .collect();
    assert!(!outputs[0].is_empty());
    assert_eq!(outputs[0], outputs[1], "--word-table on differs from off");
    assert_eq!(outputs[0], outputs[2], "--word-table auto differs from off");
}

#[test]
fn unusable_arguments_and_bundles_exit_non_zero_with_a_message() {
    let bundle = fixture_bundle("errors");
    let out = screen(&bundle, &["--word-table", "sometimes"], "x\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values"));
    let out = screen(&bundle, &["--threshold", "2"], "x\n");
    assert!(!out.status.success());
    let missing = bundle.with_file_name("missing.bin");
    let out = screen(&missing, &[], "x\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot"));
}
