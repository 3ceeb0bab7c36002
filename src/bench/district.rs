//! Scenario 2, "district scale": a generated district (район) of hundreds of organizations,
//! tens of thousands of people and pairs and millions of journal entries in a file database,
//! and the timings that matter at that size: a curator's weekly digest, the coordinator's
//! monthly digest, one scheduler pass over all pairs, the district XLSX report, the database
//! size, and the peak memory of the real bot binary serving a load against the fake Bot API.

use crate::domain::reminders::{self as planner, Reminder, ReminderState, Rules};
use crate::emulator::{FakeBotApi, FakeUser, TOKEN};
use crate::i18n::Lang;
use crate::repo::monitoring::Scope;
use crate::repo::reminders::{self as store, DigestPeriod};
use crate::repo::Pool;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

/// Telegram ids of generated people: `DISTRICT_TG + users.id`.
pub const DISTRICT_TG: i64 = 50_000_000;

/// The organizations' time zones, in turn (a district may span a few).
pub const ZONES: [&str; 4] = [
    "Europe/Moscow",
    "Asia/Yekaterinburg",
    "Asia/Novosibirsk",
    "Asia/Irkutsk",
];

/// How big a district to generate. People and pairs are spread evenly over the organizations,
/// so both must be multiples of `orgs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub orgs: i64,
    pub people: i64,
    pub pairs: i64,
    pub journal: i64,
}

impl Size {
    /// The district: 500 organizations, 50 000 people, 25 000 pairs, 2 000 000 entries.
    pub fn district() -> Self {
        Size {
            orgs: 500,
            people: 50_000,
            pairs: 25_000,
            journal: 2_000_000,
        }
    }
    /// A tenth of the district (`--quick`).
    pub fn quick() -> Self {
        Size {
            orgs: 50,
            people: 5_000,
            pairs: 2_500,
            journal: 200_000,
        }
    }
    /// The smoke test's size (a few seconds in a debug build).
    pub fn small() -> Self {
        Size {
            orgs: 6,
            people: 300,
            pairs: 120,
            journal: 6_000,
        }
    }
}

/// The layout of one organization's people by their index `k` within it (users.id =
/// (org − 1) · per_org + k + 1): the curator (куратор) at 0, then mentors (наставники), mentees
/// (наставляемые) in pairs, second mentees of group pairs, mentees waiting for a mentor, and
/// teachers without a role. The district's coordinator (муниципальный координатор) is the last
/// person of organization 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub per_org: i64,
    pub pairs_per_org: i64,
    pub mentors: i64,
    /// group pairs (every tenth) have a second mentee
    pub groups: i64,
    pub waiting: i64,
}

impl Layout {
    pub fn of(size: Size) -> anyhow::Result<Layout> {
        anyhow::ensure!(
            size.orgs > 0 && size.people % size.orgs == 0 && size.pairs % size.orgs == 0,
            "people and pairs must be multiples of the organizations: {size:?}"
        );
        let per_org = size.people / size.orgs;
        let pairs_per_org = size.pairs / size.orgs;
        let mentors = (pairs_per_org * 3 / 5).max(1);
        let groups = pairs_per_org / 10;
        let taken = 1 + mentors + pairs_per_org + groups;
        anyhow::ensure!(
            per_org >= taken + 3,
            "{per_org} people per organization cannot hold {pairs_per_org} pairs"
        );
        Ok(Layout {
            per_org,
            pairs_per_org,
            mentors,
            groups,
            waiting: (per_org - 1 - taken) / 2,
        })
    }
    /// users.id of person `k` of organization `org`.
    pub fn user(&self, org: i64, k: i64) -> i64 {
        (org - 1) * self.per_org + k + 1
    }
    /// The mentor of the organization's `j`-th pair (0-based) and its first mentee, as `k`.
    pub fn pair_people(&self, j: i64) -> (i64, i64) {
        (1 + j % self.mentors, 1 + self.mentors + j)
    }
    /// users.id of the district's coordinator.
    pub fn coordinator(&self) -> i64 {
        self.per_org
    }
}

/// What the generator wrote, counted back from the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    pub orgs: i64,
    pub people: i64,
    pub pairs: i64,
    pub active_pairs: i64,
    pub journal: i64,
    pub plan_items: i64,
    pub requests: i64,
    pub sos: i64,
    pub survey_answers: i64,
}

/// A deterministic pseudo-random number in 0..1 000 003 from an integer SQL expression.
fn hash(x: &str) -> String {
    format!("((({x}) * 2654435761) % 1000003)")
}

/// One of `items`, chosen by the integer SQL expression `key`.
fn pick(items: &[&str], key: &str) -> String {
    let json = serde_json::to_string(items).expect("strings serialize");
    format!(
        "json_extract('{json}', '$[' || (({key}) % {}) || ']')",
        items.len()
    )
}

/// The SQL date `offset` days (an integer SQL expression) from `today`.
fn day(today: &str, offset: &str) -> String {
    format!("date('{today}', ({offset}) || ' days')")
}

/// The SQL timestamp (RFC 3339, UTC) `offset` days from `today`, at `hour` o'clock.
fn stamp(today: &str, offset: &str, hour: &str) -> String {
    format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', '{today}', ({offset}) || ' days', ({hour}) || ' hours')")
}

/// `WITH RECURSIVE n(i)` counting from 0 to `count − 1`.
fn series(count: i64) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {})",
        count - 1
    )
}

const SURNAMES_F: [&str; 20] = [
    "Иванова",
    "Петрова",
    "Смирнова",
    "Кузнецова",
    "Соколова",
    "Попова",
    "Лебедева",
    "Козлова",
    "Новикова",
    "Морозова",
    "Волкова",
    "Алексеева",
    "Павлова",
    "Семёнова",
    "Голубева",
    "Виноградова",
    "Богданова",
    "Воробьёва",
    "Фёдорова",
    "Михайлова",
];
const SURNAMES_M: [&str; 10] = [
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
];
const NAMES_F: [&str; 12] = [
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Татьяна",
    "Светлана",
    "Екатерина",
    "Юлия",
    "Галина",
    "Марина",
];
const NAMES_M: [&str; 8] = [
    "Александр",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Алексей",
    "Игорь",
    "Павел",
    "Михаил",
];
const PATRONYMICS_F: [&str; 8] = [
    "Александровна",
    "Сергеевна",
    "Викторовна",
    "Петровна",
    "Ивановна",
    "Николаевна",
    "Андреевна",
    "Михайловна",
];
const PATRONYMICS_M: [&str; 8] = [
    "Александрович",
    "Сергеевич",
    "Викторович",
    "Петрович",
    "Иванович",
    "Николаевич",
    "Андреевич",
    "Михайлович",
];
const SUBJECTS: [&str; 10] = [
    "математика",
    "русский язык и литература",
    "история",
    "биология",
    "английский язык",
    "начальные классы",
    "физика",
    "химия",
    "информатика",
    "физическая культура",
];
const MEETING_TOPICS: [&str; 10] = [
    "Разбор урока",
    "Планирование рабочей программы",
    "Подготовка к родительскому собранию",
    "Посещение урока наставника",
    "Работа с электронным журналом",
    "Дисциплина на уроке",
    "Подготовка к открытому уроку",
    "Оценивание и обратная связь",
    "Классное руководство",
    "Подготовка к ВПР",
];
const HELP_TOPICS: [&str; 4] = [
    "Консультация по рабочей программе",
    "Помощь с отчётом",
    "Консультация по оцениванию",
    "Помощь с конфликтом в классе",
];
const TASK_TITLES: [&str; 6] = [
    "Конспект урока с самоанализом",
    "Технологическая карта урока",
    "Посетить два урока коллег",
    "План воспитательной работы",
    "Портфолио педагога",
    "Эссе «Мой первый год в школе»",
];
const GOALS: [&str; 4] = [
    "Освоить методику современного урока",
    "Выстроить работу с родителями",
    "Подготовиться к аттестации",
    "Освоить цифровые инструменты",
];

/// Fills an empty (migrated) database with a district of `size` as of `today`: pairs (пары)
/// active and ended, their journal (журнал) of meetings, help, tasks and checks written day by
/// day, plan items (индивидуальный план), requests and proposals, /sos, surveys. Set-based:
/// about twenty `INSERT … SELECT` over recursive counters in one write transaction.
pub async fn generate(pool: &Pool, size: Size, today: NaiveDate) -> anyhow::Result<Generated> {
    let l = Layout::of(size)?;
    let t = today.format("%Y-%m-%d").to_string();
    let (p, q, m, g, w) = (l.per_org, l.pairs_per_org, l.mentors, l.groups, l.waiting);
    let in_pairs = m + q + g; // the last k of a mentee in a pair
    let name = |h: &str| {
        format!(
            "CASE WHEN {h} % 6 = 0 THEN {} || ' ' || {} || ' ' || {} ELSE {} || ' ' || {} || ' ' || {} END",
            pick(&SURNAMES_M, &format!("{h} / 7")),
            pick(&NAMES_M, &format!("{h} / 13")),
            pick(&PATRONYMICS_M, &format!("{h} / 101")),
            pick(&SURNAMES_F, &format!("{h} / 7")),
            pick(&NAMES_F, &format!("{h} / 13")),
            pick(&PATRONYMICS_F, &format!("{h} / 101")),
        )
    };
    let role = format!(
        "CASE WHEN i + 1 = {coord} THEN 'coordinator' WHEN k = 0 THEN 'curator' WHEN k <= {m} THEN 'mentor' WHEN k <= {in_pairs} + {w} THEN 'mentee' ELSE '' END",
        coord = l.coordinator()
    );
    let statements = vec![
        // organizations: schools, kindergartens, additional education, colleges; stage 6 (work
        // in pairs) mostly, some still recruiting (stages 2, 3, 5)
        format!(
            "{series} INSERT INTO organizations (id, name, kind, tz, stage, stage_since, created_at) \
             SELECT i + 1, CASE WHEN i % 10 < 7 THEN 'МБОУ СОШ № ' WHEN i % 10 < 9 THEN 'МБДОУ детский сад № ' WHEN i % 20 = 9 THEN 'МБУ ДО ЦДТ № ' ELSE 'ГБПОУ колледж № ' END || (i + 1), \
                    CASE WHEN i % 10 < 7 THEN 'school' WHEN i % 10 < 9 THEN 'kindergarten' WHEN i % 20 = 9 THEN 'additional' ELSE 'college' END, \
                    {zone}, CASE i % 25 WHEN 3 THEN 2 WHEN 8 THEN 3 WHEN 13 THEN 5 ELSE 6 END, {since}, {created} FROM n",
            series = series(size.orgs),
            zone = pick(&ZONES, "i"),
            since = stamp(&t, &format!("-30 - {} % 200", hash("i")), "6"),
            created = stamp(&t, "-500", "6"),
        ),
        // people, registered with consent; a few unreachable (blocked the bot)
        format!(
            "{series}, u AS (SELECT i, i / {p} + 1 AS org, i % {p} AS k, {h} AS h FROM n) \
             INSERT INTO users (id, telegram_id, consent_at, full_name, org_id, position, subjects, experience_years, registered_at, unreachable_at, menu_roles, created_at, updated_at) \
             SELECT i + 1, {tg} + i + 1, {reg}, {name}, org, CASE WHEN org % 10 IN (8, 9) THEN 'воспитатель' ELSE 'учитель' END, {subject}, \
                    CASE WHEN k = 0 THEN 15 + h % 15 WHEN k <= {m} THEN 10 + h % 25 WHEN k <= {in_pairs} + {w} THEN h % 6 ELSE 2 + h % 30 END, {reg}, \
                    CASE WHEN k > {in_pairs} AND h % 50 = 7 THEN {unreachable} END, 'ru:' || {role}, {reg}, {reg} FROM u",
            series = series(size.people),
            h = hash("i"),
            tg = DISTRICT_TG,
            reg = stamp(&t, "-380 - h % 60", "h % 10"),
            name = name("h"),
            subject = pick(&SUBJECTS, "h / 3"),
            unreachable = stamp(&t, "-(h % 20)", "10"),
        ),
        "INSERT INTO roles (user_id, role, org_id, granted_at) \
         SELECT id, substr(menu_roles, 4), CASE WHEN menu_roles = 'ru:coordinator' THEN NULL ELSE org_id END, registered_at FROM users WHERE menu_roles <> 'ru:'"
            .to_string(),
        "INSERT INTO mentor_profiles (user_id, competences, forms, capacity, consent_at, status, updated_at, confirmed_at) \
         SELECT id, 'methods,subject,upbringing', CASE WHEN id % 4 = 0 THEN 'traditional,group' ELSE 'traditional' END, 3, registered_at, \
                CASE WHEN id % 50 = 0 THEN 'paused' ELSE 'active' END, registered_at, registered_at FROM users WHERE menu_roles = 'ru:mentor'"
            .to_string(),
        "INSERT INTO mentee_profiles (user_id, category, areas, updated_at, confirmed_at) \
         SELECT id, CASE WHEN experience_years <= 3 THEN 'young' ELSE 'newcomer' END, 'methods,upbringing', registered_at, registered_at FROM users WHERE menu_roles = 'ru:mentee'"
            .to_string(),
        // the orders that fix most pairs (one each), written before the pairs that refer to them
        format!(
            "{series}, x AS (SELECT i, i / {q} + 1 AS org, {h} AS h, CASE WHEN i % 20 < 2 THEN 200 + {h} % 300 ELSE 14 + {h} % 330 END AS s FROM n) \
             INSERT INTO orders (id, org_id, number, order_date, created_at) \
             SELECT i + 1, org, 'П-' || (100 + i), {start}, {created} FROM x WHERE h % 7 <> 0",
            series = series(size.pairs),
            h = hash("i"),
            start = day(&t, "-s"),
            created = stamp(&t, "-s", "7"),
        ),
        // pairs: 90 % active (some silent, some past their planned end), 5 % completed,
        // 5 % ended early; every tenth is a group of two mentees; most have an order
        format!(
            "{series}, x AS (SELECT i, i / {q} + 1 AS org, i % {q} AS j, {h} AS h, CASE WHEN i % 20 < 2 THEN 200 + {h} % 300 ELSE 14 + {h} % 330 END AS s FROM n) \
             INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, order_id, status, end_reason, ended_at, created_at) \
             SELECT i + 1, org, (org - 1) * {p} + 2 + j % {m}, CASE WHEN j % 10 = 9 AND j / 10 < {g} THEN 'group' ELSE 'traditional' END, \
                    {start}, CASE WHEN i % 20 < 2 THEN {end_ended} ELSE {end_active} END, \
                    CASE WHEN h % 7 <> 0 THEN i + 1 END, \
                    CASE i % 20 WHEN 0 THEN 'completed' WHEN 1 THEN 'terminated' ELSE 'active' END, \
                    CASE i % 20 WHEN 0 THEN 'completed' WHEN 1 THEN {reason} END, \
                    CASE WHEN i % 20 < 2 THEN {ended} END, {created} FROM x",
            series = series(size.pairs),
            h = hash("i"),
            start = day(&t, "-s"),
            end_ended = day(&t, "270 - s"),
            end_active = day(&t, "240 + (h / 7) % 150 - s"),
            reason = pick(&["mentor", "mentee", "mutual", "improper"], "h"),
            ended = stamp(&t, "-(s - 100 - (h / 3) % (s - 100))", "12"),
            created = stamp(&t, "-s", "7"),
        ),
        // pair memberships (a temporary table: the requests that formed them are written first)
        format!(
            "CREATE TEMP TABLE gen_members AS \
             SELECT id AS pair_id, (org_id - 1) * {p} + {m} + 2 + (id - 1) % {q} AS mentee_id, org_id, start_date FROM pairs \
             UNION ALL SELECT id, (org_id - 1) * {p} + {m} + {q} + 2 + ((id - 1) % {q}) / 10, org_id, start_date FROM pairs WHERE forms = 'group'"
        ),
        format!(
            "INSERT INTO requests (id, mentee_id, org_id, kind, areas, description, form, status, created_at, updated_at) \
             SELECT mentee_id, mentee_id, org_id, 'new', 'methods,upbringing', 'Нужна помощь в первый год работы', 'traditional', 'matched', {created}, {updated} FROM gen_members",
            created = "strftime('%Y-%m-%dT%H:%M:%S+00:00', start_date, '-10 days', '+9 hours')",
            updated = "start_date || 'T09:00:00+00:00'",
        ),
        "INSERT INTO pair_mentees (pair_id, mentee_id, request_id, joined_at) \
         SELECT pair_id, mentee_id, mentee_id, start_date || 'T09:00:00+00:00' FROM gen_members"
            .to_string(),
        // mentees waiting for a mentor: half with a proposal the mentor has not answered
        format!(
            "INSERT INTO requests (id, mentee_id, org_id, kind, areas, description, status, created_at, updated_at) \
             SELECT id, id, org_id, 'new', 'methods', 'Прошу назначить наставника', CASE WHEN id % 2 = 0 THEN 'proposed' ELSE 'open' END, {created}, {created} \
               FROM users WHERE menu_roles = 'ru:mentee' AND (id - 1) % {p} > {in_pairs}",
            created = stamp(&t, &format!("-(2 + {} % 30)", hash("id")), "8"),
        ),
        format!(
            "INSERT INTO proposals (request_id, mentor_id, proposed_by, status, created_at) \
             SELECT r.id, (r.org_id - 1) * {p} + 2 + r.id % {m}, (r.org_id - 1) * {p} + 1, 'pending', {created} FROM requests r WHERE r.status = 'proposed'",
            created = stamp(&t, &format!("-(1 + {} % 6)", hash("r.id")), "10"),
        ),
        // plan items: a goal per pair until its end, and a task around today
        format!(
            "{series}, x AS (SELECT i, i / 2 + 1 AS pair, {h} AS h FROM n) \
             INSERT INTO plan_items (pair_id, kind, title, deadline, status, created_by, created_at, updated_at) \
             SELECT x.pair, CASE WHEN i % 2 = 0 THEN 'goal' ELSE 'task' END, \
                    CASE WHEN i % 2 = 0 THEN {goal} ELSE {task} END, \
                    CASE WHEN i % 2 = 0 THEN p.planned_end ELSE {deadline} END, \
                    CASE WHEN p.status <> 'active' THEN 'done' WHEN i % 2 = 0 THEN 'planned' ELSE {status} END, \
                    p.mentor_id, p.created_at, p.created_at FROM x JOIN pairs p ON p.id = x.pair",
            series = series(2 * size.pairs),
            h = hash("i"),
            goal = pick(&GOALS, "h"),
            task = pick(&TASK_TITLES, "h"),
            deadline = day(&t, "h % 40 - 25"),
            status = pick(&["done", "done", "done", "done", "submitted", "rework", "planned", "planned", "planned", "planned"], "h / 11"),
        ),
        // situational help (/sos) in one pair of five, most answered within hours
        format!(
            "INSERT INTO sos_requests (pair_id, mentee_id, mentor_id, question, answer, asked_at, answered_at) \
             SELECT m.pair_id, m.mentee_id, p.mentor_id, 'Как быть с опозданиями на урок?', CASE WHEN p.id % 10 <> 5 THEN 'Обсудим на встрече' END, {asked}, \
                    CASE WHEN p.id % 10 <> 5 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', {asked}, '+' || (30 + {h} % 500) || ' minutes') END \
               FROM gen_members m JOIN pairs p ON p.id = m.pair_id WHERE p.id % 5 = 0",
            asked = stamp(&t, &format!("-(1 + {} % 60)", hash("p.id")), "9"),
            h = hash("p.id + 1"),
        ),
        // pending petitions and resignations (curators are reminded)
        format!(
            "INSERT INTO petitions (pair_id, mentee_id, reason_code, status, created_at) \
             SELECT m.pair_id, m.mentee_id, 'unavailable', 'pending', {created} FROM gen_members m JOIN pairs p ON p.id = m.pair_id \
              WHERE p.status = 'active' AND (p.id - 1) % {q} = 3 AND p.org_id % 3 = 0",
            created = stamp(&t, "-5", "11"),
        ),
        format!(
            "INSERT INTO resignations (mentor_id, org_id, reason, status, created_at) \
             SELECT (id - 1) * {p} + 3, id, 'Переход в другую школу', 'pending', {created} FROM organizations WHERE id % 5 = 0",
            created = stamp(&t, "-4", "11"),
        ),
        // journal spans: from the start to the end (or today); one active pair in twelve has
        // been silent for three weeks or more
        format!(
            "CREATE TEMP TABLE gen_spans AS \
             SELECT p.id, p.mentor_id, julianday(p.start_date) AS jd, \
                    MAX(1, CAST(julianday(MIN(COALESCE(date(p.ended_at), '{t}'), CASE WHEN p.status = 'active' AND p.id % 12 = 0 THEN {silent} ELSE '{t}' END)) \
                                - julianday(p.start_date) AS INTEGER) + 1) AS span \
               FROM pairs p",
            silent = day(&t, "-(22 + p.id % 20)"),
        ),
        // written day by day, as a school year of use writes them (rowid order = date order)
        format!(
            "{series}, x AS (SELECT i, s.id AS pair, s.mentor_id, {h} AS h, s.jd + {h} % s.span AS jday \
                               FROM n JOIN temp.gen_spans s ON s.id = 1 + (i * {pairs}) / {total}) \
             INSERT INTO journal_entries (pair_id, kind, on_date, minutes, format, topic, author_id, deleted_at, created_at, updated_at) \
             SELECT pair, CASE WHEN i % 20 < 12 THEN 'meeting' WHEN i % 20 < 15 THEN 'helped' WHEN i % 20 < 17 THEN 'task' WHEN i % 20 < 19 THEN 'check' ELSE 'sos' END, \
                    date(jday), \
                    CASE WHEN i % 20 < 12 THEN 30 + (h % 7) * 10 WHEN i % 20 < 15 THEN 15 + (h % 3) * 15 END, \
                    CASE WHEN i % 20 < 12 THEN {format} END, \
                    CASE WHEN i % 20 < 12 THEN {meeting} WHEN i % 20 < 15 THEN {help} WHEN i % 20 < 17 THEN 'Задание: ' || {task} WHEN i % 20 < 19 THEN 'Проверено: ' || {task} ELSE 'Ответ на вопрос наставляемого' END \
                      || ' (' || (5 + h % 7) || {letter} || ', ' || strftime('%d.%m', jday) || ')', \
                    mentor_id, CASE WHEN i % 97 = 0 THEN {stamp_} END, {stamp_}, {stamp_} \
               FROM x ORDER BY jday, h % 10, i",
            series = series(size.journal),
            pairs = size.pairs,
            total = size.journal,
            h = hash("i"),
            format = pick(&["in_person", "online", "lesson_visit"], "h / 5"),
            meeting = pick(&MEETING_TOPICS, "h / 17"),
            help = pick(&HELP_TOPICS, "h / 17"),
            task = pick(&TASK_TITLES, "h / 17"),
            letter = pick(&["А", "Б", "В"], "h / 19"),
            stamp_ = "strftime('%Y-%m-%dT%H:%M:%S+00:00', jday, '+' || (8 + h % 10) || ' hours')",
        ),
        // surveys: every mentee answered the entry survey; ended pairs answered the exit ones
        "INSERT INTO survey_responses (survey, pair_id, user_id, started_at, completed_at) \
         SELECT 'mentee_entry', pair_id, mentee_id, start_date || 'T10:00:00+00:00', start_date || 'T10:05:00+00:00' FROM gen_members"
            .to_string(),
        "INSERT INTO survey_responses (survey, pair_id, user_id, started_at, completed_at) \
         SELECT 'mentee_exit', m.pair_id, m.mentee_id, p.ended_at, p.ended_at FROM gen_members m JOIN pairs p ON p.id = m.pair_id WHERE p.status <> 'active' \
         UNION ALL SELECT 'mentor_exit', p.id, p.mentor_id, p.ended_at, p.ended_at FROM pairs p WHERE p.status <> 'active'"
            .to_string(),
        format!(
            "INSERT INTO survey_answers (response_id, qid, score, text, answered_at) \
             SELECT r.id, q.qid, CASE q.kind WHEN 'scale1_5' THEN 1 + (r.id * 7 + q.position * 3 + (r.survey <> 'mentee_entry')) % 5 \
                                             WHEN 'scale0_10' THEN 5 + (r.id + q.position) % 6 END, \
                    CASE WHEN q.kind = 'text' THEN {text} END, r.completed_at \
               FROM survey_responses r JOIN survey_questions q ON q.survey = r.survey WHERE q.kind <> 'text' OR r.id % 4 = 0",
            text = pick(&["Хочу научиться держать дисциплину", "Больше практики на уроках", "Спасибо наставнику за поддержку", "Нужно больше времени на встречи"], "r.id"),
        ),
        "INSERT INTO reminder_mutes (user_id, topic) SELECT id, 'calendar' FROM users WHERE id % 37 = 0".to_string(),
        "DROP TABLE temp.gen_members".to_string(),
        "DROP TABLE temp.gen_spans".to_string(),
    ];
    let mut tx = crate::db::write(pool).await?;
    // a bigger page cache for this connection only: the indexes of 2 M rows fit in it
    sqlx::query("PRAGMA cache_size = -262144")
        .execute(&mut *tx)
        .await?;
    for sql in &statements {
        sqlx::query(sql)
            .execute(&mut *tx)
            .await
            .map_err(|e| anyhow::anyhow!("{e}: {}", &sql[..sql.len().min(200)]))?;
    }
    sqlx::query("PRAGMA cache_size = -2000")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    count(pool).await
}

/// Counts what is in the database.
pub async fn count(pool: &Pool) -> anyhow::Result<Generated> {
    let row: (i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM organizations), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM pairs), \
                (SELECT COUNT(*) FROM pairs WHERE status = 'active'), (SELECT COUNT(*) FROM journal_entries), (SELECT COUNT(*) FROM plan_items), \
                (SELECT COUNT(*) FROM requests), (SELECT COUNT(*) FROM sos_requests), (SELECT COUNT(*) FROM survey_answers)",
    )
    .fetch_one(pool)
    .await?;
    let (orgs, people, pairs, active_pairs, journal, plan_items, requests, sos, survey_answers) =
        row;
    Ok(Generated {
        orgs,
        people,
        pairs,
        active_pairs,
        journal,
        plan_items,
        requests,
        sos,
        survey_answers,
    })
}

/// The first and the median of several runs of one measurement, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timing {
    pub first_ms: f64,
    pub median_ms: f64,
    pub runs: usize,
}

impl Timing {
    fn of(mut ms: Vec<f64>) -> Timing {
        let first_ms = ms.first().copied().unwrap_or(0.0);
        let runs = ms.len();
        ms.sort_by(f64::total_cmp);
        Timing {
            first_ms,
            median_ms: ms.get(runs / 2).copied().unwrap_or(0.0),
            runs,
        }
    }
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// One scheduler pass as the bot does it (`bot::reminders::run_pass_with`), minus the sending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PassTiming {
    /// the first pass of the morning: plans, records every key, loads the digests
    pub first_ms: f64,
    /// of which the snapshot (all the reads), the pure planner, recording the keys, the digests
    pub snapshot_ms: f64,
    pub plan_ms: f64,
    pub claim_ms: f64,
    pub digests_ms: f64,
    /// a pass a few minutes later: everything is already recorded
    pub steady: Timing,
    pub due: usize,
    pub deferred: usize,
    pub stale: usize,
    /// keys recorded by the first pass ('queued', i.e. to be sent)
    pub claimed: usize,
    /// full digests computed for the claimed digest reminders (one per time zone, and the month)
    pub digests_loaded: usize,
}

/// The district XLSX report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportTiming {
    pub build_ms: f64,
    pub write_ms: f64,
    pub bytes: usize,
    /// the workbook itself (the smoke test opens it)
    pub xlsx: Vec<u8>,
    /// rows per sheet
    pub sheets: Vec<(String, usize)>,
}

impl ReportTiming {
    pub fn total_ms(&self) -> f64 {
        self.build_ms + self.write_ms
    }
}

/// How the real bot is run for the memory measurement.
#[derive(Debug, Clone)]
pub struct Serve {
    /// the bot's executable (`target/release/nastavnik`) and the arguments that start it
    pub program: PathBuf,
    pub args: Vec<String>,
    /// updates to drive through it (meeting logs, /journal, /plan, /digest, /pairs…)
    pub updates: usize,
    /// concurrent senders
    pub lanes: usize,
    /// wait for the bot's own first scheduler pass (30 s after the start) before reading the peak
    pub wait_for_pass: bool,
}

/// What the serving bot did and its memory (kB, from /proc/<pid>/status).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServingResult {
    pub command: String,
    pub sent: usize,
    pub answered: usize,
    /// the coordinator's /report arrived as an XLSX document
    pub report_delivered: bool,
    /// the bot's scheduler pass was observed (its log line or its sends)
    pub pass_seen: bool,
    /// (moment, VmRSS, VmHWM) in kB
    pub memory: Vec<(String, u64, u64)>,
    /// VmHWM at the end: the peak resident set over the whole run
    pub peak_kb: u64,
}

/// Scenario 2's results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DistrictReport {
    pub generated: Generated,
    pub today: NaiveDate,
    pub generate_seconds: f64,
    pub curator_digest: Timing,
    pub monthly_digest: Timing,
    pub curator_digest_rows: usize,
    pub monthly_digest_rows: usize,
    pub pass: PassTiming,
    pub report: ReportTiming,
    pub db_bytes: u64,
    pub wal_bytes: u64,
    pub serving: ServingResult,
}

/// The Monday on or before `date`: the generated district is "as of" a Monday morning, when the
/// curators' weekly digests fall due.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// Generates the district in a file database and measures. The database goes to `keep_in`
/// (kept there for a look: `sqlite3 DIR/district.db`) or to a temporary directory (removed).
pub async fn scenario_district(
    size: Size,
    serve: &Serve,
    keep_in: Option<&Path>,
) -> anyhow::Result<DistrictReport> {
    let dir = match keep_in {
        Some(d) => d.to_path_buf(),
        None => std::env::temp_dir().join(format!(
            "nastavnik-district-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        )),
    };
    std::fs::create_dir_all(&dir)?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("district.db{suffix}")));
    }
    let result = run_in(&dir, size, serve).await;
    if keep_in.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

async fn run_in(dir: &Path, size: Size, serve: &Serve) -> anyhow::Result<DistrictReport> {
    let file = dir.join("district.db");
    let url = format!("sqlite://{}", file.display());
    let today = monday_of(Utc::now().date_naive());
    let mut r = DistrictReport {
        today,
        ..Default::default()
    };

    let pool = crate::db::connect(&url).await?;
    let clock = Instant::now();
    r.generated = generate(&pool, size, today).await?;
    r.generate_seconds = clock.elapsed().as_secs_f64();
    pool.close().await;

    // measured on a fresh pool, as the bot opens it
    let pool = crate::db::connect(&url).await?;
    let rules = Rules::default();
    let default_tz = chrono_tz::Europe::Moscow;
    // 06:00 UTC: 09:00 in Moscow, later in the other zones — every curator's digest is due
    let now = at(today, 6);
    let layout = Layout::of(size)?;
    let org = (size.orgs + 1) / 2;
    let org_tz: Tz = sqlx::query_scalar::<_, String>("SELECT tz FROM organizations WHERE id = ?")
        .bind(org)
        .fetch_one(&pool)
        .await?
        .parse()
        .unwrap_or(default_tz);
    let mut runs = Vec::new();
    for _ in 0..5 {
        let clock = Instant::now();
        r.curator_digest_rows = store::digest(
            &pool,
            Some(org),
            DigestPeriod::week(planner::today(org_tz, now), now),
            &rules,
        )
        .await?
        .len();
        runs.push(ms_since(clock));
    }
    r.curator_digest = Timing::of(runs);
    let mut runs = Vec::new();
    for _ in 0..3 {
        let clock = Instant::now();
        r.monthly_digest_rows = store::digest(
            &pool,
            None,
            DigestPeriod::month(planner::today(default_tz, now), now),
            &rules,
        )
        .await?
        .len();
        runs.push(ms_since(clock));
    }
    r.monthly_digest = Timing::of(runs);
    r.pass = scheduler_pass(&pool, default_tz, &rules, now).await?;
    r.report = district_report(&pool, today, default_tz).await?;
    pool.close().await;

    r.serving = serve_and_measure(&url, dir, &layout, size, serve).await?;
    let pool = crate::db::connect(&url).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await?;
    pool.close().await;
    r.db_bytes = file_size(&file);
    r.wal_bytes = file_size(&dir.join("district.db-wal"));
    Ok(r)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// `date` at `hour`:00 UTC.
fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

/// Everything `bot::reminders::run_pass_with` does before it sends, with the same calls: the
/// snapshot, the pure planner, recording every key (stale ones as dropped, due ones as queued),
/// and the digests the claimed digest reminders need (`Digests::load`).
async fn one_pass(
    pool: &Pool,
    default_tz: Tz,
    rules: &Rules,
    now: DateTime<Utc>,
    t: &mut PassTiming,
) -> anyhow::Result<()> {
    let clock = Instant::now();
    let snapshot = store::snapshot(pool, default_tz, rules, now).await?;
    t.snapshot_ms = ms_since(clock);
    let clock = Instant::now();
    let plan = planner::plan(&snapshot, rules, now);
    t.plan_ms = ms_since(clock);
    (t.due, t.deferred, t.stale) = (plan.due.len(), plan.deferred.len(), plan.stale.len());
    let clock = Instant::now();
    let stale: Vec<&Reminder> = plan.stale.iter().collect();
    store::claim(pool, &stale, ReminderState::Dropped, now).await?;
    let due: Vec<&Reminder> = plan.due.iter().collect();
    let claimed: Vec<&Reminder> = due
        .iter()
        .zip(store::claim(pool, &due, ReminderState::Queued, now).await?)
        .filter_map(|(r, id)| id.map(|_| *r))
        .collect();
    t.claimed = claimed.len();
    t.claim_ms = ms_since(clock);
    let clock = Instant::now();
    t.digests_loaded = crate::bot::reminders::Digests::load(pool, rules, default_tz, &claimed, now)
        .await?
        .loaded();
    t.digests_ms = ms_since(clock);
    Ok(())
}

async fn scheduler_pass(
    pool: &Pool,
    default_tz: Tz,
    rules: &Rules,
    now: DateTime<Utc>,
) -> anyhow::Result<PassTiming> {
    let mut first = PassTiming::default();
    let clock = Instant::now();
    one_pass(pool, default_tz, rules, now, &mut first).await?;
    first.first_ms = ms_since(clock);
    let mut runs = Vec::new();
    for minutes in [5, 10, 15] {
        let mut later = PassTiming::default();
        let clock = Instant::now();
        one_pass(
            pool,
            default_tz,
            rules,
            now + Duration::minutes(minutes),
            &mut later,
        )
        .await?;
        runs.push(ms_since(clock));
    }
    first.steady = Timing::of(runs);
    Ok(first)
}

async fn district_report(pool: &Pool, today: NaiveDate, tz: Tz) -> anyhow::Result<ReportTiming> {
    let clock = Instant::now();
    let report = crate::report::build(
        pool,
        Scope::District,
        today,
        crate::report::Period::Quarter,
        Lang::Ru,
        tz,
        None,
    )
    .await?;
    let build_ms = ms_since(clock);
    let clock = Instant::now();
    let bytes = crate::report::xlsx::write(&report)?;
    let write_ms = ms_since(clock);
    Ok(ReportTiming {
        build_ms,
        write_ms,
        bytes: bytes.len(),
        xlsx: bytes,
        sheets: report
            .sheets
            .iter()
            .map(|s| (s.name.clone(), s.rows.len()))
            .collect(),
    })
}

/// VmRSS and VmHWM of a process, in kB (Linux; zeros elsewhere).
pub fn memory_of(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The load: mentors log meetings and read their journal and plan, mentees read theirs,
/// curators ask for their digest, pairs and requests; spread over the organizations.
fn load_script(layout: &Layout, size: Size, updates: usize) -> Vec<(i64, &'static str)> {
    (0..updates as i64)
        .map(|n| {
            let org = 1 + (n * 7919) % size.orgs;
            let (mentor, mentee) = layout.pair_people((n / 20 + n) % layout.pairs_per_org);
            let (k, text) = match n % 20 {
                0..=5 => (mentor, "/meeting 45 Разбор урока"),
                6 | 7 => (mentor, "/journal"),
                8 | 9 => (mentor, "/plan"),
                10..=12 => (mentee, "/plan"),
                13..=15 => (mentee, "/journal"),
                16 => (0, "/digest"),
                17 => (0, "/pairs"),
                18 => (0, "/requests"),
                _ => (mentee, "/pair"),
            };
            (DISTRICT_TG + layout.user(org, k), text)
        })
        .collect()
}

type Waiters =
    Arc<Mutex<HashMap<i64, std::collections::VecDeque<tokio::sync::oneshot::Sender<()>>>>>;

/// Sends the script through `lanes` concurrent senders, each waiting for the bot's answer in
/// that chat before its next update. Returns how many were answered.
async fn drive(api: &FakeBotApi, script: &[(i64, &'static str)], lanes: usize) -> usize {
    let waiters: Waiters = Arc::default();
    let mut feed = api.subscribe();
    let listener = {
        let waiters = waiters.clone();
        tokio::spawn(async move {
            loop {
                match feed.recv().await {
                    Ok(c)
                        if c.ok()
                            && [
                                "sendMessage",
                                "editMessageText",
                                "sendDocument",
                                "sendPhoto",
                            ]
                            .iter()
                            .any(|m| c.is(m)) =>
                    {
                        let waiter = c
                            .chat_id()
                            .and_then(|chat| waiters.lock().ok()?.get_mut(&chat)?.pop_front());
                        if let Some(w) = waiter {
                            let _ = w.send(());
                        }
                    }
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => break,
                }
            }
        })
    };
    let lanes = lanes.max(1);
    let mut tasks = Vec::new();
    for lane in 0..lanes {
        let items: Vec<(i64, &'static str)> =
            script.iter().skip(lane).step_by(lanes).copied().collect();
        let (api, waiters) = (api.clone(), waiters.clone());
        tasks.push(tokio::spawn(async move {
            let mut answered = 0;
            for (chat, text) in items {
                let (tx, rx) = tokio::sync::oneshot::channel();
                if let Ok(mut w) = waiters.lock() {
                    w.entry(chat).or_default().push_back(tx);
                }
                api.send_text(&FakeUser::new(chat, "Педагог"), text);
                if matches!(
                    tokio::time::timeout(StdDuration::from_secs(30), rx).await,
                    Ok(Ok(()))
                ) {
                    answered += 1;
                }
            }
            answered
        }));
    }
    let mut answered = 0;
    for t in tasks {
        answered += t.await.unwrap_or(0);
    }
    listener.abort();
    answered
}

/// The last lines the child wrote to stderr, and whether its scheduler pass has run.
#[derive(Default)]
struct ChildLog {
    tail: std::collections::VecDeque<String>,
    pass_seen: bool,
}

/// Starts the real bot as a child process on the generated database against a fake Bot API in
/// this process, drives the load, the coordinator's district /report and (optionally) waits for
/// the bot's own scheduler pass, then reads its peak resident set from /proc.
async fn serve_and_measure(
    url: &str,
    dir: &Path,
    layout: &Layout,
    size: Size,
    serve: &Serve,
) -> anyhow::Result<ServingResult> {
    use std::io::BufRead;
    let api = FakeBotApi::start().await;
    let mut child = std::process::Command::new(&serve.program)
        .args(&serve.args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url().to_string())
        .env("DATABASE_URL", url)
        .env("POLL_TIMEOUT_SECS", "1")
        // the load generator is many people typing at machine speed: measure the bot, not the flood guard
        .env("INCOMING_PER_MINUTE", "0")
        .env("RUST_LOG", "warn,nastavnik::bot::reminders=debug")
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot start {}: {e}", serve.program.display()))?;
    let started = Instant::now();
    let pid = child.id();
    let log = Arc::new(Mutex::new(ChildLog::default()));
    if let Some(stderr) = child.stderr.take() {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if let Ok(mut l) = log.lock() {
                    l.pass_seen |= line.contains("reminder pass");
                    l.tail.push_back(line);
                    if l.tail.len() > 40 {
                        l.tail.pop_front();
                    }
                }
            }
        });
    }
    let result = measure_child(&api, pid, started, &log, layout, size, serve).await;
    let _ = child.kill();
    let _ = child.wait();
    api.shutdown();
    let mut out = result.map_err(|e| {
        let tail = log
            .lock()
            .map(|l| l.tail.iter().cloned().collect::<Vec<_>>().join("\n"))
            .unwrap_or_default();
        anyhow::anyhow!("{e}\n--- the bot's last log lines ---\n{tail}")
    })?;
    out.command = format!("{} {}", serve.program.display(), serve.args.join(" "));
    Ok(out)
}

async fn measure_child(
    api: &FakeBotApi,
    pid: u32,
    started: Instant,
    log: &Mutex<ChildLog>,
    layout: &Layout,
    size: Size,
    serve: &Serve,
) -> anyhow::Result<ServingResult> {
    let mut out = ServingResult::default();
    let note = |out: &mut ServingResult, moment: &str| {
        let (rss, hwm) = memory_of(pid);
        out.memory.push((moment.to_string(), rss, hwm));
    };
    api.wait_for_call(|c| c.is("getUpdates"), StdDuration::from_secs(60))
        .await
        .ok_or_else(|| anyhow::anyhow!("the bot did not start polling within 60 s"))?;
    note(&mut out, "started");
    let script = load_script(layout, size, serve.updates);
    out.sent = script.len();
    out.answered = drive(api, &script, serve.lanes).await;
    let moment = format!("after {} updates", out.sent);
    note(&mut out, &moment);

    let coordinator = DISTRICT_TG + layout.coordinator();
    let mark = api.call_count();
    let coordinator_user = FakeUser::new(coordinator, "Координатор");
    api.send_text(&coordinator_user, "/report");
    // /report asks the period first: a quarter
    let asked = api
        .wait_for_call_after(
            mark,
            |c| {
                c.is("sendMessage")
                    && c.chat_id() == Some(coordinator)
                    && c.params["reply_markup"].is_object()
            },
            StdDuration::from_secs(120),
        )
        .await;
    if asked.is_some() {
        api.press(
            &coordinator_user,
            coordinator,
            &tr!(crate::i18n::Lang::Ru, "report-btn-quarter"),
        );
    }
    let is_report =
        |c: &crate::emulator::ApiCall| c.is("sendDocument") && c.chat_id() == Some(coordinator);
    out.report_delivered = api
        .wait_for_call_after(mark, is_report, StdDuration::from_secs(300))
        .await
        .is_some_and(|c| c.ok());
    note(&mut out, "after the district /report");

    if serve.wait_for_pass {
        // the first pass runs 30 s after the start; it has run when it logs (a pass that only
        // defers, at night), or when messages go out after the load and the report
        let sends = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = {
            let (sends, mut feed) = (sends.clone(), api.subscribe());
            tokio::spawn(async move {
                loop {
                    match feed.recv().await {
                        Ok(c) if c.is("sendMessage") => {
                            sends.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                        Err(_) => break,
                    }
                }
            })
        };
        let deadline = started + StdDuration::from_secs(150);
        loop {
            let seen = log.lock().map(|l| l.pass_seen).unwrap_or(false);
            let sending = started.elapsed() > StdDuration::from_secs(30)
                && sends.load(std::sync::atomic::Ordering::Relaxed) > 0;
            if seen || sending || Instant::now() > deadline {
                out.pass_seen = seen || sending;
                break;
            }
            tokio::time::sleep(StdDuration::from_millis(250)).await;
        }
        counter.abort();
        tokio::time::sleep(StdDuration::from_secs(3)).await;
        note(&mut out, "after the scheduler pass");
    }
    out.peak_kb = memory_of(pid).1;
    Ok(out)
}
