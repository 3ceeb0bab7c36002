//! End-to-end: onboarding with consent, roles, restart mid-form, /forget, robustness.

mod common;

use common::{buttons_of, Harness};
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentee_and_mentor_onboard_through_invites() {
    let h = Harness::start().await;
    let org = h.org("МБОУ СОШ № 1").await;
    let mentee = FakeUser::new(501, "Мария");
    let code = h.invite(Role::Mentee, Some(org)).await;
    h.onboard_mentee(&mentee, &code, "Иванова Мария Петровна")
        .await;

    let pool = h.pool();
    let (uid, name, org_id, exp, consent): (i64, String, i64, i64, Option<String>) =
        sqlx::query_as("SELECT id, full_name, org_id, experience_years, consent_at FROM users WHERE telegram_id = 501")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), org_id, exp),
        ("Иванова Мария Петровна", org, 1)
    );
    assert!(consent.is_some());
    let (role, role_org): (String, i64) =
        sqlx::query_as("SELECT role, org_id FROM roles WHERE user_id = ?")
            .bind(uid)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((role.as_str(), role_org), ("mentee", org));
    let (cat, areas): (String, String) =
        sqlx::query_as("SELECT category, areas FROM mentee_profiles WHERE user_id = ?")
            .bind(uid)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((cat.as_str(), areas.as_str()), ("young", "methods,parents"));
    // a per-user command menu was set, scoped to this chat, with the mentee's commands
    let menu = h
        .api
        .calls_of("setMyCommands")
        .into_iter()
        .find(|c| c.params["scope"]["type"] == "chat" && c.params["scope"]["chat_id"] == 501)
        .unwrap_or_else(|| {
            panic!(
                "chat-scoped menu: {:?}",
                h.api
                    .calls_of("setMyCommands")
                    .iter()
                    .map(|c| c.params.to_string())
                    .collect::<Vec<_>>()
            )
        });
    let names: Vec<&str> = menu.params["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"request") && names.contains(&"profile"));
    assert!(
        !names.contains(&"requests") && !names.contains(&"invite"),
        "no curator commands for a mentee: {names:?}"
    );

    let mentor = FakeUser::new(502, "Анна");
    let code = h.invite(Role::Mentor, Some(org)).await;
    h.onboard_mentor(&mentor, &code, "Петрова Анна Сергеевна", "2")
        .await;
    let (comp, forms, cap, mconsent): (String, String, i64, Option<String>) = sqlx::query_as(
        "SELECT competences, forms, capacity, m.consent_at FROM mentor_profiles m JOIN users u ON u.id = m.user_id WHERE u.telegram_id = 502",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (comp.as_str(), forms.as_str(), cap),
        ("methods,parents", "traditional", 2)
    );
    assert!(
        mconsent.is_some(),
        "the mentor's consent is recorded with its time"
    );

    // /profile shows the card, /mydata shows everything stored
    h.say(&mentor, "/profile", "Петрова Анна Сергеевна").await;
    let data = h.say(&mentor, "/mydata", "Вот всё, что хранится").await;
    let text = data.text().unwrap();
    assert!(
        text.contains("Согласие быть наставником") && text.contains("МБОУ СОШ № 1"),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_consent_stores_nothing() {
    let h = Harness::start().await;
    let org = h.org("Школа").await;
    let code = h.invite(Role::Mentee, Some(org)).await;
    let u = FakeUser::new(601, "Пётр");
    let consent = h.say(&u, &format!("/start {code}"), "152-ФЗ").await;
    let consent_id = consent.result().unwrap()["message_id"].as_i64().unwrap();
    // typing instead of answering gets a hint and changes nothing
    h.say(&u, "Иванов Пётр", "ответьте кнопкой").await;
    h.tap(&u, "Не согласен", "ничего не сохранил").await;
    h.settle().await;
    assert_eq!(h.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
    assert_eq!(
        h.count("SELECT uses_left FROM invites").await,
        10,
        "the invite is not used up"
    );
    // the old consent keyboard is now stale: pressing it again does nothing
    let query = h.api.press_button(&u, u.id, consent_id, "cs:yes");
    let answer = h.api.wait_for_answer(&query, common::WAIT).await.unwrap();
    assert!(answer.params["text"]
        .as_str()
        .unwrap_or("")
        .contains("не действует"));
    h.settle().await;
    assert_eq!(h.count("SELECT COUNT(*) FROM users").await, 0);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_mid_form_resumes_at_the_same_step() {
    let mut h = Harness::start().await;
    let org = h.org("Школа № 5").await;
    let code = h.invite(Role::Mentee, Some(org)).await;
    let u = FakeUser::new(701, "Ольга");
    h.say(&u, &format!("/start {code}"), "согласие").await;
    h.tap(&u, "Согласен", "Как вас зовут").await;
    h.say(&u, "Смирнова Ольга Ивановна", "должность").await;
    h.settle().await;
    h.restart().await;
    // the next answer continues the form where it was
    h.say(&u, "учитель биологии", "предметы").await;
    h.say(&u, "биология", "стаж").await;
    h.say(&u, "2", "описывает вашу ситуацию").await;
    h.restart().await;
    h.tap(&u, "Новый сотрудник", "поддержка").await;
    h.toggle(&u, "Адаптация").await;
    h.tap(&u, "Готово", "своими словами").await;
    h.tap(&u, "Пропустить", "Анкета сохранена").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM mentee_profiles").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM users WHERE registered_at IS NOT NULL AND position = 'учитель биологии'").await, 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_are_checked_and_bad_input_is_handled_kindly() {
    let h = Harness::start().await;
    let org = h.org("Гимназия").await;
    let code = h.invite(Role::Mentee, Some(org)).await;
    let u = FakeUser::new(801, "Ирина");
    // not registered: commands of any role need registration first
    h.say(&u, "/requests", "познакомимся").await;
    h.onboard_mentee(&u, &code, "Козлова Ирина Олеговна").await;
    // a mentee trying a curator command is refused and nothing happens
    let before = h.count("SELECT COUNT(*) FROM history").await;
    h.say(&u, "/requests", "доступна другим участникам").await;
    h.say(&u, "/invite", "доступна другим участникам").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM history").await, before);
    // unknown commands point to /help; random text gets a pointer too
    h.say(&u, "/fly", "/help").await;
    h.say(&u, "просто текст", "/help").await;
    h.say(&u, &"я".repeat(10_000), "/help").await;
    // /help lists exactly the mentee's commands
    let help = h.say(&u, "/help", "Вот что я умею").await;
    let text = help.text().unwrap().to_string();
    assert!(text.contains("/request") && text.contains("/profile") && text.contains("/forget"));
    assert!(
        !text.contains("/requests") && !text.contains("/invite") && !text.contains("/pairs"),
        "{text}"
    );
    // a forged callback is rejected without effect
    let mark = h.api.mark();
    let queries =
        ["rq:open:1", "ob:org:1", "garbage"].map(|data| h.api.press_button(&u, u.id, 1, data));
    for query in &queries {
        h.api.wait_for_answer(query, common::WAIT).await.unwrap();
    }
    h.settle().await;
    let answers = h
        .api
        .calls_since(mark)
        .into_iter()
        .filter(|c| c.is("answerCallbackQuery"))
        .count();
    assert_eq!(answers, 3, "every callback is answered");
    assert_eq!(h.count("SELECT COUNT(*) FROM history").await, before);

    // a bad value in a form step gets a hint for that step
    h.say(&u, "/profile", "Ваш профиль").await;
    h.tap(&u, "Стаж", "стажа").await;
    h.say(&u, "много", "числом").await;
    h.say(&u, "4", "Сохранено").await;
    assert_eq!(
        h.count("SELECT experience_years FROM users WHERE telegram_id = 801")
            .await,
        4
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_erases_personal_data_and_keeps_anonymous_history() {
    let h = Harness::start().await;
    let org = h.org("Школа").await;
    let code = h.invite(Role::Mentee, Some(org)).await;
    let u = FakeUser::new(901, "Вера");
    h.onboard_mentee(&u, &code, "Орлова Вера Павловна").await;
    h.say(&u, "/forget", "Отозвать согласие").await;
    h.tap(&u, "Отмена", "ничего не удалено").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM users WHERE telegram_id = 901")
            .await,
        1
    );
    h.say(&u, "/forget", "Отозвать согласие").await;
    h.tap(&u, "Да, удалить", "Согласие отозвано").await;
    assert_eq!(
        h.count("SELECT COUNT(*) FROM users WHERE telegram_id = 901 OR full_name IS NOT NULL")
            .await,
        0
    );
    // the anonymous row keeps nothing identifying: no organization, no experience (issue 15)
    assert_eq!(h.count("SELECT COUNT(*) FROM users WHERE forgotten_at IS NOT NULL AND org_id IS NULL AND experience_years IS NULL").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM mentee_profiles").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM roles").await, 0);
    h.say(&u, "/mydata", "ничего не хранится").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_get_redirected_to_private_and_admins_invite_in_the_bot() {
    let h = Harness::start_with_admins(vec![42]).await;
    let org = h.org("Школа № 9").await;
    let admin = FakeUser::new(42, "Админ");
    // commands in a group that belong in private: a deep-link button, no personal data
    let mark = h.api.mark();
    h.api
        .send_group_text(-100500, &admin, "/profile@nastavnik_test_bot");
    let reply = h.expect_after(mark, -100500, "личные сообщения").await;
    let buttons = buttons_of(&reply);
    assert!(buttons
        .iter()
        .any(|b| b.2.as_deref() == Some("https://t.me/nastavnik_test_bot")));
    // plain chatter in a group is ignored
    h.api.send_group_text(-100500, &admin, "всем привет");
    h.settle().await;
    assert_eq!(h.api.sent_texts(-100500).len(), 1);

    // the admin (from BOT_ADMINS) creates an invitation in the bot
    h.say(&admin, "/invite", "Кого пригласить").await;
    let created = h.tap(&admin, "наставник", "Приглашение готово").await;
    let text = created.text().unwrap();
    assert!(
        text.contains("https://t.me/nastavnik_test_bot?start="),
        "{text}"
    );
    let (role, inv_org): (String, i64) = sqlx::query_as("SELECT role, org_id FROM invites")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    assert_eq!((role.as_str(), inv_org), ("mentor", org));
    h.stop().await;
}

/// Stopping finishes however the stop request and the dispatcher's end interleave. teloxide's
/// `ShutdownToken::shutdown` future waits for a notification the dispatcher sends once, to the
/// waiters registered at that moment; a dispatcher that ended before the future was first
/// polled left `stop` waiting for ever (1 suite run in about 10 hung here). Many quick restarts
/// of an idle bot make that interleaving likely; each must end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_an_idle_bot_always_ends() {
    let mut h = Harness::start().await;
    for round in 0..400 {
        if tokio::time::timeout(Duration::from_secs(30), h.restart())
            .await
            .is_err()
        {
            panic!("restart {round} did not end: stopping hung");
        }
    }
    // the bot still answers after all that
    let u = FakeUser::new(901, "Анна");
    h.say(&u, "/fly", "/help").await;
    h.stop().await;
}
