//! End-to-end: monitoring — a survey answered in the bot, interrupted and resumed; /report
//! with the XLSX, the chart and CSV; a curator cannot get another organization's report.

mod common;

use calamine::{DataType, Reader, Xlsx};
use common::district::{district, pair_up};
use common::{Harness, WAIT};
use nastavnik::domain::Role;
use nastavnik::emulator::{ApiCall, FakeUser};
use std::io::Cursor;

async fn wait_upload(h: &Harness, mark: usize, chat: i64, method: &'static str) -> ApiCall {
    h.api
        .wait_for_call_after(
            mark,
            |c| c.is(method) && c.ok() && c.chat_id() == Some(chat),
            WAIT,
        )
        .await
        .unwrap_or_else(|| panic!("no {method} to {chat}; chat:\n{}", h.transcript(chat)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entry_survey_answered_interrupted_and_resumed() {
    let mut h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    // the pair is active: the mentee gets the entry survey, one question per message
    let first = h.expect(d.e1.id, "вопрос 1 из 5").await;
    assert!(
        first.text().unwrap().contains("5 вопросов"),
        "{:?}",
        first.text()
    );
    h.tap(&d.e1, "4", "вопрос 2 из 5").await;
    h.tap(&d.e1, "3", "вопрос 3 из 5").await;
    let q1 = h
        .api
        .messages(d.e1.id)
        .into_iter()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.contains("вопрос 1 из 5"))
        })
        .unwrap();
    assert!(
        q1["text"].as_str().unwrap().contains("Ваш ответ: 4"),
        "the answered question is edited in place"
    );

    // interrupted: the bot restarts and the mentee does something else
    h.restart().await;
    h.say(&d.e1, "/journal", "Журнал").await;
    // a tap on the first question's old buttons changes nothing
    let mid = q1["message_id"].as_i64().unwrap();
    let query = h
        .api
        .press_button(&d.e1, d.e1.id, mid, "sv:a:1:motivation:1");
    h.api.wait_for_answer(&query, WAIT).await.expect("answered");
    // resumed where it stopped
    h.say(&d.e1, "/survey", "Продолжим опрос").await;
    h.expect(d.e1.id, "вопрос 3 из 5").await;
    h.tap(&d.e1, "5", "вопрос 4 из 5").await;
    h.tap(&d.e1, "2", "вопрос 5 из 5").await;
    h.say(&d.e1, "Научиться держать дисциплину в 7Б", "Опрос завершён")
        .await;

    let answers: Vec<(String, Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT qid, score, text FROM survey_answers ORDER BY rowid")
            .fetch_all(&h.pool())
            .await
            .unwrap();
    let scores: Vec<(&str, Option<i64>)> = answers.iter().map(|a| (a.0.as_str(), a.1)).collect();
    assert_eq!(
        scores,
        vec![
            ("motivation", Some(4)),
            ("confidence", Some(3)),
            ("adaptation", Some(5)),
            ("innovation", Some(2)),
            ("expectations", None)
        ]
    );
    assert_eq!(
        answers[4].2.as_deref(),
        Some("Научиться держать дисциплину в 7Б")
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM survey_responses WHERE completed_at IS NOT NULL")
            .await,
        1
    );
    // nothing left; plain text is plain text again
    h.say(&d.e1, "/survey", "Незаконченных опросов нет").await;

    // the curator sends the exit survey to the pair: the mentee and the mentor get theirs
    h.say(&d.curator, "/survey", "Какой паре").await;
    h.tap(&d.curator, "Иванова", "Какой опрос").await;
    h.tap(&d.curator, "Итоговый", "отправлен 2 участникам")
        .await;
    h.expect(d.e1.id, "Итоговый опрос наставляемого").await;
    h.expect(d.m1.id, "Итоговый опрос наставника").await;
    h.stop().await;
}

/// A forged press of `data` under `message`: answered "not allowed", and no file is sent.
async fn refused_without_a_file(
    h: &Harness,
    user: &FakeUser,
    message: &ApiCall,
    data: &str,
    why: &str,
) {
    let msg_id = message.result().unwrap()["message_id"].as_i64().unwrap();
    h.settle().await;
    let mark = h.api.mark();
    let query = h.api.press_button(user, user.id, msg_id, data);
    let answer = h.api.wait_for_answer(&query, WAIT).await.expect("answered");
    let said = answer.params["text"].as_str().unwrap_or("");
    // a legacy button says «not allowed»; a typed one is refused as stale before any handler
    assert!(
        said.contains("доступна другим") || said.contains("уже не действует"),
        "{:?}",
        answer.params
    );
    h.settle().await;
    assert!(
        h.api
            .calls_since(mark)
            .iter()
            .all(|c| !c.is("sendDocument")),
        "{why}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_for_own_organization_only() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.say(&d.m1, "/meeting 45 Разбор открытого урока", "Записано")
        .await;
    // another school with its own curator
    let other = h.org("МАОУ Лицей № 2").await;
    let curator2 = FakeUser::new(110, "Ольга");
    h.onboard_curator(
        &curator2,
        &h.invite(Role::Curator, Some(other)).await,
        "Орлова Ольга Ивановна",
    )
    .await;

    // first the period the journal covers
    let choice = h.say(&d.curator, "/report", "За какой период").await;
    assert!(
        choice.text().unwrap().contains("МБОУ СОШ № 3"),
        "{:?}",
        choice.text()
    );
    let mark = h.api.mark();
    h.tap(&d.curator, "Полугодие", "Готовлю отчёт").await;
    let doc = wait_upload(&h, mark, d.curator.id, "sendDocument").await;
    assert!(
        doc.params["caption"]
            .as_str()
            .unwrap()
            .contains("журнал за полугодие"),
        "{:?}",
        doc.params["caption"]
    );
    let file = doc.file.clone().expect("uploaded");
    assert!(file.name.ends_with(".xlsx"), "{}", file.name);
    assert!(doc.params["caption"]
        .as_str()
        .unwrap()
        .contains("МБОУ СОШ № 3"));
    // the file as sent prints: A4, one page wide, the header row on every page, the school in the page header
    let mut zip = zip::ZipArchive::new(Cursor::new(file.bytes.clone())).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let sheet1 = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains("<pageSetUpPr fitToPage=\"1\"/>")
            && sheet1
                .contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""),
        "{sheet1}"
    );
    assert!(
        sheet1.contains("<oddHeader>&amp;LМБОУ СОШ № 3&amp;Rна "),
        "{sheet1}"
    );
    assert_eq!(
        part("xl/workbook.xml")
            .matches("_xlnm.Print_Titles")
            .count(),
        7,
        "every sheet's header row repeats"
    );
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(file.bytes)).unwrap();
    let ind = wb.worksheet_range("Показатели").unwrap();
    assert!(ind
        .get_value((0, 0))
        .and_then(|c| c.get_string())
        .unwrap()
        .contains("МБОУ СОШ № 3"));
    let pairs = wb.worksheet_range("Пары").unwrap();
    assert_eq!(pairs.rows().count(), 2, "header and the one pair");
    assert_eq!(
        pairs.rows().nth(1).unwrap()[2].get_string(),
        Some("Петрова Анна Сергеевна")
    );
    let photo = wait_upload(&h, mark, d.curator.id, "sendPhoto").await;
    let png = photo.file.expect("uploaded").bytes;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    // CSV on request
    let mark = h.api.mark();
    h.api
        .press(&d.curator, d.curator.id, "CSV")
        .expect("a CSV button");
    let csv = wait_upload(&h, mark, d.curator.id, "sendDocument").await;
    assert!(csv.file.unwrap().name.ends_with(".csv"));

    // a forged button for the other school: refused, nothing sent
    refused_without_a_file(
        &h,
        &d.curator,
        &doc,
        &format!("sf:c:o:{other}:h:2026-09-01"),
        "no file for another school",
    )
    .await;
    refused_without_a_file(
        &h,
        &d.curator,
        &doc,
        "sf:r:d:y:-",
        "no district report for a curator",
    )
    .await;

    // the other curator sees only their school; a mentee gets no report at all
    h.say(&curator2, "/report", "За какой период").await;
    let mark = h.api.mark();
    h.tap(&curator2, "Квартал", "Готовлю отчёт").await;
    let doc2 = wait_upload(&h, mark, curator2.id, "sendDocument").await;
    let mut wb2: Xlsx<_> = Xlsx::new(Cursor::new(doc2.file.unwrap().bytes)).unwrap();
    assert_eq!(
        wb2.worksheet_range("Пары").unwrap().rows().count(),
        1,
        "only the header"
    );
    h.say(&d.e1, "/report", "доступна другим").await;

    // a curator of two schools chooses one with a button; the chooser becomes «Готовлю отчёт»
    let me = nastavnik::repo::users::by_telegram(&h.pool(), d.curator.id)
        .await
        .unwrap()
        .unwrap();
    nastavnik::repo::users::grant_role(&h.pool(), me.id, Role::Curator, Some(other), h.clock_now())
        .await
        .unwrap();
    let chooser = h
        .say(&d.curator, "/report", "нескольких организациях")
        .await;
    let labels: Vec<String> = chooser.params["reply_markup"]["inline_keyboard"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row[0]["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(
        labels.iter().any(|l| l.contains("МБОУ СОШ № 3"))
            && labels.iter().any(|l| l.contains("МАОУ Лицей № 2")),
        "{labels:?}"
    );
    h.tap(&d.curator, "МАОУ Лицей № 2", "За какой период").await;
    let mark = h.api.mark();
    h.tap(&d.curator, "Год", "Готовлю отчёт").await;
    let doc3 = wait_upload(&h, mark, d.curator.id, "sendDocument").await;
    assert!(
        doc3.params["caption"]
            .as_str()
            .unwrap()
            .contains("МАОУ Лицей № 2"),
        "{:?}",
        doc3.params["caption"]
    );
    // a forged choice of a school they do not curate: refused, nothing sent
    let third = h.org("МБОУ Гимназия № 5").await;
    refused_without_a_file(
        &h,
        &d.curator,
        &chooser,
        &format!("mr:org:o{third}:-"),
        "no file for a school they do not curate",
    )
    .await;
    h.stop().await;
}

/// Issue 22: a scale answered by typing its digit, and an entry survey left unfinished is
/// closed when the exit survey comes (`/survey` resumes the exit survey, not the entry one).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_digits_answer_a_scale_and_the_exit_survey_closes_an_unfinished_entry_one() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.expect(d.e1.id, "вопрос 1 из 5").await;
    h.say(&d.e1, "4", "вопрос 2 из 5").await;
    // out of the scale: not an answer
    h.say(&d.e1, "7", "Я не понял сообщение").await;
    let scores: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT qid, score FROM survey_answers ORDER BY rowid")
            .fetch_all(&h.pool())
            .await
            .unwrap();
    assert_eq!(scores, vec![("motivation".to_string(), Some(4))]);

    // the entry survey is left there; the curator sends the exit survey
    h.say(&d.curator, "/survey", "Какой паре").await;
    h.tap(&d.curator, "Иванова", "Какой опрос").await;
    h.tap(&d.curator, "Итоговый", "отправлен 2 участникам")
        .await;
    h.expect(d.e1.id, "Итоговый опрос наставляемого").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM survey_responses WHERE survey = 'mentee_entry' AND closed_at IS NOT NULL AND completed_at IS NULL").await, 1);
    let resumed = h.say(&d.e1, "/survey", "Продолжим опрос").await;
    let _ = resumed;
    h.settle().await;
    let last = h
        .api
        .sent_texts(d.e1.id)
        .last()
        .cloned()
        .unwrap_or_default();
    assert!(
        last.contains("Итоговый опрос наставляемого") && !last.contains("Входной"),
        "{last}"
    );
    h.stop().await;
}

// ---------------------------------------------------------------- surveys that run themselves (issue 19 §1)

fn count(h: &Harness, chat: i64, needle: &str) -> usize {
    h.api
        .sent_texts(chat)
        .iter()
        .filter(|t| t.contains(needle))
        .count()
}

/// One reminder pass at `now` (the clock moves there), then everything it queued is sent.
async fn pass(h: &Harness, now: chrono::DateTime<chrono::Utc>) {
    h.clock.set(now);
    let ctx = h.bot.as_ref().expect("running").ctx.clone();
    nastavnik::bot::reminders::run_pass(&ctx, now)
        .await
        .expect("pass runs");
    h.settle().await;
}

const EXIT_PREFACE: &str = "Работа пары №1 завершена";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curator_ends_a_pair_and_each_side_gets_the_exit_survey_once() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    h.expect(d.e1.id, "Входной опрос наставляемого · вопрос 1 из 5")
        .await;
    // the mentor's first pair: the mentor's entry survey too
    h.expect(d.m1.id, "Входной опрос наставника · вопрос 1 из 3")
        .await;
    h.tap(&d.e1, "4", "вопрос 2 из 5").await;
    h.settle().await;

    // the curator ends the pair: both sides get their exit survey at once
    h.say(&d.curator, "/pairs", "Пара №1").await;
    h.tap(&d.curator, "Завершить", "Почему завершаем").await;
    let mark = h.api.mark();
    h.tap(&d.curator, "план выполнен полностью", "Пара №1 завершена")
        .await;
    let exit = h
        .expect_after(
            mark,
            d.e1.id,
            "Итоговый опрос наставляемого · вопрос 1 из 6",
        )
        .await;
    assert!(
        exit.text().unwrap().contains(EXIT_PREFACE),
        "{:?}",
        exit.text()
    );
    h.expect_after(mark, d.m1.id, "Итоговый опрос наставника · вопрос 1 из 4")
        .await;
    // the unfinished entry surveys (the mentee's and the mentor's) are closed: their old buttons do nothing
    assert_eq!(
        h.count("SELECT COUNT(*) FROM survey_responses WHERE closed_at IS NOT NULL")
            .await,
        2
    );
    let entry_q2 = h
        .api
        .messages(d.e1.id)
        .into_iter()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.contains("вопрос 2 из 5"))
        })
        .unwrap();
    let answer = h
        .press_data(
            &d.e1,
            d.e1.id,
            entry_q2["message_id"].as_i64().unwrap(),
            "sv:a:1:confidence:5",
        )
        .await;
    assert!(answer.contains("не действует"), "{answer}");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM survey_answers WHERE qid = 'confidence'")
            .await,
        0
    );

    // the reminder passes do not send it again
    let ended = h.clock_now();
    pass(&h, ended).await;
    pass(&h, ended + chrono::Duration::hours(26)).await;
    assert_eq!(
        (
            count(&h, d.e1.id, EXIT_PREFACE),
            count(&h, d.m1.id, EXIT_PREFACE)
        ),
        (1, 1)
    );
    assert_eq!(
        h.count(
            "SELECT COUNT(*) FROM survey_responses WHERE survey IN ('mentee_exit', 'mentor_exit')"
        )
        .await,
        2
    );
    // /survey still offers it (the exit survey, not the closed entry one)
    h.say(&d.e1, "/survey", "Продолжим опрос").await;
    h.expect(d.e1.id, "Итоговый опрос наставляемого · вопрос 1 из 6")
        .await;

    // three days unanswered: one reminder each, with a button that continues the survey
    pass(&h, ended + chrono::Duration::days(3)).await;
    pass(&h, ended + chrono::Duration::days(4)).await;
    assert_eq!(
        count(
            &h,
            d.e1.id,
            "Напоминаю про опрос «Итоговый опрос наставляемого» (пара №1)"
        ),
        1,
        "{}",
        h.transcript(d.e1.id)
    );
    assert_eq!(
        count(
            &h,
            d.m1.id,
            "Напоминаю про опрос «Итоговый опрос наставника» (пара №1)"
        ),
        1,
        "{}",
        h.transcript(d.m1.id)
    );
    h.tap(
        &d.m1,
        "Продолжить опрос",
        "Итоговый опрос наставника · вопрос 1 из 4",
    )
    .await;

    // Monday's digest counts the unanswered surveys
    let monday = chrono::DateTime::parse_from_rfc3339("2026-09-07T09:00:00+05:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    pass(&h, monday).await;
    let digest = h.expect(d.curator.id, "Сводка за неделю").await;
    assert!(
        digest.text().unwrap().contains("опросов без ответа: 2"),
        "{:?}",
        digest.text()
    );

    // the curator resends: whoever has not finished gets the current question again
    h.tap(&d.e1, "3", "вопрос 2 из 6").await;
    h.settle().await;
    h.say(
        &d.curator,
        "/survey",
        "итоговый опрос можно отправить ещё раз",
    )
    .await;
    let mark = h.api.mark();
    h.tap(
        &d.curator,
        "↻ №1",
        "итоговый опрос отправлен ещё раз 2 участникам",
    )
    .await;
    h.expect_after(
        mark,
        d.e1.id,
        "Итоговый опрос наставляемого · вопрос 2 из 6",
    )
    .await;
    h.expect_after(mark, d.m1.id, "Итоговый опрос наставника · вопрос 1 из 4")
        .await;
    h.settle().await;

    // a forged resend by a curator of another school, or by a stranger to the pair: nothing
    let other = h.org("МАОУ Лицей № 2").await;
    let curator2 = h
        .new_curator(Some(other), 110, "Ольга", "Орлова Ольга Ивановна")
        .await;
    h.settle().await;
    let before = (
        h.api.sent_texts(d.e1.id).len(),
        h.api.sent_texts(d.m1.id).len(),
    );
    for user in [&curator2, &d.e2] {
        let last = h.api.messages(user.id).last().unwrap()["message_id"]
            .as_i64()
            .unwrap();
        let answer = h.press_data(user, user.id, last, "sa:rs:1").await;
        assert!(answer.contains("не действует"), "{answer}");
    }
    h.settle().await;
    assert_eq!(
        (
            h.api.sent_texts(d.e1.id).len(),
            h.api.sent_texts(d.m1.id).len()
        ),
        before,
        "a forged press sends nothing"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_at_the_programme_end_sends_the_exit_surveys_once() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    pair_up(&h, &d, &d.e2, &d.m2, "Борисов").await;
    h.expect(d.m2.id, "Входной опрос наставника").await;
    h.settle().await;
    let (end,): (chrono::NaiveDate,) = sqlx::query_as("SELECT planned_end FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    h.clock.set(end.and_hms_opt(6, 0, 0).unwrap().and_utc());

    // the programme's last day: the mentee asks to end it as completed, the curator confirms
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
    h.expect_after(
        mark,
        d.e1.id,
        "Итоговый опрос наставляемого · вопрос 1 из 6",
    )
    .await;
    h.expect_after(mark, d.m1.id, "Итоговый опрос наставника · вопрос 1 из 4")
        .await;

    // pair №2 ends without the bot's flow (as any other path would): the pass sends its surveys
    {
        let mut conn = h.pool().acquire().await.unwrap();
        nastavnik::repo::pairs::end_in(
            &mut conn,
            2,
            nastavnik::domain::pair::EndReason::PlanCompleted,
            None,
            None,
            h.clock_now(),
        )
        .await
        .unwrap();
    }
    let now = h.clock_now();
    pass(&h, now).await;
    pass(&h, now + chrono::Duration::hours(1)).await;
    h.expect(d.e2.id, "Итоговый опрос наставляемого · вопрос 1 из 6")
        .await;
    for (user, pair) in [(&d.e1, 1), (&d.m1, 1), (&d.e2, 2), (&d.m2, 2)] {
        assert_eq!(
            count(&h, user.id, &format!("Работа пары №{pair} завершена")),
            1,
            "{}",
            h.transcript(user.id)
        );
    }
    // the mentor of the second pair had it too; no mentor got a second entry survey
    assert_eq!(
        count(&h, d.m2.id, "Итоговый опрос наставника · вопрос 1 из 4"),
        1
    );
    assert_eq!(count(&h, d.m1.id, "Входной опрос наставника · вопрос 1"), 1);
    h.stop().await;
}

// ---------------------------------------------------------------- the stages (issue 19 §4)

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stage_checklist_and_a_weekly_note_only_while_something_is_overdue() {
    let h = Harness::start().await;
    let d = district(&h).await;
    pair_up(&h, &d, &d.e1, &d.m1, "Петрова").await;
    let ekb = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(&format!("{s}+05:00"))
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let menu = h.say(&d.curator, "/stage", "Выберите этап").await;
    assert!(
        menu.text().unwrap().contains("нумерация этапов другая"),
        "{:?}",
        menu.text()
    );
    let mark = h.api.mark();
    h.tap(
        &d.curator,
        "6. организация работы наставнических пар или групп",
        "этап 6",
    )
    .await;
    let note = h
        .expect_after(mark, d.curator.id, "Что нужно на этом этапе")
        .await;
    assert!(
        note.text()
            .unwrap()
            .contains("• пары без плана (/plan): №1 (Петрова Анна Сергеевна)"),
        "{:?}",
        note.text()
    );
    h.say(
        &d.m1,
        "/meeting 45 Знакомство и план на четверть",
        "Записано",
    )
    .await;
    let weekly = "всё ещё на этапе 6";

    // the first week: the weekly note comes
    pass(&h, ekb("2026-09-08T10:00:00")).await;
    assert_eq!(count(&h, d.curator.id, weekly), 1);
    // the pair gets a plan: nothing left on the checklist, no more weekly notes
    let (mentor,): (i64,) = sqlx::query_as("SELECT mentor_id FROM pairs WHERE id = 1")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO plan_items (pair_id, kind, title, deadline, status, created_by, created_at, updated_at) VALUES (1, 'task', 'План урока', '2026-12-01', 'planned', ?, ?, ?)")
        .bind(mentor)
        .bind(h.clock_now())
        .bind(h.clock_now())
        .execute(&h.pool())
        .await
        .unwrap();
    pass(&h, ekb("2026-09-15T10:00:00")).await;
    assert_eq!(
        count(&h, d.curator.id, weekly),
        1,
        "{}",
        h.transcript(d.curator.id)
    );
    // three weeks without a meeting (since 01.09): overdue, and the weekly note says so
    pass(&h, ekb("2026-09-22T10:00:00")).await;
    let notes: Vec<String> = h
        .api
        .sent_texts(d.curator.id)
        .into_iter()
        .filter(|t| t.contains(weekly))
        .collect();
    assert_eq!(notes.len(), 2, "{}", h.transcript(d.curator.id));
    assert!(
        notes[1].contains("• пары без встреч 3 недели и больше: №1 (Петрова Анна Сергеевна)"),
        "{}",
        notes[1]
    );
    h.stop().await;
}
