//! The one SQLite database: a single pool, WAL, foreign keys, embedded migrations.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a statement waits for another connection's write lock before it fails as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Replaces SQLite's busy handler on a new connection with [`busy_wait`].
///
/// SQLite's own (`sqlite3_busy_timeout`, what `busy_timeout` installs) sleeps 1, 2, 5, 10 … and
/// then 100 ms between tries. A write transaction holds the lock for about a millisecond, so
/// under concurrent writers a connection slept up to 100 ms for a lock that was free after one:
/// in the benchmark, echoes that write on every fourth update fell from about 2 000 to 98
/// updates a second, and the bot's own throughput varied from run to run for the same reason.
async fn install_busy_handler(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<()> {
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the handle is this connection's open database, locked for us while we hold it;
    // the handler is a plain function that keeps no pointer.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_busy_handler(
            handle.as_raw_handle().as_ptr(),
            Some(busy_wait),
            std::ptr::null_mut(),
        )
    };
    if rc == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Protocol(format!(
            "cannot install the busy handler (SQLite error {rc})"
        )))
    }
}

/// How long the busy handler waits before try `tries` (0 is the first retry): 50 µs for the
/// first 200 tries (10 ms), then 250 µs; `None` once [`BUSY_TIMEOUT`] is used up.
fn busy_pause(tries: u32) -> Option<Duration> {
    const SHORT: Duration = Duration::from_micros(50);
    const LONG: Duration = Duration::from_micros(250);
    const SHORT_TRIES: u32 = 200;
    let long_tries = (BUSY_TIMEOUT - SHORT * SHORT_TRIES).as_micros() / LONG.as_micros();
    if tries < SHORT_TRIES {
        Some(SHORT)
    } else if u128::from(tries - SHORT_TRIES) < long_tries {
        Some(LONG)
    } else {
        None
    }
}

/// SQLite calls this on its connection's own thread (sqlx runs each connection on a worker
/// thread, never on the async runtime) while another connection holds the lock: pause briefly
/// and try again (1), or give up (0) and let the statement fail as busy.
extern "C" fn busy_wait(_: *mut std::ffi::c_void, tries: std::ffi::c_int) -> std::ffi::c_int {
    match busy_pause(u32::try_from(tries).unwrap_or(u32::MAX)) {
        Some(pause) => {
            std::thread::sleep(pause);
            1
        }
        None => 0,
    }
}

/// Opens (creating if needed) the database at `url` and applies the migrations.
pub async fn connect(url: &str) -> anyhow::Result<SqlitePool> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
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
        .after_connect(|conn, _| Box::pin(install_busy_handler(conn)))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// This process's turn to write to one database file: writers queue here, asleep and in order,
/// instead of meeting at SQLite's write lock, where a waiter can only poll (see [`busy_wait`]).
/// `None` for an in-memory database (one connection: nothing to queue for) and when the turn
/// did not come within the busy timeout (then SQLite's lock decides, as without this).
pub struct WriteTurn {
    _permit: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// One queue per database file this process opened.
fn turns_of(pool: &SqlitePool) -> Option<std::sync::Arc<tokio::sync::Semaphore>> {
    type Turns =
        std::collections::HashMap<std::path::PathBuf, std::sync::Arc<tokio::sync::Semaphore>>;
    static TURNS: std::sync::OnceLock<std::sync::Mutex<Turns>> = std::sync::OnceLock::new();
    // one connection (an in-memory database) already writes one at a time
    if pool.options().get_max_connections() <= 1 {
        return None;
    }
    let options = pool.connect_options();
    let file = options.get_filename();
    let mut turns = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    Some(
        turns
            .entry(file.to_path_buf())
            .or_insert_with(|| std::sync::Arc::new(tokio::sync::Semaphore::new(1)))
            .clone(),
    )
}

/// Waits for this process's turn to write (hold it while the write runs).
pub async fn write_turn(pool: &SqlitePool) -> WriteTurn {
    let Some(turns) = turns_of(pool) else {
        return WriteTurn { _permit: None };
    };
    match tokio::time::timeout(BUSY_TIMEOUT, turns.acquire_owned()).await {
        Ok(Ok(permit)) => WriteTurn {
            _permit: Some(permit),
        },
        _ => {
            tracing::warn!("no turn to write within the busy timeout; writing without it");
            WriteTurn { _permit: None }
        }
    }
}

/// A write transaction that holds this process's turn to write until it ends.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    _turn: WriteTurn,
}

impl WriteTx {
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> sqlx::Result<()> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &sqlx::SqliteConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::SqliteConnection {
        &mut self.tx
    }
}

/// Begins a write transaction in this process's turn ([`write_turn`]). `BEGIN IMMEDIATE` takes
/// the write lock at once (waiting up to the busy timeout), so a transaction that reads and then
/// writes can never fail with "database is locked" when another writer committed in between,
/// as a deferred one would. Dropped without a commit, it rolls back.
pub async fn write(pool: &SqlitePool) -> sqlx::Result<WriteTx> {
    let turn = write_turn(pool).await;
    Ok(WriteTx {
        tx: pool.begin_with("BEGIN IMMEDIATE").await?,
        _turn: turn,
    })
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

    #[test]
    fn the_busy_handler_polls_briefly_for_the_whole_timeout() {
        assert_eq!(busy_pause(0), Some(Duration::from_micros(50)));
        assert_eq!(busy_pause(199), Some(Duration::from_micros(50)));
        assert_eq!(busy_pause(200), Some(Duration::from_micros(250)));
        let total: Duration = (0..).map_while(busy_pause).sum();
        assert_eq!(total, BUSY_TIMEOUT);
        assert_eq!(busy_pause(u32::MAX), None);
    }

    /// A file database (in a directory to keep) with an empty table `t`.
    async fn file_with_table() -> (tempfile::TempDir, SqlitePool) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("n.db").display());
        let pool = connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        (dir, pool)
    }

    /// Two write transactions of this process on one file take turns: the second begins only
    /// after the first ends, and both commit (no "database is locked").
    #[tokio::test]
    async fn write_transactions_take_turns() {
        let (_dir, pool) = file_with_table().await;
        let mut first = write(&pool).await.unwrap();
        sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut *first)
            .await
            .unwrap();
        let (began_tx, mut began) = tokio::sync::oneshot::channel();
        let second = {
            let pool = pool.clone();
            tokio::spawn(async move {
                let mut tx = write(&pool).await?;
                let _ = began_tx.send(());
                sqlx::query("INSERT INTO t VALUES (2)")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            })
        };
        // the second cannot have begun while the first holds the turn
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
        assert!(began.try_recv().is_err());
        // it waits in this process's queue, not at SQLite's lock
        assert_eq!(turns_of(&pool).unwrap().available_permits(), 0);
        first.commit().await.unwrap();
        second.await.unwrap().unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(turns_of(&pool).unwrap().available_permits(), 1);
        // an in-memory database has one connection: nothing to queue for
        assert!(turns_of(&memory().await).is_none());
    }

    /// A write that finds the lock held waits (the handler retries) and succeeds once the
    /// other connection commits.
    #[tokio::test]
    async fn a_writer_waits_for_the_lock_and_then_writes() {
        let (_dir, pool) = file_with_table().await;
        let mut holder = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
        sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut *holder)
            .await
            .unwrap();
        let (started_tx, started) = tokio::sync::oneshot::channel();
        let waiter = {
            let pool = pool.clone();
            tokio::spawn(async move {
                let mut conn = pool.acquire().await.unwrap();
                let _ = started_tx.send(());
                sqlx::query("INSERT INTO t VALUES (2)")
                    .execute(&mut *conn)
                    .await
            })
        };
        started.await.unwrap();
        // let the waiter hit the held lock at least once (its result cannot come before commit)
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        holder.commit().await.unwrap();
        waiter.await.unwrap().unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 2);
    }

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
