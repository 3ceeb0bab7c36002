//! Changes to plan items and tasks (перенос срока, новое название, отмена), kept for good:
//! each change is a row of `plan_item_changes` (who, what, old → new, when). The mentor's
//! changes apply at once; a mentee's are proposals until the mentor decides.

use super::journal::{ensure_active, JournalError, PlanItem, ITEM_COLS};
use super::Pool;
use crate::domain::journal::{plan_apply, PlanEvent, PlanStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

/// What a change does to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Deadline(NaiveDate),
    Title(String),
    Cancel,
}

impl Edit {
    fn field(&self) -> &'static str {
        match self {
            Edit::Deadline(_) => "deadline",
            Edit::Title(_) => "title",
            Edit::Cancel => "status",
        }
    }

    fn new_value(&self) -> String {
        match self {
            Edit::Deadline(d) => d.to_string(),
            Edit::Title(t) => t.clone(),
            Edit::Cancel => PlanStatus::Cancelled.code().to_string(),
        }
    }

    fn old_value(&self, it: &PlanItem) -> Option<String> {
        match self {
            Edit::Deadline(_) => it.deadline.map(|d| d.to_string()),
            Edit::Title(_) => Some(it.title.clone()),
            Edit::Cancel => Some(it.status.clone()),
        }
    }
}

/// One recorded change or proposal.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Change {
    pub id: i64,
    pub item_id: i64,
    /// deadline / title / status
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// applied / proposed / rejected / superseded
    pub state: String,
    pub proposed_by: i64,
    pub decided_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl Change {
    /// The new deadline of a deadline change.
    pub fn new_deadline(&self) -> Option<NaiveDate> {
        (self.field == "deadline")
            .then(|| self.new_value.as_deref().and_then(|v| v.parse().ok()))
            .flatten()
    }
}

const CHANGE_COLS: &str = "id, item_id, field, old_value, new_value, state, proposed_by, decided_by, created_at, decided_at";

async fn load_item(conn: &mut SqliteConnection, id: i64) -> Result<PlanItem, JournalError> {
    sqlx::query_as(&format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(JournalError::NotFound)
}

/// Whether an item may still be changed: not done, not cancelled, its pair active, and the
/// edit changes something.
async fn check(
    conn: &mut SqliteConnection,
    it: &PlanItem,
    edit: &Edit,
) -> Result<(), JournalError> {
    ensure_active(conn, it.pair_id).await?;
    if plan_apply(it.status(), PlanEvent::Cancel).is_none()
        || edit.old_value(it).as_deref() == Some(edit.new_value().as_str())
    {
        return Err(JournalError::Stale);
    }
    Ok(())
}

/// Changes the item and records it as applied (decided by `by` at `now`).
async fn apply_in(
    conn: &mut SqliteConnection,
    it: &PlanItem,
    edit: &Edit,
    now: DateTime<Utc>,
) -> Result<(), JournalError> {
    let done = match edit {
        Edit::Deadline(d) => sqlx::query("UPDATE plan_items SET deadline = ?, updated_at = ? WHERE id = ? AND status = ?").bind(d).bind(now).bind(it.id).bind(&it.status),
        Edit::Title(t) => sqlx::query("UPDATE plan_items SET title = ?, updated_at = ? WHERE id = ? AND status = ?").bind(t).bind(now).bind(it.id).bind(&it.status),
        Edit::Cancel => sqlx::query("UPDATE plan_items SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = ?").bind(now).bind(it.id).bind(&it.status),
    }
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(JournalError::Stale);
    }
    Ok(())
}

/// The mentor's change, applied at once. Returns the item as it was before and the change's id.
pub async fn apply(
    pool: &Pool,
    item_id: i64,
    edit: &Edit,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(PlanItem, i64), JournalError> {
    let mut tx = crate::db::write(pool).await?;
    let it = load_item(&mut tx, item_id).await?;
    check(&mut tx, &it, edit).await?;
    apply_in(&mut tx, &it, edit, now).await?;
    let id = insert(&mut tx, &it, edit, "applied", by, Some(by), now).await?;
    // an open proposal for the same field is answered by the mentor's own change
    supersede(&mut tx, &it, edit.field(), id, now).await?;
    tx.commit().await?;
    Ok((it, id))
}

/// A mentee's proposal, waiting for the mentor; an earlier open one for the same item and
/// field is superseded. Returns the item and the proposal's id.
pub async fn propose(
    pool: &Pool,
    item_id: i64,
    edit: &Edit,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(PlanItem, i64), JournalError> {
    let mut tx = crate::db::write(pool).await?;
    let it = load_item(&mut tx, item_id).await?;
    check(&mut tx, &it, edit).await?;
    let id = insert(&mut tx, &it, edit, "proposed", by, None, now).await?;
    supersede(&mut tx, &it, edit.field(), id, now).await?;
    tx.commit().await?;
    Ok((it, id))
}

/// The mentor's answer to proposal `change_id` of item `item_id`: applied or rejected. A
/// proposal already decided, superseded or of another item is `Stale`. Returns the proposal
/// and the item as it is now.
pub async fn decide(
    pool: &Pool,
    item_id: i64,
    change_id: i64,
    accept: bool,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(Change, PlanItem), JournalError> {
    let mut tx = crate::db::write(pool).await?;
    let c: Change = sqlx::query_as(&format!(
        "SELECT {CHANGE_COLS} FROM plan_item_changes WHERE id = ? AND item_id = ?"
    ))
    .bind(change_id)
    .bind(item_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(JournalError::NotFound)?;
    if c.state != "proposed" {
        return Err(JournalError::Stale);
    }
    let it = load_item(&mut tx, item_id).await?;
    if accept {
        let edit = match c.field.as_str() {
            "deadline" => Edit::Deadline(c.new_deadline().ok_or(JournalError::Stale)?),
            "title" => Edit::Title(c.new_value.clone().unwrap_or_default()),
            _ => Edit::Cancel,
        };
        check(&mut tx, &it, &edit).await?;
        apply_in(&mut tx, &it, &edit, now).await?;
    }
    let state = if accept { "applied" } else { "rejected" };
    // the old value is the one replaced when the change applied
    let old = if accept {
        c.field_value(&it)
    } else {
        c.old_value.clone()
    };
    let done = sqlx::query("UPDATE plan_item_changes SET state = ?, decided_by = ?, decided_at = ?, old_value = ? WHERE id = ? AND state = 'proposed'")
        .bind(state)
        .bind(by)
        .bind(now)
        .bind(&old)
        .bind(c.id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        return Err(JournalError::Stale);
    }
    let it = load_item(&mut tx, item_id).await?;
    tx.commit().await?;
    let c = Change {
        state: state.into(),
        decided_by: Some(by),
        decided_at: Some(now),
        old_value: old,
        ..c
    };
    Ok((c, it))
}

impl Change {
    fn field_value(&self, it: &PlanItem) -> Option<String> {
        match self.field.as_str() {
            "deadline" => it.deadline.map(|d| d.to_string()),
            "title" => Some(it.title.clone()),
            _ => Some(it.status.clone()),
        }
    }
}

async fn insert(
    conn: &mut SqliteConnection,
    it: &PlanItem,
    edit: &Edit,
    state: &str,
    by: i64,
    decided_by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO plan_item_changes (item_id, field, old_value, new_value, state, proposed_by, decided_by, created_at, decided_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(it.id)
    .bind(edit.field())
    .bind(edit.old_value(it))
    .bind(edit.new_value())
    .bind(state)
    .bind(by)
    .bind(decided_by)
    .bind(now)
    .bind(decided_by.map(|_| now))
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

async fn supersede(
    conn: &mut SqliteConnection,
    it: &PlanItem,
    field: &str,
    except: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE plan_item_changes SET state = 'superseded', decided_at = ? WHERE item_id = ? AND field = ? AND state = 'proposed' AND id != ?")
        .bind(now)
        .bind(it.id)
        .bind(field)
        .bind(except)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One change.
pub async fn change(pool: &Pool, id: i64) -> sqlx::Result<Option<Change>> {
    sqlx::query_as(&format!(
        "SELECT {CHANGE_COLS} FROM plan_item_changes WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The changes of a pair's items, oldest first, with the item's title now: applied, open
/// proposals and rejected ones (superseded proposals are left out).
pub async fn of_pair(pool: &Pool, pair_id: i64) -> sqlx::Result<Vec<(Change, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        change: Change,
        title: String,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {cols}, i.title AS title FROM plan_item_changes c JOIN plan_items i ON i.id = c.item_id \
         WHERE i.pair_id = ? AND c.state != 'superseded' ORDER BY c.id",
        cols = CHANGE_COLS.split(", ").map(|c| format!("c.{c}")).collect::<Vec<_>>().join(", ")
    ))
    .bind(pair_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.change, r.title)).collect())
}

/// Every item of a pair, cancelled ones too (shown as cancelled): goals first, then by deadline.
pub async fn items_with_cancelled(pool: &Pool, pair_id: i64) -> sqlx::Result<Vec<PlanItem>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLS} FROM plan_items WHERE pair_id = ? \
         ORDER BY status = 'cancelled', kind != 'goal', deadline IS NULL, deadline, id"
    ))
    .bind(pair_id)
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil;
    use chrono::Duration;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    /// The world's item 1 (a task of pair 1) set back to planned with a deadline.
    async fn world() -> Pool {
        let pool = testutil::pool().await;
        testutil::authz_world(&pool).await;
        sqlx::query(
            "UPDATE plan_items SET status = 'planned', deadline = '2026-10-01' WHERE id = 1",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool
    }

    #[tokio::test]
    async fn changes_are_kept_with_old_and_new() {
        let pool = world().await;
        let t = testutil::t0();
        let (before, _) = apply(&pool, 1, &Edit::Deadline(d(10, 15)), 2, t)
            .await
            .unwrap();
        assert_eq!(before.deadline, Some(d(10, 1)));
        apply(
            &pool,
            1,
            &Edit::Title("Прочитать две статьи".into()),
            2,
            t + Duration::minutes(1),
        )
        .await
        .unwrap();
        // the same deadline again changes nothing and records nothing
        assert!(matches!(
            apply(&pool, 1, &Edit::Deadline(d(10, 15)), 2, t).await,
            Err(JournalError::Stale)
        ));
        apply(&pool, 1, &Edit::Cancel, 2, t + Duration::minutes(2))
            .await
            .unwrap();
        let it = crate::repo::journal::item(&pool, 1).await.unwrap().unwrap();
        assert_eq!(
            (it.status(), it.deadline, it.title.as_str()),
            (
                PlanStatus::Cancelled,
                Some(d(10, 15)),
                "Прочитать две статьи"
            )
        );
        let all = of_pair(&pool, 1).await.unwrap();
        let seen: Vec<(&str, Option<&str>, Option<&str>, &str)> = all
            .iter()
            .map(|(c, _)| {
                (
                    c.field.as_str(),
                    c.old_value.as_deref(),
                    c.new_value.as_deref(),
                    c.state.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (
                    "deadline",
                    Some("2026-10-01"),
                    Some("2026-10-15"),
                    "applied"
                ),
                (
                    "title",
                    Some("Прочитать статью"),
                    Some("Прочитать две статьи"),
                    "applied"
                ),
                ("status", Some("planned"), Some("cancelled"), "applied"),
            ]
        );
        assert!(all
            .iter()
            .all(|(c, _)| c.proposed_by == 2 && c.decided_by == Some(2)));
        // a cancelled item stays (as cancelled) and takes no more changes
        assert_eq!(items_with_cancelled(&pool, 1).await.unwrap().len(), 1);
        assert!(matches!(
            apply(&pool, 1, &Edit::Deadline(d(11, 1)), 2, t).await,
            Err(JournalError::Stale)
        ));
    }

    #[tokio::test]
    async fn a_proposal_waits_for_the_mentor() {
        let pool = world().await;
        let t = testutil::t0();
        let (_, first) = propose(&pool, 1, &Edit::Deadline(d(10, 10)), 3, t)
            .await
            .unwrap();
        let (_, second) = propose(&pool, 1, &Edit::Deadline(d(10, 20)), 3, t)
            .await
            .unwrap();
        // nothing changes before the mentor decides
        assert_eq!(
            crate::repo::journal::item(&pool, 1)
                .await
                .unwrap()
                .unwrap()
                .deadline,
            Some(d(10, 1))
        );
        assert_eq!(
            change(&pool, first).await.unwrap().unwrap().state,
            "superseded"
        );
        assert!(
            matches!(
                decide(&pool, 1, first, true, 2, t).await,
                Err(JournalError::Stale)
            ),
            "a superseded proposal"
        );
        assert!(
            matches!(
                decide(&pool, 99, second, true, 2, t).await,
                Err(JournalError::NotFound)
            ),
            "another item's id"
        );
        let (c, it) = decide(&pool, 1, second, true, 2, t).await.unwrap();
        assert_eq!(
            (c.state.as_str(), c.decided_by, it.deadline),
            ("applied", Some(2), Some(d(10, 20)))
        );
        assert!(
            matches!(
                decide(&pool, 1, second, false, 2, t).await,
                Err(JournalError::Stale)
            ),
            "a double tap"
        );
        let (_, third) = propose(&pool, 1, &Edit::Title("Другое".into()), 3, t)
            .await
            .unwrap();
        let (c, it) = decide(&pool, 1, third, false, 2, t).await.unwrap();
        assert_eq!(
            (c.state.as_str(), it.title.as_str()),
            ("rejected", "Прочитать статью")
        );
        let states: Vec<String> = of_pair(&pool, 1)
            .await
            .unwrap()
            .into_iter()
            .map(|(c, _)| c.state)
            .collect();
        assert_eq!(
            states,
            vec!["applied", "rejected"],
            "superseded proposals are not shown"
        );
    }

    #[tokio::test]
    async fn an_ended_pair_takes_no_changes() {
        let pool = world().await;
        sqlx::query("UPDATE pairs SET status = 'completed' WHERE id = 1")
            .execute(&pool)
            .await
            .unwrap();
        assert!(matches!(
            apply(&pool, 1, &Edit::Deadline(d(10, 15)), 2, testutil::t0()).await,
            Err(JournalError::PairClosed)
        ));
        assert!(matches!(
            propose(&pool, 1, &Edit::Cancel, 3, testutil::t0()).await,
            Err(JournalError::PairClosed)
        ));
    }
}
