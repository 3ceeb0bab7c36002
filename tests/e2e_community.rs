//! End-to-end: district community chats, announcements with delivery reports, the bank of
//! best practices, and what a group may (never) see.

mod common;

use chrono::Duration;
use common::{buttons_of, Harness};
use nastavnik::bot::{announce, chats};
use nastavnik::emulator::FakeUser;
use std::sync::Arc;

const DISTRICT_CHAT: i64 = -1001;
const SCHOOL_CHAT: i64 = -1002;
const COUNCIL_CHAT: i64 = -1003;
const IDLE_CHAT: i64 = -1004;

fn ctx(h: &Harness) -> Arc<nastavnik::bot::Ctx> {
    h.bot.as_ref().expect("running").ctx.clone()
}

async fn coordinator(h: &Harness, id: i64) -> FakeUser {
    h.new_curator(None, id, "Координатор", "Алексеева Ольга Николаевна")
        .await
}

/// The bot is added to a group; returns the introduction.
async fn add_bot(h: &Harness, chat: i64, by: &FakeUser) -> String {
    let mark = h.api.mark();
    h.api.bot_added_to_group(chat, by);
    h.expect_after(mark, chat, "Здравствуйте, коллеги")
        .await
        .text()
        .unwrap()
        .to_string()
}

/// A group message and the bot's answer containing `needle`.
async fn group_say(
    h: &Harness,
    chat: i64,
    user: &FakeUser,
    text: &str,
    needle: &str,
) -> nastavnik::emulator::ApiCall {
    let mark = h.api.mark();
    h.api.send_group_text(chat, user, text);
    h.expect_after(mark, chat, needle).await
}

/// Presses a button in a group and waits for `needle` there.
async fn group_tap(h: &Harness, chat: i64, user: &FakeUser, button: &str, needle: &str) {
    let mark = h.api.mark();
    h.api
        .press(user, chat, button)
        .unwrap_or_else(|| panic!("no button «{button}» in {chat}:\n{}", h.transcript(chat)));
    h.expect_after(mark, chat, needle).await;
}

/// Composes an announcement to the council chats and schedules it (`bad_time` is refused first).
async fn schedule_for_council(
    h: &Harness,
    coord: &FakeUser,
    text: &str,
    bad_time: Option<&str>,
    when: &str,
) {
    h.say(coord, "/announce", "текст объявления").await;
    h.say(coord, text, "Кому отправить").await;
    h.toggle(coord, "Чаты МО").await;
    h.tap(coord, "Готово", "Проверьте объявление").await;
    h.tap(coord, "Запланировать", "Когда отправить").await;
    if let Some(bad) = bad_time {
        h.say(coord, bad, "Не понял время").await;
    }
    h.say(coord, when, &format!("запланировано на {when}"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chats_are_linked_and_an_announcement_reports_its_delivery() {
    let h = Harness::start().await;
    let org = h.org("МБОУ СОШ № 3").await;
    let coord = coordinator(&h, 10).await;
    let m1 = h
        .new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "2")
        .await;
    let m2 = h
        .new_mentor(org, 202, "Борис", "Борисов Борис Борисович", "1")
        .await;
    let e1 = h
        .new_mentee(org, 301, "Мария", "Иванова Мария Петровна")
        .await;

    // the bot introduces itself once and says who can link the chat
    let hello = add_bot(&h, DISTRICT_CHAT, &m1).await;
    assert!(
        hello.contains("/link_chat") && hello.contains("координатор"),
        "{hello}"
    );
    h.api.bot_added_to_group(DISTRICT_CHAT, &m1);
    h.settle().await;
    assert_eq!(h.api.sent_texts(DISTRICT_CHAT).len(), 1, "introduced once");

    // a mentor can neither link nor press a forged linking button
    group_say(&h, DISTRICT_CHAT, &m1, "/link_chat", "только координатор").await;
    assert!(h
        .press_data(&m1, DISTRICT_CHAT, 1, "lc:d")
        .await
        .contains("только координатор"));
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM community_chats WHERE kind IS NOT NULL")
            .await,
        0
    );

    // the coordinator links three chats: the district community, a school, a subject council
    group_say(&h, DISTRICT_CHAT, &coord, "/link_chat", "Что это за чат").await;
    group_tap(
        &h,
        DISTRICT_CHAT,
        &coord,
        "Сообщество наставников",
        "чат сообщества наставников района",
    )
    .await;
    add_bot(&h, SCHOOL_CHAT, &coord).await;
    group_say(
        &h,
        SCHOOL_CHAT,
        &coord,
        "/link_chat@nastavnik_test_bot",
        "Что это за чат",
    )
    .await;
    group_tap(
        &h,
        SCHOOL_CHAT,
        &coord,
        "Чат организации",
        "Какой организации",
    )
    .await;
    group_tap(
        &h,
        SCHOOL_CHAT,
        &coord,
        "СОШ № 3",
        "чат организации «МБОУ СОШ № 3»",
    )
    .await;
    add_bot(&h, COUNCIL_CHAT, &coord).await;
    group_say(&h, COUNCIL_CHAT, &coord, "/link_chat", "Что это за чат").await;
    group_tap(
        &h,
        COUNCIL_CHAT,
        &coord,
        "Методическое объединение",
        "названием МО",
    )
    .await;
    group_say(
        &h,
        COUNCIL_CHAT,
        &coord,
        "МО учителей математики",
        "«МО учителей математики»",
    )
    .await;
    let kinds: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT chat_id, kind, org_id FROM community_chats WHERE kind IS NOT NULL ORDER BY chat_id DESC").fetch_all(&h.pool()).await.unwrap();
    assert_eq!(
        kinds,
        vec![
            (DISTRICT_CHAT, "district".into(), None),
            (SCHOOL_CHAT, "org".into(), Some(org)),
            (COUNCIL_CHAT, "council".into(), None)
        ]
    );

    // a chat nobody links is left after a day, with a goodbye
    add_bot(&h, IDLE_CHAT, &m1).await;
    let ctx = ctx(&h);
    assert_eq!(
        chats::leave_unlinked(&ctx, h.clock_now() + Duration::hours(23))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        chats::leave_unlinked(&ctx, h.clock_now() + Duration::hours(25))
            .await
            .unwrap(),
        1
    );
    assert!(h
        .api
        .calls_of("leaveChat")
        .iter()
        .any(|c| c.chat_id() == Some(IDLE_CHAT)));
    assert!(
        h.api
            .calls_of("leaveChat")
            .iter()
            .all(|c| c.chat_id() == Some(IDLE_CHAT)),
        "linked chats stay"
    );
    assert!(h.transcript(IDLE_CHAT).contains("выхожу"));

    // an announcement to two chats (by kind) and all mentors; one mentor blocked the bot
    h.api.set_blocked(m2.id, true);
    h.say(&coord, "/announce", "текст объявления").await;
    h.say(
        &coord,
        "Семинар наставников в пятницу в 15:00, актовый зал ИМЦ",
        "Кому отправить",
    )
    .await;
    h.toggle(&coord, "Чат сообщества района").await;
    h.toggle(&coord, "Чаты организаций").await;
    h.toggle(&coord, "Наставники").await;
    let preview = h.tap(&coord, "Готово", "Проверьте объявление").await;
    assert!(
        preview.text().unwrap().contains("2 чата и 2 человека"),
        "{}",
        preview.text().unwrap()
    );
    let mark = h.api.mark();
    h.tap(&coord, "Отправить сейчас", "Отправляю").await;
    let report = h
        .expect_after(mark, coord.id, "Отчёт по объявлению")
        .await
        .text()
        .unwrap()
        .to_string();
    assert!(report.contains("доставлено 3 из 4"), "{report}");
    assert!(
        report.contains("Борисов Борис Борисович: бот заблокирован"),
        "{report}"
    );
    for chat in [DISTRICT_CHAT, SCHOOL_CHAT, m1.id] {
        assert!(
            h.transcript(chat).contains("Семинар наставников в пятницу"),
            "{chat}: {}",
            h.transcript(chat)
        );
    }
    for chat in [COUNCIL_CHAT, e1.id] {
        assert!(
            !h.transcript(chat).contains("Семинар наставников"),
            "{chat} is not a target"
        );
    }
    assert_eq!(
        h.count(
            "SELECT COUNT(*) FROM users WHERE telegram_id = 202 AND unreachable_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        h.count("SELECT COUNT(*) FROM announcement_deliveries WHERE status = 'blocked'")
            .await,
        1
    );

    // a scheduled announcement waits for its time (district time, Moscow in tests)
    schedule_for_council(
        &h,
        &coord,
        "Заседание МО перенесено на четверг",
        Some("вчера"),
        "02.09.2026 10:00",
    )
    .await;
    let kept: i64 = h.count("SELECT MAX(id) FROM announcements").await;

    // a second one is cancelled from its confirmation
    schedule_for_council(
        &h,
        &coord,
        "Методический день переносится",
        None,
        "03.09.2026 10:00",
    )
    .await;
    let dropped = kept + 1;
    // someone else's forged press changes nothing (refused before any handler: not its author)
    let confirmation = h.api.last_bot_message(coord.id).unwrap()["message_id"]
        .as_i64()
        .unwrap();
    let query = h
        .api
        .press_button(&m1, m1.id, confirmation, &format!("an:x:{dropped}:c"));
    let answer = h
        .api
        .wait_for_answer(&query, common::WAIT)
        .await
        .expect("answered");
    assert!(
        answer.params["text"]
            .as_str()
            .unwrap_or("")
            .contains("не действует"),
        "{:?}",
        answer.params
    );
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM announcements WHERE id = {dropped} AND status = 'scheduled'"
        ))
        .await,
        1
    );
    h.tap(
        &coord,
        &format!("Отменить №{dropped}"),
        &format!("Объявление №{dropped} отменено"),
    )
    .await;
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM announcements WHERE id = {dropped} AND status = 'cancelled'"
        ))
        .await,
        1
    );
    // /announce lists what still waits, with a button to cancel it
    let prompt = h.say(&coord, "/announce", "текст объявления").await;
    let text = prompt.text().unwrap().to_string();
    assert!(
        text.contains("Уже запланировано 1 объявление")
            && text.contains(&format!(
                "№{kept} — 02.09.2026 10:00 — «Заседание МО перенесено на четверг»"
            )),
        "{text}"
    );
    assert!(!text.contains(&format!("№{dropped}")), "{text}");
    h.say(&coord, "/cancel", "").await;

    let due = h.clock_now() + Duration::hours(24);
    assert_eq!(
        announce::send_due(&ctx, due - Duration::minutes(1))
            .await
            .unwrap(),
        0
    );
    assert!(!h.transcript(COUNCIL_CHAT).contains("перенесено"));
    let mark = h.api.mark();
    assert_eq!(announce::send_due(&ctx, due).await.unwrap(), 1);
    assert_eq!(announce::send_due(&ctx, due).await.unwrap(), 0, "sent once");
    assert_eq!(
        announce::send_due(&ctx, due + Duration::days(2))
            .await
            .unwrap(),
        0,
        "the cancelled one never goes"
    );
    assert!(!h.transcript(COUNCIL_CHAT).contains("Методический день"));
    h.expect_after(mark, COUNCIL_CHAT, "Заседание МО перенесено")
        .await;
    let report = h.expect_after(mark, coord.id, "Отчёт по объявлению").await;
    assert!(report.text().unwrap().contains("доставлено 1 из 1"));

    // unlinking
    group_say(&h, COUNCIL_CHAT, &m1, "/unlink_chat", "только координатор").await;
    group_say(&h, COUNCIL_CHAT, &coord, "/unlink_chat", "отключён").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM community_chats WHERE kind IS NOT NULL")
            .await,
        2
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_never_gets_personal_data_and_newcomers_are_welcomed_sparingly() {
    let h = Harness::start_with_admins(vec![42]).await;
    let org = h.org("Гимназия № 2").await;
    let admin = FakeUser::new(42, "Админ");
    let curator = h
        .new_curator(Some(org), 100, "Елена", "Соколова Елена Викторовна")
        .await;
    let mentee = h
        .new_mentee(org, 301, "Мария", "Иванова Мария Петровна")
        .await;
    let open = h
        .new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "2")
        .await;
    h.new_mentor(org, 202, "Борис", "Борисов Борис Борисович", "1")
        .await;
    // one mentor opts in to the open district base in /profile
    h.say(&open, "/profile", "Ваш профиль").await;
    h.tap(&open, "Открытая база", "Ваш профиль").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM mentor_profiles WHERE listed_publicly = 1")
            .await,
        1
    );

    let group = -2001;
    add_bot(&h, group, &admin).await;
    group_say(&h, group, &admin, "/link_chat", "Что это за чат").await;
    group_tap(
        &h,
        group,
        &admin,
        "Сообщество наставников",
        "чат сообщества",
    )
    .await;

    // private matters asked in the group: a kind reply with a button to continue in private
    for (who, cmd) in [
        (&mentee, "/request"),
        (&mentee, "/profile"),
        (&mentee, "/mydata"),
        (&curator, "/requests"),
        (&curator, "/pairs"),
        (&curator, "/history"),
        (&curator, "/announce"),
    ] {
        let reply = group_say(&h, group, who, cmd, "личные сообщения").await;
        let urls: Vec<String> = buttons_of(&reply).into_iter().filter_map(|b| b.2).collect();
        assert_eq!(
            urls,
            vec!["https://t.me/nastavnik_test_bot".to_string()],
            "{cmd}"
        );
    }
    h.settle().await;
    // /events: the district calendar, titles and dates only
    group_say(
        &h,
        group,
        &mentee,
        "/events",
        "Обучение наставников (сентябрь)",
    )
    .await;

    // /mentors: only the mentor who opted in, with a deep link to ask for her
    let list = group_say(&h, group, &mentee, "/mentors методике", "в открытой базе").await;
    let text = list.text().unwrap();
    assert!(
        text.contains("Петрова Анна Сергеевна") && !text.contains("Борисов"),
        "{text}"
    );
    let open_id = h
        .count("SELECT id FROM users WHERE telegram_id = 201")
        .await;
    let link = format!("https://t.me/nastavnik_test_bot?start=mentor-{open_id}");
    assert!(
        buttons_of(&list)
            .iter()
            .any(|b| b.2.as_deref() == Some(link.as_str())),
        "{:?}",
        buttons_of(&list)
    );
    group_say(&h, group, &mentee, "/mentors", "Напишите направление").await;

    // nothing personal reached the group: no names of mentees or curators, no requests
    let all = h.transcript(group);
    for secret in [
        "Иванова",
        "Соколова",
        "Мария",
        "Запрос",
        "Трудности",
        "Telegram ID",
    ] {
        assert!(
            !all.contains(secret),
            "«{secret}» leaked into the group:\n{all}"
        );
    }

    // the deep link continues in private: the mentor's card and the request form
    let mark = h.api.mark();
    h.api
        .send_text(&mentee, &format!("/start mentor-{open_id}"));
    h.expect_after(mark, mentee.id, "Петрова Анна Сергеевна")
        .await;
    h.expect_after(mark, mentee.id, "нужна помощь наставника")
        .await;
    h.say(&mentee, "/cancel", "Отменено").await;

    // newcomers: one welcome with a deep link, then at most one per 10 minutes, batching names
    let mark = h.api.mark();
    h.api.users_joined_group(
        group,
        &[FakeUser::new(501, "Алла"), FakeUser::new(502, "Вера")],
    );
    let welcome = h.expect_after(mark, group, "Добро пожаловать").await;
    assert!(
        welcome.text().unwrap().contains("коллеги: Алла, Вера"),
        "{}",
        welcome.text().unwrap()
    );
    assert!(buttons_of(&welcome)
        .iter()
        .any(|b| b.2.as_deref() == Some("https://t.me/nastavnik_test_bot")));
    h.clock.advance(Duration::minutes(3));
    h.api
        .users_joined_group(group, &[FakeUser::new(503, "Галина")]);
    h.api
        .users_joined_group(group, &[FakeUser::new(504, "Дарья")]);
    h.settle().await;
    assert_eq!(
        h.api
            .sent_texts(group)
            .iter()
            .filter(|t| t.contains("Добро пожаловать"))
            .count(),
        1,
        "no spam"
    );
    h.clock.advance(Duration::minutes(8));
    let mark = h.api.mark();
    chats::tick(&ctx(&h), h.clock_now()).await;
    let second = h.expect_after(mark, group, "Добро пожаловать").await;
    assert!(second.text().unwrap().contains("Галина, Дарья"));
    h.stop().await;
}

/// Inserts a pair of `org` with `mentor` and `mentee` in `status`; returns its id.
async fn pair(h: &Harness, org: i64, mentor_tg: i64, mentee_tg: i64, status: &str) -> i64 {
    let pool = h.pool();
    let id = |tg: i64| format!("(SELECT id FROM users WHERE telegram_id = {tg})");
    let pair = sqlx::query(&format!(
        "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, end_reason, created_at) \
         VALUES (?, {}, 'traditional', '2025-09-01', '2026-05-31', ?, CASE WHEN ? = 'completed' THEN 'completed' END, '2025-09-01T00:00:00Z')",
        id(mentor_tg)
    ))
    .bind(org)
    .bind(status)
    .bind(status)
    .execute(&pool)
    .await
    .unwrap()
    .last_insert_rowid();
    sqlx::query(&format!("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, {}, '2025-09-01T00:00:00Z')", id(mentee_tg)))
        .bind(pair)
        .execute(&pool)
        .await
        .unwrap();
    pair
}

/// The mentor fills in /practice for the only finished pair.
async fn submit_practice(h: &Harness, mentor: &FakeUser, coord: &FakeUser, description: &str) {
    h.say(mentor, "/practice", "завершённой программе").await;
    h.tap(mentor, "Иванова Мария", "Как называется практика")
        .await;
    h.say(
        mentor,
        "Открытые уроки для молодых педагогов",
        "направлениям",
    )
    .await;
    h.toggle(mentor, "Методика").await;
    h.tap(mentor, "Готово", "форма наставничества").await;
    h.tap(mentor, "Традиционная", "Опишите практику").await;
    h.say(mentor, "коротко", "от 30").await;
    h.say(mentor, description, "приложить").await;
    let mark = h.api.mark();
    h.api.send_document(mentor, "план-урока.docx", None);
    h.expect_after(mark, mentor.id, "Файл добавлен").await;
    let mark = h.api.mark();
    h.tap(mentor, "Отправить на проверку", "отправлена координатору")
        .await;
    h.expect_after(mark, coord.id, "Новая практика на проверку")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_is_moderated_published_and_found_by_another_word_form() {
    let h = Harness::start().await;
    let org = h.org("МБОУ СОШ № 7").await;
    let coord = coordinator(&h, 10).await;
    let mentor = h
        .new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "3")
        .await;
    let e1 = h
        .new_mentee(org, 301, "Мария", "Иванова Мария Петровна")
        .await;
    h.new_mentee(org, 302, "Дмитрий", "Кузнецов Дмитрий Андреевич")
        .await;

    // only a running program: nothing to submit, and a forged choice changes nothing
    let running = pair(&h, org, 201, 302, "active").await;
    h.say(&mentor, "/practice", "после завершения программы")
        .await;
    let done = pair(&h, org, 201, 301, "completed").await;
    let choose = h.say(&mentor, "/practice", "завершённой программе").await;
    let offered: Vec<String> = buttons_of(&choose)
        .into_iter()
        .filter_map(|b| b.1)
        .collect();
    assert_eq!(offered, vec![format!("ps:pair:{done}")]);
    let mid = choose.result().unwrap()["message_id"].as_i64().unwrap();
    assert!(h
        .press_data(&mentor, mentor.id, mid, &format!("ps:pair:{running}"))
        .await
        .contains("не действует"));
    h.say(&mentor, "/cancel", "Отменено").await;

    submit_practice(
        &h,
        &mentor,
        &coord,
        "Молодые педагоги посещали уроки наставника и разбирали их вместе по схеме.",
    )
    .await;
    // a mentor cannot approve it with a forged button
    assert!(h
        .press_data(&mentor, mentor.id, 1, "pm:ok:1")
        .await
        .contains("не действует"));
    h.settle().await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM practices WHERE status = 'pending'")
            .await,
        1
    );

    // sent back with a comment, resubmitted, approved
    h.tap(&coord, "На доработку", "комментарий для автора")
        .await;
    let mark = h.api.mark();
    h.say(
        &coord,
        "Добавьте, пожалуйста, схему разбора урока",
        "Возвращено автору",
    )
    .await;
    let back = h.expect_after(mark, mentor.id, "на доработку").await;
    assert!(back.text().unwrap().contains("схему разбора"));
    submit_practice(
        &h,
        &mentor,
        &coord,
        "Молодые педагоги посещали уроки наставника и разбирали их по схеме: цель, приёмы, итог.",
    )
    .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM practices").await,
        1,
        "the returned practice is replaced"
    );
    let mark = h.api.mark();
    h.tap(&coord, "Опубликовать", "Опубликовано").await;
    h.expect_after(mark, mentor.id, "опубликована").await;

    // found by another word form, in private with its files, and in a group without names
    let found = h.say(&e1, "/practices уроков", "Практика 1 из 1").await;
    let text = found.text().unwrap();
    assert!(
        text.contains("Открытые уроки для молодых педагогов") && text.contains("МБОУ СОШ № 7"),
        "{text}"
    );
    assert!(
        !text.contains("Петрова") && !text.contains("Иванова"),
        "no names in the bank: {text}"
    );
    let mark = h.api.mark();
    h.api.press(&e1, e1.id, "Файлы").unwrap();
    let doc = h
        .api
        .wait_for_call_after(
            mark,
            |c| c.is("sendDocument") && c.chat_id() == Some(e1.id),
            common::WAIT,
        )
        .await;
    assert!(doc.is_some_and(|d| d.ok()), "the file is sent");
    h.say(&e1, "/practices урок дисциплина", "не нашлось").await;
    let mark = h.api.mark();
    h.api.send_group_text(-3001, &e1, "/practices Урок");
    let list = h
        .expect_after(mark, -3001, "Банк лучших практик: 1 практика")
        .await;
    assert!(list.text().unwrap().contains("Открытые уроки"));

    // a practice whose program is running again cannot be published
    let again = pair(&h, org, 201, 302, "completed").await;
    sqlx::query("INSERT INTO practices (pair_id, org_id, author_id, title, areas, form, description, status, created_at, updated_at) \
                 VALUES (?, ?, (SELECT id FROM users WHERE telegram_id = 201), 'Уроки в группе', 'methods', 'group', 'Описание практики групповых уроков для педагогов', 'pending', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z')")
        .bind(again)
        .bind(org)
        .execute(&h.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE pairs SET status = 'active' WHERE id = ?")
        .bind(again)
        .execute(&h.pool())
        .await
        .unwrap();
    h.say(&coord, "/moderate", "Уроки в группе").await;
    h.tap(&coord, "Опубликовать", "программа этой пары не завершена")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM practices WHERE status = 'published'")
            .await,
        1
    );
    h.say(&e1, "/practices урокам", "Практика 1 из 1").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_coordinators_and_curators_announce_within_their_scope() {
    let h = Harness::start().await;
    let org = h.org("Школа № 1").await;
    let mentor = h
        .new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "2")
        .await;
    h.say(&mentor, "/announce", "доступна другим участникам")
        .await;
    assert!(h
        .press_data(&mentor, mentor.id, 1, "an:send")
        .await
        .contains("не действует"));

    // a curator announces only to own organization's chats and people
    let curator = h
        .new_curator(Some(org), 100, "Елена", "Соколова Елена Викторовна")
        .await;
    h.say(&curator, "/announce", "текст объявления").await;
    let targets = h.say(&curator, "Педсовет в среду", "Кому отправить").await;
    let codes: Vec<String> = buttons_of(&targets)
        .into_iter()
        .filter_map(|b| b.1)
        .collect();
    assert_eq!(
        codes,
        vec![
            "an:t:chat:org",
            "an:t:role:mentor",
            "an:t:role:mentee",
            "an:done"
        ]
    );
    let mid = targets.result().unwrap()["message_id"].as_i64().unwrap();
    assert!(h
        .press_data(&curator, curator.id, mid, "an:t:chat:district")
        .await
        .contains("не действует"));
    h.toggle(&curator, "Наставники").await;
    h.tap(&curator, "Готово", "Проверьте объявление").await;
    let mark = h.api.mark();
    h.tap(&curator, "Отправить сейчас", "Отправляю").await;
    h.expect_after(mark, mentor.id, "Педсовет в среду").await;
    let report = h
        .expect_after(mark, curator.id, "Отчёт по объявлению")
        .await;
    assert!(report.text().unwrap().contains("доставлено 1 из 1"));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM announcements").await,
        1,
        "the mentor's attempts stored nothing"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_nobody_can_moderate_says_so_and_tells_the_admin() {
    let h = Harness::start_with_admins(vec![900]).await;
    let org = h.org("МБОУ СОШ № 7").await;
    let mentor = h
        .new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "3")
        .await;
    h.new_mentee(org, 301, "Мария", "Иванова Мария Петровна")
        .await;
    pair(&h, org, 201, 301, "completed").await;
    h.say(&mentor, "/practice", "завершённой программе").await;
    h.tap(&mentor, "Иванова Мария", "Как называется практика")
        .await;
    h.say(
        &mentor,
        "Открытые уроки для молодых педагогов",
        "направлениям",
    )
    .await;
    h.toggle(&mentor, "Методика").await;
    h.tap(&mentor, "Готово", "форма наставничества").await;
    h.tap(&mentor, "Традиционная", "Опишите практику").await;
    h.say(
        &mentor,
        "Молодые педагоги посещали уроки наставника и разбирали их вместе по схеме.",
        "приложить",
    )
    .await;
    let mark = h.api.mark();
    let done = h
        .tap(
            &mentor,
            "Отправить на проверку",
            "проверить её сейчас некому",
        )
        .await;
    assert!(
        !done.text().unwrap().contains("отправлена координатору"),
        "{:?}",
        done.text()
    );
    h.expect_after(mark, 900, "проверить её некому: в районе нет координатора")
        .await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM practices WHERE status = 'pending'")
            .await,
        1,
        "it waits for a coordinator"
    );
    h.stop().await;
}
