//! End-to-end: a mentee asks for a mentor, the curator matches, the pair is fixed with
//! everyone's consent; declines, replacement, resignation, capacity, scoping, double taps.

mod common;

use common::district::{ask, district, pair_up, propose};
use common::{buttons_of, Harness};
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_proposal_accept_confirm_active() {
    let h = Harness::start().await;
    let d = district(&h).await;
    ask(&h, &d, &d.e1).await;
    // the card explains its suggestions in words
    let card = h
        .api
        .sent_texts(d.curator.id)
        .into_iter()
        .rev()
        .find(|t| t.contains("Новый запрос"))
        .unwrap();
    assert!(
        card.contains("Иванова Мария Петровна")
            && card.contains("Молодой педагог")
            && card.contains("дисциплину"),
        "{card}"
    );
    assert!(
        card.contains("совпадает 2 из 2 тем")
            && card.contains("свободно 2 места")
            && card.contains("ваша организация"),
        "{card}"
    );
    // the mentee sees the status and can withdraw
    h.say(&d.e1, "/request", "ждёт подбора наставника").await;

    propose(&h, &d, &d.m1, "Петрова").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect_after(mark, d.e1.id, "готова работать с вами")
        .await;
    h.expect_after(mark, d.curator.id, "согласилась").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, d.m1.id, "Иванова Мария Петровна")
        .await;
    let pool = h.pool();
    let (status, start, end): (String, String, String) =
        sqlx::query_as("SELECT status, start_date, planned_end FROM pairs")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), start.as_str(), end.as_str()),
        ("active", "2026-09-01", "2027-06-01")
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM requests WHERE status = 'matched'")
            .await,
        1
    );

    // the curator adds the head's order later; the card shows it
    h.say(&d.curator, "/pairs", "Пара №1").await;
    h.tap(&d.curator, "Приказ", "номер и дату приказа").await;
    h.say(&d.curator, "приказ", "Не вижу ни номера, ни даты")
        .await;
    // an order is entered once signed: not dated after today
    h.say(&d.curator, "57-к от 02.09.2026", "позже сегодняшнего дня")
        .await;
    h.clock.advance(chrono::Duration::days(2));
    h.say(&d.curator, "57-к от 02.09.2026", "записан").await;
    h.say(&d.e1, "/pair", "№ 57-к от 02.09.2026").await;
    // the history records every step
    h.say(&d.curator, "/pairs", "Пара №1").await;
    let hist = h.tap(&d.curator, "История", "История пары").await;
    // in words, not codes
    let text = hist.text().unwrap();
    assert!(
        text.contains("пара создана (действует): по запросу №1")
            && text.contains("действует: приказ № 57-к от 02.09.2026"),
        "{text}"
    );
    assert!(
        !text.contains("active") && !text.contains("order "),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decline_then_a_second_proposal_and_double_taps() {
    let h = Harness::start().await;
    let d = district(&h).await;
    ask(&h, &d, &d.e1).await;
    propose(&h, &d, &d.m2, "Борисов").await;
    h.tap(&d.m2, "Отказаться", "Почему отказываетесь").await;
    let mark = h.api.mark();
    h.tap(&d.m2, "Нет времени", "отказ записан").await;
    let note = h.expect_after(mark, d.curator.id, "отказался").await;
    assert!(note.text().unwrap().contains("Нет времени"));
    // the curator opens the request again: the declining mentor is no longer suggested
    let card = h.tap(&d.curator, "Открыть запрос", "Запрос №1").await;
    let buttons = buttons_of(&card);
    assert!(buttons.iter().any(|b| b.0.contains("Петрова")));
    assert!(
        !buttons.iter().any(|b| b.0.contains("Борисов")),
        "{buttons:?}"
    );
    propose(&h, &d, &d.m1, "Петрова").await;
    h.tap(&d.m1, "Принять", "Спасибо").await;
    h.expect(d.e1.id, "готова работать").await;

    // double tap: the same confirm button pressed twice (and a re-delivered update)
    let msg = h.api.last_bot_message(d.e1.id).unwrap();
    let mid = msg["message_id"].as_i64().unwrap();
    let data = h
        .api
        .buttons(d.e1.id, mid)
        .into_iter()
        .find(|b| b.0.contains("Подтверждаю"))
        .unwrap()
        .1
        .unwrap();
    h.api.press_button(&d.e1, d.e1.id, mid, &data);
    h.api.press_button(&d.e1, d.e1.id, mid, &data);
    h.settle().await;
    assert_eq!(h.count("SELECT COUNT(*) FROM pairs").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM pair_mentees").await, 1);
    // and a double tap on the mentor's accept changes nothing either
    h.api.press(&d.m1, d.m1.id, "Принять");
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE status = 'confirmed'")
            .await,
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replacement_rejected_then_approved() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;

    h.say(&d.e1, "/replace", "наставник не узнает").await;
    h.tap(&d.e1, "Не сложилось", "Опишите").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Разные взгляды на оценивание", "отправлено куратору")
        .await;
    let pet = h
        .expect_after(mark, d.curator.id, "Ходатайство о замене")
        .await;
    assert!(pet.text().unwrap().contains("Разные взгляды"));
    h.settle().await;
    assert!(
        !h.transcript(d.m1.id).contains("Ходатайство"),
        "the mentor is not shown the petition"
    );

    // rejected with a reason
    h.tap(&d.curator, "Отклонить", "причину").await;
    let mark = h.api.mark();
    h.say(&d.curator, "Попробуйте поработать ещё месяц", "отклонено")
        .await;
    h.expect_after(mark, d.e1.id, "Попробуйте поработать ещё месяц")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE status = 'active'")
            .await,
        1
    );

    // a second petition, approved: the pair closes, a new match excludes the old mentor
    h.say(&d.e1, "/replace", "Что случилось").await;
    h.tap(&d.e1, "Нужна другая компетенция", "Опишите").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Нужна помощь с ИКТ", "отправлено").await;
    h.expect_after(mark, d.curator.id, "Нужна помощь с ИКТ")
        .await;
    let mark = h.api.mark();
    h.tap(&d.curator, "Одобрить", "Ходатайство одобрено").await;
    h.expect_after(mark, d.e1.id, "одобрено").await;
    let card = h
        .expect_after(mark, d.curator.id, "подберите нового наставника")
        .await;
    // the mentor hears that the pair ended, never why (the mentee was promised that)
    h.expect_after(mark, d.m1.id, "Ваша пара завершена").await;
    let told = h.transcript(d.m1.id);
    assert!(
        !told.contains("замен") && !told.contains("Ходатайство"),
        "{told}"
    );
    let buttons = buttons_of(&card);
    assert!(
        !buttons.iter().any(|b| b.0.contains("Петрова")),
        "old mentor excluded: {buttons:?}"
    );
    assert!(buttons.iter().any(|b| b.0.contains("Борисов")));
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, end_reason FROM pairs WHERE id = 1")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("terminated", "replacement")
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM requests WHERE kind = 'replacement' AND status = 'open'")
            .await,
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resignation_with_two_mentees() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    pair_up(&h, &d, &d.e2, &d.m1, "Петрова").await;
    // the curator reads English: the text and its buttons come in English
    sqlx::query("UPDATE users SET lang = 'en' WHERE telegram_id = ?")
        .bind(d.curator.id)
        .execute(&h.pool())
        .await
        .unwrap();
    h.say(&d.m1, "/resign", "Заявление о сложении").await;
    let mark = h.api.mark();
    h.say(&d.m1, "Перехожу на другую работу", "отправлено куратору")
        .await;
    let card = h
        .expect_after(mark, d.curator.id, "Перехожу на другую работу")
        .await;
    assert!(
        card.text().unwrap().contains("Statement of resignation"),
        "{:?}",
        card.text()
    );
    let mark = h.api.mark();
    h.tap(&d.curator, "Approve", "Statement approved").await;
    for e in [&d.e1, &d.e2] {
        let msg = h.expect_after(mark, e.id, "больше не сможет").await;
        assert!(
            !msg.text().unwrap().contains("Перехожу"),
            "the reason is not passed to mentees"
        );
    }
    h.expect_after(mark, d.m1.id, "принял ваше заявление").await;
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE end_reason = 'resigned'")
            .await,
        2
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM requests WHERE kind = 'rematch' AND status = 'open'")
            .await,
        2
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM mentor_profiles WHERE status = 'resigned'")
            .await,
        1
    );
    let cards = h.expect_n(d.curator.id, "The mentor resigned", 2).await;
    assert_eq!(cards.len(), 2, "{}", h.transcript(d.curator.id));
    assert!(cards.iter().all(|c| !c.contains("Propose: Петрова")));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_at_capacity_is_never_suggested() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m2, "Борисов").await; // Борисов has 1 place: now full
    ask(&h, &d, &d.e2).await;
    let card = h
        .api
        .sent_texts(d.curator.id)
        .into_iter()
        .rev()
        .find(|t| t.contains("Новый запрос"))
        .unwrap();
    assert!(
        card.contains("Петрова") && !card.contains("Борисов"),
        "{card}"
    );
    // a forged proposal of the full mentor is refused
    let rid: (i64,) = sqlx::query_as("SELECT id FROM requests WHERE status = 'open'")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let mid: (i64,) = sqlx::query_as("SELECT id FROM users WHERE telegram_id = 202")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let msg = h.api.last_bot_message(d.curator.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    let query = h.api.press_button(
        &d.curator,
        d.curator.id,
        msg,
        &format!("rq:pr:{}:{}", rid.0, mid.0),
    );
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(answer.params["text"]
        .as_str()
        .unwrap()
        .contains("недоступен"));
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE status = 'pending'")
            .await,
        0
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curator_of_another_school_sees_nothing() {
    let h = Harness::start().await;
    let d = district(&h).await;
    let other_org = h.org("Лицей № 2").await;
    let stranger = FakeUser::new(900, "Чужой");
    h.onboard_curator(
        &stranger,
        &h.invite(Role::Curator, Some(other_org)).await,
        "Чужова Вера Ивановна",
    )
    .await;
    ask(&h, &d, &d.e1).await;
    h.settle().await;
    assert!(
        !h.transcript(stranger.id).contains("дисциплину"),
        "no card for another school's curator"
    );
    h.say(&stranger, "/requests", "Новых запросов").await;
    // forged callbacks with this school's ids do nothing
    let rid: (i64,) = sqlx::query_as("SELECT id FROM requests")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let m1: (i64,) = sqlx::query_as("SELECT id FROM users WHERE telegram_id = 201")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let msg = h.api.last_bot_message(stranger.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    for data in [
        format!("rq:open:{}", rid.0),
        format!("rq:pr:{}:{}", rid.0, m1.0),
        format!("rq:rj:{}", rid.0),
    ] {
        let query = h.api.press_button(&stranger, stranger.id, msg, &data);
        let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
        assert!(
            answer.params["text"]
                .as_str()
                .unwrap_or("")
                .contains("не действует"),
            "{data}"
        );
    }
    h.settle().await;
    assert!(!h.transcript(stranger.id).contains("Запрос №"));
    assert_eq!(h.count("SELECT COUNT(*) FROM proposals").await, 0);
    assert_eq!(
        h.count("SELECT COUNT(*) FROM requests WHERE status = 'open'")
            .await,
        1
    );
    let _ = d.org;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extension_by_both_then_ending_confirmed_by_the_curator() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    let (end_before,): (String,) = sqlx::query_as("SELECT planned_end FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();

    // the mentor proposes +3 months, the mentee agrees
    h.say(&d.m1, "/pair", "Пара №1").await;
    h.tap(&d.m1, "Продлить", "На сколько продлить").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "+3 мес.", "нужно согласие второй стороны")
        .await;
    h.expect_after(mark, d.e1.id, "предлагает продлить программу")
        .await;
    let mark = h.api.mark();
    h.tap(&d.e1, "Подтвердить", "продлена до").await;
    h.expect_after(mark, d.m1.id, "продлена до").await;
    let (end_after,): (String,) = sqlx::query_as("SELECT planned_end FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert!(end_after > end_before, "{end_before} → {end_after}");

    // the mentee asks to end it, the curator confirms
    h.say(&d.e1, "/pair", "Пара №1").await;
    h.tap(&d.e1, "Завершить", "Почему завершаем").await;
    let mark = h.api.mark();
    h.tap(&d.e1, "План выполнен", "отправлена куратору").await;
    h.expect_after(mark, d.curator.id, "просит завершить программу")
        .await;
    let mark = h.api.mark();
    h.api
        .press(&d.curator, d.curator.id, "Подтвердить")
        .unwrap();
    h.expect_after(mark, d.e1.id, "Программа завершена").await;
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, end_reason FROM pairs WHERE id = 1")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("completed", "completed")
    );
    // the history keeps every step, and the curator sees it
    assert!(
        h.count("SELECT COUNT(*) FROM history WHERE subject = 'pair' AND subject_id = 1")
            .await
            >= 2
    );
    h.say(&d.curator, "/history", "Последние изменения пар")
        .await;
    h.stop().await;
}
