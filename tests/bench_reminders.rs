//! Size check (ignored by default: `cargo test --release --test bench_reminders -- --ignored`):
//! 500 organizations, 25 000 pairs, 2 000 000 journal entries.

use chrono::{TimeZone, Utc};
use nastavnik::domain::reminders::{plan, Rules};
use nastavnik::repo::reminders::{digest, snapshot, DigestPeriod};
use std::time::Instant;

#[tokio::test]
#[ignore]
async fn digests_and_planning_at_district_scale() {
    let dir = tempfile::tempdir().unwrap();
    let pool = nastavnik::db::connect(&format!("sqlite://{}", dir.path().join("b.db").display())).await.unwrap();
    let t = "2026-09-01T00:00:00+00:00";
    for sql in [
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) \
         INSERT INTO organizations (id, name, kind, tz, created_at) SELECT i, 'Школа ' || i, 'school', 'Asia/Yekaterinburg', '2026-09-01T00:00:00+00:00' FROM n",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 51000) \
         INSERT INTO users (id, telegram_id, consent_at, full_name, org_id, registered_at, created_at, updated_at) \
         SELECT i, 1000000 + i, '2026-09-01', 'Педагог ' || i, 1 + i % 500, '2026-09-01', '2026-09-01', '2026-09-01' FROM n",
        "INSERT INTO roles (user_id, role, org_id, granted_at) SELECT id, 'curator', id, '2026-09-01' FROM users WHERE id <= 500",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) \
         INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, status, created_at) \
         SELECT i, 1 + i % 500, 1000 + i, 'traditional', '2026-01-10', date('2026-09-20', '+' || (i % 300) || ' days'), 'active', '2026-01-10' FROM n",
        "INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) SELECT id, 26000 + id, '2026-01-10' FROM pairs",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) \
         INSERT INTO journal_entries (pair_id, kind, on_date, minutes, topic, author_id, created_at, updated_at) \
         SELECT 1 + i % 25000, CASE WHEN i % 3 = 0 THEN 'task' ELSE 'meeting' END, date('2026-01-10', '+' || (i % 260) || ' days'), 45, 'встреча', 1, '2026-01-10', '2026-01-10' FROM n",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) \
         INSERT INTO plan_items (pair_id, kind, title, deadline, status, created_by, created_at, updated_at) \
         SELECT 1 + i % 25000, 'task', 'Задание', date('2026-09-01', '+' || (i % 60) || ' days'), 'planned', 1, '2026-01-10', '2026-01-10' FROM n",
        "ANALYZE",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    let _ = t;
    let now = Utc.with_ymd_and_hms(2026, 9, 28, 5, 0, 0).unwrap();
    let today = now.date_naive();
    let rules = Rules::default();
    let clock = Instant::now();
    let one = digest(&pool, Some(250), DigestPeriod::week(today, now), &rules).await.unwrap();
    let curator = clock.elapsed();
    let clock = Instant::now();
    let all = digest(&pool, None, DigestPeriod::month(today, now), &rules).await.unwrap();
    let monthly = clock.elapsed();
    let clock = Instant::now();
    let s = snapshot(&pool, chrono_tz::Europe::Moscow, &rules, now).await.unwrap();
    let p = plan(&s, &rules, now);
    let planning = clock.elapsed();
    println!("curator digest {curator:?}, monthly digest {monthly:?}, snapshot+plan {planning:?} ({} due)", p.due.len());
    assert_eq!((one.len(), all.len()), (1, 500));
    assert!(one[0].active_pairs == 50);
}
