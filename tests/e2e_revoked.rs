//! End-to-end: buttons act on the roles held now. After a mentor's or a mentee's role is
//! revoked (as `nastavnik revoke` does), the buttons they still have — and forged ones — change
//! nothing: the pair's side is taken from the current roles, not from pair membership alone.

mod common;

use chrono::Duration;
use common::district::{district, pair_up};
use common::Harness;
use nastavnik::domain::Role;
use nastavnik::repo::{pairs, users};

async fn user_id(h: &Harness, tg: i64) -> i64 {
    h.count(&format!("SELECT id FROM users WHERE telegram_id = {tg}"))
        .await
}

async fn state_of(h: &Harness) -> (i64, i64, String, String, i64, i64) {
    let (live, plan_status, end, sos_open, pending): (i64, String, String, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM journal_entries WHERE deleted_at IS NULL AND kind = 'meeting'),
                (SELECT status FROM plan_items WHERE id = 1),
                (SELECT planned_end FROM pairs WHERE id = 1),
                (SELECT COUNT(*) FROM sos_requests WHERE answered_at IS NULL),
                (SELECT COUNT(*) FROM pair_changes WHERE status = 'pending')",
    )
    .fetch_one(&h.pool())
    .await
    .unwrap();
    let versions = h.count("SELECT COUNT(*) FROM journal_versions").await;
    (live, versions, plan_status, end, sos_open, pending)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_roles_press_nothing() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.clock.advance(Duration::days(3));
    // the pair's work: a meeting, a task handed in, an open /sos, an extension awaiting the mentor
    h.say(&d.m1, "/meeting 45 Разбор урока", "Записано").await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "/task Прочитать статью о формирующем оценивании",
        "Задание записано",
    )
    .await;
    h.expect_after(mark, d.e1.id, "Новое задание").await;
    sqlx::query("UPDATE plan_items SET status = 'submitted' WHERE id = 1")
        .execute(&h.pool())
        .await
        .unwrap();
    let mark = h.api.mark();
    h.say(
        &d.e1,
        "/sos Как удержать внимание 7Б на уроке?",
        "Вопрос передан",
    )
    .await;
    h.expect_after(mark, d.m1.id, "Как удержать внимание").await;
    let (mentor, mentee) = (user_id(&h, d.m1.id).await, user_id(&h, d.e1.id).await);
    let end = h.clock_now().date_naive() + Duration::days(300);
    pairs::request_change(
        &h.pool(),
        1,
        "extend",
        mentee,
        None,
        Some(end),
        h.clock_now(),
    )
    .await
    .unwrap();
    // a replacement petition and a resignation wait for the curator
    h.say(&d.e1, "/replace", "наставник не узнает").await;
    h.tap(&d.e1, "Не сложилось", "Опишите").await;
    h.say(&d.e1, "Разные взгляды на оценивание", "отправлено куратору")
        .await;
    h.say(&d.m2, "/resign", "Заявление о сложении").await;
    h.say(&d.m2, "Перехожу на другую работу", "отправлено куратору")
        .await;
    h.settle().await;
    let before = state_of(&h).await;

    // nastavnik revoke --role mentor: the mentor's old buttons and forged ones do nothing
    users::revoke_role(&h.pool(), mentor, Role::Mentor, Some(d.org))
        .await
        .unwrap();
    let msg = h.api.last_bot_message(d.m1.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    for data in [
        "jl:del:1:1",
        "jl:ed:1:1",
        "pr:chc:1:y",
        "pr:extm:1:2",
        "pl:ok:1",
        "pl:chk:1",
        "ar:send:1",
        "so:ans:1",
        "jl:open:1:0",
        "pr:open:1",
        "ar:open:1",
    ] {
        let notice = h.press_data(&d.m1, d.m1.id, msg, data).await;
        assert!(
            notice.contains("не действует"),
            "revoked mentor pressed «{data}»: {notice:?}"
        );
    }
    h.settle().await;
    assert_eq!(state_of(&h).await, before, "nothing changed");
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM dialogues WHERE chat_id = {}",
            d.m1.id
        ))
        .await,
        0,
        "no form was opened"
    );
    h.say(&d.m1, "/journal", "доступна другим").await;

    // nastavnik revoke --role mentee: likewise
    users::revoke_role(&h.pool(), mentee, Role::Mentee, Some(d.org))
        .await
        .unwrap();
    sqlx::query("UPDATE plan_items SET status = 'planned' WHERE id = 1")
        .execute(&h.pool())
        .await
        .unwrap();
    let before = state_of(&h).await;
    let msg = h.api.last_bot_message(d.e1.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    for data in [
        "pl:sub:1",
        "pt:r:1:other",
        "pr:ext:1",
        "pr:extm:1:1",
        "jl:open:1:0",
        "pr:open:1",
        "pl:open:1",
    ] {
        let notice = h.press_data(&d.e1, d.e1.id, msg, data).await;
        assert!(
            notice.contains("не действует"),
            "revoked mentee pressed «{data}»: {notice:?}"
        );
    }
    h.settle().await;
    assert_eq!(state_of(&h).await, before, "nothing changed");
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM dialogues WHERE chat_id = {}",
            d.e1.id
        ))
        .await,
        0,
        "no form was opened"
    );

    // a forged petition or resignation decision by someone else edits nothing before it is refused
    let m2_msg = h.api.last_bot_message(d.m2.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    let mark = h.api.mark();
    h.press_data(&d.m2, d.m2.id, m2_msg, "pt:ok:1").await;
    h.press_data(&d.m2, d.m2.id, m2_msg, "rs:ok:1").await;
    h.settle().await;
    let decided = h.count("SELECT (SELECT COUNT(*) FROM petitions WHERE status <> 'pending') + (SELECT COUNT(*) FROM resignations WHERE status <> 'pending')").await;
    assert_eq!(decided, 0, "a forged decision decided nothing");
    let edited = h
        .api
        .calls_since(mark)
        .iter()
        .any(|c| c.is("editMessageText") && c.chat_id() == Some(d.m2.id));
    assert!(!edited, "a forged decision edited a message");
    h.say(&d.curator, "/journal", "Разбор урока").await;
    h.stop().await;
}
