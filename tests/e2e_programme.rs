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

/// The pair's id and start, and its planned end now.
async fn pair_dates(h: &Harness) -> (i64, chrono::NaiveDate, chrono::NaiveDate) {
    sqlx::query_as("SELECT id, start_date, planned_end FROM pairs WHERE status = 'active'")
        .fetch_one(&h.pool())
        .await
        .unwrap()
}

fn ru(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The newest message to `chat` (for a press on its forged or stale buttons).
fn last_message(h: &Harness, chat: i64) -> i64 {
    h.api.messages(chat).last().unwrap()["message_id"]
        .as_i64()
        .unwrap()
}

/// A formed pair (Петрова → Иванова) and its id.
async fn paired() -> (Harness, common::district::District, i64) {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    let (pair, _, _) = pair_dates(&h).await;
    (h, d, pair)
}

/// The mentee proposes `title` from /plan without a deadline; the mentor gets it.
async fn propose_item(h: &Harness, d: &common::district::District, title: &str) {
    h.say(&d.e1, "/plan", "Программа пары №").await;
    h.tap(&d.e1, "Предложить пункт", "Что добавить в программу?")
        .await;
    h.say(&d.e1, title, "к какому сроку?").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Без срока", "Предложение отправлено наставнику")
        .await;
    h.expect_after(mark, d.m1.id, &format!("«{title}».")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mentee_proposes_plan_items_and_the_mentor_decides() {
    let (h, d, pair) = paired().await;

    // from /plan: «Предложить пункт» → the text → a deadline typed as a phrase
    h.say(&d.e1, "/plan", "Программа пары №").await;
    h.tap(&d.e1, "Предложить пункт", "Что добавить в программу?")
        .await;
    h.say(&d.e1, "Посетить открытый урок коллеги", "к какому сроку?")
        .await;
    let mark = h.api.mark();
    let sent = h
        .say(&d.e1, "через 2 недели", "Предложение отправлено наставнику")
        .await;
    assert!(
        sent.text()
            .unwrap()
            .contains("«Посетить открытый урок коллеги», срок "),
        "{:?}",
        sent.text()
    );
    let ask = h
        .expect_after(
            mark,
            d.m1.id,
            "Иванова Мария Петровна предложила добавить в программу пункт: «Посетить открытый урок коллеги», срок ",
        )
        .await;
    let labels: Vec<String> = buttons_of(&ask).into_iter().map(|b| b.0).collect();
    assert_eq!(
        labels,
        vec![
            "✅ Принять: Посетить открытый урок коллеги",
            "✏️ Изменить",
            "Отклонить"
        ]
    );
    // nothing is in the plan before the mentor decides; both see it waiting
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 0);
    let plan = h.say(&d.m1, "/plan", "Программа пары №").await;
    assert!(
        plan.text()
            .unwrap()
            .contains("⏳ Предложено: «Посетить открытый урок коллеги»"),
        "{:?}",
        plan.text()
    );

    // one tap: the item is in the programme (the mentee's), the mentee told
    let mark = h.api.mark();
    h.tap(
        &d.m1,
        "Принять: Посетить",
        "Иванова Мария Петровна получила уведомление",
    )
    .await;
    h.expect_after(
        mark,
        d.e1.id,
        "Петрова Анна Сергеевна приняла ваше предложение: «Посетить открытый урок коллеги»",
    )
    .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE kind = 'item' AND deadline IS NOT NULL AND title = 'Посетить открытый урок коллеги' AND mentee_id IS NOT NULL AND status = 'planned'")
            .await,
        1
    );
    // a repeated press on the decided proposal says so and changes nothing
    let msg = last_message(&h, d.m1.id);
    for data in [
        format!("np:ok:{pair}:1"),
        format!("np:no:{pair}:1"),
        format!("np:ed:{pair}:1"),
    ] {
        let answer = h.press_data(&d.m1, d.m1.id, msg, &data).await;
        assert!(answer.contains("уже рассмотрено"), "{data}: {answer}");
    }
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 1);

    // without a deadline; the mentor accepts it in their own words
    propose_item(&h, &d, "Прочитать книгу о дисциплине").await;
    h.tap(&d.m1, "Изменить", "Напишите пункт так, как его записать")
        .await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "Прочитать две главы книги о дисциплине",
        "Пункт добавлен в программу: «Прочитать две главы книги о дисциплине»",
    )
    .await;
    h.expect_after(
        mark,
        d.e1.id,
        "приняла ваше предложение «Прочитать книгу о дисциплине» с изменениями: «Прочитать две главы книги о дисциплине»",
    )
    .await;

    // a goal of the programme («Предложить цель»), accepted as a goal
    h.say(&d.e1, "/plan", "Программа пары №").await;
    h.tap(&d.e1, "Предложить пункт", "Что добавить в программу?")
        .await;
    h.tap(&d.e1, "Предложить цель", "Какую цель добавить в программу?")
        .await;
    h.say(
        &d.e1,
        "Выстроить дисциплину в 7-х классах",
        "к какому сроку?",
    )
    .await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Без срока", "Предложение отправлено наставнику")
        .await;
    h.expect_after(
        mark,
        d.m1.id,
        "предложила добавить в программу цель: «Выстроить дисциплину в 7-х классах»",
    )
    .await;
    h.tap(&d.m1, "Принять: Выстроить", "получила уведомление")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE kind = 'goal' AND title = 'Выстроить дисциплину в 7-х классах'")
            .await,
        1
    );

    // refused with a reason the mentee reads
    propose_item(&h, &d, "Съездить на конференцию").await;
    h.tap(
        &d.m1,
        "Отклонить",
        "Почему отклоняете «Съездить на конференцию»?",
    )
    .await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "Сначала закончим тему дисциплины",
        "Иванова Мария Петровна получила уведомление с причиной",
    )
    .await;
    h.expect_after(
        mark,
        d.e1.id,
        "Петрова Анна Сергеевна отклонила ваше предложение «Съездить на конференцию». Причина: Сначала закончим тему дисциплины",
    )
    .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 3);

    // the curator sees the proposals and the decisions in the pair's history
    let hist = h
        .say(&d.curator, "/history", "Последние изменения пар")
        .await;
    let text = hist.text().unwrap();
    for line in [
        "Иванова Мария Петровна · предложила пункт «Посетить открытый урок коллеги», срок ",
        "Петрова Анна Сергеевна · пункт «Посетить открытый урок коллеги» принят",
        "пункт «Прочитать книгу о дисциплине» принят с изменениями: «Прочитать две главы книги о дисциплине»",
        "Петрова Анна Сергеевна · пункт «Съездить на конференцию» отклонён: Сначала закончим тему дисциплины",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    h.say(&d.curator, "/pairs", "Пара №").await;
    let card = h.tap(&d.curator, "История", "История пары №").await;
    assert!(
        card.text()
            .unwrap()
            .contains("· Иванова Мария Петровна · предложила пункт «Съездить на конференцию»"),
        "{:?}",
        card.text()
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_mentee_proposes_and_only_the_mentor_decides() {
    let (h, d, pair) = paired().await;
    propose_item(&h, &d, "Посетить урок").await;
    let decide = [
        format!("np:ok:{pair}:1"),
        format!("np:ed:{pair}:1"),
        format!("np:no:{pair}:1"),
    ];
    // the mentee, another mentor and the curator may not decide; the mentor may not propose
    for (who, forged) in [
        (&d.e1, &decide[..]),
        (&d.m2, &decide[..]),
        (&d.curator, &decide[..]),
    ] {
        let mid = last_message(&h, who.id);
        for data in forged {
            assert!(
                h.press_data(who, who.id, mid, data)
                    .await
                    .contains("не действует"),
                "{data}"
            );
        }
    }
    for who in [&d.m1, &d.m2, &d.curator, &d.e2] {
        let mid = last_message(&h, who.id);
        for data in [format!("np:new:{pair}"), format!("np:nd:{pair}")] {
            assert!(
                h.press_data(who, who.id, mid, &data)
                    .await
                    .contains("не действует"),
                "{data}"
            );
        }
    }
    // a proposal of another pair is not this pair's to decide
    let mid = last_message(&h, d.m1.id);
    assert!(h
        .press_data(&d.m1, d.m1.id, mid, &format!("np:ok:{pair}:99"))
        .await
        .contains("не действует"));
    h.settle().await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 0);
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_proposals WHERE state = 'proposed'")
            .await,
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_curator_chooses_the_length_and_the_sides_change_it_by_agreement() {
    use nastavnik::domain::pair::planned_end;
    let h = Harness::start().await;
    let d = district(&h).await;
    ask(&h, &d, &d.e1).await;
    propose(&h, &d, &d.m1, "Петрова").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect_after(mark, d.e1.id, "работать с вами").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Подтверждаю", "Пара сформирована").await;
    let formed = h.expect_after(mark, d.curator.id, "сформирована").await;
    // nobody chose yet: the form's default (a school year, 9 months), marked
    let (pair, start, end) = pair_dates(&h).await;
    assert_eq!(end, planned_end(start, 9));
    assert!(
        formed
            .text()
            .unwrap()
            .contains(&format!("Срок программы — до {} (отмечен ✓)", ru(end))),
        "{:?}",
        formed.text()
    );
    let labels: Vec<String> = buttons_of(&formed).into_iter().map(|b| b.0).collect();
    assert_eq!(
        labels,
        vec![
            "3 месяца",
            "6 месяцев",
            "✓ 9 месяцев",
            "12 месяцев",
            "Открыть пару"
        ]
    );

    // the curator chooses 6 months: stored, both sides told
    let mark = h.api.mark();
    let done = h
        .tap(&d.curator, "6 месяцев", "программа на 6 месяцев")
        .await;
    let six = planned_end(start, 6);
    assert!(done.text().unwrap().contains(&ru(six)));
    assert!(buttons_of(&done).iter().any(|b| b.0 == "✓ 6 месяцев"));
    for who in [d.e1.id, d.m1.id] {
        h.expect_after(mark, who, "Куратор установил срок программы: 6 месяцев")
            .await;
    }
    assert_eq!(pair_dates(&h).await.2, six);

    // the mentee proposes 12 months from the card; the mentor agrees with one tap
    h.say(&d.e1, "/pair", "Пара №").await;
    let menu = h
        .tap(&d.e1, "Срок программы", "Какой срок предложить")
        .await;
    let offered: Vec<String> = buttons_of(&menu).into_iter().map(|b| b.0).collect();
    assert!(
        offered.len() == 3 && !offered.iter().any(|l| l.starts_with("6 ")),
        "{offered:?}"
    );
    let twelve = planned_end(start, 12);
    let mark = h.api.mark();
    h.tap(&d.e1, "12 месяцев", "отправлено").await;
    h.expect_after(
        mark,
        d.m1.id,
        &format!(
            "Иванова Мария Петровна предложила изменить срок программы: 12 месяцев от начала, до {}",
            ru(twelve)
        ),
    )
    .await;
    assert_eq!(pair_dates(&h).await.2, six, "nothing before the agreement");
    let mark = h.api.mark();
    h.tap(&d.m1, "Подтвердить", "Срок программы изменён по согласию")
        .await;
    h.expect_after(
        mark,
        d.curator.id,
        &format!(
            "срок программы изменён по взаимному согласию — до {}",
            ru(twelve)
        ),
    )
    .await;
    assert_eq!(pair_dates(&h).await.2, twelve);

    // the mentor proposes 9 months, the mentee refuses: the dates stay
    h.say(&d.m1, "/pair", "Пара №").await;
    h.tap(&d.m1, "Срок программы", "Какой срок предложить")
        .await;
    let mark = h.api.mark();
    h.tap(&d.m1, "9 месяцев", "отправлено").await;
    h.expect_after(
        mark,
        d.e1.id,
        "Петрова Анна Сергеевна предложила изменить срок программы: 9 месяцев",
    )
    .await;
    h.tap(&d.e1, "Отклонить", "Новый срок не согласован").await;
    assert_eq!(pair_dates(&h).await.2, twelve);

    // agreed by both sides: the curator's old buttons no longer change it
    let answer = h
        .press_data(
            &d.curator,
            d.curator.id,
            last_message(&h, d.curator.id),
            &format!("ln:set:{pair}:3"),
        )
        .await;
    assert!(answer.contains("уже изменён по согласию"), "{answer}");
    assert_eq!(pair_dates(&h).await.2, twelve);
    // a side may not set it alone, the curator may not ask the sides' way
    let mid = last_message(&h, d.e1.id);
    assert!(h
        .press_data(&d.e1, d.e1.id, mid, &format!("ln:set:{pair}:3"))
        .await
        .contains("не действует"));
    let mid = last_message(&h, d.curator.id);
    assert!(h
        .press_data(&d.curator, d.curator.id, mid, &format!("ln:to:{pair}:3"))
        .await
        .contains("не действует"));

    // the pair's history: the curator's choice and the agreed change
    h.say(&d.curator, "/pairs", "Пара №").await;
    let card = h.tap(&d.curator, "История", "История пары №").await;
    let text = card.text().unwrap();
    assert!(
        text.contains(&format!(
            "срок программы изменён: {} → {}",
            ru(end),
            ru(six)
        )) && text.contains(&format!(
            "срок программы изменён: {} → {}",
            ru(six),
            ru(twelve)
        )),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curator_adds_a_second_mentor_and_each_logs_their_own_work() {
    let (h, d, first) = paired().await;
    // the curator's card: «Добавить второго наставника» → a request with the first mentor left out
    h.say(&d.curator, "/pairs", "Пара №").await;
    let mark = h.api.mark();
    let card = h
        .tap(&d.curator, "Добавить второго наставника", "Запрос №2")
        .await;
    let labels: Vec<String> = buttons_of(&card).into_iter().map(|b| b.0).collect();
    assert!(
        labels.iter().any(|l| l.contains("Борисов"))
            && !labels.iter().any(|l| l.contains("Петрова")),
        "{labels:?}"
    );
    h.expect_after(
        mark,
        d.e1.id,
        "Куратор подбирает вам второго наставника; работа в паре продолжается (наставник: Петрова Анна Сергеевна)",
    )
    .await;
    // pressed again while the request is open: said so, nothing new
    let answer = h
        .press_data(
            &d.curator,
            d.curator.id,
            last_message(&h, d.curator.id),
            &format!("pr:sec:{first}"),
        )
        .await;
    assert!(answer.contains("уже есть открытый запрос"), "{answer}");
    // only the curator adds one
    for who in [&d.m1, &d.e1] {
        let mid = last_message(&h, who.id);
        assert!(h
            .press_data(who, who.id, mid, &format!("pr:sec:{first}"))
            .await
            .contains("не действует"));
    }

    // the usual way: proposed, the mentor agrees, the mentee confirms
    propose(&h, &d, &d.m2, "Борисов").await;
    let mark = h.api.mark();
    h.tap(&d.m2, "Принять", "Спасибо").await;
    h.expect_after(mark, d.e1.id, "работать с вами").await;
    h.tap(&d.e1, "Подтверждаю", "Пара сформирована").await;
    h.settle().await;
    let e1: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = ?")
        .bind(d.e1.id)
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM pairs p JOIN pair_mentees pm ON pm.pair_id = p.id WHERE pm.mentee_id = {e1} AND p.status = 'active'"
        ))
        .await,
        2
    );
    // the entry questionnaire is not asked a second time
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE user_id = {e1} AND survey = 'mentee_entry'"
        ))
        .await,
        1
    );

    // the mentee sees both in /pair
    let list = h.say(&d.e1, "/pair", "Пар: 2").await;
    let labels: Vec<String> = buttons_of(&list).into_iter().map(|b| b.0).collect();
    assert!(
        labels.iter().any(|l| l.contains("Петрова"))
            && labels.iter().any(|l| l.contains("Борисов")),
        "{labels:?}"
    );
    // each mentor logs their own work, in their own pair
    h.say(&d.m1, "/meeting 45 Разбор урока по физике", "Записано")
        .await;
    h.say(&d.m2, "/meeting 30 Классный час в 7Б", "Записано")
        .await;
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(DISTINCT pair_id) FROM journal_entries WHERE topic IN ('Разбор урока по физике', 'Классный час в 7Б') AND pair_id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = {e1})"
        ))
        .await,
        2
    );
    // /sos asks whom the question is for, and only that mentor gets it
    h.say(
        &d.e1,
        "/sos Как вести родительское собрание?",
        "Кому из наставников вопрос?",
    )
    .await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Борисов", "Вопрос передан").await;
    h.expect_after(mark, d.m2.id, "родительское собрание").await;
    h.settle().await;
    assert!(
        h.api
            .calls_since(mark)
            .iter()
            .all(|c| c.chat_id() != Some(d.m1.id)),
        "the other mentor is not asked"
    );
    // without the question: the choice first, then the question
    h.say(&d.e1, "/sos", "Кому из наставников вопрос?").await;
    h.tap(&d.e1, "Петрова", "Напишите вопрос").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Что почитать про оценивание?", "Вопрос передан")
        .await;
    h.expect_after(mark, d.m1.id, "про оценивание").await;
    // a petition for replacement names the mentor it is about: one question per mentor
    h.say(
        &d.e1,
        "/replace",
        "Ходатайство о замене наставника (Петрова Анна Сергеевна)",
    )
    .await;
    h.expect(
        d.e1.id,
        "Ходатайство о замене наставника (Борисов Борис Борисович)",
    )
    .await;
    h.stop().await;
}
