//! teloxide's dialogue `Storage` over our own pool: the state of a half-filled form
//! lives in the same database and survives restarts.

use super::Pool;
use futures::future::BoxFuture;
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

pub struct DbStorage {
    pool: Pool,
}

impl DbStorage {
    pub fn new(pool: Pool) -> Arc<Self> {
        Arc::new(DbStorage { pool })
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
    D: Send + Serialize + DeserializeOwned + 'static,
{
    type Error = DialogueStorageError;

    fn remove_dialogue(self: Arc<Self>, ChatId(chat_id): ChatId) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&self.pool).await?;
            Ok(())
        })
    }

    fn update_dialogue(self: Arc<Self>, ChatId(chat_id): ChatId, dialogue: D) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let state = serde_json::to_string(&dialogue)?;
            sqlx::query(
                "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            )
            .bind(chat_id)
            .bind(state)
            .bind(chrono::Utc::now())
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn get_dialogue(self: Arc<Self>, ChatId(chat_id): ChatId) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let row: Option<(String,)> = sqlx::query_as("SELECT state FROM dialogues WHERE chat_id = ?")
                .bind(chat_id)
                .fetch_optional(&self.pool)
                .await?;
            match row {
                None => Ok(None),
                // A state written by an older version that no longer parses starts afresh.
                Some((s,)) => Ok(serde_json::from_str(&s).ok()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::pool;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    enum S {
        A,
        B { n: i32 },
    }

    #[tokio::test]
    async fn store_load_remove() {
        let pool = pool().await;
        let st = DbStorage::new(pool.clone());
        assert_eq!(Storage::<S>::get_dialogue(st.clone(), ChatId(5)).await.unwrap(), None);
        st.clone().update_dialogue(ChatId(5), S::A).await.unwrap();
        st.clone().update_dialogue(ChatId(5), S::B { n: 3 }).await.unwrap();
        assert_eq!(Storage::<S>::get_dialogue(st.clone(), ChatId(5)).await.unwrap(), Some(S::B { n: 3 }));
        // a second storage over the same pool (a restart) sees the same state
        let again = DbStorage::new(pool.clone());
        assert_eq!(Storage::<S>::get_dialogue(again.clone(), ChatId(5)).await.unwrap(), Some(S::B { n: 3 }));
        Storage::<S>::remove_dialogue(again.clone(), ChatId(5)).await.unwrap();
        assert_eq!(Storage::<S>::get_dialogue(again, ChatId(5)).await.unwrap(), None);
        // garbage from an old version is treated as no state
        sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (6, 'nonsense', '')").execute(&pool).await.unwrap();
        assert_eq!(Storage::<S>::get_dialogue(st, ChatId(6)).await.unwrap(), None);
    }
}
