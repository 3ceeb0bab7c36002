//! Samples of every document, made from the console's demo district (`src/console/demo.rs`)
//! with a term of work added through the same repository functions the bot uses: a pair
//! formed on a request, its plan, meetings, a product with the mentee's self-assessment, an
//! adaptation report, the entry and exit surveys, the head's order, the end of the programme.
//! `nastavnik doc samples --out docs/samples` writes them.

use super::load::{self, Context};
use super::{Doc, Kind, Subject};
use crate::domain::journal::EntryKind;
use crate::domain::pair::EndReason;
use crate::domain::{Area, Role};
use crate::i18n::Lang;
use crate::repo::journal::{self, NewEntry, NewItem, Product};
use crate::repo::requests::{self, NewRequest};
use crate::repo::{orders, pairs, surveys, users, Pool};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// The demo term starts on 1 September 2026, 9:00 Moscow time.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 1, 6, 0, 0).unwrap()
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour, 0, 0).unwrap().and_utc()
}

async fn user_id(pool: &Pool, tg: i64) -> anyhow::Result<i64> {
    Ok(users::by_telegram(pool, tg)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo person {tg}"))?
        .id)
}

/// Seeds the demo district with a term of work; returns (organization, pair, curator).
pub async fn seed(pool: &Pool) -> anyhow::Result<(i64, i64, i64)> {
    let t0 = start();
    let org = crate::console::demo::seed(pool, "Europe/Moscow", t0).await?;
    let curator = user_id(pool, 101).await?;
    let mentor = user_id(pool, 201).await?;
    let mentee = user_id(pool, 301).await?;
    let head = users::ensure(pool, 401, t0).await?;
    users::give_consent(pool, head.id, t0).await?;
    users::update_basic(
        pool,
        head.id,
        users::BasicField::FullName,
        "Николаев Сергей Петрович",
        t0,
    )
    .await?;
    users::set_org(pool, head.id, org, t0).await?;
    users::grant_role(pool, head.id, Role::Head, Some(org), t0).await?;
    users::mark_registered(pool, head.id, "ru", t0).await?;

    let request = NewRequest {
        mentee_id: mentee,
        org_id: Some(org),
        kind: "new",
        areas: vec![Area::Methods, Area::Parents],
        description: "Не получается удерживать дисциплину в 7Б и говорить с родителями".into(),
        form: None,
        wished_mentor_id: None,
        excluded: vec![],
        previous_pair_id: None,
    };
    let rid = requests::create(pool, &request, t0).await?;
    let proposal = requests::propose(pool, rid, mentor, Some(curator), None, t0).await?;
    requests::mentor_answers(pool, proposal, mentor, true, None, t0).await?;
    let pair = requests::mentee_answers(pool, proposal, mentee, true, day(9, 1), t0)
        .await?
        .ok_or_else(|| anyhow::anyhow!("pair formed"))?
        .pair_id;

    let item = |kind: &'static str,
                title: &str,
                area: Option<Area>,
                deadline: Option<NaiveDate>| NewItem {
        pair_id: pair,
        mentee_id: None,
        kind,
        title: title.into(),
        area: area.map(|a| a.code().to_string()),
        deadline,
        created_by: mentor,
        source: None,
    };
    let t = at(day(9, 3), 10);
    journal::add_item(
        pool,
        &item(
            "goal",
            "Освоить приёмы удержания дисциплины на уроке",
            None,
            None,
        ),
        day(9, 3),
        t,
    )
    .await?;
    journal::add_item(
        pool,
        &item(
            "goal",
            "Научиться готовить и проводить родительское собрание",
            None,
            None,
        ),
        day(9, 3),
        t,
    )
    .await?;
    let (card, _) = journal::add_item(
        pool,
        &item(
            "item",
            "Разработать технологическую карту урока",
            Some(Area::Methods),
            Some(day(10, 1)),
        ),
        day(9, 3),
        t,
    )
    .await?;
    journal::add_item(
        pool,
        &item(
            "item",
            "Подготовить и провести родительское собрание в 7Б",
            Some(Area::Parents),
            Some(day(11, 20)),
        ),
        day(9, 3),
        t,
    )
    .await?;
    journal::add_item(
        pool,
        &item(
            "task",
            "Посетить два урока наставника и записать приёмы",
            Some(Area::Methods),
            Some(day(12, 15)),
        ),
        day(9, 3),
        t,
    )
    .await?;

    for (date, minutes, topic, kind) in [
        (
            day(9, 3),
            60,
            "Знакомство, запросы, план на первую четверть",
            EntryKind::Meeting,
        ),
        (
            day(9, 17),
            45,
            "Посещение урока в 7Б, разбор",
            EntryKind::Meeting,
        ),
        (
            day(10, 8),
            40,
            "Технологическая карта урока: разбор черновика",
            EntryKind::Meeting,
        ),
        (
            day(10, 22),
            20,
            "Как ответить родителю на жалобу",
            EntryKind::Helped,
        ),
        (
            day(11, 12),
            50,
            "Подготовка к родительскому собранию",
            EntryKind::Meeting,
        ),
    ] {
        let e = NewEntry {
            pair_id: pair,
            mentee_id: None,
            kind,
            on_date: date,
            minutes: Some(minutes),
            format: (kind == EntryKind::Meeting).then(|| "in_person".to_string()),
            topic: topic.into(),
            plan_item_id: None,
            sos_id: None,
            author_id: mentor,
            source: None,
        };
        journal::add_entry(pool, &e, at(date, 12)).await?;
    }
    let product = Product {
        kind: "text".into(),
        text: Some("Технологическая карта урока «Сложение дробей», 6 класс".into()),
        file_id: None,
        score: 4,
        comment: Some("Стало понятнее, как планировать этапы урока".into()),
    };
    journal::submit_item(pool, card, &product, at(day(9, 29), 15)).await?;
    journal::check_item(
        pool,
        card,
        true,
        Some("Хорошая карта, этап рефлексии можно короче"),
        mentor,
        day(9, 30),
        at(day(9, 30), 15),
    )
    .await?;
    journal::save_report(
        pool,
        pair,
        mentor,
        day(9, 1),
        day(11, 30),
        "",
        "Мария уверенно ведёт уроки, дисциплина в 7Б заметно лучше.",
        at(day(11, 30), 16),
    )
    .await?;

    for (survey, when, answers) in [
        (
            "mentee_entry",
            at(day(9, 2), 10),
            [
                ("motivation", 3),
                ("confidence", 2),
                ("adaptation", 2),
                ("innovation", 3),
            ],
        ),
        (
            "mentee_exit",
            at(day(11, 30), 10),
            [
                ("motivation", 5),
                ("confidence", 4),
                ("adaptation", 4),
                ("innovation", 4),
            ],
        ),
    ] {
        let (r, _) = surveys::open(pool, survey, pair, mentee, when).await?;
        for (qid, score) in answers {
            surveys::answer(pool, r.id, qid, Some(score), None, when).await?;
        }
        surveys::complete(pool, r.id, when).await?;
    }
    Ok((org, pair, curator))
}

/// Makes every kind of document from the demo district; the draft order is made while the
/// pair awaits its order, the final report after the programme ended.
pub async fn make_all() -> anyhow::Result<Vec<Doc>> {
    let pool = crate::db::memory().await;
    let (org, pair, curator) = seed(&pool).await?;
    let c = |now: DateTime<Utc>| Context {
        lang: Lang::Ru,
        now,
        default_tz: chrono_tz::Europe::Moscow,
    };
    let mut docs = Vec::new();
    docs.push(
        load::make(
            &pool,
            Kind::OrderDraft,
            Subject::Org(org, None),
            c(at(day(9, 2), 9)),
        )
        .await?,
    );
    orders::record(
        &pool,
        org,
        &[pair],
        "01-12/45",
        day(9, 2),
        curator,
        at(day(9, 2), 12),
    )
    .await?;
    let term = Some((day(9, 1), day(11, 30)));
    let dec = at(day(12, 1), 9);
    docs.push(load::make(&pool, Kind::Programme, Subject::Pair(pair), c(dec)).await?);
    docs.push(load::make(&pool, Kind::Adaptation, Subject::Pair(pair), c(dec)).await?);
    docs.push(load::make(&pool, Kind::Spravka, Subject::Org(org, term), c(dec)).await?);
    docs.push(load::make(&pool, Kind::Mentors, Subject::Org(org, None), c(dec)).await?);
    docs.push(load::make(&pool, Kind::Mentees, Subject::Org(org, None), c(dec)).await?);
    let mentor = user_id(&pool, 201).await?;
    docs.push(load::make(&pool, Kind::Consent, Subject::Person(mentor), c(dec)).await?);
    let mut tx = crate::db::write(&pool).await?;
    pairs::end_in(
        &mut tx,
        pair,
        EndReason::PlanCompleted,
        Some(curator),
        None,
        dec + Duration::hours(1),
    )
    .await?;
    tx.commit().await?;
    docs.push(
        load::make(
            &pool,
            Kind::Final,
            Subject::Pair(pair),
            c(dec + Duration::hours(2)),
        )
        .await?,
    );
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::tests::{docx_text, part};

    #[tokio::test]
    async fn every_kind_is_made_from_the_demo_district() {
        let docs = make_all().await.unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.file_name.as_str()).collect();
        assert_eq!(names.len(), Kind::ALL.len(), "{names:?}");
        let find = |prefix: &str| {
            docs.iter()
                .find(|d| d.file_name.starts_with(prefix))
                .unwrap_or_else(|| panic!("{prefix} in {names:?}"))
        };

        let order = docx_text(&find("proekt-prikaza").bytes);
        assert!(
            order.contains("Петрова Анна Сергеевна: 01.09.2026 09:00")
                && order.contains("Иванова Мария Петровна: 01.09.2026 09:00"),
            "{order}"
        );
        assert!(
            order.contains("Николаев Сергей Петрович")
                && order.contains("Соколова Елена Викторовна"),
            "{order}"
        );

        let programme = docx_text(&find("programma-para-1").bytes);
        for needle in [
            "№ 01-12/45 от 02.09.2026",
            "Освоить приёмы удержания дисциплины",
            "Разработать технологическую карту урока",
            "01.10.2026",
            "«Сложение дробей»",
            "4 / 5",
        ] {
            assert!(
                programme.contains(needle),
                "«{needle}» not in:\n{programme}"
            );
        }

        let adaptation = docx_text(&find("otchet-adaptaciya").bytes);
        // four meetings (60 + 45 + 40 + 50 min) and 20 min of help: 3.6 hours
        assert!(
            adaptation.contains("с 01.09.2026 по 30.11.2026")
                && adaptation.contains("3.6")
                && adaptation.contains("дисциплина в 7Б заметно лучше"),
            "{adaptation}"
        );

        let spravka = docx_text(&find("spravka-oo").bytes);
        assert!(
            spravka.contains("4 (3.6 ч)") && spravka.contains("1 из 5"),
            "{spravka}"
        );

        let final_report = docx_text(&find("itogovyj-otchet").bytes);
        assert!(
            final_report.contains("ИТОГОВЫЙ ОТЧЁТ") && final_report.contains("+2.0"),
            "{final_report}"
        );

        let consent = docx_text(&find("soglasiya").bytes);
        assert!(
            consent.contains("Петрова Анна Сергеевна")
                && consent.contains("Выполнение обязанностей наставника"),
            "{consent}"
        );

        let mentors = part(&find("bank-nastavnikov").bytes, "xl/sharedStrings.xml");
        assert!(
            mentors.contains("Петрова Анна Сергеевна")
                && mentors.contains("Борисов Борис Борисович"),
            "{mentors}"
        );
        let mentees = part(&find("bank-nastavlyaemyh").bytes, "xl/sharedStrings.xml");
        assert!(mentees.contains("Иванова Мария Петровна"), "{mentees}");
    }
}
