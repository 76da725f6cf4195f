//! Writing rewritten manifests safely: atomically (temporary file in the same directory,
//! fsync, rename), keeping the file's permissions, and refusing when the file changed since
//! it was read. The only part of `manifest` that writes.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written. The original is intact in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Someone changed the file between reading and writing it.
    #[error("{path} changed since it was read; not overwriting it (run again)")]
    Changed { path: String },
    /// The file or its directory could not be read or written.
    #[error("cannot write {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.kubectl-density-{}.tmp",
        std::process::id()
    ))
}

/// Replaces `path`'s content with `new`, if it still holds `original`.
pub fn write_atomically(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let current = fs::read(path).map_err(io)?;
    if current != original {
        return Err(WriteError::Changed { path: shown });
    }
    let permissions = fs::metadata(path).map_err(io)?.permissions();
    let temporary = temporary_path(path);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(new)?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        drop(file);
        // Last check before the swap: the window left is the rename itself.
        if fs::read(path)? != original {
            return Err(std::io::Error::other("changed"));
        }
        fs::rename(&temporary, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename durable; not every file system supports syncing a directory.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&temporary);
        if error.to_string() == "changed" {
            return Err(WriteError::Changed { path: shown });
        }
        return Err(io(error));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vm.yaml");
        fs::write(&path, "a: 1\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"a: 1\n", b"a: 2\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a: 2\n");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn refuses_when_the_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vm.yaml");
        fs::write(&path, "a: 3\n").unwrap();
        let error = write_atomically(&path, b"a: 1\n", b"a: 2\n").unwrap_err();
        assert!(matches!(error, WriteError::Changed { .. }));
        assert_eq!(fs::read_to_string(&path).unwrap(), "a: 3\n");
    }

    #[test]
    fn a_read_only_directory_leaves_the_original_intact() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vm.yaml");
        fs::write(&path, "a: 1\n").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomically(&path, b"a: 1\n", b"a: 2\n");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        // Root ignores directory permissions; either way the content is never half-written.
        match result {
            Ok(()) => assert_eq!(fs::read_to_string(&path).unwrap(), "a: 2\n"),
            Err(_) => assert_eq!(fs::read_to_string(&path).unwrap(), "a: 1\n"),
        }
    }
}
