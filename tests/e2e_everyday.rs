//! End-to-end: the everyday of a pair (issue 22) — a /sos never goes unanswered (the mentor is
//! reminded, then the curator; the mentor's plain text is offered as the answer), and the
//! response time is one figure in human units everywhere.

mod common;

use common::ekb;

use common::district::{district, pair_up, District};
use common::Harness;

fn count(h: &Harness, chat: i64, needle: &str) -> usize {
    h.api
        .sent_texts(chat)
        .iter()
        .filter(|t| t.contains(needle))
        .count()
}

/// One active pair (Петрова → Иванова); the clock on Friday 4 September 2026, 12:00 local.
async fn with_pair() -> (Harness, District) {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.clock.set(ekb("2026-09-04T12:00:00"));
    (h, d)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswered_sos_reminds_the_mentor_then_the_curator_and_a_plain_text_answers_it() {
    let (h, d) = with_pair().await;
    let mark = h.api.mark();
    h.say(
        &d.e1,
        "/sos Родители требуют сменить оценку, что делать?",
        "Вопрос передан наставнику",
    )
    .await;
    h.expect_after(mark, d.m1.id, "Родители требуют").await;

    // 4 working hours later (16:00), not before
    h.pass_local("2026-09-04T15:55:00").await;
    assert_eq!(count(&h, d.m1.id, "ждёт ответа"), 0);
    let mark = h.api.mark();
    h.pass_local("2026-09-04T16:00:00").await;
    let nudge = h.expect_after(mark, d.m1.id, "ждёт ответа уже 4 ч").await;
    assert!(
        common::buttons_of(&nudge).iter().any(|b| b.0 == "Ответить"),
        "{nudge:?}"
    );
    // quiet hours: nothing at night; the next morning at 08:00
    h.pass_local("2026-09-04T23:00:00").await;
    h.pass_local("2026-09-05T07:30:00").await;
    assert_eq!(count(&h, d.m1.id, "Доброе утро"), 0);
    let mark = h.api.mark();
    h.pass_local("2026-09-05T08:00:00").await;
    h.expect_after(
        mark,
        d.m1.id,
        "Доброе утро! Вопрос всё ещё без ответа (20 ч) — Иванова Мария Петровна",
    )
    .await;
    assert_eq!(count(&h, d.curator.id, "остаётся без ответа"), 0);

    // the mentor's /pair lists it
    let card = h.say(&d.m1, "/pair", "Вопросы без ответа").await;
    assert!(
        card.text().unwrap().contains(
            "Иванова Мария Петровна, 20 ч назад: «Родители требуют сменить оценку, что делать?»"
        ),
        "{:?}",
        card.text()
    );

    // two days: the curator, with the pair to open
    let mark = h.api.mark();
    h.pass_local("2026-09-06T12:00:00").await;
    let esc = h
        .expect_after(mark, d.curator.id, "остаётся без ответа 2 дня")
        .await;
    assert!(
        common::buttons_of(&esc)
            .iter()
            .any(|b| b.1.as_deref() == Some("pr:open:1")),
        "{esc:?}"
    );
    // each reminder once
    h.pass_local("2026-09-06T13:00:00").await;
    assert_eq!(
        (
            count(&h, d.m1.id, "ждёт ответа"),
            count(&h, d.m1.id, "Доброе утро"),
            count(&h, d.curator.id, "остаётся без ответа")
        ),
        (1, 1, 1)
    );

    // the mentor simply types the answer: offered as the answer, one tap sends it
    h.clock.set(ekb("2026-09-06T14:00:00"));
    h.say(
        &d.m1,
        "Объясните критерии и предложите пересдачу",
        "Отправить это сообщение как ответ?",
    )
    .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM sos_requests WHERE answered_at IS NOT NULL")
            .await,
        0,
        "nothing sent before the tap"
    );
    let mark = h.api.mark();
    h.tap(&d.m1, "Да, это ответ", "Время ответа: 2 дня 2 ч")
        .await;
    h.expect_after(mark, d.e1.id, "Объясните критерии").await;
    // the journal shows the same figure (the stored minutes are capped, the text is not)
    let journal = h.say(&d.m1, "/journal", "Журнал пары").await;
    assert!(
        journal.text().unwrap().contains("ответ через 2 дня 2 ч"),
        "{:?}",
        journal.text()
    );
    // nothing open any more: a plain text is not an answer
    h.say(&d.m1, "Спасибо", "Я не понял сообщение").await;
    let card = h.say(&d.m1, "/pair", "Пара №").await;
    assert!(
        !card.text().unwrap().contains("Вопросы без ответа"),
        "{:?}",
        card.text()
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_text_offer_can_be_declined_and_is_not_made_with_two_open_questions() {
    let (h, d) = with_pair().await;
    h.say(&d.e1, "/sos Первый вопрос", "Вопрос передан").await;
    h.say(
        &d.m1,
        "Это не ответ, а заметка",
        "Отправить это сообщение как ответ?",
    )
    .await;
    let q = h
        .api
        .press(&d.m1, d.m1.id, "Нет")
        .expect("the offer has «Нет»");
    let answer = h
        .api
        .wait_for_answer(&q, common::WAIT)
        .await
        .expect("callback answered");
    assert!(
        answer.params["text"]
            .as_str()
            .unwrap_or("")
            .contains("не отправляю"),
        "{answer:?}"
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM sos_requests WHERE answered_at IS NOT NULL")
            .await,
        0
    );
    // the mentee is a mentor of nobody: a plain text from the mentee is never an answer
    h.say(&d.e1, "Ещё одна мысль", "Я не понял сообщение").await;
    // two open questions: which one is meant is unclear, so no offer
    h.say(&d.e1, "/sos Второй вопрос", "Вопрос передан").await;
    h.say(&d.m1, "Ответ на какой-то из них", "Я не понял сообщение")
        .await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ending_by_mutual_consent_asks_the_other_side_first() {
    let (h, d) = with_pair().await;
    h.say(&d.e1, "/pair", "Пара №1").await;
    h.tap(&d.e1, "Завершить", "Почему завершаем").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "По обоюдному согласию", "Вторую сторону спросили")
        .await;
    let ask = h
        .expect_after(
            mark,
            d.m1.id,
            "предлагает завершить программу наставничества по обоюдному согласию",
        )
        .await;
    assert!(
        ask.text().unwrap().contains("до 11.09.2026"),
        "{:?}",
        ask.text()
    );
    h.settle().await;
    assert!(
        !h.transcript(d.curator.id).contains("завершить программу"),
        "the curator is not asked before the mentor agrees"
    );
    // a forged curator confirmation changes nothing
    let last = h.api.messages(d.curator.id).last().unwrap()["message_id"]
        .as_i64()
        .unwrap();
    assert!(h
        .press_data(&d.curator, d.curator.id, last, "pr:chc:1:y")
        .await
        .contains("не действует"));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE status = 'active'")
            .await,
        1
    );
    // the mentor agrees: the mentee is told, the curator decides
    let mark = h.api.mark();
    h.tap(&d.m1, "Да, завершить", "передано куратору").await;
    h.expect_after(mark, d.e1.id, "вторая сторона согласна")
        .await;
    h.expect_after(mark, d.curator.id, "обе стороны согласны")
        .await;
    let mark = h.api.mark();
    h.api
        .press(&d.curator, d.curator.id, "Подтвердить")
        .unwrap();
    h.expect_after(mark, d.m1.id, "Программа завершена").await;
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, end_reason FROM pairs WHERE id = 1")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("terminated", "mutual"));
    // /history says it in words, without the raw codes
    let hist = h
        .say(&d.curator, "/history", "Последние изменения пар")
        .await;
    let text = hist.text().unwrap();
    assert!(
        text.contains("действует → прекращена: по обоюдному согласию") && !text.contains("mutual"),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_or_unanswered_mutual_end_keeps_the_pair() {
    let (h, d) = with_pair().await;
    // refused: the asker hears it, the pair goes on
    h.say(&d.m1, "/pair", "Пара №1").await;
    h.tap(&d.m1, "Завершить", "Почему завершаем").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "По обоюдному согласию", "Вторую сторону спросили")
        .await;
    h.expect_after(mark, d.e1.id, "предлагает завершить").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Нет, продолжать", "программа продолжается")
        .await;
    h.expect_after(mark, d.m1.id, "не согласна завершать").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pair_changes WHERE status = 'rejected'")
            .await,
        1
    );
    // unanswered for more than a week: a tap is too late, and a new request can be made
    h.say(&d.m1, "/pair", "Пара №1").await;
    h.tap(&d.m1, "Завершить", "Почему завершаем").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "По обоюдному согласию", "Вторую сторону спросили")
        .await;
    h.expect_after(mark, d.e1.id, "предлагает завершить").await;
    h.clock.advance(chrono::Duration::days(8));
    h.tap(&d.e1, "Да, завершить", "Срок ответа истёк").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE status = 'active'")
            .await,
        1
    );
    h.say(&d.m1, "/pair", "Пара №1").await;
    h.tap(&d.m1, "Завершить", "Почему завершаем").await;
    h.tap(&d.m1, "План выполнен", "отправлена куратору").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_form_takes_a_typed_deadline_and_confirms_one_after_the_programme() {
    let (h, d) = with_pair().await;
    let (end,): (String,) = sqlx::query_as("SELECT planned_end FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let end = chrono::NaiveDate::parse_from_str(&end[..10], "%Y-%m-%d").unwrap();
    // «до 25.12» typed instead of a button
    h.say(&d.m1, "/plan", "Программа пары").await;
    h.tap(&d.m1, "Пункт плана", "Что нужно сделать").await;
    h.say(&d.m1, "Посетить 3 урока наставника", "К какой теме")
        .await;
    h.tap(&d.m1, "Без темы", "напишите срок").await;
    h.say(&d.m1, "когда-нибудь", "Срок можно написать так")
        .await;
    h.say(&d.m1, "до 25.12", "Записано в программу").await;
    let (deadline,): (String,) = sqlx::query_as(
        "SELECT deadline FROM plan_items WHERE title = 'Посетить 3 урока наставника'",
    )
    .fetch_one(&h.pool())
    .await
    .unwrap();
    assert_eq!(&deadline[..10], "2026-12-25");

    // a deadline after the programme's end is confirmed first
    h.say(&d.m1, "/plan", "Программа пары").await;
    h.tap(&d.m1, "Пункт плана", "Что нужно сделать").await;
    h.say(&d.m1, "Итоговое портфолио", "К какой теме").await;
    h.tap(&d.m1, "Без темы", "напишите срок").await;
    let late = end + chrono::Duration::days(30);
    let typed = format!("до {}", late.format("%d.%m.%Y"));
    let ask = h.say(&d.m1, &typed, "Всё верно?").await;
    assert_eq!(
        ask.text().unwrap(),
        format!(
            "{} — после окончания программы {}. Всё верно?",
            late.format("%d.%m.%Y"),
            end.format("%d.%m.%Y")
        )
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE title = 'Итоговое портфолио'")
            .await,
        0,
        "nothing stored before the answer"
    );
    // «Нет, другой срок» brings the buttons back; a preset is stored
    h.tap(&d.m1, "Нет, другой срок", "Срок выполнения").await;
    h.say(&d.m1, &typed, "Всё верно?").await;
    h.tap(&d.m1, "Да, всё верно", "Записано в программу").await;
    let (deadline,): (String,) =
        sqlx::query_as("SELECT deadline FROM plan_items WHERE title = 'Итоговое портфолио'")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(&deadline[..10], late.format("%Y-%m-%d").to_string());

    // a дд.мм already past this year is next year's: asked too
    h.say(&d.m1, "/plan", "Программа пары").await;
    h.tap(&d.m1, "Пункт плана", "Что нужно сделать").await;
    h.say(&d.m1, "Разбор августовского совещания", "К какой теме")
        .await;
    h.tap(&d.m1, "Без темы", "напишите срок").await;
    h.say(&d.m1, "до 20.08", "Всё верно?").await;
    h.say(&d.m1, "/cancel", "Отменено").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE title = 'Разбор августовского совещания'")
            .await,
        0
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_asks_to_whom_and_a_name_is_stored_capitalized() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    pair_up(&h, &d, &d.e2, &d.m1, "Петрова").await;
    h.say(
        &d.m1,
        "/task Прочитать статью о формирующем оценивании",
        "Кому?",
    )
    .await;
    let saved = h.tap(&d.m1, "Иванова", "Задание записано").await;
    assert_eq!(
        saved.method, "EditMessageText",
        "the «Записываю…» placeholder becomes the result: {saved:?}"
    );
    let left: Vec<String> = h
        .api
        .delivered_texts(d.m1.id)
        .into_iter()
        .filter(|t| t.contains("Записываю"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // a name typed in lower case is stored as names are written
    let u = nastavnik::emulator::FakeUser::new(303, "Ольга");
    h.onboard_mentee(
        &u,
        &h.invite(nastavnik::domain::Role::Mentee, Some(d.org)).await,
        "смирнова ольга игоревна",
    )
    .await;
    let (name,): (String,) = sqlx::query_as("SELECT full_name FROM users WHERE telegram_id = 303")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert_eq!(name, "Смирнова Ольга Игоревна");
    // the last screen: the next step and a few commands, not all of them
    let told = h.transcript(303);
    assert!(
        told.contains("Что дальше: попросите наставника — /request")
            && !told.contains("Вот что я умею"),
        "{told}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_meeting_twice_is_asked_about_and_the_placeholder_becomes_the_result() {
    let (h, d) = with_pair().await;
    h.say(&d.m1, "/meeting 45 Разбор урока в 7Б", "Записано")
        .await;
    let ask = h
        .say(
            &d.m1,
            "/meeting 45 Разбор урока в 7Б",
            "Такая встреча уже записана — записать ещё одну?",
        )
        .await;
    assert!(
        ask.text().unwrap().contains("встреча 45 мин"),
        "{:?}",
        ask.text()
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'meeting'")
            .await,
        1,
        "nothing stored before the answer"
    );
    h.tap(&d.m1, "Нет, не записывать", "вторую не записываю")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'meeting'")
            .await,
        1
    );
    h.say(&d.m1, "/meeting 45 Разбор урока в 7Б", "записать ещё одну?")
        .await;
    // «Да»: the question's message turns into «Записано» (no «Записываю…» left behind)
    let saved = h.tap(&d.m1, "Да, это другая встреча", "Записано").await;
    assert_eq!(saved.method, "EditMessageText", "{saved:?}");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'meeting'")
            .await,
        2
    );
    let left: Vec<String> = h
        .api
        .messages(d.m1.id)
        .iter()
        .filter_map(|m| m["text"].as_str().map(str::to_owned))
        .filter(|t| t.contains("Записываю"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // another topic is not a duplicate
    h.say(&d.m1, "/meeting 45 Другая тема", "Записано").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onboarding_takes_a_typed_yes_and_half_a_year() {
    let h = Harness::start().await;
    let org = h.org("МБОУ СОШ № 3").await;
    let u = nastavnik::emulator::FakeUser::new(304, "Вера");
    let code = h.invite(nastavnik::domain::Role::Mentee, Some(org)).await;
    h.say(&u, &format!("/start {code}"), "согласие").await;
    // a typed «да»: the buttons come again, under the reminder
    let again = h.say(&u, "да", "ответьте кнопкой ниже").await;
    assert!(
        common::buttons_of(&again)
            .iter()
            .any(|b| b.0.contains("Согласен")),
        "{again:?}"
    );
    h.tap(&u, "Согласен", "Как вас зовут").await;
    h.say(&u, "Белова Вера Павловна", "должность").await;
    h.say(&u, "учитель истории", "предметы").await;
    h.say(&u, "история", "стаж").await;
    h.say(&u, "полгода", "описывает вашу ситуацию").await;
    let (exp,): (i64,) =
        sqlx::query_as("SELECT experience_years FROM users WHERE telegram_id = 304")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(exp, 0);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_due_after_the_programme_is_confirmed() {
    let (h, d) = with_pair().await;
    let (end,): (String,) = sqlx::query_as("SELECT planned_end FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let end = chrono::NaiveDate::parse_from_str(&end[..10], "%Y-%m-%d").unwrap();
    // typed on 04.09.2026: 20.08 is 20.08.2027, after the programme
    let ask = h
        .say(&d.m1, "/task до 20.08 Подготовить отчёт", "Всё верно?")
        .await;
    assert_eq!(
        ask.text().unwrap(),
        format!(
            "20.08.2027 — после окончания программы {}. Всё верно?",
            end.format("%d.%m.%Y")
        )
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 0);
    h.tap(&d.m1, "Нет, другой срок", "задание не записано")
        .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 0);
    h.say(&d.m1, "/task до 20.08 Подготовить отчёт", "Всё верно?")
        .await;
    h.tap(&d.m1, "Да, всё верно", "Задание записано").await;
    let (deadline,): (String,) = sqlx::query_as("SELECT deadline FROM plan_items")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert_eq!(&deadline[..10], "2027-08-20");
    // within the programme: no question
    h.say(&d.m1, "/task до пятницы Карта урока", "Задание записано")
        .await;
    h.stop().await;
}
