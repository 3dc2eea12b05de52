//! Build script. On Windows targets it embeds the icon, the application
//! manifest (per-monitor DPI awareness, no elevation) and version information
//! into `tiendo.exe`; on every other target it does nothing.
//!
//! The resource script is written here and compiled with the platform's
//! resource compiler: `x86_64-w64-mingw32-windres` (or `windres`, or `$WINDRES`)
//! for the GNU target, `rc.exe` or `llvm-rc` for MSVC. No build dependencies.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let icon = root.join("assets/icon/tiendo.ico");
    let manifest_template = root.join("packaging/windows/tiendo.exe.manifest");
    for p in [&icon, &manifest_template, &root.join("Cargo.toml")] {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    println!("cargo:rerun-if-env-changed=WINDRES");

    let version = env::var("CARGO_PKG_VERSION").expect("CARGO_PKG_VERSION");
    let [major, minor, patch] = ["MAJOR", "MINOR", "PATCH"]
        .map(|p| env::var(format!("CARGO_PKG_VERSION_{p}")).ok().and_then(|v| v.parse::<u16>().ok()).unwrap_or(0));
    let quad = format!("{major}.{minor}.{patch}.0");

    let cargo_toml = fs::read_to_string(root.join("Cargo.toml")).expect("read Cargo.toml");
    let meta = |key: &str| {
        metadata_value(&cargo_toml, "package.metadata.windows", key)
            .unwrap_or_else(|| panic!("[package.metadata.windows] {key} is missing from Cargo.toml"))
    };
    let product = meta("product-name");
    let publisher = meta("publisher");

    let manifest = fs::read_to_string(&manifest_template).expect("read the manifest template").replace("@VERSION@", &quad);
    let manifest_path = out.join("tiendo.exe.manifest");
    fs::write(&manifest_path, manifest).expect("write the manifest");

    let pre = if env::var("CARGO_PKG_VERSION_PRE").is_ok_and(|p| !p.is_empty()) { "VS_FF_PRERELEASE" } else { "0" };
    let rc = format!(
        r#"#pragma code_page(65001)
#include <winver.h>
#include <winuser.h>

1 ICON "{icon}"
CREATEPROCESS_MANIFEST_RESOURCE_ID RT_MANIFEST "{manifest}"

VS_VERSION_INFO VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEFLAGSMASK VS_FFI_FILEFLAGSMASK
FILEFLAGS {pre}
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
FILESUBTYPE VFT2_UNKNOWN
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042a04b0"
    BEGIN
      VALUE "CompanyName", "{publisher}"
      VALUE "FileDescription", "{product}"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "tiendo"
      VALUE "LegalCopyright", "© {publisher}"
      VALUE "OriginalFilename", "tiendo.exe"
      VALUE "ProductName", "{product}"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042a, 1200
  END
END
"#,
        icon = rc_path(&icon),
        manifest = rc_path(&manifest_path),
        publisher = rc_string(&publisher),
        product = rc_string(&product),
        version = rc_string(&version),
    );
    let rc_file = out.join("tiendo.rc");
    fs::write(&rc_file, rc).expect("write tiendo.rc");

    if env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc") {
        compile_msvc(&rc_file, &out);
    } else {
        compile_gnu(&rc_file, &out);
    }
}

/// GNU toolchain: windres makes a COFF object that the linker takes as is.
fn compile_gnu(rc_file: &Path, out: &Path) {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let candidates: Vec<String> = match env::var("WINDRES") {
        Ok(w) if !w.is_empty() => vec![w],
        _ => vec![format!("{arch}-w64-mingw32-windres"), "windres".to_owned()],
    };
    let obj = out.join("tiendo-resources.o");
    for tool in &candidates {
        let status = Command::new(tool)
            .args(["--input-format=rc", "--output-format=coff", "-i"])
            .arg(rc_file)
            .arg("-o")
            .arg(&obj)
            .status();
        match status {
            Ok(s) if s.success() => {
                println!("cargo:rustc-link-arg-bins={}", obj.display());
                return;
            }
            Ok(s) => panic!("{tool} failed on {} ({s})", rc_file.display()),
            Err(_) => continue, // not installed under this name
        }
    }
    panic!(
        "no resource compiler found (tried {}): install mingw-w64 (Debian: apt-get install mingw-w64) or set WINDRES",
        candidates.join(", ")
    );
}

/// MSVC toolchain: rc.exe (or llvm-rc) makes a .res that link.exe takes as is.
/// Without one the exe is still built, only without icon and version info.
fn compile_msvc(rc_file: &Path, out: &Path) {
    let res = out.join("tiendo.res");
    for tool in ["rc.exe", "llvm-rc"] {
        let status = Command::new(tool).arg("/nologo").arg("/fo").arg(&res).arg(rc_file).status();
        if let Ok(s) = status {
            if s.success() {
                println!("cargo:rustc-link-arg-bins={}", res.display());
                return;
            }
            panic!("{tool} failed on {} ({s})", rc_file.display());
        }
    }
    println!("cargo:warning=no rc.exe or llvm-rc on PATH: tiendo.exe is built without icon, manifest and version info");
}

/// A path inside a quoted resource-script string.
fn rc_path(p: &Path) -> String {
    p.display().to_string().replace('\\', "\\\\").replace('"', "\"\"")
}

/// Text inside a quoted resource-script string (`"` is doubled).
fn rc_string(s: &str) -> String {
    s.replace('"', "\"\"")
}

/// `key = "value"` from the table `[table]` of a Cargo.toml: enough TOML for
/// the few plain strings this script reads.
fn metadata_value(toml: &str, table: &str, key: &str) -> Option<String> {
    let mut in_table = false;
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line.trim_start_matches('[').trim_end_matches(']').trim() == table;
            continue;
        }
        if !in_table {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else { continue };
        if k.trim() != key {
            continue;
        }
        let v = v.trim();
        let v = v.strip_prefix('"')?;
        let end = v.find('"')?;
        return Some(v[..end].to_owned());
    }
    None
}
