//! The banks of mentors and of mentees (персонифицированный учёт, 000 §4.1.2) as Excel
//! workbooks ready to print: A4 landscape, one page wide, the header row repeated on every
//! page, the organization and the date in the page header, «стр. N из M» in the footer.

use super::{Bank, MenteeRow, MentorRow};
use crate::i18n::Lang;
use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Excel's paper size code for A4.
const A4: u8 = 9;

struct Column {
    key: &'static str,
    width: f64,
}

const fn col(key: &'static str, width: f64) -> Column {
    Column { key, width }
}

/// A cell of a bank row.
enum Value {
    Text(String),
    Int(i64),
    Time(NaiveDateTime),
    Empty,
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt(s: Option<String>) -> Value {
    s.filter(|s| !s.is_empty())
        .map(Value::Text)
        .unwrap_or(Value::Empty)
}

/// Escapes `&` for Excel's header and footer codes.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

fn sheet(
    lang: Lang,
    wb: &mut Workbook,
    name_key: &str,
    scope: &str,
    as_of: &str,
    columns: &[Column],
    rows: Vec<Vec<Value>>,
) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xDDEBF7)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let time = Format::new()
        .set_num_format("dd.mm.yyyy hh:mm")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(tr!(lang, name_key).chars().take(31).collect::<String>())?;
    for (c, column) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, column.width)?;
        ws.write_string_with_format(0, c as u16, tr!(lang, column.key), &header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(s) => ws.write_string_with_format(r, c, s, &cell)?,
                Value::Int(n) => ws.write_number_with_format(r, c, *n as f64, &cell)?,
                Value::Time(t) => ws.write_datetime_with_format(r, c, t, &time)?,
                Value::Empty => ws.write_blank(r, c, &cell)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        rows.len() as u32,
        columns.len().saturating_sub(1) as u16,
    )?;
    // the page: A4 landscape, one page wide, the header row on every page
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_header(format!(
        "&L{}&C{}&R{}",
        header_text(scope),
        header_text(&tr!(lang, name_key)),
        header_text(as_of)
    ));
    ws.set_footer(format!(
        "&C{}",
        tr!(lang, "doc-xl-footer", page = "&P", pages = "&N")
    ));
    Ok(())
}

/// A workbook of one sheet.
fn book(
    lang: Lang,
    name_key: &str,
    scope: &str,
    as_of: chrono::NaiveDate,
    columns: &[Column],
    rows: Vec<Vec<Value>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    sheet(
        lang,
        &mut wb,
        name_key,
        scope,
        &super::build::date(as_of),
        columns,
        rows,
    )?;
    wb.save_to_buffer()
}

fn list<T>(lang: Lang, items: &[T], key: impl Fn(&T) -> String) -> String {
    items
        .iter()
        .map(|i| tr!(lang, &key(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

const MENTOR_COLUMNS: &[Column] = &[
    col("doc-col-name", 32.0),
    col("doc-col-org", 24.0),
    col("doc-col-position", 22.0),
    col("doc-col-experience", 8.0),
    col("doc-col-competences", 36.0),
    col("doc-col-forms", 22.0),
    col("doc-col-capacity", 9.0),
    col("doc-col-load", 9.0),
    col("doc-col-mentor-status", 12.0),
    col("doc-col-mentor-consent", 16.0),
    col("doc-col-updated", 16.0),
];

/// 5a. The bank of mentors.
pub fn mentors(lang: Lang, bank: &Bank<MentorRow>) -> Result<Vec<u8>, XlsxError> {
    let rows = bank
        .rows
        .iter()
        .map(|m| {
            vec![
                text(&m.name),
                text(&m.org),
                opt(m.position.clone()),
                m.experience.map(Value::Int).unwrap_or(Value::Empty),
                text(list(lang, &m.competences, |a| a.key())),
                text(list(lang, &m.forms, |f| f.key())),
                Value::Int(m.capacity),
                Value::Int(m.load),
                text(tr!(lang, &format!("doc-mentor-status-{}", m.status))),
                Value::Time(m.consent),
                Value::Time(m.updated),
            ]
        })
        .collect();
    book(
        lang,
        "doc-kind-mentors",
        &bank.scope,
        bank.as_of,
        MENTOR_COLUMNS,
        rows,
    )
}

const MENTEE_COLUMNS: &[Column] = &[
    col("doc-col-name", 32.0),
    col("doc-col-org", 24.0),
    col("doc-col-position", 22.0),
    col("doc-col-experience", 8.0),
    col("doc-col-category", 24.0),
    col("doc-col-requests", 36.0),
    col("doc-col-mentor", 28.0),
    col("doc-col-pd-consent", 16.0),
    col("doc-col-updated", 16.0),
];

/// 5b. The bank of mentees.
pub fn mentees(lang: Lang, bank: &Bank<MenteeRow>) -> Result<Vec<u8>, XlsxError> {
    let rows = bank
        .rows
        .iter()
        .map(|m| {
            vec![
                text(&m.name),
                text(&m.org),
                opt(m.position.clone()),
                m.experience.map(Value::Int).unwrap_or(Value::Empty),
                text(tr!(lang, &m.category.key())),
                text(list(lang, &m.areas, |a| a.key())),
                opt(m.mentor.clone()),
                m.consent.map(Value::Time).unwrap_or(Value::Empty),
                Value::Time(m.updated),
            ]
        })
        .collect();
    book(
        lang,
        "doc-kind-mentees",
        &bank.scope,
        bank.as_of,
        MENTEE_COLUMNS,
        rows,
    )
}
