//! Webhook mode: the same start-up as long polling, updates arrive by HTTP POST, and only
//! requests carrying the secret token header are accepted.

use chrono::{TimeZone, Utc};
use nastavnik::app::{self, Listen, Webhook};
use nastavnik::clock::ManualClock;
use nastavnik::config::Config;
use nastavnik::emulator::{FakeBotApi, FakeUser};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "test-secret_42";
const HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_by_webhook_need_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeBotApi::start().await;
    let config = Config {
        token: Some(nastavnik::emulator::TOKEN.to_string()),
        api_url: Some(api.url()),
        database_url: format!("sqlite://{}", dir.path().join("w.db").display()),
        admins: vec![],
        default_tz: chrono_tz::Europe::Moscow,
        district: Default::default(),
        poll_timeout: Duration::from_secs(1),
        reminders: nastavnik::config::ReminderConfig {
            scheduler: false,
            ..Default::default()
        },
        incoming_per_minute: nastavnik::config::DEFAULT_INCOMING_PER_MINUTE,
    };
    let address = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let url: url::Url = format!("http://{address}/tg/hook").parse().unwrap();
    let hook = Webhook {
        url: url.clone(),
        address,
        secret: Some(SECRET.into()),
    };
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 7, 0, 0).unwrap());
    let bot = app::start_with(config, Arc::new(clock), false, Listen::Webhook(hook))
        .await
        .expect("bot starts");

    // the bot told "Telegram" where to send updates, with the secret, and does not poll
    let set = api.calls_of("setWebhook");
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].params["url"], url.as_str());
    assert_eq!(set[0].params["secret_token"], SECRET);
    assert_eq!(api.webhook_url(), url.as_str());

    let http = teloxide::net::default_reqwest_settings().build().unwrap();
    let user = FakeUser::new(555, "Вера");
    let post = |update: serde_json::Value, secret: Option<&str>| {
        let mut req = http
            .post(url.clone())
            .header("Content-Type", "application/json")
            .body(update.to_string());
        if let Some(s) = secret {
            req = req.header(HEADER, s);
        }
        req.send()
    };

    // the server is spawned by the listener: wait until it accepts connections
    let mut status = 0;
    for _ in 0..100 {
        match post(api.text_update(&user, "/help"), None).await {
            Ok(r) => {
                status = r.status().as_u16();
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    assert_eq!(status, 401, "no secret: refused");
    let wrong = post(api.text_update(&user, "/help"), Some("not-the-secret"))
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401, "wrong secret: refused");
    assert!(api.wait_idle(Duration::from_millis(200)).await);
    assert!(
        api.sent_texts(user.id).is_empty(),
        "refused updates have no effect"
    );
    assert_eq!(
        api.calls_of("getUpdates").len(),
        0,
        "webhook mode does not poll"
    );

    // with the secret the bot answers, exactly as it would by polling
    let ok = post(api.text_update(&user, "/start"), Some(SECRET))
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    let reply = api
        .wait_for_text(user.id, "согласие", Duration::from_secs(10))
        .await;
    assert!(
        reply.is_some(),
        "the bot answers a webhook update: {:?}",
        api.sent_texts(user.id)
    );
    assert_eq!(api.sent_texts(user.id).len(), 1);

    // stopping the bot removes the webhook again
    bot.stop().await;
    assert_eq!(api.calls_of("deleteWebhook").len(), 1);
    api.shutdown();
}

/// `nastavnik run` refuses a webhook it cannot serve safely, before contacting anyone.
#[test]
fn webhook_options_are_checked_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"));
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", dir.path().join("n.db").display()),
            )
            .env("TELOXIDE_API_URL", "http://127.0.0.1:9/")
            .env("RUST_LOG", "error")
            .current_dir(dir.path())
            .args(args)
            .envs(env.iter().copied());
        let out = c.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let token = ("TELOXIDE_TOKEN", "1:x");
    let (code, err) = run(
        &["run", "--webhook", "http://bot.example.ru/hook"],
        &[token],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("https://"), "{err}");
    let (code, err) = run(
        &["run", "--webhook", "https://bot.example.ru/hook"],
        &[token, ("WEBHOOK_SECRET", "no spaces allowed")],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("WEBHOOK_SECRET"), "{err}");
    // an empty WEBHOOK_URL (as in .env.example) means long polling: here it stops at the token
    let (code, err) = run(&["run"], &[("WEBHOOK_URL", ""), ("WEBHOOK_LISTEN", "")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("TELOXIDE_TOKEN"), "{err}");
    let (code, err) = run(&["run", "--help"], &[]);
    assert_eq!(code, 0, "{err}");
}
