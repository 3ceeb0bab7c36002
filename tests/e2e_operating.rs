//! Operating the district (issue 20): the coordinator manages organizations with /orgs, the
//! district's own time zone and name in the monthly digest, the admin's numbers in /digest.

mod common;

use chrono::{DateTime, Utc};
use common::Harness;
use nastavnik::bot::reminders::run_pass_with;
use nastavnik::config::District;
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;
use nastavnik::repo::{orgs, users};

async fn coordinator(h: &Harness, id: i64) -> FakeUser {
    let coord = FakeUser::new(id, "Ольга");
    let pool = h.pool();
    let t = h.clock_now();
    let u = users::ensure(&pool, coord.id, t).await.unwrap();
    users::give_consent(&pool, u.id, t).await.unwrap();
    users::update_basic(
        &pool,
        u.id,
        users::BasicField::FullName,
        "Иванова Ольга Петровна",
        t,
    )
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
async fn the_coordinator_renames_retypes_merges_and_removes_organizations() {
    let h = Harness::start().await;
    let real = h.org("МБОУ СОШ № 5").await;
    let twin = h.org("мбоу СОШ N5").await;
    let spare = h.org("Пустая школа").await;
    let mentor = h
        .new_mentor(twin, 201, "Анна", "Петрова Анна Сергеевна", "2")
        .await;
    let coord = coordinator(&h, 100).await;

    // not for a mentor, neither the command nor a forged button (refused before any handler)
    h.say(&mentor, "/orgs", "доступна другим участникам").await;
    let notice = h
        .press_data(&mentor, mentor.id, 1, &format!("og:rc:{spare}"))
        .await;
    assert!(notice.contains("не действует"), "{notice}");
    assert!(orgs::get(&h.pool(), spare).await.unwrap().is_some());

    // the list, a card; renaming the twin to the real school's name is caught
    h.say(&coord, "/orgs", "Организации района (3)").await;
    h.tap(&coord, "мбоу СОШ N5", "Тип: школа").await;
    h.tap(&coord, "Переименовать", "Напишите новое название")
        .await;
    h.say(&coord, "  ", "от 1 до 200 символов").await;
    h.say(&coord, "МБОУ «СОШ №5»", "почти совпадает с «МБОУ СОШ № 5»")
        .await;
    assert_eq!(
        orgs::get(&h.pool(), twin).await.unwrap().unwrap().name,
        "мбоу СОШ N5",
        "nothing renamed yet"
    );

    // ... and merged into it instead: the mentor moves, the twin disappears
    h.tap(
        &coord,
        "Объединить с",
        "С какой организацией объединить «мбоу СОШ N5»",
    )
    .await;
    h.tap(
        &coord,
        "МБОУ СОШ № 5",
        "Объединить «мбоу СОШ N5» с «МБОУ СОШ № 5»?",
    )
    .await;
    h.tap(&coord, "Да, объединить", "объединена с «МБОУ СОШ № 5»")
        .await;
    assert!(orgs::get(&h.pool(), twin).await.unwrap().is_none());
    let m = users::by_telegram(&h.pool(), mentor.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.org_id, Some(real));
    assert_eq!(
        h.count(&format!(
            "SELECT COUNT(*) FROM roles WHERE org_id = {real} AND role = 'mentor'"
        ))
        .await,
        1
    );
    // the dialogue of the rename is over: a text is not taken as a name
    h.say(&coord, "привет", "").await;
    assert_eq!(
        orgs::get(&h.pool(), real).await.unwrap().unwrap().name,
        "МБОУ СОШ № 5"
    );

    // kind and time zone of the real school, from its card
    h.tap(&coord, "Тип", "Какой тип у «МБОУ СОШ № 5»").await;
    h.tap(&coord, "колледж", "тип — колледж").await;
    h.tap(&coord, "Часовой пояс", "Выберите новый").await;
    h.tap(&coord, "Asia/Irkutsk", "часовой пояс — Asia/Irkutsk")
        .await;
    let o = orgs::get(&h.pool(), real).await.unwrap().unwrap();
    assert_eq!(
        (o.kind.as_str(), o.tz.as_str()),
        ("college", "Asia/Irkutsk")
    );

    // a school with people cannot be removed
    h.tap(&coord, "Удалить", "нельзя: в ней 1 человек").await;

    // the empty one: renamed (a clean name goes straight through), then removed
    h.say(&coord, "/orgs", "Организации района (2)").await;
    h.tap(&coord, "Пустая школа", "Куратор: нет").await;
    h.tap(&coord, "Переименовать", "Напишите новое название")
        .await;
    h.say(
        &coord,
        "МБДОУ Детский сад № 3",
        "теперь называется «МБДОУ Детский сад № 3»",
    )
    .await;
    h.tap(
        &coord,
        "Удалить",
        "Удалить «МБДОУ Детский сад № 3»? В ней никого",
    )
    .await;
    h.tap(&coord, "Да, удалить", "удалена").await;
    assert!(orgs::get(&h.pool(), spare).await.unwrap().is_none());
    assert_eq!(h.count("SELECT COUNT(*) FROM organizations").await, 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_monthly_digest_follows_the_district_time_zone_and_name() {
    let h = Harness::start().await;
    h.org("МБОУ СОШ № 1").await;
    let coord = coordinator(&h, 100).await;
    let ctx = h.bot.as_ref().unwrap().ctx.clone();
    // 1 October, 09:30 in Yekaterinburg = 07:30 in Moscow
    let now = DateTime::parse_from_rfc3339("2026-10-01T09:30:00+05:00")
        .unwrap()
        .with_timezone(&Utc);
    h.clock.set(now);
    let moscow = h.config();
    let report = run_pass_with(&h.pool(), &ctx.notifier, &moscow, now)
        .await
        .unwrap();
    assert_eq!(
        h.count("SELECT COUNT(*) FROM reminders_sent WHERE kind = 'digest-monthly'")
            .await,
        0,
        "not yet 09:00 in Moscow: {report}"
    );
    let mut ural = h.config();
    ural.district = District {
        name: Some("Сысертский городской округ".into()),
        tz: chrono_tz::Asia::Yekaterinburg,
    };
    run_pass_with(&h.pool(), &ctx.notifier, &ural, now)
        .await
        .unwrap();
    h.expect(
        coord.id,
        "Сысертский городской округ: сводка по району за месяц",
    )
    .await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sees_the_bots_numbers_in_digest() {
    let h = Harness::start_with_admins(vec![900]).await;
    let org = h.org("МБОУ СОШ № 1").await;
    h.new_mentor(org, 201, "Анна", "Петрова Анна Сергеевна", "2")
        .await;
    let admin = FakeUser::new(900, "Админ");
    let stats = h.say(&admin, "/digest", "Состояние бота").await;
    let text = stats.text().unwrap().to_string();
    assert!(
        text.contains("Люди: 1 (наставников 1, наставляемых 0, кураторов 0), организаций 1"),
        "{text}"
    );
    assert!(
        text.contains("Последний проход напоминаний: ещё не было"),
        "{text}"
    );
    assert!(
        text.contains("В очереди: в исходящих 0, напоминаний 0"),
        "{text}"
    );

    // an admin manages organizations too; a long list is paged
    for n in 2..=10 {
        h.org(&format!("Школа № {n:02}")).await;
    }
    let first = h.say(&admin, "/orgs", "Организации района (10)").await;
    assert!(
        !first.text().unwrap().contains("Школа № 10"),
        "8 on a page: {:?}",
        first.text()
    );
    let second = h.tap(&admin, "▶", "Организации района (10)").await;
    assert!(
        second.text().unwrap().contains("Школа № 10")
            && second.text().unwrap().contains("Школа № 09"),
        "{:?}",
        second.text()
    );
    h.tap(&admin, "Школа № 10", "Куратор: нет").await;
    h.stop().await;
}
