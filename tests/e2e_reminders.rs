//! End-to-end: reminders and digests through the real bot and the fake Bot API, with time
//! jumping weeks ahead. Each reminder arrives once; a restart changes nothing; 429 loses
//! nothing; a blocked person is marked unreachable and listed in the curator's digest.

mod common;

use common::ekb;

use chrono::{DateTime, Utc};
use common::{buttons_of, Harness};
use nastavnik::bot::reminders::run_pass;
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;
use nastavnik::repo::{users, Pool};
use std::time::Duration;

const CURATOR: i64 = 100;
const MENTOR: i64 = 201;
const MENTEE: i64 = 301;

/// A registered person with a role (as onboarding leaves them), straight into the database.
async fn person(pool: &Pool, tg: i64, name: &str, role: Role, org: i64) -> i64 {
    let t = ekb("2026-08-25T10:00:00");
    let u = users::ensure(pool, tg, t).await.unwrap();
    users::give_consent(pool, u.id, t).await.unwrap();
    users::update_basic(pool, u.id, users::BasicField::FullName, name, t)
        .await
        .unwrap();
    users::set_org(pool, u.id, org, t).await.unwrap();
    users::grant_role(pool, u.id, role, Some(org), t)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET registered_at = ? WHERE id = ?")
        .bind(t)
        .bind(u.id)
        .execute(pool)
        .await
        .unwrap();
    if role == Role::Mentor {
        sqlx::query(
            "INSERT INTO mentor_profiles (user_id, competences, forms, capacity, consent_at, updated_at, confirmed_at) VALUES (?, 'methods', 'traditional', 3, ?, ?, ?)",
        )
        .bind(u.id)
        .bind(t)
        .bind(t)
        .bind(t)
        .execute(pool)
        .await
        .unwrap();
    }
    u.id
}

struct School {
    org: i64,
    mentor: i64,
    mentee: i64,
    pair: i64,
}

/// A school at stage 6 since 1 September; a pair started 1 September, ending 1 December,
/// with a task due 10 September.
async fn school(h: &Harness) -> School {
    let pool = h.pool();
    let org = h.org("МБОУ СОШ № 7").await;
    sqlx::query("UPDATE organizations SET stage = 6, stage_since = ? WHERE id = ?")
        .bind(ekb("2026-09-01T10:00:00"))
        .bind(org)
        .execute(&pool)
        .await
        .unwrap();
    person(
        &pool,
        CURATOR,
        "Соколова Елена Викторовна",
        Role::Curator,
        org,
    )
    .await;
    let mentor = person(&pool, MENTOR, "Петрова Анна Сергеевна", Role::Mentor, org).await;
    let mentee = person(&pool, MENTEE, "Иванова Мария Петровна", Role::Mentee, org).await;
    let pair = sqlx::query(
        "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, 'traditional', '2026-09-01', '2026-12-01', 'active', ?)",
    )
    .bind(org)
    .bind(mentor)
    .bind(ekb("2026-09-01T10:00:00"))
    .execute(&pool)
    .await
    .unwrap()
    .last_insert_rowid();
    sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, ?)")
        .bind(pair)
        .bind(mentee)
        .bind(ekb("2026-09-01T10:00:00"))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO plan_items (pair_id, kind, title, deadline, status, created_by, created_at, updated_at) VALUES (?, 'task', 'План открытого урока', '2026-09-10', 'planned', ?, ?, ?)")
        .bind(pair)
        .bind(mentor)
        .bind(ekb("2026-09-01T10:00:00"))
        .bind(ekb("2026-09-01T10:00:00"))
        .execute(&pool)
        .await
        .unwrap();
    School {
        org,
        mentor,
        mentee,
        pair,
    }
}

/// Stops the harness's bot, keeping the fake API and the database.
async fn stop_bot(h: &mut Harness) {
    if let Some(bot) = h.bot.take() {
        bot.stop().await;
    }
}

fn count(h: &Harness, chat: i64, needle: &str) -> usize {
    h.api
        .sent_texts(chat)
        .iter()
        .filter(|t| t.contains(needle))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_reminder_arrives_once_across_passes_restarts_and_weeks() {
    let mut h = Harness::start().await;
    let s = school(&h).await;

    // 8 September, 09:00: the task is due in 2 days
    let r = h.pass_local("2026-09-08T09:00:00").await;
    assert!(r.sent >= 1, "{r}");
    h.expect(MENTEE, "осталось 2 дня").await;
    // the same moment again, and after a restart: nothing new
    assert_eq!(h.pass_local("2026-09-08T09:00:00").await.sent, 0);
    h.restart().await;
    assert_eq!(h.pass_local("2026-09-08T10:00:00").await.sent, 0);
    assert_eq!(count(&h, MENTEE, "«План открытого урока»"), 1);

    // 10 September 22:00: quiet hours, nothing is sent even though the task is overdue at midnight
    let r = h.pass_local("2026-09-10T22:00:00").await;
    assert_eq!(r.sent, 0, "{r}");
    // 11 September 07:30 still quiet; at 08:00 mentee and mentor hear about the overdue task
    assert!(h.pass_local("2026-09-11T07:30:00").await.deferred > 0);
    h.pass_local("2026-09-11T08:00:00").await;
    h.expect(
        MENTEE,
        "Срок задания «План открытого урока» прошёл 10.09.2026",
    )
    .await;
    h.expect(
        MENTOR,
        "Наставляемый Иванова Мария Петровна: просрочено задание",
    )
    .await;

    // Monday 14 September, 09:00: the curator's weekly digest
    let mark = h.api.mark();
    h.pass_local("2026-09-14T09:00:00").await;
    let digest = h.expect_after(mark, CURATOR, "Сводка за неделю").await;
    let text = digest.text().unwrap().to_string();
    assert!(
        text.contains("МБОУ СОШ № 7")
            && text.contains("без приказа: 1")
            && text.contains("просроченных заданий: 1"),
        "{text}"
    );
    assert!(text.contains("встречи: 0 встреч, 0 часов"), "{text}");

    // 15 September: two weeks without a meeting → the mentor; 22 September: → the curator
    h.pass_local("2026-09-15T10:00:00").await;
    h.expect(
        MENTOR,
        "нет встреч с наставляемым (Иванова Мария Петровна) уже 14 дней",
    )
    .await;
    h.restart().await;
    h.pass_local("2026-09-22T10:00:00").await;
    h.expect(CURATOR, "молчит 21 день").await;

    // 17 November: the program ends in 14 days, with the pair's own buttons
    h.pass_local("2026-11-17T10:00:00").await;
    let soon = h
        .expect(MENTEE, "заканчивается 01.12.2026, через 14 дней")
        .await;
    let data: Vec<String> = buttons_of(&soon).into_iter().filter_map(|b| b.1).collect();
    assert_eq!(
        data,
        vec![format!("pr:ext:{}", s.pair), format!("pr:end:{}", s.pair)]
    );
    h.expect(MENTOR, "заканчивается 01.12.2026").await;
    h.expect(CURATOR, "Нужно решение").await;

    // replaying the whole autumn again sends nothing twice
    for at in [
        "2026-09-08T09:00:00",
        "2026-09-11T08:00:00",
        "2026-09-14T09:00:00",
        "2026-09-15T10:00:00",
        "2026-09-22T10:00:00",
        "2026-11-17T10:00:00",
    ] {
        assert_eq!(h.pass_local(at).await.sent, 0, "replay at {at}");
    }
    h.settle().await;
    assert_eq!(count(&h, MENTEE, "осталось 2 дня"), 1);
    assert_eq!(count(&h, MENTEE, "прошёл 10.09.2026"), 1);
    assert_eq!(count(&h, MENTOR, "просрочено задание"), 1);
    assert_eq!(
        count(&h, CURATOR, "Сводка за неделю"),
        4,
        "weeks 37 (caught up on Tuesday), 38, 39 (Tuesday), 47 (Tuesday)"
    );
    assert_eq!(count(&h, MENTOR, "уже 14 дней"), 1);
    assert_eq!(count(&h, CURATOR, "молчит"), 1);
    assert_eq!(count(&h, MENTEE, "через 14 дней"), 1);
    // a week past the end without a decision: the curator, weekly
    h.pass_local("2026-12-02T10:00:00").await;
    h.pass_local("2026-12-05T10:00:00").await;
    h.pass_local("2026-12-09T10:00:00").await;
    h.expect_n(CURATOR, "истёк 01.12.2026", 2).await;
    let _ = (s.org, s.mentor, s.mentee);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_api_loses_nothing() {
    let h = Harness::start().await;
    let s = school(&h).await;
    let pool = h.pool();
    let mentors: Vec<i64> = (0..6).map(|i| 400 + i).collect();
    for (i, tg) in mentors.iter().enumerate() {
        person(&pool, *tg, &format!("Наставник {i}"), Role::Mentor, s.org).await;
    }
    // the fake Telegram allows 3 messages a second in all: a burst must meet 429s
    h.api.rate_limit(1, 3);
    let r = h.pass_local("2026-09-01T12:00:00").await;
    assert!(r.sent >= 7, "{r}");
    assert_eq!((r.retry, r.unknown), (0, 0), "{r}");
    for tg in mentors.iter().chain([&MENTOR]) {
        assert_eq!(
            count(&h, *tg, "Обучение наставников (сентябрь)"),
            1,
            "mentor {tg}"
        );
    }
    let limited = h.api.calls().iter().filter(|c| c.status == 429).count();
    assert!(limited > 0, "the rate limit was hit and honoured");
    assert_eq!(h.pass_local("2026-09-01T12:05:00").await.sent, 0);
    h.stop().await;
}

/// The fake API fails 10 % of all calls (error 500): failed reminders are sent again by the
/// next passes, and in the end everyone has theirs exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flaky_api_still_delivers_each_reminder_exactly_once() {
    let h = Harness::start().await;
    let s = school(&h).await;
    let pool = h.pool();
    let mentors: Vec<i64> = (0..40).map(|i| 500 + i).chain([MENTOR]).collect();
    for (i, tg) in mentors.iter().enumerate().take(40) {
        person(&pool, *tg, &format!("Наставник {i}"), Role::Mentor, s.org).await;
    }
    h.api.fail_randomly_with_status(0.1, 11, 200);
    let mut retried = 0;
    for minute in [0, 5, 10, 15, 20, 25, 30, 35] {
        let r = h.pass_local(&format!("2026-09-01T12:{minute:02}:00")).await;
        assert_eq!(r.unknown, 0, "{r}");
        retried += r.retry;
        if mentors
            .iter()
            .all(|tg| count(&h, *tg, "Обучение наставников (сентябрь)") == 1)
        {
            break;
        }
    }
    h.api.fail_randomly(0.0, 0);
    assert!(retried > 0, "some sends failed and were retried");
    assert_eq!(
        h.pass_local("2026-09-01T13:00:00").await.sent,
        0,
        "nothing left to send"
    );
    h.settle().await;
    for tg in &mentors {
        assert_eq!(
            count(&h, *tg, "Обучение наставников (сентябрь)"),
            1,
            "mentor {tg}"
        );
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_person_is_marked_unreachable_and_listed_in_the_digest() {
    let h = Harness::start().await;
    let s = school(&h).await;
    h.api.set_blocked(MENTEE, true);
    let r = h.pass_local("2026-09-08T09:00:00").await;
    assert!(r.unreachable >= 1, "{r}");
    let attempts = h
        .api
        .calls()
        .iter()
        .filter(|c| c.chat_id() == Some(MENTEE) && c.is("sendMessage"))
        .count();
    assert_eq!(attempts, 1, "403 is not retried");
    let mentee = users::by_id(&h.pool(), s.mentee).await.unwrap().unwrap();
    assert!(mentee.unreachable_at.is_some());
    // the next pass does not try the same reminder again
    h.pass_local("2026-09-08T12:00:00").await;
    assert_eq!(
        h.api
            .calls()
            .iter()
            .filter(|c| c.chat_id() == Some(MENTEE) && c.is("sendMessage"))
            .count(),
        1
    );
    // Monday: the curator sees who cannot be reached
    h.pass_local("2026-09-14T09:00:00").await;
    h.expect(CURATOR, "недоступны — не получают сообщения (заблокировали бота или ни разу его не открыли): Иванова Мария Петровна").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curators_move_the_stage_mute_topics_and_ask_for_a_digest() {
    let h = Harness::start().await;
    let s = school(&h).await;
    let curator = FakeUser::new(CURATOR, "Елена");
    h.clock.set(ekb("2026-09-02T11:00:00"));
    h.say(&curator, "/stage", "сейчас этап 6").await;
    let mark = h.api.mark();
    h.tap(&curator, "2. формирование базы наставляемых", "этап 2")
        .await;
    // the note on what the stage needs arrives at once, listing who has not asked yet
    let note = h
        .expect_after(mark, CURATOR, "Что нужно на этом этапе")
        .await;
    assert!(
        note.text()
            .unwrap()
            .contains("собрать запросы наставляемых"),
        "{:?}",
        note.text()
    );
    // ... and not again from the scheduled pass
    assert_eq!(h.pass_local("2026-09-02T11:05:00").await.sent, 0);
    // /settings: switch digests off, edited in place
    h.say(&curator, "/settings", "Какие напоминания").await;
    h.toggle(&curator, "сводки").await;
    let msg = h.api.last_bot_message(CURATOR).unwrap();
    assert!(msg.to_string().contains("⬜ сводки"), "{msg}");
    let r = h.pass_local("2026-09-07T09:00:00").await;
    assert_eq!(count(&h, CURATOR, "Сводка за неделю"), 0, "muted: {r}");
    // /digest still answers on demand
    h.say(&curator, "/digest", "Сводка за неделю").await;
    let _ = s;
    h.stop().await;
}

/// The district's coordinator Орлова Ирина, registered before the school year.
async fn coordinator(h: &Harness) -> FakeUser {
    let coord = FakeUser::new(900, "Координатор");
    let pool = h.pool();
    let t = ekb("2026-08-25T10:00:00");
    let u = users::ensure(&pool, coord.id, t).await.unwrap();
    users::give_consent(&pool, u.id, t).await.unwrap();
    users::update_basic(&pool, u.id, users::BasicField::FullName, "Орлова Ирина", t)
        .await
        .unwrap();
    users::grant_role(&pool, u.id, Role::Coordinator, None, t)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET registered_at = ? WHERE id = ?")
        .bind(t)
        .bind(u.id)
        .execute(&pool)
        .await
        .unwrap();

    coord
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_edits_the_calendar_and_gets_the_monthly_digest() {
    let h = Harness::start().await;
    let s = school(&h).await;
    let coord = coordinator(&h).await;

    h.say(&coord, "/calendar", "Календарь района").await;
    h.say(
        &coord,
        "/calendar add 01.10-20.10 координатор,кураторы Районный слёт наставников",
        "Добавлено: Районный слёт наставников",
    )
    .await;
    h.say(&coord, "/calendar add когда-нибудь", "Не понял")
        .await;
    // 1 October, 09:00 Moscow: the monthly digest and the new event's opening
    let now = DateTime::parse_from_rfc3339("2026-10-01T09:00:00+03:00")
        .unwrap()
        .with_timezone(&Utc);
    h.clock.set(now);
    run_pass(&h.bot.as_ref().unwrap().ctx, now).await.unwrap();
    let digest = h.expect(coord.id, "Сводка по району за месяц").await;
    assert!(
        digest
            .text()
            .unwrap()
            .contains("МБОУ СОШ № 7 · эт. 6 · пар 1"),
        "{:?}",
        digest.text()
    );
    h.expect(
        coord.id,
        "Открылся срок по положению: Районный слёт наставников",
    )
    .await;
    h.expect(CURATOR, "Районный слёт наставников").await;
    let _ = s;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_runs_by_itself_and_stops_with_the_bot() {
    let mut h = Harness::start().await;
    school(&h).await;
    stop_bot(&mut h).await;
    h.clock.set(ekb("2026-09-08T09:00:00"));
    let mut cfg = h.config();
    cfg.reminders.scheduler = true;
    cfg.reminders.first_pass_after = Duration::from_millis(200);
    let bot = nastavnik::app::start(cfg, std::sync::Arc::new(h.clock.clone()), false)
        .await
        .unwrap();
    h.bot = Some(bot);
    h.expect(MENTEE, "осталось 2 дня").await;
    tokio::time::timeout(Duration::from_secs(10), h.stop())
        .await
        .expect("stops cleanly");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nastavnik_tick_runs_one_pass_and_exits() {
    let mut h = Harness::start().await;
    school(&h).await;
    stop_bot(&mut h).await;
    let run = |now: &'static str| {
        let (url, db) = (h.api.url().to_string(), h.db_url.clone());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("TELOXIDE_TOKEN", nastavnik::emulator::TOKEN)
                .env("TELOXIDE_API_URL", url)
                .env("DATABASE_URL", db)
                .env("RUST_LOG", "error")
                .args(["tick", "--now", now])
                .output()
                .expect("binary runs")
        })
    };
    let out = run("2026-09-08T09:00:00+05:00").await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("sent ") && !stdout.starts_with("sent 0"),
        "{stdout}"
    );
    assert_eq!(count(&h, MENTEE, "осталось 2 дня"), 1);
    let again = run("2026-09-08T09:30:00+05:00").await.unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).starts_with("sent 0"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let bad = run("next tuesday").await.unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("RFC 3339"));
    assert_eq!(count(&h, MENTEE, "осталось 2 дня"), 1);
    h.api.shutdown();
}

/// The coordinator records the district's held events from /calendar: the date and title
/// typed, the organizations chosen; the indicators count it; nobody else can.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_records_a_held_event_and_the_indicators_count_it() {
    use nastavnik::domain::monitoring::compute;
    use nastavnik::repo::monitoring::{facts, targets, Scope};
    let h = Harness::start().await;
    school(&h).await;
    let coord = coordinator(&h).await;
    h.clock.set(ekb("2026-10-20T12:00:00"));
    h.say(
        &coord,
        "/calendar",
        "Проведено мероприятий в этом учебном году: 0",
    )
    .await;
    h.tap(
        &coord,
        "Отметить проведённое мероприятие",
        "Когда прошло мероприятие",
    )
    .await;
    h.say(&coord, "когда-нибудь Семинар", "Не понял дату").await;
    h.say(&coord, "25.10 Семинар", "ещё не наступила").await;
    h.say(
        &coord,
        "15.10 Семинар наставников",
        "Какие организации участвовали",
    )
    .await;
    // «Готово» with nobody chosen is refused with a notice
    let query = h.api.press(&coord, coord.id, "Готово").expect("the button");
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(answer.params["text"]
        .as_str()
        .unwrap_or("")
        .contains("хотя бы одну"));
    h.tap(&coord, "МБОУ СОШ № 7", "Выбрано: 1").await;
    h.tap(&coord, "Готово", "Участвовала 1 организация").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM held_events WHERE title = 'Семинар наставников' AND held_on = '2026-10-15'").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM held_event_orgs").await, 1);
    h.say(&coord, "/calendar", "15.10.2026 — Семинар наставников")
        .await;
    // the district's indicators: 1 event, the only school took part
    let pool = h.pool();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let ind = compute(
        &facts(&pool, Scope::District, as_of).await.unwrap(),
        as_of,
        &targets(&pool).await.unwrap(),
    );
    let value = |code: &str| ind.iter().find(|i| i.code == code).unwrap().value;
    assert_eq!(value("district_events"), Some(1.0));
    assert_eq!(value("event_participation"), Some(100.0));
    // a curator's press of the coordinator's button changes nothing
    let answer = h
        .press_data(&FakeUser::new(CURATOR, "Куратор"), CURATOR, 1, "he:new")
        .await;
    assert!(answer.contains("не действует"), "{answer}");
    h.stop().await;
}
