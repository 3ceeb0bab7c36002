//! Storage: every SQL statement lives here, one module per aggregate.

pub mod announcements;
pub mod chats;
pub mod dialogues;
pub mod documents;
pub mod erasure;
pub mod events;
pub mod history;
pub mod invites;
pub mod journal;
pub mod meetings;
pub mod monitoring;
pub mod ops;
pub mod orders;
pub mod orgs;
pub mod outbox;
pub mod pairs;
pub mod plan_edits;
pub mod plan_proposals;
pub mod practices;
pub mod profiles;
pub mod reminders;
pub mod requests;
pub mod school;
pub mod surveys;
pub mod users;

pub use sqlx::SqlitePool as Pool;

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::domain::{OrgKind, Role};
    use chrono::{TimeZone, Utc};

    pub fn t0() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap()
    }

    pub async fn pool() -> Pool {
        crate::db::memory().await
    }

    /// An organization and a registered user holding `role` there.
    pub async fn registered(pool: &Pool, tg: i64, role: Role) -> (i64, users::User) {
        let org = orgs::create(pool, "Школа № 1", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        let user = users::ensure(pool, tg, t0()).await.unwrap();
        users::give_consent(pool, user.id, t0()).await.unwrap();
        users::update_basic(
            pool,
            user.id,
            users::BasicField::FullName,
            "Иванова Мария Петровна",
            t0(),
        )
        .await
        .unwrap();
        users::set_org(pool, user.id, org, t0()).await.unwrap();
        users::grant_role(pool, user.id, role, Some(org), t0())
            .await
            .unwrap();
        (org, users::by_id(pool, user.id).await.unwrap().unwrap())
    }

    /// The authorization test's world (`bot::authz::tests`). School 1: curator 1, mentor 2,
    /// mentee 3 in pair 1, head 4, a registered teacher without roles 7; the district's
    /// coordinator 5; school 2's curator 6. Pair 1 has entry 1 (by the mentor), plan item 1,
    /// /sos 1; mentee 3's request 1 is open; the mentor's practice 1 awaits moderation; the
    /// coordinator's announcement 1 is scheduled; the mentee asked to extend pair 1 (change 1)
    /// and for another mentor (petition 1); the mentor resigned (resignation 1); the head
    /// recorded order 1; the curator proposed the mentor for request 1 (proposal 1); the mentee has begun the entry survey (questionnaire 1). Returns the users' Telegram ids = 100 + id.
    pub async fn authz_world(pool: &Pool) -> crate::bot::action::Ids {
        let at = "'2026-09-01T00:00:00+00:00'";
        let sql = format!(
            r#"
INSERT INTO organizations (id, name, kind, tz, created_at) VALUES
  (1, 'МБОУ СОШ № 1', 'school', 'Europe/Moscow', {at}), (2, 'МБОУ СОШ № 2', 'school', 'Europe/Moscow', {at});
INSERT INTO users (id, telegram_id, full_name, org_id, consent_at, registered_at, created_at, updated_at) VALUES
  (1, 101, 'Соколова Елена Викторовна', 1, {at}, {at}, {at}, {at}),
  (2, 102, 'Петрова Анна Сергеевна', 1, {at}, {at}, {at}, {at}),
  (3, 103, 'Иванова Мария Петровна', 1, {at}, {at}, {at}, {at}),
  (4, 104, 'Орлов Игорь Семёнович', 1, {at}, {at}, {at}, {at}),
  (5, 105, 'Белова Нина Олеговна', NULL, {at}, {at}, {at}, {at}),
  (6, 106, 'Зайцев Павел Ильич', 2, {at}, {at}, {at}, {at}),
  (7, 107, 'Кузнецова Дарья Сергеевна', 1, {at}, {at}, {at}, {at});
INSERT INTO roles (user_id, role, org_id, granted_at) VALUES
  (1, 'curator', 1, {at}), (2, 'mentor', 1, {at}), (3, 'mentee', 1, {at}), (4, 'head', 1, {at}),
  (5, 'coordinator', NULL, {at}), (6, 'curator', 2, {at});
INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES
  (1, 1, 2, 'traditional', '2026-09-01', '2027-05-31', 'active', {at});
INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (1, 3, {at});
INSERT INTO journal_entries (id, pair_id, kind, on_date, minutes, format, topic, author_id, created_at, updated_at) VALUES
  (1, 1, 'meeting', '2026-09-10', 45, 'in_person', 'Знакомство', 2, {at}, {at});
INSERT INTO plan_items (id, pair_id, mentee_id, kind, title, status, created_by, created_at, updated_at) VALUES
  (1, 1, 3, 'task', 'Прочитать статью', 'submitted', 2, {at}, {at});
INSERT INTO sos_requests (id, pair_id, mentee_id, mentor_id, question, asked_at) VALUES
  (1, 1, 3, 2, 'Как быть с опозданиями?', {at});
INSERT INTO requests (id, mentee_id, org_id, kind, areas, description, status, created_at, updated_at) VALUES
  (1, 3, 1, 'new', 'methods', 'Нужна помощь с методикой', 'open', {at}, {at});
INSERT INTO practices (id, pair_id, org_id, author_id, title, areas, form, description, status, created_at, updated_at) VALUES
  (1, 1, 1, 2, 'Кейс-метод', 'methods', 'traditional', 'Описание', 'pending', {at}, {at});
INSERT INTO announcements (id, author_id, body, targets, status, send_at, created_at) VALUES
  (1, 5, 'Совещание', 'chat:district', 'scheduled', '2026-09-20T00:00:00+00:00', {at});
INSERT INTO pair_changes (id, pair_id, kind, requested_by, new_end, status, created_at) VALUES
  (1, 1, 'extend', 3, '2027-06-30', 'pending', {at});
INSERT INTO petitions (id, pair_id, mentee_id, reason_code, reason_text, status, created_at) VALUES
  (1, 1, 3, 'other', 'Не совпадаем по времени', 'pending', {at});
INSERT INTO resignations (id, mentor_id, org_id, reason, status, created_at) VALUES
  (1, 2, 1, 'Переезд', 'pending', {at});
INSERT INTO orders (id, org_id, number, order_date, created_by, created_at) VALUES
  (1, 1, '15-о', '2026-09-01', 4, {at});
INSERT INTO proposals (id, request_id, mentor_id, proposed_by, status, created_at) VALUES
  (1, 1, 2, 1, 'pending', {at});
INSERT INTO survey_responses (id, survey, pair_id, user_id, started_at) VALUES
  (1, 'mentee_entry', 1, 3, {at});
INSERT INTO scheduled_meetings (id, pair_id, created_by, starts_at, minutes, topic, created_at, updated_at) VALUES
  (1, 1, 2, '2026-09-20T12:00:00+00:00', 45, 'Разбор урока', {at}, {at});
"#
        );
        sqlx::raw_sql(&sql).execute(pool).await.unwrap();
        crate::bot::action::Ids {
            org: 1,
            pair: 1,
            entry: 1,
            plan_item: 1,
            sos: 1,
            request: 1,
            practice: 1,
            announcement: 1,
            mentee: 3,
            mentor: 2,
            change: 1,
            petition: 1,
            resignation: 1,
            order: 1,
            proposal: 1,
            survey_response: 1,
            meeting: 1,
        }
    }
}
