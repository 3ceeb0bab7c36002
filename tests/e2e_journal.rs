//! End-to-end: the work of a pair — a meeting in one message, the journal, edits with
//! history, a task done with a photo and checked, /sos with its response time, duplicates.

mod common;

use chrono::Duration;
use common::district::{district, pair_up, District};
use common::Harness;

/// A district with one active pair (Петрова → Иванова), three days into the program.
async fn with_pair() -> (Harness, District) {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.clock.advance(Duration::days(3));
    (h, d)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_in_one_message_then_the_journal() {
    let (h, d) = with_pair().await;
    let saved = h
        .say(&d.m1, "/meeting 45 Разбор открытого урока в 7Б", "Записано")
        .await;
    assert_eq!(saved.text().unwrap(), "Записано: встреча 45 мин, 04.09.2026, «Разбор открытого урока в 7Б» — Иванова Мария Петровна");
    let (minutes, topic, kind): (i64, String, String) =
        sqlx::query_as("SELECT minutes, topic, kind FROM journal_entries")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        (minutes, topic.as_str(), kind.as_str()),
        (45, "Разбор открытого урока в 7Б", "meeting")
    );

    // with a date word first, or after the minutes
    h.say(&d.m1, "/meeting вчера 30 Планирование", "03.09.2026")
        .await;
    let saved = h
        .say(&d.m1, "/meeting 20 позавчера Разговор", "Записано")
        .await;
    assert!(
        saved
            .text()
            .unwrap()
            .contains("встреча 20 мин, 02.09.2026, «Разговор»"),
        "{:?}",
        saved.text()
    );
    // bad input: a clear reply, nothing stored
    for (input, reply) in [
        ("/meeting abc", "сколько минут"),
        ("/meeting 9999 x", "от 1 до 600"),
        ("/meeting 45", "Добавьте тему"),
        ("/meeting 31.02 45 Тема", "Такой даты нет"),
        ("/meeting 20.08 45 Тема", "Пара начала работу 01.09.2026"),
        ("/meeting 12.09 45 Тема", "ещё не наступила"),
        ("/helped", "/helped 20"),
    ] {
        h.say(&d.m1, input, reply).await;
    }
    let long = format!("/meeting 45 {}", "очень ".repeat(2000));
    h.say(&d.m1, &long, "не длиннее 500").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM journal_entries").await, 3);

    // the mentor, the mentee and the curator see it in /journal, newest first
    let page = h.say(&d.m1, "/journal", "Журнал пары №1").await;
    let text = page.text().unwrap();
    assert!(text.contains("3 записи"), "{text}");
    let first = text.find("Разбор открытого урока").unwrap();
    let second = text.find("Планирование").unwrap();
    assert!(first < second, "newest first: {text}");
    h.say(&d.e1, "/journal", "Разбор открытого урока").await;
    h.say(&d.curator, "/journal", "Разбор открытого урока")
        .await;
    // a mentee cannot log meetings
    h.say(&d.e1, "/meeting 45 Тема", "доступна другим участникам")
        .await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guided_form_edit_keeps_history_and_delete() {
    let (h, d) = with_pair().await;
    h.say(&d.m1, "/meeting", "Сколько длилась встреча").await;
    h.tap(&d.m1, "45 мин", "Как проходила встреча").await;
    // random text where a button is expected changes nothing
    h.say(&d.m1, "привет", "кнопк").await;
    h.tap(&d.m1, "посещение урока", "Тема встречи").await;
    let saved = h.say(&d.m1, "Анализ урока в 5А", "Записано").await;
    assert!(
        saved
            .text()
            .unwrap()
            .contains("встреча 45 мин, 04.09.2026, «Анализ урока в 5А», посещение урока"),
        "{:?}",
        saved.text()
    );

    // edit: the old version is kept
    h.tap(&d.m1, "Изменить", "Пришлите исправленную запись")
        .await;
    h.say(
        &d.m1,
        "вчера 60 Анализ урока в 5А и рефлексия",
        "Исправлено: встреча 60 мин, 03.09.2026",
    )
    .await;
    let (minutes, version): (i64, i64) =
        sqlx::query_as("SELECT minutes, version FROM journal_entries")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!((minutes, version), (60, 2));
    let old: (i64, String, String) =
        sqlx::query_as("SELECT minutes, topic, action FROM journal_versions")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        old,
        (45, "Анализ урока в 5А".to_string(), "edit".to_string())
    );

    // a tap on the first confirmation's old «Удалить» is stale; the new one deletes
    let first_confirmation = h
        .api
        .messages(d.m1.id)
        .into_iter()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Записано"))
        })
        .unwrap();
    let mid = first_confirmation["message_id"].as_i64().unwrap();
    let query = h.api.press_button(&d.m1, d.m1.id, mid, "jl:del:1:1");
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(answer.params["text"]
        .as_str()
        .unwrap_or("")
        .contains("не действует"));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE deleted_at IS NULL")
            .await,
        1
    );
    h.tap(&d.m1, "Удалить", "Удалено").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE deleted_at IS NULL")
            .await,
        0
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM journal_versions").await, 2);

    // after 7 days an entry can no longer be changed
    h.say(&d.m1, "/meeting 30 Подготовка к педсовету", "Записано")
        .await;
    h.clock.advance(Duration::days(8));
    let query = h.api.press(&d.m1, d.m1.id, "Изменить").unwrap();
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(
        answer.params["text"]
            .as_str()
            .unwrap_or("")
            .contains("7 дней"),
        "{:?}",
        answer.params
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_update_twice_logs_once() {
    let (h, d) = with_pair().await;
    let mark = h.api.mark();
    let update = h
        .api
        .send_text(&d.m1, "/meeting 40 Методическое объединение");
    h.expect_after(mark, d.m1.id, "Записано").await;
    h.api.redeliver(update);
    let again = h
        .api
        .send_text(&d.m1, "/task Прочитать статью о формирующем оценивании");
    h.expect_after(mark, d.m1.id, "Задание записано").await;
    h.api.redeliver(again);
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'meeting'")
            .await,
        1
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_items").await, 1);
    // the mentee was told about the task once
    h.expect_n(d.e1.id, "Новое задание", 1).await;
    // a second notice would come a paced second after the first: wait for a quiet spell longer than that
    assert!(
        h.api
            .wait_idle(std::time::Duration::from_millis(1500))
            .await,
        "bot did not settle"
    );
    let told = h
        .api
        .sent_texts(d.e1.id)
        .into_iter()
        .filter(|t| t.contains("Новое задание"))
        .count();
    assert_eq!(told, 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_done_with_a_photo_then_checked() {
    let (h, d) = with_pair().await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "/task до 15.09 Подготовить технологическую карту урока",
        "срок — 15.09.2026",
    )
    .await;
    h.expect_after(mark, d.e1.id, "Новое задание от наставника")
        .await;

    h.tap(&d.e1, "Выполнено", "Пришлите результат").await;
    let mark = h.api.mark();
    h.api.send_photo(&d.e1, Some("Карта урока по теме «Дроби»"));
    h.expect_after(mark, d.e1.id, "от 1 до 5").await;
    h.tap(&d.e1, "4", "комментарий").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Сложно было с рефлексией", "Отправлено наставнику")
        .await;
    h.expect_after(mark, d.m1.id, "ждёт вашей проверки").await;
    let (status, score, kind, file): (String, i64, String, String) =
        sqlx::query_as("SELECT status, self_score, product_kind, product_file_id FROM plan_items")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), score, kind.as_str()),
        ("submitted", 4, "photo")
    );
    assert!(file.ends_with("-x"), "the largest size is kept: {file}");

    // the mentor opens it: the photo itself is shown, then «На доработку» with a comment
    let mark = h.api.mark();
    h.tap(&d.m1, "Проверить", "Самооценка: 4 из 5").await;
    assert!(h
        .api
        .calls_since(mark)
        .iter()
        .any(|c| c.is("sendPhoto") && c.chat_id() == Some(d.m1.id)));
    h.tap(&d.m1, "На доработку", "Что доработать").await;
    let mark = h.api.mark();
    h.say(&d.m1, "Добавьте этап рефлексии", "отправлено на доработку")
        .await;
    h.expect_after(mark, d.e1.id, "Добавьте этап рефлексии")
        .await;

    // second round: accepted
    h.tap(&d.e1, "Выполнено", "Пришлите результат").await;
    h.say(&d.e1, "https://disk.example.ru/karta-v2", "от 1 до 5")
        .await;
    h.tap(&d.e1, "5", "комментарий").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Без комментария", "Отправлено наставнику")
        .await;
    h.expect_after(mark, d.m1.id, "ждёт вашей проверки").await;
    h.tap(&d.m1, "Проверить", "disk.example.ru").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Принято", "принято").await;
    h.expect_after(mark, d.e1.id, "принял вашу работу").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM plan_items WHERE status = 'done' AND product_kind = 'link'")
            .await,
        1
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'check'")
            .await,
        2
    );
    // the program shows it done
    h.say(&d.e1, "/plan", "выполнено").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sos_answer_logged_with_response_time() {
    let (h, d) = with_pair().await;
    let mark = h.api.mark();
    h.say(
        &d.e1,
        "/sos Ученик сорвал урок, как поговорить с родителями?",
        "Вопрос передан наставнику",
    )
    .await;
    h.expect_after(mark, d.m1.id, "Ученик сорвал урок").await;
    h.clock.advance(Duration::minutes(25));
    h.tap(&d.m1, "Ответить", "Напишите ответ").await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "Пригласите на встречу вместе с классным руководителем",
        "Время ответа: 25 мин",
    )
    .await;
    h.expect_after(mark, d.e1.id, "Пригласите на встречу").await;
    let (kind, minutes): (String, i64) =
        sqlx::query_as("SELECT kind, minutes FROM journal_entries")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!((kind.as_str(), minutes), ("sos", 25));
    // the answer cannot be sent twice
    let msg = h
        .api
        .messages(d.m1.id)
        .into_iter()
        .rev()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.contains("Ученик сорвал"))
        })
        .unwrap();
    let query = h.api.press_button(
        &d.m1,
        d.m1.id,
        msg["message_id"].as_i64().unwrap(),
        "so:ans:1",
    );
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(answer.params["text"]
        .as_str()
        .unwrap_or("")
        .contains("уже ответили"));

    // the adaptation report counts it
    let draft = h.say(&d.m1, "/adaptation", "Отчёт о ходе адаптации").await;
    assert!(
        draft
            .text()
            .unwrap()
            .contains("Срочные вопросы: 1, отвечено 1; медианное время ответа — 25 мин"),
        "{:?}",
        draft.text()
    );
    let mark = h.api.mark();
    h.tap(&d.m1, "Отправить куратору", "Отчёт отправлен").await;
    h.expect_after(mark, d.curator.id, "Отчёт о ходе адаптации")
        .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM adaptation_reports").await, 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pair_takes_no_entries() {
    let (h, d) = with_pair().await;
    sqlx::query("UPDATE pairs SET status = 'completed', end_reason = 'plan_completed'")
        .execute(&h.pool())
        .await
        .unwrap();
    // no active pair any more: nothing to log into
    h.say(&d.m1, "/meeting 45 Тема", "нет активной пары").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM journal_entries").await, 0);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_group_the_bot_asks_whom_and_logs_a_group_meeting_once() {
    let (h, d) = with_pair().await;
    // a second mentee joins Петрова's pair as a group
    common::district::ask(&h, &d, &d.e2).await;
    let mark = h.api.mark();
    h.tap(&d.curator, "В группу", "Предложено наставнику").await;
    h.expect_after(mark, d.m1.id, "добавить в вашу группу")
        .await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect_after(mark, d.e2.id, "готова работать с вами")
        .await;
    let mark = h.api.mark();
    h.tap(&d.e2, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, d.m1.id, "добавлен наставляемый").await;

    let ask = h
        .say(&d.m1, "/meeting 60 Общая встреча группы", "С кем?")
        .await;
    let labels: Vec<String> = common::buttons_of(&ask).into_iter().map(|b| b.0).collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(
        labels[0].contains("Вся группа") && labels[0].contains("2 человека"),
        "{labels:?}"
    );
    let saved = h.tap(&d.m1, "Вся группа", "Записано").await;
    assert!(
        !saved.text().unwrap().contains("Иванова"),
        "a group entry names nobody: {:?}",
        saved.text()
    );
    // a second tap on the same keyboard changes nothing
    h.api.press(&d.m1, d.m1.id, "Вся группа");
    h.settle().await;
    let rows: Vec<(Option<i64>,)> = sqlx::query_as("SELECT mentee_id FROM journal_entries")
        .fetch_all(&h.pool())
        .await
        .unwrap();
    assert_eq!(rows, vec![(None,)], "one entry for the whole group");
    // an individual meeting names the mentee
    h.say(&d.m1, "/meeting 20 Разбор урока", "С кем?").await;
    h.tap(&d.m1, "Кузнецов", "Записано: встреча 20 мин").await;
    // both mentees see the group meeting in their journal
    h.say(&d.e1, "/journal", "Общая встреча группы").await;
    h.say(&d.e2, "/journal", "Общая встреча группы").await;
    h.stop().await;
}

/// Deadlines as teachers type them (the pair's day is Friday 04.09.2026).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_deadlines_in_words() {
    let (h, d) = with_pair().await;
    for (typed, reply) in [
        (
            "/task до завтра Прочитать статью",
            "«Прочитать статью», срок — 05.09.2026",
        ),
        (
            "/task до пятницы Эссе о рефлексии",
            "«Эссе о рефлексии», срок — 11.09.2026",
        ),
        (
            "/task через 3 дня Карта урока",
            "«Карта урока», срок — 07.09.2026",
        ),
        (
            "/task до конца недели Анализ урока",
            "«Анализ урока», срок — 06.09.2026",
        ),
    ] {
        h.say(&d.m1, typed, reply).await;
    }
    let titles: Vec<(String,)> = sqlx::query_as("SELECT title FROM plan_items ORDER BY id")
        .fetch_all(&h.pool())
        .await
        .unwrap();
    assert_eq!(
        titles.into_iter().map(|t| t.0).collect::<Vec<_>>(),
        [
            "Прочитать статью",
            "Эссе о рефлексии",
            "Карта урока",
            "Анализ урока"
        ]
    );
    h.stop().await;
}
