//! End-to-end: the head's order (number and date as people type them, one order for many
//! pairs), the school's documents from `/documents`, the head of the organization.

mod common;

use chrono::Duration;
use common::district::{district, pair_up};
use common::Harness;
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_is_read_as_typed_and_covers_many_pairs() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    pair_up(&h, &d, &d.e2, &d.m2, "Борисов").await;
    // today is 04.09.2026 in the school's time zone
    h.clock.advance(Duration::days(3));
    h.say(&d.curator, "/pairs", "Выберите").await;
    h.tap(&d.curator, "№1 ·", "Пара №1").await;
    h.tap(&d.curator, "Приказ", "номер и дату приказа").await;
    h.say(
        &d.curator,
        "Приказ № 01-12/45 от 05.09.2026",
        "позже сегодняшнего дня (04.09.2026)",
    )
    .await;
    h.say(
        &d.curator,
        "Приказ № 01-12/45 от 31.08.26",
        "раньше начала работы пары (01.09.2026)",
    )
    .await;
    h.say(
        &d.curator,
        "Приказ № 01-12/45 от 31.02.2026",
        "Такой даты нет",
    )
    .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM orders").await,
        0,
        "bad input changes nothing"
    );
    let saved = h
        .say(&d.curator, "Приказ № 01-12/45 от 2.9.26", "записан")
        .await;
    let text = saved.text().unwrap().to_string();
    assert_eq!(
        text, "Приказ № 01-12/45 от 02.09.2026 записан.",
        "no doubled word, a real date"
    );
    // the same order for the other pair awaiting one, with one tap
    let applied = h
        .tap(
            &d.curator,
            "Тот же приказ — ещё 1 паре",
            "внесён ещё для 1 пары",
        )
        .await;
    assert!(
        applied.text().unwrap().contains("№2"),
        "{}",
        applied.text().unwrap()
    );
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT p.id, o.number, o.order_date FROM pairs p JOIN orders o ON o.id = p.order_id ORDER BY p.id")
        .fetch_all(&h.pool())
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (1, "01-12/45".into(), "2026-09-02".into()),
            (2, "01-12/45".into(), "2026-09-02".into())
        ]
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM orders").await, 1);
    h.say(&d.e2, "/pair", "№ 01-12/45 от 02.09.2026").await;

    // a curator of another school cannot apply the order by a forged press
    let other_org = h.org("МБОУ СОШ № 9").await;
    let stranger = h
        .new_curator(Some(other_org), 900, "Чужой", "Чужая Кураторша Ивановна")
        .await;
    let mid = h.api.last_bot_message(stranger.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    sqlx::query("UPDATE pairs SET order_id = NULL WHERE id = 2")
        .execute(&h.pool())
        .await
        .unwrap();
    let notice = h.press_data(&stranger, stranger.id, mid, "pr:orda:1").await;
    assert!(notice.contains("не действует"), "{notice}");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE order_id IS NULL")
            .await,
        1,
        "nothing changed"
    );
    h.stop().await;
}

async fn wait_file(h: &Harness, mark: usize, chat: i64) -> nastavnik::emulator::UploadedFile {
    let call = h
        .api
        .wait_for_call_after(
            mark,
            |c| c.is("sendDocument") && c.ok() && c.chat_id() == Some(chat),
            common::WAIT,
        )
        .await
        .unwrap_or_else(|| panic!("no document to {chat}; chat:\n{}", h.transcript(chat)));
    call.file.expect("uploaded")
}

/// The text of a Word file: the `<w:t>` runs of `word/document.xml`.
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a docx");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        let Some(end) = piece.find("</w:t>") else {
            continue;
        };
        out.push_str(&piece[start + 1..end]);
        out.push(' ');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_head_gets_copies_the_digest_and_the_documents() {
    let h = Harness::start().await;
    let d = district(&h).await;
    // the curator invites the head of the school with /invite
    h.say(&d.curator, "/invite", "Кого пригласить").await;
    h.tap(&d.curator, "руководитель ОО", "Приглашение готово")
        .await;
    let head = FakeUser::new(400, "Директор");
    h.onboard_curator(
        &head,
        &h.invite(Role::Head, Some(d.org)).await,
        "Николаев Сергей Петрович",
    )
    .await;
    let help = h.say(&head, "/help", "руководитель организации").await;
    let help = help.text().unwrap().to_string();
    assert!(
        help.contains("/digest") && help.contains("/pairs") && help.contains("/documents"),
        "{help}"
    );
    assert!(
        !help.contains("/requests"),
        "the curator's inbox is not the head's: {help}"
    );

    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    // the pair works at once, «без приказа» until the order: the head's digest lists it
    let digest = h.say(&head, "/digest", "Школа в одном сообщении").await;
    let digest = digest.text().unwrap().to_string();
    assert!(
        digest.contains("без приказа: 1") && digest.contains("Ждут приказа (1): №1"),
        "{digest}"
    );

    // the draft order, as a Word file
    let mark = h.api.mark();
    h.say(&head, "/documents", "Какой документ").await;
    h.tap(&head, "Проект приказа", "Готовлю").await;
    let file = wait_file(&h, mark, head.id).await;
    assert_eq!(file.name, "proekt-prikaza-oo-1.docx");
    let text = docx_text(&file.bytes);
    assert!(
        text.contains("О закреплении наставников за наставляемыми")
            && text.contains("Петрова Анна Сергеевна")
            && text.contains("Иванова Мария Петровна"),
        "{text}"
    );
    assert!(
        text.contains("Соколова Елена Викторовна") && text.contains("Николаев Сергей Петрович"),
        "{text}"
    );

    // the head records the signed order from the pair's card
    h.clock.advance(Duration::days(1));
    h.say(&head, "/pairs", "Пара №1").await;
    h.tap(&head, "Приказ", "номер и дату приказа").await;
    h.say(&head, "№ 12-о от 02.09.2026", "записан").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM pairs WHERE order_id IS NOT NULL")
            .await,
        1
    );
    h.say(&head, "/documents", "Какой документ").await;
    h.tap(&head, "Проект приказа", "уже закреплены приказом")
        .await;

    // a petition for replacement: the head gets a copy with the text, the mentor nothing
    h.say(&d.e1, "/replace", "Что случилось").await;
    h.tap(&d.e1, "Не сложилось", "Опишите").await;
    let mark = h.api.mark();
    h.say(&d.e1, "Разные взгляды на оценивание", "отправлено")
        .await;
    let copy = h
        .expect_after(mark, head.id, "Копия для руководителя")
        .await;
    // the curator's card with the decision buttons (it leaves through the outbox too)
    h.expect_after(mark, d.curator.id, "Ходатайство о замене")
        .await;
    assert!(copy
        .text()
        .unwrap()
        .contains("Разные взгляды на оценивание"));
    assert!(
        copy.params.get("reply_markup").is_none(),
        "the decision is the curator's: no buttons"
    );
    h.say(
        &head,
        "/digest",
        "ждут решения куратора (ходатайства, заявления): 1",
    )
    .await;
    h.tap(&d.curator, "Отклонить", "причину").await;
    let mark = h.api.mark();
    h.say(&d.curator, "Попробуйте ещё месяц", "отклонено").await;
    h.expect_after(
        mark,
        head.id,
        "по ходатайству о замене наставника — Иванова Мария Петровна: отклонено",
    )
    .await;
    h.settle().await;
    assert!(
        !h.transcript(d.m1.id).contains("Разные взгляды"),
        "the petition never reaches the mentor"
    );

    // a mentor's resignation reaches the head too
    let mark = h.api.mark();
    h.say(&d.m2, "/resign", "").await;
    h.say(&d.m2, "Переезжаю в другой город", "Заявление отправлено")
        .await;
    let copy = h
        .expect_after(mark, head.id, "Копия для руководителя")
        .await;
    h.expect_after(mark, d.curator.id, "Заявление о сложении")
        .await;
    assert!(copy.text().unwrap().contains("Переезжаю в другой город"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_are_files_foreign_pairs_are_refused_empty_periods_say_so() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.say(
        &d.m1,
        "/task до 30.09 Посетить урок наставника в 7Б",
        "срок — 30.09.2026",
    )
    .await;

    // the mentor's programme of the pair
    let mark = h.api.mark();
    h.say(&d.m1, "/documents", "Какой документ").await;
    h.tap(&d.m1, "Персонализированная программа", "Готовлю")
        .await;
    let file = wait_file(&h, mark, d.m1.id).await;
    assert_eq!(file.name, "programma-para-1.docx");
    let text = docx_text(&file.bytes);
    assert!(
        text.contains("пары № 1")
            && text.contains("Иванова Мария Петровна")
            && text.contains("Посетить урок наставника в 7Б")
            && text.contains("30.09.2026"),
        "{text}"
    );

    // the curator's bank of mentors as Excel
    let mark = h.api.mark();
    h.say(&d.curator, "/documents", "Какой документ").await;
    h.tap(&d.curator, "Банк наставников", "Готовлю").await;
    let file = wait_file(&h, mark, d.curator.id).await;
    assert_eq!(file.name, "bank-nastavnikov-oo-1.xlsx");
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(file.bytes)).unwrap();
    let range = wb.worksheet_range("Банк наставников").unwrap();
    let names: Vec<String> = (1..range.height())
        .filter_map(|r| match range.get((r, 0)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "Борисов Борис Борисович".to_string(),
            "Петрова Анна Сергеевна".to_string()
        ]
    );

    // an empty period says so instead of sending an empty file
    h.say(&d.curator, "/documents", "Какой документ").await;
    h.tap(&d.curator, "Аналитическая справка", "За какой период")
        .await;
    let mark = h.api.mark();
    h.tap(&d.curator, "Прошлый месяц", "ни одна пара не работала")
        .await;
    h.settle().await;
    assert!(
        h.api
            .calls_since(mark)
            .iter()
            .all(|c| !c.is("sendDocument")),
        "no file for an empty period"
    );
    let mark = h.api.mark();
    h.say(&d.curator, "/documents", "Какой документ").await;
    h.tap(&d.curator, "Аналитическая справка", "За какой период")
        .await;
    h.tap(&d.curator, "Текущий месяц", "Готовлю").await;
    let file = wait_file(&h, mark, d.curator.id).await;
    assert!(docx_text(&file.bytes).contains("АНАЛИТИЧЕСКАЯ СПРАВКА"));

    // a curator of another school: the pair's documents are refused, no file is sent
    let other = h.org("МБОУ СОШ № 9").await;
    let stranger = h
        .new_curator(Some(other), 900, "Чужой", "Чужая Кураторша Ивановна")
        .await;
    let mid = h.api.last_bot_message(stranger.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    let mark = h.api.mark();
    for data in [
        "dc:p:programme:1",
        "dc:p:final:1",
        "dc:o:mentors:1",
        "dc:o:order:1",
        &format!("dc:s:{}:m0", d.org),
    ] {
        let notice = h.press_data(&stranger, stranger.id, mid, data).await;
        assert!(notice.contains("не действует"), "{data}: {notice}");
    }
    // a mentee cannot have the mentor's reports
    let mid = h.api.last_bot_message(d.e1.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    h.press_data(&d.e1, d.e1.id, mid, "dc:p:final:1").await;
    h.settle().await;
    assert!(
        h.api
            .calls_since(mark)
            .iter()
            .all(|c| !c.is("sendDocument")),
        "nothing sent to strangers"
    );
    h.stop().await;
}
