//! The report as an Excel workbook (rust_xlsxwriter): one sheet per table, real dates and
//! numbers, a bold frozen header row with an autofilter, columns as wide as their content, and
//! set up to print (`print::setup`: A4, one page wide, the header row on every page).
//! Sheets are written in "constant memory" mode: each row goes to a temporary file as soon as
//! the next one starts, strings inline (a district's report has millions of cells; kept in the
//! writer's memory as well they took hundreds of MB).

use super::print::{self, Formats, Page, Widths};
use super::{Cell, Report, Sheet};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

pub fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let formats = Formats::new(report.lang);
    let page = Page {
        scope: &report.title,
        date: report.as_of,
        lang: report.lang,
    };
    for (index, sheet) in report.sheets.iter().enumerate() {
        let ws = wb.add_worksheet_with_constant_memory()?;
        // the first sheet carries the title: what, whose, on which date
        let heading = (index == 0).then(|| {
            tr!(
                report.lang,
                "report-heading",
                scope = report.title.clone(),
                date = report.as_of.format("%d.%m.%Y").to_string()
            )
        });
        write_sheet(ws, sheet, heading.as_deref(), &page, &formats)?;
    }
    wb.save_to_buffer()
}

/// Writes one table on a worksheet, set up for print: an optional title merged over the table
/// (then a blank row), the header row (repeated on every printed page, frozen, with a filter),
/// the rows as typed cells. For any workbook of tables, not only the report.
pub fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    title: Option<&str>,
    page: &Page,
    formats: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&sheet.name))?;
    let widths = widths(sheet);
    let header_row: u32 = if title.is_some() { 2 } else { 0 };
    print::setup(ws, header_row, &widths, page)?;
    if let Some(title) = title {
        print::title(ws, 0, title, &widths, &formats.title)?;
    }
    let header_lines = sheet
        .columns
        .iter()
        .zip(&widths)
        .map(|(column, w)| print::lines(&column.header, *w, true))
        .max()
        .unwrap_or(1);
    print::fit_row(ws, header_row, header_lines)?;
    for (c, column) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, &column.header, &formats.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = header_row + 1 + r as u32;
        let lines = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| match cell {
                Cell::Text(s) if Widths::wraps(*w, s) => print::lines(s, *w, false),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        print::fit_row(ws, r, lines)?;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if Widths::wraps(widths[c], s) => {
                    ws.write_string_with_format(r, col, &**s, &formats.wrap)?;
                }
                Cell::Text(s) => {
                    ws.write_string_with_format(r, col, &**s, &formats.text)?;
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, col, *n as f64, &formats.number)?;
                }
                Cell::Num(x) => {
                    ws.write_number_with_format(r, col, *x, formats.number_for(*x))?;
                }
                Cell::Hours(x) => {
                    ws.write_number_with_format(r, col, *x, &formats.hours)?;
                }
                Cell::Percent(p) => {
                    ws.write_number_with_format(
                        r,
                        col,
                        *p / 100.0,
                        formats.percent_for(*p / 100.0),
                    )?;
                }
                Cell::Date(d) => {
                    ws.write_datetime_with_format(r, col, d, &formats.date)?;
                }
                Cell::DateTime(t) => {
                    ws.write_datetime_with_format(r, col, t, &formats.datetime)?;
                }
            }
        }
    }
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(
        header_row,
        0,
        header_row + sheet.rows.len() as u32,
        last_col,
    )?;
    Ok(())
}

/// The columns' widths: each as wide as the widest cell as shown, within the column's limit.
pub fn widths(sheet: &Sheet) -> Vec<f64> {
    let mut w = Widths::new(sheet.columns.iter().map(|c| (c.header.as_str(), c.width)));
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => w.text(c, s),
                other => w.cell(c, shown_chars(other)),
            }
        }
    }
    w.finish()
}

/// How many characters a number or a date takes as shown (`1,8 ч`, `66,7%`, `30.11.2026`).
fn shown_chars(cell: &Cell) -> usize {
    let decimals = |x: f64| {
        if (x - x.round()).abs() < 0.05 {
            format!("{x:.0}").len()
        } else {
            format!("{x:.1}").len()
        }
    };
    match cell {
        Cell::Empty | Cell::Text(_) => 0,
        Cell::Int(n) => {
            n.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1 + usize::from(*n < 0)
        }
        Cell::Num(x) => decimals(*x),
        Cell::Hours(x) => format!("{x:.1}").len() + 2,
        Cell::Percent(p) => decimals(*p) + 1,
        Cell::Date(_) => 10,
        Cell::DateTime(_) => 16,
    }
}

/// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// The workbook read back as XML (unzipped), asserting what a printed page shows.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::monitoring::Unit;
    use crate::i18n::Lang;
    use crate::repo::monitoring::{sample, Scope};
    use calamine::{Data, Reader};
    use std::collections::HashMap;
    use std::io::{Cursor, Read};

    /// The sample district with what it lacks for a full report: checks of plan items (accepted
    /// and sent back), a task and a /sos entry in the journal, requests of every kind and status.
    async fn seeded() -> crate::repo::Pool {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let t = "'2026-11-20T10:00:00+00:00'";
        sqlx::raw_sql(&format!(
            "INSERT INTO journal_entries (pair_id, kind, on_date, minutes, format, topic, author_id, created_at, updated_at) VALUES
               (1, 'check', '2026-11-23', NULL, 'accepted', 'Конспект урока', 2, {t}, {t}),
               (1, 'check', '2026-11-24', NULL, 'rework', 'Технологическая карта урока', 2, {t}, {t}),
               (1, 'task', '2026-11-24', NULL, NULL, 'Технологическая карта урока', 2, {t}, {t}),
               (1, 'sos', '2026-11-25', NULL, NULL, 'Как быть с опозданиями?', 3, {t}, {t});
             INSERT INTO requests (id, mentee_id, org_id, kind, areas, description, status, reject_reason, created_at, updated_at) VALUES
               (1, 3, 1, 'new', 'discipline', 'Дисциплина', 'matched', NULL, {t}, {t}),
               (2, 5, 1, 'replacement', 'methods', 'Методика', 'open', NULL, {t}, {t}),
               (3, 8, 1, 'rematch', 'methods', 'Методика', 'proposed', NULL, {t}, {t}),
               (4, 4, 1, 'new', 'methods', 'Методика', 'accepted', NULL, {t}, {t}),
               (5, 7, 2, 'new', 'methods', 'Методика', 'rejected', 'Нет наставников', {t}, {t}),
               (6, 7, 2, 'new', 'methods', 'Методика', 'withdrawn', NULL, {t}, {t});
             UPDATE pair_mentees SET request_id = 1 WHERE pair_id = 1;"
        ))
        .execute(&pool)
        .await
        .unwrap();
        pool
    }

    async fn report(pool: &crate::repo::Pool, scope: Scope, lang: Lang) -> Report {
        super::super::build(
            pool,
            scope,
            sample::as_of(),
            super::super::Period::Quarter,
            lang,
            chrono_tz::Asia::Irkutsk,
            None,
        )
        .await
        .unwrap()
    }

    fn unzip(bytes: &[u8]) -> HashMap<String, String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an XLSX is a zip");
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                (
                    file.name().unwrap().to_string(),
                    String::from_utf8_lossy(&data).into_owned(),
                )
            })
            .collect()
    }

    /// Every opening tag `<name …>` in `xml`, as written.
    fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name}");
        xml.match_indices(&open)
            .filter(|(i, _)| matches!(xml[i + open.len()..].chars().next(), Some(' ' | '/' | '>')))
            .map(|(i, _)| &xml[i..=i + xml[i..].find('>').unwrap()])
            .collect()
    }

    fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let key = format!(" {name}=\"");
        let from = tag.find(&key)? + key.len();
        Some(&tag[from..from + tag[from..].find('"')?])
    }

    /// The text inside `<name>…</name>`, unescaped.
    fn inner(xml: &str, name: &str) -> Option<String> {
        let from = xml.find(&format!("<{name}>"))? + name.len() + 2;
        let to = from + xml[from..].find(&format!("</{name}>"))?;
        Some(unescape(&xml[from..to]))
    }

    fn unescape(s: &str) -> String {
        s.replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    /// One printed sheet as the file has it.
    struct Printed {
        name: String,
        xml: String,
        /// `_xlnm.Print_Titles` of the sheet
        titles: Option<String>,
    }

    /// The workbook's sheets in order, with their print titles, and the number format of every
    /// cell style (`s` index → format code).
    fn printed(bytes: &[u8]) -> (Vec<Printed>, Vec<String>) {
        let files = unzip(bytes);
        let workbook = &files["xl/workbook.xml"];
        let mut titles: HashMap<usize, String> = HashMap::new();
        for (i, _) in workbook.match_indices("<definedName ") {
            let tag = tags(&workbook[i..], "definedName")[0];
            if attr(tag, "name") == Some("_xlnm.Print_Titles") {
                let sheet: usize = attr(tag, "localSheetId").unwrap().parse().unwrap();
                let text = &workbook[i + tag.len()..];
                titles.insert(
                    sheet,
                    unescape(&text[..text.find("</definedName>").unwrap()]),
                );
            }
        }
        let sheets = tags(workbook, "sheet")
            .iter()
            .enumerate()
            .map(|(i, tag)| Printed {
                name: unescape(attr(tag, "name").unwrap()),
                xml: files[&format!("xl/worksheets/sheet{}.xml", i + 1)].clone(),
                titles: titles.remove(&i),
            })
            .collect();
        let styles = &files["xl/styles.xml"];
        let custom: HashMap<&str, String> = tags(styles, "numFmt")
            .iter()
            .map(|t| {
                (
                    attr(t, "numFmtId").unwrap(),
                    unescape(attr(t, "formatCode").unwrap()),
                )
            })
            .collect();
        let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
        let formats = tags(xfs, "xf")
            .iter()
            .map(|xf| {
                let id = attr(xf, "numFmtId").unwrap_or("0");
                match id {
                    "0" => "General".to_string(),
                    "1" => "0".to_string(),
                    "9" => "0%".to_string(),
                    "10" => "0.00%".to_string(),
                    other => custom
                        .get(other)
                        .cloned()
                        .unwrap_or_else(|| format!("builtin {other}")),
                }
            })
            .collect();
        (sheets, formats)
    }

    impl Printed {
        /// Column widths as the file sets them (Excel's units: characters plus a little padding).
        fn widths(&self) -> Vec<f64> {
            // adjacent columns of one width are one <col min max>
            let mut widths = Vec::new();
            for col in tags(&self.xml, "col") {
                let bound = |name| attr(col, name).unwrap().parse::<usize>().unwrap();
                assert_eq!(
                    bound("min"),
                    widths.len() + 1,
                    "{}: columns in order",
                    self.name
                );
                widths.extend(std::iter::repeat_n(
                    attr(col, "width").unwrap().parse::<f64>().unwrap(),
                    bound("max") + 1 - bound("min"),
                ));
            }
            widths
        }

        /// The number format of cell `reference` (`B5`).
        fn format<'a>(&self, reference: &str, formats: &'a [String]) -> &'a str {
            let cell = tags(&self.xml, "c")
                .into_iter()
                .find(|c| attr(c, "r") == Some(reference))
                .unwrap_or_else(|| panic!("{}: no cell {reference}", self.name));
            &formats[attr(cell, "s").map_or(0, |s| s.parse().unwrap())]
        }
    }

    /// The 1-based row of the sheet whose cell in column `col` (0-based) is `value`.
    fn row_where(
        book: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
        sheet: &str,
        col: usize,
        value: &Data,
    ) -> u32 {
        let range = book.worksheet_range(sheet).unwrap();
        let (start, _) = range.start().unwrap();
        let i = range
            .rows()
            .position(|r| r.get(col) == Some(value))
            .unwrap_or_else(|| panic!("{sheet}: no {value:?} in column {col}"));
        start + i as u32 + 1
    }

    /// Every sheet of a report prints on A4, one page wide, with its header row on every page,
    /// the scope, the date and the page number in the page header and footer, and the columns'
    /// widths fitted to the content.
    fn assert_prints(report: &Report, bytes: &[u8], header: &str) {
        let (sheets, _) = printed(bytes);
        assert_eq!(sheets.len(), report.sheets.len());
        for (i, (p, sheet)) in sheets.iter().zip(&report.sheets).enumerate() {
            let name = &p.name;
            assert_eq!(name, &sheet.name);
            let setup = tags(&p.xml, "pageSetup");
            assert_eq!(setup.len(), 1, "{name}: a page setup");
            let widths = widths(sheet);
            let orientation = if print::is_wide(&widths) {
                "landscape"
            } else {
                "portrait"
            };
            assert_eq!(
                // fitToWidth and fitToHeight are 1 where not written (the file format's default)
                (
                    attr(setup[0], "paperSize"),
                    attr(setup[0], "orientation"),
                    attr(setup[0], "fitToWidth").unwrap_or("1"),
                    attr(setup[0], "fitToHeight").unwrap_or("1")
                ),
                (Some("9"), Some(orientation), "1", "0"),
                "{name}: A4, {orientation}, one page wide, any number of pages tall: {}",
                setup[0]
            );
            let sheet_pr = &p.xml[p
                .xml
                .find("<sheetPr")
                .unwrap_or_else(|| panic!("{name}: sheetPr"))
                ..p.xml.find("</sheetPr>").unwrap()];
            assert_eq!(
                tags(sheet_pr, "pageSetUpPr")
                    .iter()
                    .filter_map(|t| attr(t, "fitToPage"))
                    .collect::<Vec<_>>(),
                ["1"],
                "{name}: fit to page"
            );
            let margins = tags(&p.xml, "pageMargins")[0];
            assert_eq!(
                (attr(margins, "left"), attr(margins, "right")),
                (Some("0.25"), Some("0.25")),
                "{name}: narrow margins"
            );
            let header_row = if i == 0 { 3 } else { 1 };
            let titles = p
                .titles
                .as_deref()
                .unwrap_or_else(|| panic!("{name}: print titles"));
            assert!(
                titles.ends_with(&format!("!${header_row}:${header_row}"))
                    && titles.contains(name.as_str()),
                "{name}: the header row on every page: {titles}"
            );
            assert_eq!(
                inner(&p.xml, "oddHeader").as_deref(),
                Some(header),
                "{name}: the page header"
            );
            assert_eq!(
                inner(&p.xml, "oddFooter").as_deref(),
                Some(print::page_footer(report.lang).as_str()),
                "{name}: the page footer"
            );
            let written = p.widths();
            assert_eq!(
                written.len(),
                sheet.columns.len(),
                "{name}: every column's width"
            );
            for (c, (w, fitted)) in written.iter().zip(&widths).enumerate() {
                assert!(
                    (w - fitted).abs() < 1.0,
                    "{name}: column {c} is {w}, fitted {fitted}"
                );
                let limit = sheet.columns[c].width.max(print::MIN_WIDTH);
                let header = &sheet.columns[c].header;
                let longest_word = header
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap() as f64;
                assert!(
                    *fitted >= longest_word * 1.1,
                    "{name}: «{header}» breaks no word in a column of {fitted}"
                );
                let header_needs = Widths::new([(header.as_str(), 0.0)]).finish()[0];
                assert!(
                    *fitted <= limit.max(header_needs),
                    "{name}: column {c} ({fitted}) within its limit {limit}"
                );
                for row in &sheet.rows {
                    if let Cell::Text(s) = &row[c] {
                        if Widths::wraps(*fitted, s) && !s.contains('\n') {
                            assert!(
                                s.chars().count() as f64 + 1.0 > limit,
                                "{name}: {s:?} wraps only past the limit {limit}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[tokio::test]
    async fn a_school_report_prints_every_sheet_on_a4_one_page_wide() {
        let pool = seeded().await;
        let report = report(&pool, Scope::Org(1), Lang::Ru).await;
        let bytes = write(&report).unwrap();
        // REPORT_OUT=/tmp/school.xlsx cargo test --lib a_school_report — to print it (README)
        if let Ok(path) = std::env::var("REPORT_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
        assert_prints(&report, &bytes, "&LМБОУ СОШ № 1&Rна 30.11.2026");

        let (sheets, formats) = printed(&bytes);
        let ind = &sheets[0];
        assert!(
            tags(&ind.xml, "pageSetup")[0].contains("orientation=\"landscape\""),
            "eight columns, one of them long"
        );
        let merged = tags(&ind.xml, "mergeCell");
        assert_eq!(merged.len(), 1);
        assert_eq!(
            attr(merged[0], "ref"),
            Some("A1:H1"),
            "the title spans the table and is not cut"
        );
        let title_row = tags(&ind.xml, "row")[0];
        assert_eq!(
            (attr(title_row, "r"), attr(title_row, "customHeight")),
            (Some("1"), Some("1")),
            "the title row's height is set"
        );
        let header_row = tags(&ind.xml, "row")[1];
        assert_eq!(
            (attr(header_row, "r"), attr(header_row, "ht")),
            (Some("3"), Some("30")),
            "«Целевое значение» in two lines, the row as tall"
        );
        let orgs_header = tags(&sheets[1].xml, "row")[0];
        assert_eq!(
            attr(orgs_header, "ht"),
            Some("60"),
            "long indicator names in four lines"
        );
        let w = ind.widths();
        assert!(w[0] >= 45.0 && w[0] <= 53.0, "indicator names: {w:?}");
        assert!(w[6] >= 11.0, "«Выполняют» whole: {w:?}");
        assert!(w[4] >= 10.0, "«значение» whole: {w:?}");

        let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        let name = |code: &str| {
            super::super::indicator_label(
                Lang::Ru,
                report
                    .indicators
                    .iter()
                    .find(|i| i.code == code && i.param.is_none())
                    .unwrap(),
            )
        };
        let completion = row_where(
            &mut book,
            "Показатели",
            0,
            &Data::String(name("completion")),
        );
        assert_eq!(
            ind.format(&format!("B{completion}"), &formats),
            "0%",
            "50 % without a decimal"
        );
        assert_eq!(
            ind.format(&format!("E{completion}"), &formats),
            "0%",
            "the target 70 %"
        );
        let teachers = row_where(
            &mut book,
            "Показатели",
            0,
            &Data::String(name("teachers_in_programs")),
        );
        assert_eq!(
            ind.format(&format!("B{teachers}"), &formats),
            "0.0%",
            "3 of 21: 14,3 %"
        );
        assert_eq!(ind.format(&format!("G{teachers}"), &formats), "0");
        let hours = report
            .indicators
            .iter()
            .find(|i| i.unit == Unit::Hours)
            .unwrap();
        let hours = row_where(
            &mut book,
            "Показатели",
            0,
            &Data::String(super::super::indicator_label(Lang::Ru, hours)),
        );
        assert_eq!(ind.format(&format!("B{hours}"), &formats), "0.0\" ч\"");
        let sos = row_where(
            &mut book,
            "Показатели",
            0,
            &Data::String(name("sos_median_minutes")),
        );
        assert_eq!(ind.format(&format!("B{sos}"), &formats), "0", "90 minutes");

        let pairs = &sheets[2];
        let p1 = row_where(&mut book, "Пары", 0, &Data::Float(1.0));
        assert_eq!(pairs.format(&format!("E{p1}"), &formats), "dd.mm.yyyy");
        assert_eq!(pairs.format(&format!("L{p1}"), &formats), "0");
        assert_eq!(
            pairs.format(&format!("M{p1}"), &formats),
            "0.0\" ч\"",
            "1,75 hours"
        );
        let requests = &sheets[4];
        let r1 = row_where(&mut book, "Запросы", 0, &Data::Float(1.0));
        assert_eq!(
            requests.format(&format!("G{r1}"), &formats),
            "dd.mm.yyyy hh:mm"
        );
    }

    #[tokio::test]
    async fn a_district_report_prints_every_sheet_one_page_wide_in_english_too() {
        let pool = seeded().await;
        let report = report(&pool, Scope::District, Lang::En).await;
        let bytes = write(&report).unwrap();
        assert_prints(&report, &bytes, "&LDistrict&Ras of 30.11.2026");
        let (sheets, formats) = printed(&bytes);
        let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        let p1 = row_where(&mut book, "Pairs", 0, &Data::Float(1.0));
        assert_eq!(sheets[2].format(&format!("M{p1}"), &formats), "0.0\" h\"");
    }

    /// `meeting-format-accepted` and the like: a Fluent id where a text should be.
    fn looks_like_fluent_id(s: &str) -> bool {
        let mut parts = s.split('-');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        !first.is_empty()
            && first.chars().all(|c| c.is_ascii_lowercase())
            && !rest.is_empty()
            && rest.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    }

    #[tokio::test]
    async fn no_sheet_shows_a_fluent_id() {
        assert!(
            looks_like_fluent_id("meeting-format-accepted")
                && looks_like_fluent_id("rq-status-open")
                && looks_like_fluent_id("ind-nps2")
        );
        assert!(
            !looks_like_fluent_id("очно")
                && !looks_like_fluent_id("in_person")
                && !looks_like_fluent_id("e-mail-")
                && !looks_like_fluent_id("Anna-Maria")
        );
        let pool = seeded().await;
        for lang in Lang::ALL {
            for scope in [Scope::Org(1), Scope::Org(2), Scope::District] {
                let report = report(&pool, scope, lang).await;
                let bytes = write(&report).unwrap();
                let mut book: calamine::Xlsx<_> =
                    calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
                let mut seen = 0;
                for name in book.sheet_names() {
                    assert!(!looks_like_fluent_id(&name), "a sheet named {name}");
                    for cell in book.worksheet_range(&name).unwrap().used_cells() {
                        if let Data::String(s) = cell.2 {
                            assert!(
                                !looks_like_fluent_id(s),
                                "{lang:?} {scope:?} «{name}» {:?}: {s}",
                                (cell.0, cell.1)
                            );
                            seen += 1;
                        }
                    }
                }
                for p in printed(&bytes).0 {
                    let header =
                        inner(&p.xml, "oddHeader").unwrap() + &inner(&p.xml, "oddFooter").unwrap();
                    assert!(
                        !header
                            .split("&")
                            .any(|part| looks_like_fluent_id(part.get(1..).unwrap_or(""))),
                        "{header}"
                    );
                }
                assert!(seen > 50, "the sheets have texts: {seen}");
            }
        }
        // the journal names a check's outcome
        let report = report(&pool, Scope::Org(1), Lang::Ru).await;
        let journal = report.sheets.iter().find(|s| s.slug == "journal").unwrap();
        let formats: Vec<String> = journal
            .rows
            .iter()
            .filter(|r| r[2] == Cell::Text("проверка".into()))
            .map(|r| format!("{:?}", r[4]))
            .collect();
        assert_eq!(formats, ["Text(\"на доработку\")", "Text(\"принято\")"]);
    }

    /// A district of 500 organizations: «Показатели» and «По организациям» print one page wide
    /// (the organizations' sheet is 500 rows tall, its header on every page).
    #[tokio::test]
    async fn a_district_of_500_schools_prints_its_indicators_and_organizations_one_page_wide() {
        use crate::bench::district::{generate, Size};
        let pool = crate::db::memory().await;
        let size = Size {
            orgs: 500,
            people: 500 * 8,
            pairs: 500 * 2,
            journal: 500 * 4,
        };
        generate(&pool, size, sample::as_of()).await.unwrap();
        let report = report(&pool, Scope::District, Lang::Ru).await;
        assert_eq!(report.sheets[1].rows.len(), 500);
        let bytes = write(&report).unwrap();
        // DISTRICT_OUT=/tmp/district.xlsx cargo test --lib a_district_of_500 — to print it (README)
        if let Ok(path) = std::env::var("DISTRICT_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
        assert_prints(&report, &bytes, "&LМуниципалитет&Rна 30.11.2026");
        let (sheets, _) = printed(&bytes);
        for p in &sheets[..2] {
            let setup = tags(&p.xml, "pageSetup")[0];
            assert_eq!(
                (attr(setup, "orientation"), attr(setup, "fitToHeight")),
                (Some("landscape"), Some("0")),
                "{}",
                p.name
            );
            assert!(
                p.widths().iter().sum::<f64>() < 200.0,
                "{}: not scaled to a stamp: {:?}",
                p.name,
                p.widths()
            );
        }
    }
}
