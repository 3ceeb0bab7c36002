//! Files the bot writes hold personal data (the database, its WAL, exports, backups): they
//! are created readable by their owner only (0600), whatever the process umask. Every file
//! the bot or the command line creates goes through [`create_private`] or [`write_private`].

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// The mode of every file the bot writes: read and write for the owner only.
pub const PRIVATE_MODE: u32 = 0o600;

/// Creates (or truncates) `path` as a private file. An existing file is narrowed to 0600
/// too, so a copy left world-readable by an older version does not stay so.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(PRIVATE_MODE);
    }
    let file = options.open(path)?;
    make_private(path)?;
    Ok(file)
}

/// Writes `bytes` to a private file at `path` (see [`create_private`]).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Narrows an existing file to 0600; a missing file is fine.
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE_MODE)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            other => other?,
        }
    }
    Ok(())
}

/// Prepares an SQLite database file: created empty and private when missing (SQLite then
/// gives its `-wal` and `-shm` files the same mode as the database), narrowed to 0600 with
/// its `-wal` and `-shm` when they exist.
pub fn prepare_database(path: &Path) -> io::Result<()> {
    if !path.exists() {
        create_private(path)?;
    }
    make_private(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        make_private(Path::new(&side))?;
    }
    Ok(())
}

/// The mode bits (permissions) of a file, for tests and checks.
#[cfg(unix)]
pub fn mode_of(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_0600_under_a_permissive_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        write_private(&path, b"a;b\n").unwrap();
        assert_eq!(mode_of(&path).unwrap(), 0o600);
        // an existing world-readable file is narrowed when written again
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644))
            .unwrap();
        write_private(&path, b"c;d\n").unwrap();
        assert_eq!(mode_of(&path).unwrap(), 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"c;d\n");
    }
}
