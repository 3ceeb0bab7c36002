//! The one SQLite database: a single pool, WAL, foreign keys, embedded migrations.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens (creating if needed) the database at `url` and applies the migrations.
pub async fn connect(url: &str) -> anyhow::Result<SqlitePool> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let options = if memory {
        options
    } else {
        // the file holds personal data: 0600 before SQLite first opens it, and its -wal and
        // -shm inherit that mode
        crate::files::prepare_database(options.get_filename())?;
        // FULL: a confirmation sent after a commit survives even a power loss.
        // secure_delete: erased texts (/forget) are overwritten on disk, not left in free pages.
        options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .pragma("secure_delete", "ON")
    };
    let pool = SqlitePoolOptions::new()
        // an in-memory database lives in one connection
        .max_connections(if memory { 1 } else { 8 })
        .min_connections(if memory { 1 } else { 0 })
        .idle_timeout(if memory {
            None
        } else {
            Some(Duration::from_secs(600))
        })
        .max_lifetime(if memory {
            None
        } else {
            Some(Duration::from_secs(3600))
        })
        // a local file has no connection to lose between uses, and the test would cost one
        // more round trip to the connection's thread on every statement (sqlx still checks
        // each connection when it is given back)
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Begins a write transaction. `BEGIN IMMEDIATE` takes the write lock at once (waiting up to
/// the busy timeout), so a transaction that reads and then writes can never fail with
/// "database is locked" when another writer committed in between, as a deferred one would.
pub async fn write(pool: &SqlitePool) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// A fresh in-memory database with all migrations applied (tests, console).
pub async fn memory() -> SqlitePool {
    connect("sqlite::memory:")
        .await
        .expect("in-memory database")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn file_database_is_created_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("n.db").display());
        let pool = connect(&url).await.unwrap();
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(mode.to_lowercase(), "wal");
        let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        // migrations are idempotent
        MIGRATOR.run(&pool).await.unwrap();
    }

    /// The database, its -wal and -shm are private (0600) even under a umask of 022, after
    /// migrations and after writes; a database left 0644 by an older version is narrowed.
    #[cfg(unix)]
    #[tokio::test]
    async fn database_files_are_private() {
        use crate::files::mode_of;
        // the usual umask, under which SQLite alone would create 0644 files
        // SAFETY: umask only sets the process's file-creation mask.
        unsafe { libc::umask(0o022) };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.db");
        let url = format!("sqlite://{}", path.display());
        let pool = connect(&url).await.unwrap();
        sqlx::query("INSERT INTO organizations (name, kind, tz, created_at) VALUES ('Школа', 'school', 'Europe/Moscow', '2026-01-01')")
            .execute(&pool)
            .await
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("n.db{suffix}"));
            assert_eq!(mode_of(&file).unwrap(), 0o600, "n.db{suffix}");
        }
        pool.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("n.db{suffix}"));
            if file.exists() {
                std::fs::set_permissions(
                    &file,
                    std::os::unix::fs::PermissionsExt::from_mode(0o644),
                )
                .unwrap();
            }
        }
        let pool = connect(&url).await.unwrap();
        sqlx::query("UPDATE organizations SET name = 'Школа № 1'")
            .execute(&pool)
            .await
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("n.db{suffix}"));
            assert_eq!(mode_of(&file).unwrap(), 0o600, "reopened n.db{suffix}");
        }
    }
}
