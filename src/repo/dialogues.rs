//! teloxide's dialogue `Storage` over our own pool: the state of a half-filled form
//! lives in the same database and survives restarts.

use super::Pool;
use futures::future::BoxFuture;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

/// States kept in memory only, never written: the consent question is asked before the
/// person agreed to any storage, so not even their chat id goes to disk (after a restart the
/// old buttons are stale and /start asks again).
const MEMORY_ONLY: &[&str] = &["{\"Consent\":"];

fn is_memory_only(state: &str) -> bool {
    MEMORY_ONLY.iter().any(|prefix| state.starts_with(prefix))
}

pub struct DbStorage {
    pool: Pool,
    /// Write-through copy of the stored states (`None`: known to have none). Every update
    /// reads its chat's state, so reads are served from here; a write goes to the database
    /// first and is skipped when nothing changed. Only this process writes dialogues.
    cache: Mutex<HashMap<i64, Option<String>>>,
}

impl DbStorage {
    pub fn new(pool: Pool) -> Arc<Self> {
        Arc::new(DbStorage {
            pool,
            cache: Mutex::new(HashMap::new()),
        })
    }

    fn cached(&self, chat_id: i64) -> Option<Option<String>> {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&chat_id)
            .cloned()
    }

    fn remember(&self, chat_id: i64, state: Option<String>) {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(chat_id, state);
    }

    fn forget(&self, chat_id: i64) {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&chat_id);
    }

    async fn delete(&self, chat_id: i64) -> Result<(), DialogueStorageError> {
        if self.cached(chat_id) == Some(None) {
            return Ok(());
        }
        let _turn = crate::db::write_turn(&self.pool).await;
        let done = sqlx::query("DELETE FROM dialogues WHERE chat_id = ?")
            .bind(chat_id)
            .execute(&self.pool)
            .await;
        match done {
            Ok(_) => self.remember(chat_id, None),
            Err(_) => self.forget(chat_id),
        }
        done?;
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DialogueStorageError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("dialogue state (de)serialization: {0}")]
    Serde(#[from] serde_json::Error),
}

impl<D> Storage<D> for DbStorage
where
    D: Send + Serialize + DeserializeOwned + Default + 'static,
{
    type Error = DialogueStorageError;

    fn remove_dialogue(
        self: Arc<Self>,
        ChatId(chat_id): ChatId,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move { self.delete(chat_id).await })
    }

    fn update_dialogue(
        self: Arc<Self>,
        ChatId(chat_id): ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let state = serde_json::to_string(&dialogue)?;
            // the default state (idle) is stored as no row: teloxide writes it on every
            // first contact, and a finished dialogue removes its row anyway
            if state == serde_json::to_string(&D::default())? {
                return self.delete(chat_id).await;
            }
            if self.cached(chat_id).flatten().as_deref() == Some(state.as_str()) {
                return Ok(());
            }
            if is_memory_only(&state) {
                self.delete(chat_id).await?;
                self.remember(chat_id, Some(state));
                return Ok(());
            }
            let turn = crate::db::write_turn(&self.pool).await;
            let done = sqlx::query(
                "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            )
            .bind(chat_id)
            .bind(&state)
            .bind(chrono::Utc::now())
            .execute(&self.pool)
            .await;
            drop(turn);
            match done {
                Ok(_) => self.remember(chat_id, Some(state)),
                Err(_) => self.forget(chat_id),
            }
            done?;
            Ok(())
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        ChatId(chat_id): ChatId,
    ) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let stored = match self.cached(chat_id) {
                Some(known) => known,
                None => {
                    let row: Option<(String,)> =
                        sqlx::query_as("SELECT state FROM dialogues WHERE chat_id = ?")
                            .bind(chat_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    let stored = row.map(|(s,)| s);
                    self.remember(chat_id, stored.clone());
                    stored
                }
            };
            // A state written by an older version that no longer parses starts afresh.
            Ok(stored.and_then(|s| serde_json::from_str(&s).ok()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::pool;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    enum S {
        #[default]
        A,
        B {
            n: i32,
        },
        Consent {
            kb: i32,
        },
    }

    #[tokio::test]
    async fn store_load_remove() {
        let pool = pool().await;
        let st = DbStorage::new(pool.clone());
        assert_eq!(
            Storage::<S>::get_dialogue(st.clone(), ChatId(5))
                .await
                .unwrap(),
            None
        );
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 1 })
            .await
            .unwrap();
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 3 })
            .await
            .unwrap();
        assert_eq!(
            Storage::<S>::get_dialogue(st.clone(), ChatId(5))
                .await
                .unwrap(),
            Some(S::B { n: 3 })
        );
        // a second storage over the same pool (a restart) sees the same state
        let again = DbStorage::new(pool.clone());
        assert_eq!(
            Storage::<S>::get_dialogue(again.clone(), ChatId(5))
                .await
                .unwrap(),
            Some(S::B { n: 3 })
        );
        Storage::<S>::remove_dialogue(again.clone(), ChatId(5))
            .await
            .unwrap();
        assert_eq!(
            Storage::<S>::get_dialogue(again, ChatId(5)).await.unwrap(),
            None
        );
        // garbage from an old version is treated as no state
        sqlx::query(
            "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (6, 'nonsense', '')",
        )
        .execute(&pool)
        .await
        .unwrap();
        assert_eq!(
            Storage::<S>::get_dialogue(st, ChatId(6)).await.unwrap(),
            None
        );
    }

    /// The consent question is asked before any consent: its state is never written.
    #[tokio::test]
    async fn the_consent_state_stays_in_memory() {
        let pool = pool().await;
        let st = DbStorage::new(pool.clone());
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 1 })
            .await
            .unwrap();
        st.clone()
            .update_dialogue(ChatId(5), S::Consent { kb: 9 })
            .await
            .unwrap();
        assert_eq!(
            Storage::<S>::get_dialogue(st.clone(), ChatId(5))
                .await
                .unwrap(),
            Some(S::Consent { kb: 9 })
        );
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM dialogues")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 0, "nothing on disk, and the older state is gone too");
        // after consent the next state is written as usual
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 2 })
            .await
            .unwrap();
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM dialogues")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[tokio::test]
    async fn the_cache_writes_through_and_skips_what_did_not_change() {
        let pool = pool().await;
        let st = DbStorage::new(pool.clone());
        let stored = |chat: i64| {
            let pool = pool.clone();
            async move {
                sqlx::query_as::<_, (String, String)>(
                    "SELECT state, updated_at FROM dialogues WHERE chat_id = ?",
                )
                .bind(chat)
                .fetch_optional(&pool)
                .await
                .unwrap()
            }
        };
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 1 })
            .await
            .unwrap();
        let first = stored(5).await.unwrap();
        assert_eq!(first.0, r#"{"B":{"n":1}}"#, "written to disk at once");
        // the same state again: no write (updated_at unchanged)
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 1 })
            .await
            .unwrap();
        assert_eq!(stored(5).await.unwrap(), first);
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 2 })
            .await
            .unwrap();
        assert_eq!(stored(5).await.unwrap().0, r#"{"B":{"n":2}}"#);
        // the default state is no row at all
        st.clone().update_dialogue(ChatId(5), S::A).await.unwrap();
        assert!(stored(5).await.is_none());
        assert_eq!(
            Storage::<S>::get_dialogue(st.clone(), ChatId(5))
                .await
                .unwrap(),
            None
        );
        st.clone()
            .update_dialogue(ChatId(5), S::B { n: 2 })
            .await
            .unwrap();
        Storage::<S>::remove_dialogue(st.clone(), ChatId(5))
            .await
            .unwrap();
        assert!(stored(5).await.is_none());
        assert_eq!(
            Storage::<S>::get_dialogue(st.clone(), ChatId(5))
                .await
                .unwrap(),
            None
        );
        // a failed write leaves nothing stale behind: the next read goes to the database
        sqlx::query("DROP TABLE dialogues")
            .execute(&pool)
            .await
            .unwrap();
        assert!(st
            .clone()
            .update_dialogue(ChatId(7), S::B { n: 1 })
            .await
            .is_err());
        assert!(Storage::<S>::get_dialogue(st, ChatId(7)).await.is_err());
    }
}
