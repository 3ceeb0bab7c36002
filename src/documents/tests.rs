//! Each document built from data and read back: the DOCX's `word/document.xml` as text, the
//! XLSX's cells and page setup.

use super::*;
use crate::domain::journal::Summary;
use crate::domain::monitoring::{Direction, Target};
use crate::domain::pair::EndReason;
use crate::i18n::Lang;
use chrono::NaiveDate;
use std::io::Read;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

/// A file of a zip package as text.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The text of a Word document: paragraphs (and table cells) one a line.
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    let xml = part(bytes, "word/document.xml");
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        let j = rest[i..].find('>').map(|j| i + j).unwrap_or(rest.len() - 1);
        let tag = &rest[i + 1..j];
        if tag.starts_with("w:t ") || tag == "w:t" {
            let end = rest[j..]
                .find("</w:t>")
                .map(|e| j + e)
                .unwrap_or(rest.len());
            out.push_str(&unescape(&rest[j + 1..end]));
            rest = &rest[end..];
            continue;
        }
        if tag == "/w:p" || tag.starts_with("w:br") {
            out.push('\n');
        }
        rest = &rest[j + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn header() -> PairHeader {
    PairHeader {
        id: 12,
        org: "МБОУ СОШ № 1".into(),
        mentor: "Петрова Анна Сергеевна".into(),
        mentor_position: Some("учитель высшей категории".into()),
        mentees: vec![MenteeLine {
            name: "Иванова Мария Петровна".into(),
            position: Some("учитель математики".into()),
            category: Some(MenteeCategory::YoungTeacher),
            areas: vec![Area::Methods, Area::Parents],
        }],
        curator: Some("Соколова Елена Викторовна".into()),
        forms: vec![Form::Traditional],
        start: d(2026, 9, 1),
        planned_end: d(2027, 5, 31),
        order: Some(("01-12/45".into(), d(2026, 9, 2))),
        ended: None,
    }
}

fn line(kind: &str, title: &str, deadline: Option<NaiveDate>, status: PlanStatus) -> PlanLine {
    PlanLine {
        kind: kind.into(),
        title: title.into(),
        area: None,
        deadline,
        status,
        mentee: None,
        product: None,
        self_score: None,
        self_comment: None,
    }
}

fn plan() -> Vec<PlanLine> {
    let mut done = line(
        "item",
        "Разработать технологическую карту урока",
        Some(d(2026, 10, 1)),
        PlanStatus::Done,
    );
    done.area = Some(Area::Methods);
    done.product = Some("Техкарта урока по теме «Дроби»".into());
    done.self_score = Some(4);
    done.self_comment = Some("Стало понятнее, как планировать".into());
    vec![
        line(
            "goal",
            "Освоить приёмы удержания дисциплины",
            None,
            PlanStatus::Planned,
        ),
        done,
        line(
            "task",
            "Посетить урок наставника в 7Б",
            Some(d(2026, 11, 1)),
            PlanStatus::Planned,
        ),
    ]
}

#[test]
fn the_programme_names_everyone_and_lists_the_plan() {
    let p = Programme {
        pair: header(),
        plan: plan(),
        as_of: d(2026, 11, 10),
    };
    let text = docx_text(&build::programme(Lang::Ru, &p).unwrap());
    for needle in [
        "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА",
        "пары № 12",
        "МБОУ СОШ № 1",
        "Петрова Анна Сергеевна, учитель высшей категории",
        "Иванова Мария Петровна, учитель математики (Молодой педагог",
        "Соколова Елена Викторовна",
        "Традиционная",
        "с 01.09.2026 по 31.05.2027",
        "№ 01-12/45 от 02.09.2026",
        "1. Освоить приёмы удержания дисциплины",
        "Разработать технологическую карту урока",
        "01.10.2026",
        "выполнено",
        // the open task past its deadline on the day the document is made
        "Посетить урок наставника в 7Б",
        "просрочено",
        "Техкарта урока по теме «Дроби»",
        "4 / 5",
        "Стало понятнее, как планировать",
        "Документ сформирован 10.11.2026",
    ] {
        assert!(text.contains(needle), "«{needle}» not in:\n{text}");
    }
    // the signature block: mentor, mentee, curator
    assert_eq!(text.matches("__________ /").count(), 3, "{text}");
    // A4 portrait
    let xml = part(
        &build::programme(Lang::Ru, &p).unwrap(),
        "word/document.xml",
    );
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4"
    );
}

#[test]
fn the_programme_of_a_pair_without_order_or_plan_says_so() {
    let mut h = header();
    h.order = None;
    let text = docx_text(
        &build::programme(
            Lang::Ru,
            &Programme {
                pair: h,
                plan: vec![],
                as_of: d(2026, 9, 5),
            },
        )
        .unwrap(),
    );
    assert!(
        text.contains("не издан (пара работает без приказа)"),
        "{text}"
    );
    assert!(
        text.contains("Цели в программу пока не внесены")
            && text.contains("Мероприятия в план пока не внесены"),
        "{text}"
    );
}

#[test]
fn the_draft_order_lists_pairs_with_consents_and_the_curator() {
    let o = OrderDraft {
        org: "МБОУ СОШ № 1".into(),
        date: d(2026, 9, 3),
        curator: Some("Соколова Елена Викторовна".into()),
        head: Some("Директоров Иван Иванович".into()),
        pairs: vec![
            OrderPair {
                id: 1,
                mentor: "Петрова Анна Сергеевна".into(),
                mentor_consent: Some(dt(2026, 8, 28, 10, 15)),
                mentees: vec![("Иванова Мария Петровна".into(), Some(dt(2026, 8, 29, 9, 0)))],
                forms: vec![Form::Traditional, Form::Situational],
                start: d(2026, 9, 1),
                planned_end: d(2027, 5, 31),
            },
            OrderPair {
                id: 2,
                mentor: "Борисов Борис Борисович".into(),
                mentor_consent: None,
                mentees: vec![
                    (
                        "Кузнецов Дмитрий Андреевич".into(),
                        Some(dt(2026, 8, 30, 12, 5)),
                    ),
                    ("Смирнова Ольга".into(), None),
                ],
                forms: vec![Form::Group],
                start: d(2026, 9, 2),
                planned_end: d(2026, 12, 2),
            },
        ],
    };
    let text = docx_text(&build::order_draft(Lang::Ru, &o).unwrap());
    for needle in [
        "ПРИКАЗ",
        "от 03.09.2026",
        "О закреплении наставников за наставляемыми",
        "ПРИКАЗЫВАЮ",
        "Петрова Анна Сергеевна: 28.08.2026 10:15",
        "Иванова Мария Петровна: 29.08.2026 09:00",
        "Кузнецов Дмитрий Андреевич: 30.08.2026 12:05",
        "Борисов Борис Борисович: нет сведений",
        "с 01.09.2026 по 31.05.2027",
        "с 02.09.2026 по 02.12.2026",
        "Групповая",
        "куратора реализации программ наставничества Соколова Елена Викторовна",
        "Директоров Иван Иванович",
        "С приказом ознакомлены",
    ] {
        assert!(text.contains(needle), "«{needle}» not in:\n{text}");
    }
}

fn summary() -> Summary {
    Summary {
        meetings: 3,
        meeting_minutes: 150,
        helped: 1,
        helped_minutes: 30,
        tasks_given: 2,
        tasks_submitted: 1,
        tasks_checked: 1,
        plan_total: 3,
        plan_done: 1,
        plan_overdue: 1,
        sos_asked: 2,
        sos_answered: 1,
        sos_median_minutes: Some(90),
    }
}

#[test]
fn the_reports_count_the_work() {
    let r = PairReport {
        pair: header(),
        is_final: false,
        from: d(2026, 9, 1),
        to: d(2026, 11, 30),
        summary: summary(),
        meetings: vec![MeetingLine {
            on: d(2026, 9, 10),
            minutes: Some(60),
            topic: "Знакомство и план".into(),
        }],
        plan: plan(),
        changes: vec![],
        comment: Some("Мария уверенно ведёт уроки".into()),
    };
    let text = docx_text(&build::pair_report(Lang::Ru, &r).unwrap());
    for needle in [
        "ОТЧЁТ НАСТАВНИКА О ХОДЕ АДАПТАЦИИ",
        "за период с 01.09.2026 по 30.11.2026",
        "Куратору реализации программ наставничества Соколова Елена Викторовна",
        "3.0",
        "выдано 2, сдано 1, проверено 1",
        "выполнено 1 из 3, просрочено 1",
        "медиана ответа 90 мин",
        "10.09.2026",
        "Знакомство и план",
        "Техкарта урока по теме «Дроби»",
        "Мария уверенно ведёт уроки",
    ] {
        assert!(text.contains(needle), "«{needle}» not in:\n{text}");
    }
    assert!(
        !text.contains("Изменения по анкетам"),
        "only the final report has the survey change"
    );

    let mut f = r.clone();
    f.is_final = true;
    f.comment = None;
    f.pair.ended = Some((d(2027, 5, 20), EndReason::PlanCompleted));
    f.changes = vec![("motivation".into(), Some(2.0), 1)];
    let text = docx_text(&build::pair_report(Lang::Ru, &f).unwrap());
    assert!(text.contains("ИТОГОВЫЙ ОТЧЁТ"), "{text}");
    assert!(text.contains("20.05.2027 (план выполнен"), "{text}");
    assert!(
        text.contains("Изменения по анкетам") && text.contains("+2.0"),
        "{text}"
    );
}

#[test]
fn the_spravka_has_indicators_pairs_and_risks() {
    let ind = Indicator {
        code: "silent_share",
        param: None,
        unit: crate::domain::monitoring::Unit::Percent,
        value: Some(50.0),
        part: Some((1, 2)),
        target: Some(Target {
            value: 10.0,
            direction: Direction::AtMost,
        }),
    };
    let s = Spravka {
        scope: "МБОУ СОШ № 1".into(),
        district: false,
        from: d(2026, 11, 1),
        to: d(2026, 11, 30),
        author: Some("Соколова Елена Викторовна".into()),
        indicators: vec![ind],
        pairs: vec![
            SpravkaPair {
                id: 1,
                org: "МБОУ СОШ № 1".into(),
                mentor: "Петрова Анна Сергеевна".into(),
                mentees: "Иванова Мария Петровна".into(),
                has_order: true,
                meetings: 1,
                minutes: 60,
                last_meeting: Some(d(2026, 11, 20)),
                plan_done: 1,
                plan_total: 3,
                overdue: 1,
                sos_unanswered: 1,
            },
            SpravkaPair {
                id: 2,
                org: "МБОУ СОШ № 1".into(),
                mentor: "Борисов Борис Борисович".into(),
                mentees: "Кузнецов Дмитрий Андреевич".into(),
                has_order: false,
                meetings: 0,
                minutes: 0,
                last_meeting: Some(d(2026, 10, 5)),
                plan_done: 0,
                plan_total: 0,
                overdue: 0,
                sos_unanswered: 0,
            },
        ],
        silent_days: 14,
    };
    let text = docx_text(&build::spravka(Lang::Ru, &s).unwrap());
    for needle in [
        "АНАЛИТИЧЕСКАЯ СПРАВКА",
        "в МБОУ СОШ № 1",
        "с 01.11.2026 по 30.11.2026",
        "Доля «молчащих» пар",
        "50.0 %",
        "≤ 10.0 %",
        "не выполнено",
        "1 (1.0 ч)",
        "1 из 3",
        "Пары без встреч больше 14 дней",
        "№ 2, наставник Борисов Борис Борисович: последняя встреча — 05.10.2026",
        "№ 1, наставник Петрова Анна Сергеевна: просрочено 1",
        "№ 1, наставник Петрова Анна Сергеевна: без ответа 1",
        "Пары без приказа: №2",
        "Соколова Елена Викторовна",
    ] {
        assert!(text.contains(needle), "«{needle}» not in:\n{text}");
    }
}

#[test]
fn the_consent_record_says_what_and_when() {
    let c = ConsentRecord {
        name: "Петрова Анна Сергеевна".into(),
        org: Some("МБОУ СОШ № 1".into()),
        roles: vec![Role::Mentor],
        personal_data: Some(dt(2026, 8, 28, 10, 0)),
        registered: Some(dt(2026, 8, 28, 10, 7)),
        mentor: Some(dt(2026, 8, 28, 10, 6)),
        mentee_profile: None,
        as_of: dt(2026, 9, 3, 12, 0),
    };
    let text = docx_text(&build::consent(Lang::Ru, &c).unwrap());
    for needle in [
        "СВЕДЕНИЯ О СОГЛАСИЯХ",
        "Петрова Анна Сергеевна",
        "наставник",
        "Обработка персональных данных",
        "152-ФЗ",
        "28.08.2026 10:00",
        "Выполнение обязанностей наставника",
        "28.08.2026 10:06",
        "/forget",
    ] {
        assert!(text.contains(needle), "«{needle}» not in:\n{text}");
    }
    assert!(
        !text.contains("в роли наставляемого"),
        "no mentee consent for a mentor only"
    );
}

#[test]
fn the_banks_are_tables_ready_to_print() {
    use calamine::{Data, Reader, Xlsx};
    let bank = Bank {
        scope: "МБОУ СОШ № 1".into(),
        as_of: d(2026, 9, 3),
        rows: vec![MentorRow {
            name: "Петрова Анна Сергеевна".into(),
            org: "МБОУ СОШ № 1".into(),
            position: Some("учитель высшей категории".into()),
            experience: Some(25),
            competences: vec![Area::Methods, Area::Parents],
            forms: vec![Form::Traditional],
            capacity: 2,
            load: 1,
            status: "active".into(),
            consent: dt(2026, 8, 28, 10, 6),
            updated: dt(2026, 8, 30, 9, 0),
        }],
    };
    let bytes = banks::mentors(Lang::Ru, &bank).unwrap();
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let name = wb.sheet_names()[0].clone();
    assert_eq!(name, "Банк наставников");
    let range = wb.worksheet_range(&name).unwrap();
    let cell = |r: usize, c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("Ф. И. О.".into()));
    assert_eq!(cell(1, 0), Data::String("Петрова Анна Сергеевна".into()));
    assert_eq!(cell(1, 3), Data::Float(25.0));
    assert!(
        matches!(cell(1, 4), Data::String(s) if s.contains("Методика") && s.contains("родител")),
        "{:?}",
        cell(1, 4)
    );
    assert_eq!(
        (cell(1, 6), cell(1, 7)),
        (Data::Float(2.0), Data::Float(1.0))
    );
    assert_eq!(cell(1, 8), Data::String("активен".into()));
    assert!(
        matches!(cell(1, 9), Data::DateTime(_)),
        "the consent is a real date: {:?}",
        cell(1, 9)
    );
    // the page: A4 landscape, one page wide, header row repeated, header and footer
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"fitToHeight="0""#) && sheet.contains("fitToPage=\"1\""),
        "{sheet}"
    );
    assert!(
        sheet.contains("МБОУ СОШ № 1")
            && sheet.contains("03.09.2026")
            && sheet.contains("стр. &amp;P из &amp;N"),
        "{sheet}"
    );
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$1:$1"),
        "{workbook}"
    );

    let mentees = Bank {
        scope: "МБОУ СОШ № 1".into(),
        as_of: d(2026, 9, 3),
        rows: vec![MenteeRow {
            name: "Иванова Мария Петровна".into(),
            org: "МБОУ СОШ № 1".into(),
            position: None,
            experience: Some(1),
            category: MenteeCategory::YoungTeacher,
            areas: vec![Area::Methods],
            mentor: Some("Петрова Анна Сергеевна".into()),
            consent: Some(dt(2026, 8, 29, 9, 0)),
            updated: dt(2026, 8, 29, 9, 0),
        }],
    };
    let bytes = banks::mentees(Lang::Ru, &mentees).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Банк наставляемых").unwrap();
    let cell = |r: usize, c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(1, 0), Data::String("Иванова Мария Петровна".into()));
    assert!(matches!(cell(1, 4), Data::String(s) if s.to_lowercase().contains("молодой педагог")));
    assert_eq!(cell(1, 6), Data::String("Петрова Анна Сергеевна".into()));
}

#[test]
fn file_names_say_what_and_whose() {
    assert_eq!(
        Kind::Programme.file_name(&Subject::Pair(12)),
        "programma-para-12.docx"
    );
    assert_eq!(
        Kind::Mentors.file_name(&Subject::Org(3, None)),
        "bank-nastavnikov-oo-3.xlsx"
    );
    assert_eq!(
        Kind::Spravka.file_name(&Subject::District(Some((d(2026, 9, 1), d(2026, 11, 30))))),
        "spravka-rajon-20260901-20261130.docx"
    );
    for k in Kind::ALL {
        assert_eq!(Kind::from_code(k.code()), Some(k));
    }
}

#[test]
fn periods_offered_for_the_spravka() {
    let today = d(2026, 3, 15);
    assert_eq!(period("m0", today), Some((d(2026, 3, 1), today)));
    assert_eq!(period("m1", today), Some((d(2026, 2, 1), d(2026, 2, 28))));
    assert_eq!(period("y", today), Some((d(2025, 9, 1), today)));
    assert_eq!(
        period("m1", d(2027, 1, 10)),
        Some((d(2026, 12, 1), d(2026, 12, 31)))
    );
    assert_eq!(
        period("y", d(2026, 9, 1)),
        Some((d(2026, 9, 1), d(2026, 9, 1)))
    );
    assert_eq!(period("x", today), None);
}

/// Keys built at run time exist in both languages.
#[test]
fn dynamic_keys_exist() {
    let i18n = crate::i18n::I18n::get();
    let mut keys: Vec<String> = Vec::new();
    for k in Kind::ALL {
        keys.push(k.key());
        keys.push(format!("doc-empty-{}", k.code()));
    }
    keys.extend(PERIODS.iter().map(|p| format!("doc-period-{p}")));
    keys.extend(
        PlanStatus::ALL
            .iter()
            .map(|s| format!("doc-status-{}", s.code())),
    );
    keys.push("doc-status-overdue".into());
    keys.extend(
        ["active", "paused", "resigned"]
            .iter()
            .map(|s| format!("doc-mentor-status-{s}")),
    );
    keys.extend(
        crate::domain::order::OrderError::ALL
            .iter()
            .map(|e| e.key().to_string()),
    );
    for e in [DocError::NotFound, DocError::Empty] {
        keys.push(e.key().to_string());
    }
    let missing: Vec<String> = keys
        .iter()
        .flat_map(|k| {
            Lang::ALL
                .iter()
                .filter(|l| !i18n.has(**l, k))
                .map(move |l| format!("{k} ({})", l.code()))
        })
        .collect();
    assert!(missing.is_empty(), "missing keys: {missing:?}");
}
