//! The one SQLite database: a single pool, WAL, foreign keys, embedded migrations.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
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
        // FULL: a confirmation sent after a commit survives even a power loss.
        options.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full)
    };
    let pool = SqlitePoolOptions::new()
        // an in-memory database lives in one connection
        .max_connections(if memory { 1 } else { 8 })
        .min_connections(if memory { 1 } else { 0 })
        .idle_timeout(if memory { None } else { Some(Duration::from_secs(600)) })
        .max_lifetime(if memory { None } else { Some(Duration::from_secs(3600)) })
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
    connect("sqlite::memory:").await.expect("in-memory database")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn file_database_is_created_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("n.db").display());
        let pool = connect(&url).await.unwrap();
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&pool).await.unwrap();
        assert_eq!(mode.to_lowercase(), "wal");
        let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(&pool).await.unwrap();
        assert_eq!(fk, 1);
        // migrations are idempotent
        MIGRATOR.run(&pool).await.unwrap();
    }
}
