//! End-to-end: the privacy promises (issue 15). /forget erases everything that identifies a
//! person who did everything; nothing is stored before consent; the database files are
//! private; a group never takes a mentee across schools; a mentor without an invitation waits
//! for the curator; look-alike names and invisible characters never get in; the bank of
//! practices opens for registered people only.

mod common;

use common::district::{ask, district, propose, District};
use common::{buttons_of, Harness};
use nastavnik::domain::Role;
use nastavnik::emulator::FakeUser;
use nastavnik::repo::Pool;

/// Every value of every table (the full-text index's shadow tables and sqlx's bookkeeping
/// included), as text: what an auditor would read with `sqlite3 .dump`.
async fn dump(pool: &Pool) -> Vec<String> {
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut cells = Vec::new();
    for (t,) in tables {
        let cols: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .fetch_all(pool)
                .await
                .unwrap();
        for (c,) in cols {
            // CAST … AS TEXT reads blobs byte for byte, integers as digits
            let values: Vec<(Option<Vec<u8>>,)> =
                sqlx::query_as(&format!("SELECT CAST(\"{c}\" AS BLOB) FROM \"{t}\""))
                    .fetch_all(pool)
                    .await
                    .unwrap();
            cells.extend(
                values
                    .into_iter()
                    .filter_map(|(v,)| v)
                    .map(|v| format!("{t}.{c}={}", String::from_utf8_lossy(&v))),
            );
        }
    }
    cells
}

fn assert_absent(cells: &[String], needles: &[&str]) {
    for needle in needles {
        let found: Vec<&String> = cells.iter().filter(|c| c.contains(needle)).collect();
        assert!(found.is_empty(), "«{needle}» is still stored: {found:?}");
    }
}

fn assert_no_cell_equals(cells: &[String], value: &str) {
    let found: Vec<&String> = cells
        .iter()
        .filter(|c| c.split_once('=').is_some_and(|(_, v)| v == value))
        .collect();
    assert!(found.is_empty(), "«{value}» is still stored: {found:?}");
}

// What the person types: every string is theirs alone.
const NAME: &str = "Зайцева Ольга Игоревна";
const POSITION: &str = "педагог-организатор кружка робототехники";
const SUBJECTS: &str = "робототехника и черчение";
const REQUEST: &str = "Хочу научиться вести кружок робототехники";
const SOS: &str = "Робот сгорел на уроке, что сказать завучу?";
const PRODUCT: &str = "Конспект занятия про шаговые двигатели";
const SELF_COMMENT: &str = "Труднее всего далась пайка";
const SURVEY: &str = "Ожидаю помощи с олимпиадой по черчению";
const PETITION: &str = "Наставник не отвечает неделями Зайцевой";
const MEETING: &str = "Разобрали с Кузнецовым чертёж шестерёнки";
const PRACTICE_TITLE: &str = "Робототехника для начинающих педагогов";
const PRACTICE_TEXT: &str = "Еженедельные мастерские по сборке роботов с разбором ошибок";
const ANNOUNCEMENT: &str = "Мастерская робототехники переносится на пятницу";
const DIFFICULTY: &str = "Боюсь паяльника и громких восьмиклассников";
const PROPOSAL: &str = "Показать робота на районной выставке";
const REFUSAL: &str = "Выставку с роботами перенесли на весну";
const TG: i64 = 7_654_321;

/// The mentor accepts the newest proposal; the mentee is asked to confirm.
async fn accept(h: &Harness, mentor: &FakeUser, mentee: &FakeUser) {
    let mark = h.api.mark();
    h.tap(mentor, "Принять", "Спасибо").await;
    h.expect_after(mark, mentee.id, "работать с вами").await;
}

/// The mentor's questionnaire from the competences on; returns the final message.
async fn mentor_questionnaire(
    h: &Harness,
    u: &FakeUser,
    capacity: &str,
    other_orgs: &str,
) -> nastavnik::emulator::ApiCall {
    h.toggle(u, "Методика").await;
    h.toggle(u, "Работа с родителями").await;
    h.tap(u, "Готово", "формах").await;
    h.toggle(u, "Традиционная").await;
    h.tap(u, "Готово", "одновременно").await;
    h.tap(u, capacity, "других организаций").await;
    h.tap(u, other_orgs, "согласие выполнять").await;
    h.tap(u, "Даю согласие", "Анкета сохранена").await
}

/// Onboards the person as a mentee through an invitation, with their own words.
async fn onboard_person(h: &Harness, p: &FakeUser, org: i64) {
    let code = h.invite(Role::Mentee, Some(org)).await;
    h.say(p, &format!("/start {code}"), "согласие").await;
    h.tap(p, "Согласен", "Как вас зовут").await;
    h.say(p, NAME, "должность").await;
    h.say(p, POSITION, "предметы").await;
    h.say(p, SUBJECTS, "стаж").await;
    h.say(p, "2", "описывает вашу ситуацию").await;
    h.tap(p, "Молодой педагог", "поддержка").await;
    h.toggle(p, "Методика").await;
    h.toggle(p, "Работа с родителями").await;
    h.tap(p, "Готово", "своими словами").await;
    h.say(p, DIFFICULTY, "Анкета сохранена").await;
}

/// The person's own request, the curator proposes Петрова, both confirm.
async fn pair_with_m1(h: &Harness, d: &District, p: &FakeUser) {
    h.say(p, "/request", "нужна помощь наставника").await;
    h.tap(p, "Готово", "Опишите коротко").await;
    h.say(p, REQUEST, "форма").await;
    h.tap(p, "Традиционная", "Есть ли наставник").await;
    let mark = h.api.mark();
    h.tap(p, "Без пожеланий", "отправлен куратору").await;
    h.expect_after(mark, d.curator.id, "Новый запрос").await;
    propose(h, d, &d.m1, "Петрова").await;
    accept(h, &d.m1, p).await;
    let mark = h.api.mark();
    h.tap(p, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, d.m1.id, "Пара сформирована").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_erases_everything_of_a_person_who_did_everything() {
    let h = Harness::start().await;
    let d = district(&h).await;
    let coord = h
        .new_curator(None, 10, "Координатор", "Орлова Нина Ивановна")
        .await;
    let p = FakeUser::new(TG, "Ольга");
    onboard_person(&h, &p, d.org).await;

    // as a mentee: request, pair, entry survey, /sos, a task done, a petition
    pair_with_m1(&h, &d, &p).await;
    h.expect(p.id, "вопрос 1 из 5").await;
    h.tap(&p, "4", "вопрос 2 из 5").await;
    h.tap(&p, "3", "вопрос 3 из 5").await;
    h.tap(&p, "5", "вопрос 4 из 5").await;
    h.tap(&p, "2", "вопрос 5 из 5").await;
    h.say(&p, SURVEY, "Опрос завершён").await;
    let mark = h.api.mark();
    h.say(&p, &format!("/sos {SOS}"), "Вопрос передан наставнику")
        .await;
    h.expect_after(mark, d.m1.id, "Робот сгорел").await;
    h.tap(&d.m1, "Ответить", "Напишите ответ").await;
    h.say(
        &d.m1,
        "Скажите, что Зайцева Ольга Игоревна купит новый",
        "Время ответа",
    )
    .await;
    let mark = h.api.mark();
    h.say(
        &d.m1,
        "/task до 15.09 Собрать робота для Зайцевой",
        "срок — 15.09.2026",
    )
    .await;
    h.expect_after(mark, p.id, "Новое задание от наставника")
        .await;
    // a plan item proposed, refused with a reason
    h.say(&p, "/plan", "Программа пары №").await;
    h.tap(&p, "Предложить пункт", "Что добавить в программу?")
        .await;
    h.say(&p, PROPOSAL, "к какому сроку?").await;
    let mark = h.api.mark();
    h.tap(&p, "Без срока", "Предложение отправлено наставнику")
        .await;
    h.expect_after(mark, d.m1.id, PROPOSAL).await;
    h.tap(&d.m1, "Отклонить", "Почему отклоняете").await;
    let mark = h.api.mark();
    h.say(&d.m1, REFUSAL, "получила уведомление с причиной")
        .await;
    h.expect_after(mark, p.id, REFUSAL).await;
    h.say(
        &d.m1,
        "/meeting 45 Зайцева показала свой кружок",
        "Записано",
    )
    .await;
    h.tap(&p, "Выполнено", "Пришлите результат").await;
    h.say(&p, PRODUCT, "от 1 до 5").await;
    h.tap(&p, "4", "комментарий").await;
    h.say(&p, SELF_COMMENT, "Отправлено наставнику").await;
    h.say(&p, "/replace", "наставник не узнает").await;
    h.tap(&p, "Не сложилось", "Опишите").await;
    h.say(&p, PETITION, "отправлено куратору").await;

    // as a mentor (a second invitation): a pair with Кузнецов, the journal, an adaptation report
    let code = h.invite(Role::Mentor, Some(d.org)).await;
    h.say(&p, &format!("/start {code}"), "помочь коллегам")
        .await;
    mentor_questionnaire(&h, &p, "2", "Нет").await;
    ask(&h, &d, &d.e2).await;
    propose(&h, &d, &p, "Зайцева").await;
    accept(&h, &p, &d.e2).await;
    let mark = h.api.mark();
    h.tap(&d.e2, "Подтверждаю", "Пара сформирована").await;
    h.expect_after(mark, p.id, "Пара сформирована").await;
    h.say(&p, &format!("/meeting 30 {MEETING}"), "Записано")
        .await;
    // a meeting planned ahead: its topic is the person's free text
    h.say(
        &p,
        &format!("/meeting завтра 15:30 Снова: {MEETING}"),
        "Встреча запланирована",
    )
    .await;
    let draft = h.say(&p, "/adaptation", "Отчёт о ходе адаптации").await;
    assert!(
        draft.text().unwrap().contains(MEETING) || draft.text().unwrap().contains("Зайцева"),
        "{:?}",
        draft.text()
    );
    let mark = h.api.mark();
    h.tap(&p, "Отправить куратору", "Отчёт отправлен").await;
    h.expect_after(mark, d.curator.id, "Отчёт о ходе адаптации")
        .await;

    // a practice of a finished programme, published
    let pool = h.pool();
    let pid: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = ?")
        .bind(TG)
        .fetch_one(&pool)
        .await
        .unwrap();
    let e1: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = ?")
        .bind(d.e1.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let done = sqlx::query(
        "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, end_reason, created_at) \
         VALUES (?, ?, 'traditional', '2025-09-01', '2026-05-31', 'completed', 'completed', '2025-09-01T00:00:00Z')",
    )
    .bind(d.org)
    .bind(pid)
    .execute(&pool)
    .await
    .unwrap()
    .last_insert_rowid();
    sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, '2025-09-01T00:00:00Z')").bind(done).bind(e1).execute(&pool).await.unwrap();
    h.say(&p, "/practice", "завершённой программе").await;
    h.tap(&p, "Иванова Мария", "Как называется практика").await;
    h.say(&p, PRACTICE_TITLE, "направлениям").await;
    h.toggle(&p, "Методика").await;
    h.tap(&p, "Готово", "форма наставничества").await;
    h.tap(&p, "Традиционная", "Опишите практику").await;
    h.say(&p, PRACTICE_TEXT, "приложить").await;
    let mark = h.api.mark();
    h.tap(&p, "Отправить на проверку", "отправлена координатору")
        .await;
    h.expect_after(mark, coord.id, "Новая практика на проверку")
        .await;
    h.tap(&coord, "Опубликовать", "Опубликовано").await;
    h.say(&d.e1, "/practices робототехника", "Практика 1 из 1")
        .await;

    // as a curator: an announcement to the mentors
    sqlx::query("INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (?, 'curator', ?, '2026-09-01T00:00:00Z')")
        .bind(pid)
        .bind(d.org)
        .execute(&pool)
        .await
        .unwrap();
    h.say(&p, "/announce", "текст объявления").await;
    h.say(&p, ANNOUNCEMENT, "Кому отправить").await;
    h.toggle(&p, "Наставники").await;
    h.tap(&p, "Готово", "Проверьте объявление").await;
    let mark = h.api.mark();
    h.tap(&p, "Отправить сейчас", "Отправляю объявление").await;
    h.expect_after(mark, d.m2.id, ANNOUNCEMENT).await;

    // /mydata lists it table by table
    let mydata = h.say(&p, "/mydata", "Вот всё, что хранится").await;
    let text = mydata.text().unwrap().to_string();
    for expected in [
        NAME,
        "таблица requests",
        "таблица journal_entries",
        "таблица sos_requests",
        "таблица petitions",
        "таблица plan_items",
        "таблица plan_proposals",
        "таблица adaptation_reports",
        "таблица announcements",
        "таблица scheduled_meetings",
        "таблица survey_answers",
        "таблица roles",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing in /mydata:\n{text}"
        );
    }
    let before = dump(&pool).await;
    let counts = |pid: i64| {
        [
            "SELECT COUNT(*) FROM pairs".to_string(),
            format!("SELECT COUNT(*) FROM journal_entries WHERE author_id = {pid} OR mentee_id = {pid}"),
            format!("SELECT COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.user_id = {pid} AND score IS NOT NULL"),
            format!("SELECT COUNT(*) FROM plan_items WHERE mentee_id = {pid}"),
        ]
    };
    let mut stats_before = Vec::new();
    for q in counts(pid) {
        stats_before.push(h.count(&q).await);
    }
    assert!(stats_before.iter().all(|n| *n > 0), "{stats_before:?}");
    for s in [
        NAME,
        REQUEST,
        SOS,
        PRODUCT,
        SURVEY,
        PETITION,
        MEETING,
        PRACTICE_TITLE,
        ANNOUNCEMENT,
        POSITION,
        DIFFICULTY,
        PROPOSAL,
        REFUSAL,
    ] {
        assert!(
            before.iter().any(|c| c.contains(s)),
            "«{s}» was stored before /forget"
        );
    }

    // /forget: the practice is withheld and its curator asked
    h.say(&p, "/forget", "Отозвать согласие").await;
    let mark = h.api.mark();
    let done_msg = h.tap(&p, "Да, удалить", "Согласие отозвано").await;
    assert!(
        done_msg.text().unwrap().contains("скрыта из банка"),
        "{:?}",
        done_msg.text()
    );
    h.expect_after(mark, d.curator.id, "отозвал согласие").await;
    h.say(&d.e1, "/practices робототехника", "не нашлось").await;
    h.tap(&d.curator, "Убрать из банка", "убрана из банка")
        .await;

    // nothing of theirs anywhere
    let after = dump(&pool).await;
    assert_absent(
        &after,
        &[
            NAME,
            POSITION,
            SUBJECTS,
            REQUEST,
            SOS,
            PRODUCT,
            SELF_COMMENT,
            SURVEY,
            PETITION,
            MEETING,
            PRACTICE_TITLE,
            PRACTICE_TEXT,
            ANNOUNCEMENT,
            DIFFICULTY,
            PROPOSAL,
            REFUSAL,
        ],
    );
    assert_absent(&after, &["Зайцева", "Зайцевой", "Ольга Игоревна"]);
    assert_no_cell_equals(&after, &TG.to_string());
    // the statistics stay: the pairs, the entries, the answers' scores, the plan
    let mut stats_after = Vec::new();
    for q in counts(pid) {
        stats_after.push(h.count(&q).await);
    }
    assert_eq!(stats_after, stats_before);
    let anon: (Option<i64>, Option<i64>, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT telegram_id, org_id, experience_years, full_name FROM users WHERE id = ?",
    )
    .bind(pid)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(anon, (None, None, None, None));
    // /mydata is true afterwards too
    h.say(&p, "/mydata", "ничего не хранится").await;

    // the database files stayed private through the run
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = h.db_url.trim_start_matches("sqlite://").to_string();
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{file}");
        }
    }
    h.stop().await;
}

/// `/start` → `/lang` → English → «Не согласен(на)»: not a trace in the database; the language
/// chosen before consent is written only with the consent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_stored_before_consent() {
    let h = Harness::start().await;
    let org = h.org("МБОУ СОШ № 3").await;
    let code = h.invite(Role::Mentee, Some(org)).await;
    let u = FakeUser::new(5_550_123, "Гость");
    h.say(&u, &format!("/start {code}"), "согласие").await;
    h.say(&u, "/lang", "Choose your language").await;
    h.tap(&u, "English", "I will speak English now").await;
    h.tap(&u, "Не согласен", "I stored nothing").await;
    h.settle().await;
    let cells = dump(&h.pool()).await;
    assert_no_cell_equals(&cells, "5550123");
    assert_eq!(h.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
    // the choice was kept in memory: the consent text comes in English, and is written with it
    h.say(&u, &format!("/start {code}"), "consent").await;
    h.tap(&u, "I agree", "What is your name").await;
    let (lang,): (Option<String>,) =
        sqlx::query_as("SELECT lang FROM users WHERE telegram_id = 5550123")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(lang.as_deref(), Some("en"));
    h.stop().await;
}

/// A curator of school A sends his mentee «В группу» of a mentor from school B: the group
/// stays B's, the mentee gets a pair of A with that mentor, and each school sees its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_never_takes_a_mentee_across_schools() {
    let h = Harness::start().await;
    let a = h.org("Школа А").await;
    let b = h.org("Школа Б").await;
    let cur_a = h
        .new_curator(Some(a), 100, "Куратор А", "Соколова Елена Викторовна")
        .await;
    let cur_b = h
        .new_curator(Some(b), 110, "Куратор Б", "Лебедев Игорь Олегович")
        .await;
    // B's mentor works with other schools too and already has a group in B
    let mb = FakeUser::new(211, "Вера");
    h.say(
        &mb,
        &format!("/start {}", h.invite(Role::Mentor, Some(b)).await),
        "согласие",
    )
    .await;
    h.tap(&mb, "Согласен", "Как вас зовут").await;
    h.say(&mb, "Волкова Вера Андреевна", "должность").await;
    h.say(&mb, "учитель физики", "предметы").await;
    h.say(&mb, "физика", "стаж").await;
    h.say(&mb, "20", "помочь коллегам").await;
    mentor_questionnaire(&h, &mb, "3", "Да").await;
    let eb = h
        .new_mentee(b, 311, "Борис", "Борисов Борис Борисович")
        .await;
    let ea = h
        .new_mentee(a, 301, "Мария", "Иванова Мария Петровна")
        .await;
    let db = District {
        org: b,
        curator: cur_b.clone(),
        m1: mb.clone(),
        m2: mb.clone(),
        e1: eb.clone(),
        e2: eb.clone(),
    };
    ask(&h, &db, &eb).await;
    propose(&h, &db, &mb, "Волкова").await;
    accept(&h, &mb, &eb).await;
    h.tap(&eb, "Подтверждаю", "Пара сформирована").await;

    // A's curator: the card offers B's mentor, but no «В группу» into B's group
    let da = District {
        org: a,
        curator: cur_a.clone(),
        m1: mb.clone(),
        m2: mb.clone(),
        e1: ea.clone(),
        e2: ea.clone(),
    };
    ask(&h, &da, &ea).await;
    let card = h
        .api
        .sent_texts(cur_a.id)
        .into_iter()
        .rev()
        .find(|t| t.contains("Новый запрос"))
        .unwrap();
    assert!(card.contains("Волкова"), "{card}");
    let call = h
        .api
        .messages(cur_a.id)
        .into_iter()
        .rev()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.contains("Новый запрос"))
        })
        .unwrap();
    let mid = call["message_id"].as_i64().unwrap();
    let buttons = h.api.buttons(cur_a.id, mid);
    assert!(
        !buttons.iter().any(|b| b.0.contains("В группу")),
        "{buttons:?}"
    );
    // a forged «В группу» changes nothing
    let mbid: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = 211")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let notice = h
        .press_data(&cur_a, cur_a.id, mid, &format!("rq:grp:2:{mbid}"))
        .await;
    assert!(notice.contains("не действует"), "{notice}");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE request_id = 2")
            .await,
        0
    );
    // an ordinary proposal forms a pair of school A
    propose(&h, &da, &mb, "Волкова").await;
    accept(&h, &mb, &ea).await;
    h.tap(&ea, "Подтверждаю", "Пара сформирована").await;
    let orgs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT p.org_id, u.telegram_id FROM pairs p JOIN pair_mentees pm ON pm.pair_id = p.id JOIN users u ON u.id = pm.mentee_id ORDER BY p.id",
    )
    .fetch_all(&h.pool())
    .await
    .unwrap();
    assert_eq!(
        orgs,
        vec![(b, 311), (a, 301)],
        "each mentee's programme belongs to the mentee's school"
    );

    // both curators' views: each sees its own teacher and not the other's
    h.say(&mb, "/meeting 30 Общая встреча", "С кем?").await;
    h.tap(&mb, "Иванова", "Записано").await;
    let pairs_a = h.say(&cur_a, "/pairs", "Пара").await;
    assert!(
        pairs_a.text().unwrap().contains("Иванова") && !pairs_a.text().unwrap().contains("Борисов"),
        "{:?}",
        pairs_a.text()
    );
    let pairs_b = h.say(&cur_b, "/pairs", "Пара").await;
    assert!(
        pairs_b.text().unwrap().contains("Борисов") && !pairs_b.text().unwrap().contains("Иванова"),
        "{:?}",
        pairs_b.text()
    );
    let journal_a = h.say(&cur_a, "/journal", "Журнал").await;
    let journal_a = journal_a.text().unwrap();
    assert!(
        journal_a.contains("Иванова")
            && journal_a.contains("Общая встреча")
            && !journal_a.contains("Борисов"),
        "{journal_a}"
    );
    let journal_b = h.say(&cur_b, "/journal", "Журнал").await;
    assert!(
        !journal_b.text().unwrap().contains("Иванова"),
        "{:?}",
        journal_b.text()
    );

    // both schools' reports count their own pair
    let pool = h.pool();
    for (org, mentee) in [(a, "Иванова"), (b, "Борисов")] {
        let report = nastavnik::report::build(
            &pool,
            nastavnik::repo::monitoring::Scope::Org(org),
            h.clock_now().date_naive(),
            nastavnik::report::Period::Quarter,
            nastavnik::i18n::Lang::Ru,
            chrono_tz::Asia::Yekaterinburg,
            None,
        )
        .await
        .unwrap();
        let text = format!("{report:?}");
        let other = if mentee == "Иванова" {
            "Борисов"
        } else {
            "Иванова"
        };
        assert!(
            text.contains(mentee) && !text.contains(other),
            "the report of {org} names {mentee} only"
        );
    }
    h.stop().await;
}

/// A mentor who joined without an invitation waits for the curator's one tap; until then
/// nobody is offered them. A look-alike name is refused, a namesake reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_without_an_invitation_waits_for_the_curator() {
    let h = Harness::start().await;
    let d = district(&h).await;
    let other = h.org("Школа № 9").await;
    let other_curator = h
        .new_curator(Some(other), 120, "Куратор", "Лебедев Игорь Олегович")
        .await;
    let u = FakeUser::new(250, "Самозванец");
    h.say(&u, "/start", "согласие").await;
    h.tap(&u, "Согласен", "Как вас зовут").await;
    // Latin «M» and «o» inside Cyrillic words
    h.say(&u, "Пeтрова Mария Сергеевна", "одной раскладкой")
        .await;
    let mark = h.api.mark();
    h.say(&u, "Петрова Анна Сергеевна", "организации").await;
    h.tap(&u, "МБОУ СОШ № 3", "должность").await;
    h.say(&u, "учитель\u{202E} истории\u{1b}", "предметы").await;
    let (position,): (String,) =
        sqlx::query_as("SELECT position FROM users WHERE telegram_id = 250")
            .fetch_one(&h.pool())
            .await
            .unwrap();
    assert_eq!(
        position, "учитель истории",
        "invisible and control characters never get in"
    );
    h.say(&u, "история", "стаж").await;
    h.say(&u, "10", "участвовать").await;
    h.tap(&u, "Хочу быть наставником", "помочь коллегам").await;
    let done = mentor_questionnaire(&h, &u, "3", "Нет").await;
    assert!(
        done.text().unwrap().contains("ожидает подтверждения"),
        "{:?}",
        done.text()
    );
    // the curator hears of the namesake and of the mentor to confirm
    h.expect_after(
        mark,
        d.curator.id,
        "два человека с ФИО «Петрова Анна Сергеевна»",
    )
    .await;
    let ask_msg = h
        .expect_after(mark, d.curator.id, "Новый наставник без приглашения")
        .await;
    h.settle().await;
    assert!(
        !h.transcript(other_curator.id).contains("без приглашения"),
        "another school is not asked"
    );

    // not suggested while waiting
    ask(&h, &d, &d.e1).await;
    let card = h
        .api
        .sent_texts(d.curator.id)
        .into_iter()
        .rev()
        .find(|t| t.contains("Новый запрос"))
        .unwrap();
    assert_eq!(
        card.matches("Петрова Анна Сергеевна").count(),
        1,
        "only the real Петрова: {card}"
    );
    let mydata = h.say(&u, "/mydata", "Статус в базе наставников").await;
    assert!(mydata.text().unwrap().contains("ожидает подтверждения"));

    // another school's curator cannot confirm with a forged button
    let uid: i64 = sqlx::query_scalar("SELECT id FROM users WHERE telegram_id = 250")
        .fetch_one(&h.pool())
        .await
        .unwrap();
    let last = h.api.last_bot_message(other_curator.id).unwrap();
    let notice = h
        .press_data(
            &other_curator,
            other_curator.id,
            last["message_id"].as_i64().unwrap(),
            &format!("mv:ok:{uid}"),
        )
        .await;
    assert!(notice.contains("не действует"), "{notice}");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM mentor_profiles WHERE approved_at IS NULL")
            .await,
        1
    );

    // the curator's inbox lists the mentor as waiting, with the same one-tap button
    let inbox = h.say(&d.curator, "/requests", "Ждут вашего решения").await;
    assert!(
        buttons_of(&inbox).iter().any(|b| b
            .0
            .contains("Петрова Анна Сергеевна (ожидает подтверждения)")),
        "{:?}",
        buttons_of(&inbox)
    );
    let other_inbox = h.say(&other_curator, "/requests", "нет").await;
    assert!(!buttons_of(&other_inbox)
        .iter()
        .any(|b| b.0.contains("ожидает подтверждения")));

    // one tap by the school's curator
    assert!(buttons_of(&ask_msg)
        .iter()
        .any(|b| b.0.contains("Подтвердить")));
    let mark = h.api.mark();
    h.tap(&d.curator, "Подтвердить наставника", "Подтверждено")
        .await;
    h.expect_after(mark, u.id, "анкета наставника подтверждена")
        .await;
    ask(&h, &d, &d.e2).await;
    let card = h
        .api
        .sent_texts(d.curator.id)
        .into_iter()
        .rev()
        .find(|t| t.contains("Новый запрос"))
        .unwrap();
    assert_eq!(
        card.matches("Петрова Анна Сергеевна").count(),
        2,
        "now both are suggested: {card}"
    );
    h.stop().await;
}

/// The bank's page button agrees with /practices: registered people only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bank_button_needs_registration_like_the_command() {
    let h = Harness::start().await;
    let stranger = FakeUser::new(999, "Гость");
    h.say(&stranger, "/practices", "познакомимся").await;
    let last = h.api.last_bot_message(stranger.id).unwrap();
    let notice = h
        .press_data(
            &stranger,
            stranger.id,
            last["message_id"].as_i64().unwrap(),
            "bp:0:",
        )
        .await;
    assert!(notice.contains("познакомимся"), "{notice}");
    let notice = h
        .press_data(
            &stranger,
            stranger.id,
            last["message_id"].as_i64().unwrap(),
            "bf:1",
        )
        .await;
    assert!(notice.contains("познакомимся"), "{notice}");
    h.stop().await;
}
