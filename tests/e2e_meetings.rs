//! End-to-end: meetings planned ahead (issue 21 §1). `/meeting завтра 15:30 …` plans a
//! meeting; both sides get it with an .ics file on request; the reminder pass reminds the
//! evening before and an hour before and then asks the mentor, whose one tap writes the
//! journal entry; moving and cancelling tell the other side; a flash pair ends with its
//! meeting.

mod common;

use common::ekb;

use chrono::{TimeZone, Utc};
use common::district::{district, pair_up, District};
use common::{buttons_of, Harness};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};

/// One active pair (Петрова → Иванова); the clock on Friday 4 September 2026, 12:00 local.
async fn with_pair() -> (Harness, District) {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.clock.set(ekb("2026-09-04T12:00:00"));
    (h, d)
}

fn labels(call: &nastavnik::emulator::ApiCall) -> Vec<String> {
    buttons_of(call).into_iter().map(|b| b.0).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planned_meeting_is_reminded_then_logged_in_one_tap() {
    let (h, d) = with_pair().await;
    let mark = h.api.mark();
    let planned = h
        .say(
            &d.m1,
            "/meeting завтра 15:30 Разбор урока",
            "Встреча запланирована",
        )
        .await;
    let text = planned.text().unwrap().to_string();
    assert!(
        text.contains("завтра, 05.09.2026, в 15:30") && text.contains("Иванова Мария Петровна"),
        "{text}"
    );
    let l = labels(&planned);
    assert!(
        l.iter().any(|b| b.contains("Добавить в календарь"))
            && l.iter().any(|b| b == "Перенести")
            && l.iter().any(|b| b == "Отменить"),
        "{l:?}"
    );
    // the mentee is told, with the mentor's name agreeing in gender
    h.expect_after(
        mark,
        d.e1.id,
        "Петрова Анна Сергеевна запланировала встречу с вами",
    )
    .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM scheduled_meetings").await, 1);

    // «Добавить в календарь»: an .ics file the phone opens, at the right moment
    let mark = h.api.mark();
    h.api
        .press(&d.e1, d.e1.id, "Добавить в календарь")
        .expect("the button");
    let call = h
        .api
        .wait_for_call_after(
            mark,
            |c| c.is("sendDocument") && c.ok() && c.chat_id() == Some(d.e1.id),
            common::WAIT,
        )
        .await
        .expect("a calendar file");
    let file = call.file.expect("uploaded");
    assert!(file.name.ends_with(".ics"), "{}", file.name);
    let cal: Calendar = String::from_utf8(file.bytes)
        .unwrap()
        .parse()
        .expect("a valid calendar");
    assert_eq!(cal.get_timezone(), Some("Asia/Yekaterinburg"));
    let event = cal
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .expect("an event");
    // 15:30 in Yekaterinburg is 10:30 UTC
    assert_eq!(
        event.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
            Utc.with_ymd_and_hms(2026, 9, 5, 10, 30, 0).unwrap()
        )))
    );
    assert!(event.get_summary().unwrap().contains("Разбор урока"));

    // the pair card and the journal show it
    h.say(
        &d.m1,
        "/pair",
        "Ближайшая встреча: завтра, 05.09.2026, в 15:30",
    )
    .await;
    h.say(&d.m1, "/journal", "Ближайшая встреча").await;

    // the evening before (18:00), to both sides; then an hour before
    let mark = h.api.mark();
    h.pass_local("2026-09-04T18:00:00").await;
    h.expect_after(mark, d.m1.id, "Напоминаю: встреча завтра")
        .await;
    h.expect_after(mark, d.e1.id, "Напоминаю: встреча завтра")
        .await;
    let mark = h.api.mark();
    h.pass_local("2026-09-05T14:30:00").await;
    h.expect_after(mark, d.e1.id, "Через час встреча").await;

    // after the meeting the mentor is asked; «Да, 45 минут» writes the journal entry
    let mark = h.api.mark();
    h.pass_local("2026-09-05T16:20:00").await;
    let ask = h.expect_after(mark, d.m1.id, "состоялась?").await;
    let l = labels(&ask);
    assert!(
        l.iter().any(|b| b.starts_with("Да, 45")) && l.iter().any(|b| b == "Не состоялась"),
        "{l:?}"
    );
    h.settle().await;
    assert!(h.api.calls_since(mark).iter().all(|c| c.chat_id() != Some(d.e1.id) || !c.text().unwrap_or("").contains("состоялась")), "only the mentor is asked");
    let ask_id = ask.result().unwrap()["message_id"].as_i64().unwrap();
    h.tap(&d.m1, "Да, 45", "Записано").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'meeting' AND topic = 'Разбор урока' AND minutes = 45 AND on_date = '2026-09-05'").await,
        1
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM scheduled_meetings WHERE status = 'held' AND journal_entry_id IS NOT NULL").await, 1);
    // the old question pressed again logs nothing twice; a later pass does not ask again
    let id: i64 = sqlx::query_scalar("SELECT id FROM scheduled_meetings")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    h.press_data(&d.m1, d.m1.id, ask_id, &format!("mt:y:{id}"))
        .await;
    let mark = h.api.mark();
    h.pass_local("2026-09-05T18:00:00").await;
    h.settle().await;
    assert!(h
        .api
        .calls_since(mark)
        .iter()
        .all(|c| !c.text().unwrap_or("").contains("состоялась?")));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM journal_entries WHERE topic = 'Разбор урока'")
            .await,
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_and_cancelling_tell_the_other_side_and_strangers_touch_nothing() {
    let (h, d) = with_pair().await;
    // a time already past is refused kindly, and nothing is planned
    h.say(&d.m1, "/meeting сегодня 09:00 Поздно", "уже прошло")
        .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM scheduled_meetings").await, 0);
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "/meeting в понедельник 10:00 Планирование",
        "пн, 07.09.2026, в 10:00",
    )
    .await;
    h.expect_after(mark, d.e1.id, "запланировала встречу").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM scheduled_meetings")
        .fetch_one(&h.pool())
        .await
        .unwrap();

    // the mentee moves it; a time not understood changes nothing
    h.tap(&d.e1, "Перенести", "Когда будет встреча?").await;
    h.say(&d.e1, "когда-нибудь", "Не понял новое время").await;
    let mark = h.api.mark();
    h.say(&d.e1, "во вторник 11:00", "Встреча перенесена").await;
    h.expect_after(mark, d.m1.id, "Иванова Мария Петровна перенесла встречу")
        .await;
    h.expect_after(mark, d.m1.id, "вт, 08.09.2026, в 11:00")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM scheduled_meetings WHERE starts_at = '2026-09-08T06:00:00+00:00' AND moves = 1").await,
        1
    );

    // someone else's press changes nothing and sends no file
    let mark = h.api.mark();
    let answer = h
        .press_data(&d.m2, d.m2.id, 1, &format!("mt:xy:{id}"))
        .await;
    assert!(answer.contains("не действует"), "{answer}");
    h.press_data(&d.m2, d.m2.id, 1, &format!("mt:ics:{id}"))
        .await;
    assert!(h
        .api
        .calls_since(mark)
        .iter()
        .all(|c| !c.is("sendDocument")));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM scheduled_meetings WHERE status = 'planned'")
            .await,
        1
    );

    // the mentor cancels it; the mentee is told
    h.tap(&d.m1, "Отменить", "Отменить встречу").await;
    let mark = h.api.mark();
    h.tap(&d.m1, "Да, отменить", "отменена").await;
    h.expect_after(mark, d.e1.id, "Петрова Анна Сергеевна отменила встречу")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM scheduled_meetings WHERE status = 'cancelled'")
            .await,
        1
    );
    // a cancelled meeting is neither reminded nor asked about
    let mark = h.api.mark();
    h.pass_local("2026-09-07T18:00:00").await;
    h.pass_local("2026-09-08T12:00:00").await;
    h.settle().await;
    assert!(h
        .api
        .calls_since(mark)
        .iter()
        .all(|c| !c.text().unwrap_or("").contains("Планирование")));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flash_pair_ends_when_its_one_meeting_is_logged() {
    let (h, d) = with_pair().await;
    sqlx::query("UPDATE pairs SET forms = 'flash'")
        .execute(&h.pool())
        .await
        .unwrap();
    // one meeting: no programme length to change on the card
    let card = h.say(&d.m1, "/pair", "Пара №").await;
    assert!(
        labels(&card).iter().all(|l| !l.contains("Срок программы")),
        "{:?}",
        labels(&card)
    );
    let mark = h.api.mark();
    h.say(&d.m1, "/meeting 40 Одна встреча по оцениванию", "Записано")
        .await;
    h.expect_after(mark, d.m1.id, "скоростного наставничества выполнена")
        .await;
    h.expect_after(mark, d.e1.id, "скоростного наставничества выполнена")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE status = 'active'")
            .await,
        0
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE end_reason = 'completed'")
            .await,
        1
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_guided_form_plans_a_meeting_too() {
    let (h, d) = with_pair().await;
    h.say(&d.m1, "/meeting", "Сколько длилась").await;
    h.tap(&d.m1, "Запланировать встречу", "Когда встреча и о чём?")
        .await;
    // words without a time are asked again, and nothing is planned
    h.say(&d.m1, "завтра поговорим", "Когда встреча и о чём?")
        .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM scheduled_meetings").await, 0);
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "завтра 10:00 60 Разбор контрольной",
        "Встреча запланирована",
    )
    .await;
    h.expect_after(mark, d.e1.id, "завтра, 05.09.2026, в 10:00")
        .await;
    assert_eq!(h.count("SELECT COUNT(*) FROM scheduled_meetings WHERE minutes = 60 AND topic = 'Разбор контрольной'").await, 1);
    h.stop().await;
}
