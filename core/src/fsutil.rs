//! Writing files so that nothing is half-written: into a temporary name in
//! the same folder, flushed to disk, then renamed over the final name.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, IoError, Result};

/// The temporary name used while `path` is being written.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

/// Writes `path` through `write`; on any error the final path is untouched
/// and the temporary file is removed.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = temp_path(path);
    let result = (|| -> Result<()> {
        let file = File::create(&tmp).map_err(|e| IoError::write_file(path.display().to_string(), e))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| Error::from(e.into_error()))?;
        file.sync_all()?;
        fs::rename(&tmp, path).map_err(|e| IoError::write_file(path.display().to_string(), e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Opens `path` (a file or a folder) with the system's default program:
/// `xdg-open` on Linux, `open` on macOS, `start` on Windows. Returns once the
/// viewer has been started; it does not wait for it to close.
pub fn open_with_system_viewer(path: &Path) -> Result<()> {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.arg("/C").arg("start").arg("").arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::new("err-open-file").arg("path", path.display().to_string()).io(e))?;
    // Reap the launcher in the background so it leaves no zombie behind.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.pdf");
        let r = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err(Error::new("err-cancelled"))
        });
        assert!(r.is_err());
        assert!(!p.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        write_atomic(&p, |w| Ok(w.write_all(b"whole")?)).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"whole");
    }
}

/// Copies the folder `from` (files and folders under it) to `to`.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}
