//! End-to-end: a curator states the school's facts with /school (one question per message,
//! mistakes explained, /cancel keeps what was stated), and the report counts against them.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::district::{district, pair_up};
use common::{Harness, WAIT};
use nastavnik::domain::Role;
use std::io::Cursor;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curator_states_the_school_facts_and_the_report_counts_against_them() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;

    let first = h
        .say(
            &d.curator,
            "/school",
            "Сколько в организации педагогических работников",
        )
        .await;
    let text = first.text().unwrap();
    assert!(
        text.contains("МБОУ СОШ № 3") && text.contains("пока ничего не указано"),
        "{text}"
    );
    h.say(&d.curator, "сорок", "Нужно число").await;
    h.say(&d.curator, "40", "молодых педагогов").await;
    h.say(&d.curator, "50", "не может быть больше").await;
    h.say(&d.curator, "6", "впервые на руководящей должности")
        .await;
    h.say(&d.curator, "1", "положение о наставничестве").await;
    h.say(&d.curator, "вчера", "дд.мм.гггг").await;
    let saved = h.say(&d.curator, "30.08.2025", "Сохранено").await;
    let text = saved.text().unwrap();
    assert!(text.contains("педагогов — 40, молодых педагогов — 6, новых руководителей — 1; положение о наставничестве — принято 30.08.2025"), "{text}");
    let row: (i64, i64, i64, String, i64) =
        sqlx::query_as("SELECT teachers, young_teachers, new_heads, regulation_date, no_regulation FROM school_facts WHERE org_id = ?").bind(d.org).fetch_one(&h.pool()).await.unwrap();
    assert_eq!(row, (40, 6, 1, "2025-08-30".to_string(), 0));

    // asked again: what was stated is shown; /cancel keeps it
    let again = h.say(&d.curator, "/school", "Было указано: 40").await;
    assert!(
        again.text().unwrap().contains("педагогов — 40"),
        "{:?}",
        again.text()
    );
    h.say(&d.curator, "/cancel", "").await;
    h.say(&d.curator, "12", "").await;
    h.settle().await;
    assert_eq!(
        h.count("SELECT teachers FROM school_facts").await,
        40,
        "unchanged"
    );

    // a mentor has no /school
    h.say(&d.m1, "/school", "доступна другим").await;

    // the report counts against the stated 40 teachers: the mentor and the mentee took part
    h.say(&d.curator, "/report", "За какой период").await;
    let mark = h.api.mark();
    h.tap(&d.curator, "Квартал", "Готовлю отчёт").await;
    let doc = h
        .api
        .wait_for_call_after(
            mark,
            |c| c.is("sendDocument") && c.ok() && c.chat_id() == Some(d.curator.id),
            WAIT,
        )
        .await
        .expect("the report");
    let caption = doc.params["caption"].as_str().unwrap();
    assert!(caption.contains("нет данных — "), "{caption}");
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(doc.file.unwrap().bytes)).unwrap();
    let ind = wb.worksheet_range("Показатели").unwrap();
    let row = ind
        .rows()
        .find(|r| r[0] == Data::String("Доля педагогов в программах наставничества".into()))
        .expect("the teachers' share");
    assert_eq!(
        (&row[1], &row[6], &row[7]),
        (&Data::Float(0.05), &Data::Float(2.0), &Data::Float(40.0))
    );

    // a curator of two schools chooses the school with a button
    let other = h.org("МАОУ Лицей № 2").await;
    let me = nastavnik::repo::users::by_telegram(&h.pool(), d.curator.id)
        .await
        .unwrap()
        .unwrap();
    nastavnik::repo::users::grant_role(&h.pool(), me.id, Role::Curator, Some(other), h.clock_now())
        .await
        .unwrap();
    h.say(&d.curator, "/school", "нескольких организациях")
        .await;
    let asked = h
        .tap(
            &d.curator,
            "МАОУ Лицей № 2",
            "Сколько в организации педагогических работников",
        )
        .await;
    assert!(
        asked.text().unwrap().contains("МАОУ Лицей № 2"),
        "{:?}",
        asked.text()
    );
    h.say(&d.curator, "25", "молодых педагогов").await;
    h.say(&d.curator, "0", "руководителей").await;
    h.say(&d.curator, "0", "положение").await;
    h.say(&d.curator, "нет", "Сохранено").await;
    let (teachers, not_adopted): (i64, i64) =
        sqlx::query_as("SELECT teachers, no_regulation FROM school_facts WHERE org_id = ?")
            .bind(other)
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!((teachers, not_adopted), (25, 1));
    h.stop().await;
}
