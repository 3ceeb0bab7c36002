//! End-to-end: plan items and tasks are moved, renamed and cancelled (issue 22) — the mentor
//! at once, the mentee by proposal the mentor confirms; the other side is told, nothing is
//! erased (the plan and the pair's history show old → new), reminders follow the new date,
//! and a press by anyone else changes nothing.

mod common;

use common::ekb;

use common::district::{district, pair_up, District};
use common::{buttons_of, Harness};

/// One active pair (Петрова → Иванова); the clock on Friday 4 September 2026, 12:00 local.
async fn with_pair() -> (Harness, District) {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.clock.set(ekb("2026-09-04T12:00:00"));
    (h, d)
}

const TITLE: &str = "Прочитать статью об оценивании";

/// The mentor gives the task due 10.09.2026; the mentee is told.
async fn task(h: &Harness, d: &District) -> i64 {
    let mark = h.api.mark();
    let saved = h
        .say(
            &d.m1,
            &format!("/task до 10.09 {TITLE}"),
            "срок — 10.09.2026",
        )
        .await;
    let labels: Vec<String> = buttons_of(&saved).into_iter().map(|b| b.0).collect();
    assert!(
        labels.iter().any(|l| l.contains("Перенести срок"))
            && labels.iter().any(|l| l.contains("Изменить")),
        "{labels:?}"
    );
    h.expect_after(mark, d.e1.id, "Новое задание от наставника")
        .await;
    sqlx::query_scalar("SELECT id FROM plan_items WHERE title = ?")
        .bind(TITLE)
        .fetch_one(&h.pool())
        .await
        .unwrap()
}

async fn deadline(h: &Harness, id: i64) -> String {
    sqlx::query_scalar("SELECT deadline FROM plan_items WHERE id = ?")
        .bind(id)
        .fetch_one(&h.pool())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mentor_moves_a_deadline_the_mentee_is_told_and_reminders_follow_it() {
    let (h, d) = with_pair().await;
    let id = task(&h, &d).await;

    // «Перенести срок» under the task, a typed phrase: changed at once, the mentee told
    h.tap(
        &d.m1,
        "Перенести срок",
        "Новый срок для «Прочитать статью об оценивании» (сейчас: 10.09.2026)",
    )
    .await;
    let mark = h.api.mark();
    h.say(&d.m1, "до 18.09", "срок 10.09.2026 → 18.09.2026")
        .await;
    let told = h.expect_after(mark, d.e1.id, "Наставник изменил задание «Прочитать статью об оценивании»: срок 10.09.2026 → 18.09.2026").await;
    assert!(
        buttons_of(&told).iter().any(|b| b.0.contains("Выполнено")),
        "{told:?}"
    );
    assert_eq!(deadline(&h, id).await, "2026-09-18");

    // the plan and the curator's history keep old → new
    let plan = h.say(&d.m1, "/plan", "Программа пары №").await;
    assert!(
        plan.text()
            .unwrap()
            .contains("↳ срок 10.09.2026 → 18.09.2026"),
        "{:?}",
        plan.text()
    );
    let hist = h
        .say(&d.curator, "/history", "Последние изменения пар")
        .await;
    assert!(hist.text().unwrap().contains("Петрова Анна Сергеевна · «Прочитать статью об оценивании»: срок 10.09.2026 → 18.09.2026"), "{:?}", hist.text());

    // the reminder follows the new date: nothing two days before the old one, then the new one
    h.pass_local("2026-09-08T12:00:00").await;
    h.settle().await;
    assert!(
        !h.transcript(d.e1.id).contains("срок 10.09.2026, осталось"),
        "{}",
        h.transcript(d.e1.id)
    );
    let mark = h.api.mark();
    h.pass_local("2026-09-16T12:00:00").await;
    let nudge = h
        .expect_after(
            mark,
            d.e1.id,
            "Напоминаю: «Прочитать статью об оценивании» — срок 18.09.2026",
        )
        .await;
    let labels: Vec<String> = buttons_of(&nudge).into_iter().map(|b| b.0).collect();
    assert!(
        labels.iter().any(|l| l.contains("Выполнено"))
            && labels.iter().any(|l| l.contains("Перенести срок")),
        "{labels:?}"
    );

    // a deadline after the programme's end is confirmed first
    h.clock.set(ekb("2026-09-16T13:00:00"));
    h.say(&d.m1, "/plan", "Программа пары №").await;
    h.tap(&d.m1, "Изменить: Прочитать", "Что изменить?").await;
    h.tap(&d.m1, "Перенести срок", "Новый срок").await;
    h.say(&d.m1, "20.12.2027", "после окончания программы")
        .await;
    assert_eq!(
        deadline(&h, id).await,
        "2026-09-18",
        "nothing before the confirmation"
    );
    h.tap(&d.m1, "Да, всё верно", "срок 18.09.2026 → 20.12.2027")
        .await;
    assert_eq!(deadline(&h, id).await, "2027-12-20");

    // cancelled: told, shown as cancelled, never deleted
    h.say(&d.m1, "/plan", "Программа пары №").await;
    h.tap(&d.m1, "Изменить: Прочитать", "Что изменить?").await;
    h.tap(&d.m1, "Отменить пункт", "останется в плане").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Да, отменить", "пункт отменён").await;
    h.expect_after(mark, d.e1.id, "пункт отменён").await;
    let plan = h.say(&d.e1, "/plan", "Программа пары №").await;
    let text = plan.text().unwrap();
    assert!(
        text.contains("Прочитать статью об оценивании")
            && text.contains("— отменено")
            && text.contains("↳ пункт отменён"),
        "{text}"
    );
    assert!(
        !buttons_of(&plan).iter().any(|b| b.0.contains("Прочитать")),
        "no buttons on a cancelled item: {plan:?}"
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_item_changes WHERE state = 'applied'")
            .await,
        3
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mentee_proposes_and_the_mentor_confirms_with_one_tap() {
    let (h, d) = with_pair().await;
    let id = task(&h, &d).await;

    // from the plan: «✏️ Изменить» → «Перенести срок» → a preset; a proposal, nothing changes yet
    h.say(&d.e1, "/plan", "Программа пары №").await;
    h.tap(&d.e1, "✏️ Изменить", "Можно предложить наставнику")
        .await;
    h.tap(&d.e1, "Перенести срок", "Какой срок предложить наставнику")
        .await;
    let mark = h.api.mark();
    h.tap(&d.e1, "через 2 недели", "Предложение отправлено наставнику")
        .await;
    let ask = h.expect_after(mark, d.m1.id, "Иванова Мария Петровна просит изменить «Прочитать статью об оценивании»: срок 10.09.2026 → 18.09.2026").await;
    assert_eq!(
        buttons_of(&ask)
            .into_iter()
            .map(|b| b.0)
            .collect::<Vec<_>>(),
        vec!["✅ Согласовать", "Оставить как было"]
    );
    assert_eq!(deadline(&h, id).await, "2026-09-10");
    let plan = h.say(&d.e1, "/plan", "Программа пары №").await;
    assert!(
        plan.text()
            .unwrap()
            .contains("(предложено, ждёт ответа наставника)"),
        "{:?}",
        plan.text()
    );

    // one tap: applied, the mentee told
    let mark = h.api.mark();
    h.tap(&d.m1, "Согласовать", "Согласовано").await;
    h.expect_after(
        mark,
        d.e1.id,
        "Наставник согласовал: «Прочитать статью об оценивании» — срок 10.09.2026 → 18.09.2026",
    )
    .await;
    assert_eq!(deadline(&h, id).await, "2026-09-18");
    // a second tap on the same proposal does nothing
    let data = format!("pe:ok:{id}:1");
    let last = h.api.messages(d.m1.id).last().cloned().unwrap();
    let _ = h
        .press_data(&d.m1, d.m1.id, last["message_id"].as_i64().unwrap(), &data)
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_item_changes WHERE state = 'applied'")
            .await,
        1
    );

    // a new title proposed, the mentor keeps the old one
    h.say(&d.e1, "/plan", "Программа пары №").await;
    h.tap(&d.e1, "✏️ Изменить", "Можно предложить наставнику")
        .await;
    h.tap(&d.e1, "Изменить название", "Напишите новое название")
        .await;
    let mark = h.api.mark();
    h.say(
        &d.e1,
        "Прочитать две статьи",
        "Предложение отправлено наставнику",
    )
    .await;
    h.expect_after(
        mark,
        d.m1.id,
        "название «Прочитать статью об оценивании» → «Прочитать две статьи»",
    )
    .await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Оставить как было", "Оставлено как было")
        .await;
    h.expect_after(mark, d.e1.id, "Наставник пока оставил")
        .await;
    let title: String = sqlx::query_scalar("SELECT title FROM plan_items WHERE id = ?")
        .bind(id)
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert_eq!(title, TITLE);
    // the history keeps both: the agreed move and the refused title
    let hist = h
        .say(&d.curator, "/history", "Последние изменения пар")
        .await;
    let text = hist.text().unwrap();
    assert!(text.contains("Иванова Мария Петровна · «Прочитать статью об оценивании»: срок 10.09.2026 → 18.09.2026"), "{text}");
    assert!(text.contains("(предложение не принято)"), "{text}");
    // the curator's pair card: «История» shows the plan's changes with who and when
    h.say(&d.curator, "/pairs", "Пара №").await;
    let card = h.tap(&d.curator, "История", "История пары №").await;
    let text = card.text().unwrap();
    assert!(text.contains(" · Иванова Мария Петровна · «Прочитать статью об оценивании»: срок 10.09.2026 → 18.09.2026"), "{text}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_or_a_revoked_mentor_changes_nothing() {
    let (h, d) = with_pair().await;
    let id = task(&h, &d).await;
    let forged = [
        format!("pe:xy:{id}"),
        format!("pe:di:{id}:7"),
        format!("pe:d:{id}"),
        format!("pe:m:{id}"),
    ];
    // another school mentor (not of this pair) and the curator: refused before any handler
    for who in [&d.m2, &d.curator] {
        let mid = h.api.messages(who.id).last().unwrap()["message_id"]
            .as_i64()
            .unwrap();
        for data in &forged {
            assert!(
                h.press_data(who, who.id, mid, data)
                    .await
                    .contains("не действует"),
                "{data}"
            );
        }
    }
    // the mentee may not cancel
    let mid = h.api.messages(d.e1.id).last().unwrap()["message_id"]
        .as_i64()
        .unwrap();
    assert!(h
        .press_data(&d.e1, d.e1.id, mid, &format!("pe:xy:{id}"))
        .await
        .contains("не действует"));
    // the mentor's role revoked: the buttons under the task no longer act
    let m1: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = ?")
        .bind(d.m1.id)
        .fetch_one(&h.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM roles WHERE user_id = ? AND role = 'mentor'")
        .bind(m1)
        .execute(&h.pool())
        .await
        .unwrap();
    let mid = h.api.messages(d.m1.id).last().unwrap()["message_id"]
        .as_i64()
        .unwrap();
    for data in &forged {
        assert!(
            h.press_data(&d.m1, d.m1.id, mid, data)
                .await
                .contains("не действует"),
            "{data}"
        );
    }
    h.settle().await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_item_changes").await, 0);
    assert_eq!(deadline(&h, id).await, "2026-09-10");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE status = 'planned'")
            .await,
        1
    );
    assert!(!h.transcript(d.e1.id).contains("изменил задание"));
    h.stop().await;
}
