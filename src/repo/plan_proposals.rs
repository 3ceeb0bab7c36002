//! New plan items a mentee proposes (000 §5.2.1: the mentee takes part in writing the
//! programme). A proposal waits for the pair's mentor, who accepts it (as proposed or with an
//! edited text; the plan item is added then) or refuses it with a reason. Kept for good: the
//! pair's history shows the proposal and the decision.

use super::journal::{ensure_active, JournalError};
use super::Pool;
use crate::domain::journal::ItemProposalState;
use chrono::{DateTime, NaiveDate, Utc};

/// One proposal of a new plan item.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub pair_id: i64,
    pub proposed_by: i64,
    /// goal / item
    pub kind: String,
    pub title: String,
    pub deadline: Option<NaiveDate>,
    /// proposed / accepted / rejected
    pub state: String,
    /// The text the mentor accepted it with, when they changed it.
    pub final_title: Option<String>,
    /// Why the mentor refused it.
    pub reason: Option<String>,
    /// The plan item made when it was accepted.
    pub item_id: Option<i64>,
    pub decided_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl Proposal {
    /// Unknown codes (the database's CHECK forbids them) count as rejected.
    pub fn state(&self) -> ItemProposalState {
        ItemProposalState::from_code(&self.state).unwrap_or(ItemProposalState::Rejected)
    }

    /// The item's text: the mentor's edited one, or the proposed one.
    pub fn shown_title(&self) -> &str {
        self.final_title.as_deref().unwrap_or(&self.title)
    }
}

const COLS: &str = "id, pair_id, proposed_by, kind, title, deadline, state, final_title, reason, item_id, decided_by, created_at, decided_at";

/// What the mentor decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Accept; `Some(text)`: with this text instead of the proposed one.
    Accept(Option<String>),
    /// Refuse, with the reason.
    Reject(String),
}

/// Records a mentee's proposal of a new item of an active pair. Returns its id.
pub async fn propose(
    pool: &Pool,
    pair_id: i64,
    by: i64,
    title: &str,
    deadline: Option<NaiveDate>,
    goal: bool,
    now: DateTime<Utc>,
) -> Result<i64, JournalError> {
    let mut tx = crate::db::write(pool).await?;
    ensure_active(&mut tx, pair_id).await?;
    let id = sqlx::query(
        "INSERT INTO plan_proposals (pair_id, proposed_by, kind, title, deadline, state, created_at) \
         VALUES (?, ?, ?, ?, ?, 'proposed', ?)",
    )
    .bind(pair_id)
    .bind(by)
    .bind(if goal { "goal" } else { "item" })
    .bind(title)
    .bind(deadline)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    tx.commit().await?;
    Ok(id)
}

/// One proposal.
pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Proposal>> {
    sqlx::query_as(&format!("SELECT {COLS} FROM plan_proposals WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The mentor's decision on proposal `id` of pair `pair_id`. A proposal already decided is
/// `Stale` (a repeated or late press); one of another pair is `NotFound`; an ended pair is
/// `PairClosed`. Accepting adds the plan item (for the proposer). Returns the decided proposal.
pub async fn decide(
    pool: &Pool,
    pair_id: i64,
    id: i64,
    decision: &Decision,
    by: i64,
    now: DateTime<Utc>,
) -> Result<Proposal, JournalError> {
    let mut tx = crate::db::write(pool).await?;
    let p: Proposal = sqlx::query_as(&format!(
        "SELECT {COLS} FROM plan_proposals WHERE id = ? AND pair_id = ?"
    ))
    .bind(id)
    .bind(pair_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(JournalError::NotFound)?;
    if p.state() != ItemProposalState::Proposed {
        return Err(JournalError::Stale);
    }
    ensure_active(&mut tx, pair_id).await?;
    let (state, final_title, reason, item_id) = match decision {
        Decision::Accept(edited) => {
            let final_title = edited.clone().filter(|t| *t != p.title);
            let title = final_title.clone().unwrap_or_else(|| p.title.clone());
            let item = sqlx::query(
                "INSERT INTO plan_items (pair_id, mentee_id, kind, title, deadline, status, created_by, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?)",
            )
            .bind(pair_id)
            .bind(p.proposed_by)
            .bind(&p.kind)
            .bind(&title)
            .bind(p.deadline)
            .bind(p.proposed_by)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
            (
                ItemProposalState::Accepted.code(),
                final_title,
                None,
                Some(item),
            )
        }
        Decision::Reject(why) => (
            ItemProposalState::Rejected.code(),
            None,
            Some(why.clone()),
            None,
        ),
    };
    let done = sqlx::query(
        "UPDATE plan_proposals SET state = ?, final_title = ?, reason = ?, item_id = ?, decided_by = ?, decided_at = ? \
         WHERE id = ? AND state = 'proposed'",
    )
    .bind(state)
    .bind(&final_title)
    .bind(&reason)
    .bind(item_id)
    .bind(by)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(JournalError::Stale);
    }
    tx.commit().await?;
    Ok(Proposal {
        state: state.into(),
        final_title,
        reason,
        item_id,
        decided_by: Some(by),
        decided_at: Some(now),
        ..p
    })
}

/// A pair's proposals, oldest first.
pub async fn of_pair(pool: &Pool, pair_id: i64) -> sqlx::Result<Vec<Proposal>> {
    sqlx::query_as(&format!(
        "SELECT {COLS} FROM plan_proposals WHERE pair_id = ? ORDER BY id"
    ))
    .bind(pair_id)
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[tokio::test]
    async fn accepted_as_proposed_or_edited_adds_the_item() {
        let pool = testutil::pool().await;
        testutil::authz_world(&pool).await;
        let t = testutil::t0();
        let a = propose(
            &pool,
            1,
            3,
            "Посетить урок коллеги",
            Some(d(10, 15)),
            false,
            t,
        )
        .await
        .unwrap();
        let b = propose(&pool, 1, 3, "Прочитать книгу", None, true, t)
            .await
            .unwrap();
        assert_eq!(get(&pool, a).await.unwrap().unwrap().state, "proposed");
        let p = decide(&pool, 1, a, &Decision::Accept(None), 2, t)
            .await
            .unwrap();
        let it = crate::repo::journal::item(&pool, p.item_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                it.title.as_str(),
                it.deadline,
                it.mentee_id,
                it.kind.as_str()
            ),
            ("Посетить урок коллеги", Some(d(10, 15)), Some(3), "item")
        );
        // a repeated press: already decided
        assert!(matches!(
            decide(&pool, 1, a, &Decision::Reject("нет".into()), 2, t).await,
            Err(JournalError::Stale)
        ));
        // another pair's id
        assert!(matches!(
            decide(&pool, 99, b, &Decision::Accept(None), 2, t).await,
            Err(JournalError::NotFound)
        ));
        let p = decide(
            &pool,
            1,
            b,
            &Decision::Accept(Some("Прочитать две главы книги".into())),
            2,
            t,
        )
        .await
        .unwrap();
        assert_eq!(p.shown_title(), "Прочитать две главы книги");
        assert_eq!(p.title, "Прочитать книгу", "the proposed text is kept");
        let it = crate::repo::journal::item(&pool, p.item_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(it.title, "Прочитать две главы книги");
        assert_eq!(
            it.kind, "goal",
            "a proposed goal becomes a goal of the programme"
        );
        let states: Vec<String> = of_pair(&pool, 1)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.state)
            .collect();
        assert_eq!(states, vec!["accepted", "accepted"]);
    }

    #[tokio::test]
    async fn refused_with_a_reason_adds_nothing() {
        let pool = testutil::pool().await;
        testutil::authz_world(&pool).await;
        let t = testutil::t0();
        let before = crate::repo::plan_edits::items_with_cancelled(&pool, 1)
            .await
            .unwrap()
            .len();
        let a = propose(&pool, 1, 3, "Съездить на конференцию", None, false, t)
            .await
            .unwrap();
        let p = decide(
            &pool,
            1,
            a,
            &Decision::Reject("Не в этом году".into()),
            2,
            t,
        )
        .await
        .unwrap();
        assert_eq!(
            (p.state.as_str(), p.reason.as_deref(), p.item_id),
            ("rejected", Some("Не в этом году"), None)
        );
        assert_eq!(
            crate::repo::plan_edits::items_with_cancelled(&pool, 1)
                .await
                .unwrap()
                .len(),
            before
        );
        // an ended pair takes no proposals
        sqlx::query("UPDATE pairs SET status = 'completed' WHERE id = 1")
            .execute(&pool)
            .await
            .unwrap();
        assert!(matches!(
            propose(&pool, 1, 3, "Ещё", None, false, t).await,
            Err(JournalError::PairClosed)
        ));
    }
}
