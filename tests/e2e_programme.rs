//! End-to-end (issue 21): Russian that agrees with the person it is about (a woman and a man
//! through the same flow), the curator's list that does not ask the curator to confirm, and a
//! mentor who finds the proposals waiting for them in /pair — also days later.

mod common;

use common::district::{ask, district, pair_up, propose};
use common::{buttons_of, Harness};
use nastavnik::bot::reminders::run_pass;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_about_a_woman_and_a_man_agree_in_gender() {
    let h = Harness::start().await;
    let d = district(&h).await;
    ask(&h, &d, &d.e1).await;

    // a woman declines: «отказалась», never «отказался»
    propose(&h, &d, &d.m1, "Петрова").await;
    h.tap(&d.m1, "Отказаться", "Почему отказываетесь").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Нет времени", "отказ записан").await;
    let note = h
        .expect_after(mark, d.curator.id, "Петрова Анна Сергеевна отказалась")
        .await;
    assert!(
        !note.text().unwrap().contains("отказался"),
        "{}",
        note.text().unwrap()
    );

    // a man agrees: «согласился», «готов работать с вами»
    h.tap(&d.curator, "Открыть запрос", "Запрос №1").await;
    propose(&h, &d, &d.m2, "Борисов").await;
    let mark = h.api.mark();
    h.tap(&d.m2, "Принять", "Спасибо").await;
    h.expect_after(
        mark,
        d.e1.id,
        "Борисов Борис Борисович готов работать с вами",
    )
    .await;
    h.expect_after(mark, d.curator.id, "Борисов Борис Борисович согласился")
        .await;

    // the mentee is asked to confirm; the curator's list says whose confirmation is awaited
    h.say(&d.e1, "/request", "ждём вашего подтверждения").await;
    let list = h.say(&d.curator, "/requests", "Ждут вашего решения").await;
    let labels: Vec<String> = buttons_of(&list).into_iter().map(|b| b.0).collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains("ждём подтверждения наставляемого")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.contains("вашего подтверждения")),
        "{labels:?}"
    );
    let card = h.tap(&d.curator, "№1", "Запрос №1").await;
    let text = card.text().unwrap();
    assert!(
        text.contains("Борисов Борис Борисович согласен") && !text.contains("вашего подтверждения"),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_finds_waiting_proposals_in_pair_days_later() {
    let h = Harness::start().await;
    let d = district(&h).await;
    // before any proposal: a mentor is not sent to /request
    let none = h.say(&d.m1, "/pair", "пока нет активной пары").await;
    assert!(
        !none.text().unwrap().contains("/request"),
        "{}",
        none.text().unwrap()
    );

    ask(&h, &d, &d.e1).await;
    propose(&h, &d, &d.m1, "Петрова").await;

    // four days and an hour later nobody has answered: the curator hears it, about a woman
    h.clock.advance(chrono::Duration::hours(97));
    let ctx = h.bot.as_ref().expect("running").ctx.clone();
    let mark = h.api.mark();
    run_pass(&ctx, h.clock_now()).await.expect("pass runs");
    h.expect_after(
        mark,
        d.curator.id,
        "Наставник Петрова Анна Сергеевна не ответила на предложение",
    )
    .await;

    // the mentor looks in /pair: the proposal is there, with its buttons
    let mark = h.api.mark();
    h.api.send_text(&d.m1, "/pair");
    h.expect_after(mark, d.m1.id, "Ждёт вашего ответа 1 предложение")
        .await;
    let card = h
        .expect_after(mark, d.m1.id, "Наставляемый: Иванова Мария Петровна")
        .await;
    let buttons = buttons_of(&card);
    assert!(
        buttons.iter().any(|b| b.0 == "Принять") && buttons.iter().any(|b| b.0 == "Отказаться"),
        "{buttons:?}"
    );
    // another mentor has nothing waiting
    h.say(&d.m2, "/pair", "пока нет активной пары").await;
    h.settle().await;
    assert!(!h
        .api
        .sent_texts(d.m2.id)
        .iter()
        .any(|t| t.contains("Ждёт вашего ответа")));

    // accepting from that card works like the original message
    let mark = h.api.mark();
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect_after(
        mark,
        d.e1.id,
        "Петрова Анна Сергеевна готова работать с вами",
    )
    .await;
    h.expect_after(mark, d.curator.id, "Петрова Анна Сергеевна согласилась")
        .await;
    // and it is no longer waiting
    h.say(&d.m1, "/pair", "пока нет активной пары").await;
    h.settle().await;
    assert_eq!(
        h.api
            .sent_texts(d.m1.id)
            .iter()
            .filter(|t| t.contains("Ждёт вашего ответа"))
            .count(),
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_replacement_the_curator_can_still_choose_any_mentor() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    pair_up(&h, &d, &d.e2, &d.m2, "Борисов").await; // Борисов's only place is taken

    h.say(&d.e1, "/replace", "Что случилось").await;
    h.tap(&d.e1, "Нужна другая компетенция", "Опишите").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Нужна помощь с ИКТ", "отправлено").await;
    h.expect_after(mark, d.curator.id, "Нужна помощь с ИКТ")
        .await;
    let mark = h.api.mark();
    h.tap(&d.curator, "Одобрить", "Ходатайство одобрено").await;
    let card = h
        .expect_after(mark, d.curator.id, "подберите нового наставника")
        .await;
    assert!(
        card.text()
            .unwrap()
            .contains("Свободных подходящих наставников сейчас нет"),
        "{}",
        card.text().unwrap()
    );

    // ten days later the curator comes back to the request: every mentor is listed, with why
    h.clock.advance(chrono::Duration::days(10));
    let all = h
        .tap(
            &d.curator,
            "Все наставники школы",
            "все наставники вашей школы",
        )
        .await;
    let text = all.text().unwrap();
    assert!(
        text.contains("Петрова Анна Сергеевна — не в подборе: отказ по этому запросу или замена"),
        "{text}"
    );
    assert!(
        text.contains("Борисов Борис Борисович — не в подборе: свободных мест нет (1 из 1)"),
        "{text}"
    );
    let labels: Vec<String> = buttons_of(&all).into_iter().map(|b| b.0).collect();
    assert!(
        labels.iter().any(|l| l.contains("Предложить: Петрова")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.contains("Предложить: Борисов")),
        "a full mentor cannot take the mentee: {labels:?}"
    );

    // a forged proposal to the full mentor is refused and changes nothing
    let mid = all.params["message_id"]
        .as_i64()
        .expect("the list is edited in place");
    let rid = h
        .count("SELECT id FROM requests WHERE kind = 'replacement'")
        .await;
    let answer = h
        .press_data(
            &d.curator,
            d.curator.id,
            mid,
            &format!("rq:pr:{rid}:{}", borisov_id(&h).await),
        )
        .await;
    assert!(answer.contains("недоступен"), "{answer}");
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM proposals WHERE request_id = {rid}"
        ))
        .await,
        0
    );

    // the curator overrules the exclusion: the old mentor is proposed again
    let mark = h.api.mark();
    h.tap(&d.curator, "Предложить: Петрова", "Предложено наставнику")
        .await;
    h.expect_after(mark, d.m1.id, "предлагает вам стать наставником")
        .await;
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM proposals WHERE request_id = {rid} AND status = 'pending'"
        ))
        .await,
        1
    );

    // the new pair continues the remaining programme (to 01.06.2027), not a fresh 9 months
    let mark = h.api.mark();
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect_after(mark, d.e1.id, "готова работать с вами")
        .await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, d.e1.id, "с 11.09.2026 по 01.06.2027")
        .await;
    let (start, end): (String, String) = sqlx::query_as(
        "SELECT start_date, planned_end FROM pairs WHERE status = 'active' AND id > 2",
    )
    .fetch_one(&h.pool())
    .await
    .unwrap();
    assert_eq!((start.as_str(), end.as_str()), ("2026-09-11", "2027-06-01"));
    h.stop().await;
}

async fn borisov_id(h: &Harness) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE full_name = 'Борисов Борис Борисович'")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_nobody_takes_stays_in_digests_and_reaches_the_coordinator() {
    let h = Harness::start().await;
    let d = district(&h).await;
    let coordinator = h
        .new_curator(None, 900, "Нина", "Орлова Нина Павловна")
        .await;
    ask(&h, &d, &d.e1).await;
    let ctx = h.bot.as_ref().expect("running").ctx.clone();

    // 13 days later (Monday 14 September, the digest hour): still waiting, the digest says how long
    h.clock.advance(chrono::Duration::days(13));
    let mark = h.api.mark();
    run_pass(&ctx, h.clock_now()).await.expect("pass runs");
    let digest = h.expect_after(mark, d.curator.id, "Сводка за неделю").await;
    assert!(
        digest
            .text()
            .unwrap()
            .contains("ждут подбора наставника: 1 запрос, самый давний — 13 дней"),
        "{}",
        digest.text().unwrap()
    );
    h.settle().await;
    assert!(
        !h.transcript(coordinator.id).contains("ждёт наставника"),
        "not before 14 days"
    );

    // the 14th day: the coordinator hears it, with the school and the number, without the name
    h.clock.advance(chrono::Duration::days(1));
    let mark = h.api.mark();
    run_pass(&ctx, h.clock_now()).await.expect("pass runs");
    let note = h
        .expect_after(
            mark,
            coordinator.id,
            "запрос №1 ждёт наставника уже 14 дней",
        )
        .await;
    let text = note.text().unwrap();
    assert!(
        text.contains("МБОУ СОШ № 3") && !text.contains("Иванова"),
        "{text}"
    );
    // once
    run_pass(&ctx, h.clock_now()).await.expect("pass runs");
    h.settle().await;
    assert_eq!(
        h.api
            .sent_texts(coordinator.id)
            .iter()
            .filter(|t| t.contains("ждёт наставника"))
            .count(),
        1
    );
    h.stop().await;
}
