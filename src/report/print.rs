//! How every table the bot hands out as XLSX prints: A4, upright or landscape by the table's
//! width, one page wide (as many pages tall as it takes), narrow margins, the header row on
//! every page, the organization (or district) and the date in the page header, the sheet and
//! «стр. N из M» in the footer; column widths fitted to what the columns hold. One place for
//! the monitoring report and any other workbook (banks of mentors and mentees, documents):
//! fit the widths with [`Widths`], write the sheet with wrapping where a text is wider than its
//! column ([`Widths::wraps`]), then call [`setup`].

use crate::i18n::Lang;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

/// A4 in Excel's paper codes.
pub const A4: u8 = 9;
/// The narrowest column, in characters.
pub const MIN_WIDTH: f64 = 5.0;
/// A column grows to at most this many characters unless its own limit says otherwise; a longer
/// text wraps inside the cell.
pub const MAX_WIDTH: f64 = 50.0;
/// The widest table (characters at 100 %) that prints upright on A4 with narrow margins; a
/// wider one prints landscape (both are then scaled to one page wide).
pub const PORTRAIT_WIDTH: f64 = 100.0;
/// A header wraps into at most this many lines before its column widens.
const HEADER_LINES: usize = 4;
/// Bold header letters are wider than the body's.
const BOLD: f64 = 1.1;
/// Excel's «Narrow» margins, inches: left, right, top, bottom, header, footer.
pub const MARGINS: [f64; 6] = [0.25, 0.25, 0.75, 0.75, 0.3, 0.3];

/// What the page header says: whose table and on which date.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// the organization or the district
    pub scope: &'a str,
    pub date: NaiveDate,
    pub lang: Lang,
}

/// Sets up a worksheet for print. `header_row` (0-based) is repeated at the top of every page;
/// `widths` are the columns' widths in characters (from [`Widths::finish`]).
pub fn setup(
    ws: &mut Worksheet,
    header_row: u32,
    widths: &[f64],
    page: &Page,
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_paper_size(A4);
    if is_wide(widths) {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    let [left, right, top, bottom, header, footer] = MARGINS;
    ws.set_margins(left, right, top, bottom, header, footer);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_print_gridlines(true);
    ws.set_header(page_header(page));
    ws.set_footer(page_footer(page.lang));
    Ok(())
}

/// A table wider than an upright page prints landscape.
pub fn is_wide(widths: &[f64]) -> bool {
    widths.iter().sum::<f64>() > PORTRAIT_WIDTH
}

/// `&L` the organization, `&R` «на 30.11.2026» (Excel's header codes; a `&` of a name doubled).
pub fn page_header(page: &Page) -> String {
    let scope: String = page
        .scope
        .chars()
        .take(120)
        .collect::<String>()
        .replace('&', "&&");
    let date = tr!(
        page.lang,
        "print-date",
        date = page.date.format("%d.%m.%Y").to_string()
    );
    format!("&L{scope}&R{date}")
}

/// `&L` the sheet's name, `&R` «стр. N из M».
pub fn page_footer(lang: Lang) -> String {
    format!(
        "&L&A&R{}",
        tr!(lang, "print-page", page = "&P", pages = "&N")
    )
}

/// The formats every printed table shares.
pub struct Formats {
    /// the header row: bold, wrapped, on a light background
    pub header: Format,
    /// the title above a table: bold, larger, wrapped inside its merged row
    pub title: Format,
    /// a text that fits its column, and one wider than its column (wraps)
    pub text: Format,
    pub wrap: Format,
    pub date: Format,
    pub datetime: Format,
    /// whole per cent (`0%`) and with one decimal (`0.0%`)
    pub percent: Format,
    pub percent1: Format,
    /// a whole number and one with one decimal
    pub number: Format,
    pub number1: Format,
    /// hours with one decimal: `1,8 ч`
    pub hours: Format,
}

impl Formats {
    pub fn new(lang: Lang) -> Self {
        let top = |f: Format| f.set_align(FormatAlign::Top);
        Formats {
            header: top(Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0xDDEBF7)),
            title: Format::new()
                .set_bold()
                .set_font_size(13)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            text: top(Format::new()),
            wrap: top(Format::new().set_text_wrap()),
            date: top(Format::new()
                .set_num_format("dd.mm.yyyy")
                .set_align(FormatAlign::Left)),
            datetime: top(Format::new()
                .set_num_format("dd.mm.yyyy hh:mm")
                .set_align(FormatAlign::Left)),
            percent: top(Format::new().set_num_format("0%")),
            percent1: top(Format::new().set_num_format("0.0%")),
            number: top(Format::new().set_num_format("0")),
            number1: top(Format::new().set_num_format("0.0")),
            hours: top(
                Format::new().set_num_format(format!("0.0\" {}\"", tr!(lang, "print-hours")))
            ),
        }
    }

    /// `0%` for a whole per cent, `0.0%` otherwise (`share` is 0–1).
    pub fn percent_for(&self, share: f64) -> &Format {
        if is_whole(share * 100.0) {
            &self.percent
        } else {
            &self.percent1
        }
    }

    /// `0` for a whole number, `0.0` otherwise.
    pub fn number_for(&self, x: f64) -> &Format {
        if is_whole(x) {
            &self.number
        } else {
            &self.number1
        }
    }
}

/// Shown with one decimal it would end in ,0.
fn is_whole(x: f64) -> bool {
    (x - x.round()).abs() < 0.05
}

/// Column widths fitted to the content: each column as wide as its widest cell, at least as wide
/// as its header's longest word (headers wrap, at most [`HEADER_LINES`] lines), at most its
/// limit (a longer text wraps inside the cell).
#[derive(Debug, Clone)]
pub struct Widths {
    /// (what the header needs, the widest cell, the limit)
    columns: Vec<(f64, f64, f64)>,
}

impl Widths {
    /// Columns from (header, limit in characters) pairs.
    pub fn new<'a>(columns: impl IntoIterator<Item = (&'a str, f64)>) -> Self {
        let columns = columns
            .into_iter()
            .map(|(header, limit)| {
                // no word broken, at most HEADER_LINES lines
                let longest_word = header
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0) as f64;
                let mut need = (longest_word * BOLD + 1.0).ceil();
                while lines(header, need, true) > HEADER_LINES {
                    need += 1.0;
                }
                (need, 0.0, limit.clamp(MIN_WIDTH, 255.0))
            })
            .collect();
        Widths { columns }
    }

    /// A cell of column `col` shows `chars` characters on its longest line.
    pub fn cell(&mut self, col: usize, chars: usize) {
        if let Some(c) = self.columns.get_mut(col) {
            c.1 = c.1.max(chars as f64 + 1.0);
        }
    }

    /// A text cell of column `col`.
    pub fn text(&mut self, col: usize, s: &str) {
        self.cell(col, longest_line(s));
    }

    /// The widths to set.
    pub fn finish(&self) -> Vec<f64> {
        self.columns
            .iter()
            .map(|&(header, content, limit)| header.max(content.min(limit)).max(MIN_WIDTH))
            .collect()
    }

    /// A text wraps in a column of `width` if it has several lines or its line does not fit.
    pub fn wraps(width: f64, s: &str) -> bool {
        s.contains('\n') || longest_line(s) as f64 + 1.0 > width
    }
}

/// The height of a row of `lines` lines of 11-point text, in points.
pub const LINE_HEIGHT: f64 = 15.0;

/// How many lines `text` takes wrapped at word boundaries in a column `width` characters wide
/// (`bold`: the header's wider letters). A row of wrapped text is given its height explicitly:
/// LibreOffice does not grow a row to its text when it opens an XLSX.
pub fn lines(text: &str, width: f64, bold: bool) -> usize {
    let scale = if bold { BOLD } else { 1.0 };
    let room = ((width - 1.0) / scale).floor().max(1.0) as usize;
    text.lines()
        .map(|paragraph| {
            let (mut lines, mut used) = (1, 0);
            for word in paragraph.split_whitespace() {
                let n = word.chars().count();
                if used > 0 && used + 1 + n <= room {
                    used += 1 + n;
                } else {
                    if used > 0 {
                        lines += 1;
                    }
                    // a word longer than the column breaks across lines
                    lines += n.saturating_sub(1) / room;
                    used = (n.saturating_sub(1) % room) + 1;
                }
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

/// Sets the height of `row` to fit `lines` lines (nothing for one line: the default height).
/// Call before the row is written (constant-memory worksheets write rows in order).
pub fn fit_row(ws: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        ws.set_row_height(row, LINE_HEIGHT * lines as f64)?;
    }
    Ok(())
}

fn longest_line(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Writes a title above a table in row `row`, merged across `columns` columns, tall enough for
/// its lines (a merged row does not grow by itself). Call before anything below it is written
/// (constant-memory worksheets write rows in order).
pub fn title(
    ws: &mut Worksheet,
    row: u32,
    text: &str,
    widths: &[f64],
    format: &Format,
) -> Result<(), XlsxError> {
    let total: f64 = widths.iter().sum();
    // 13 pt bold letters are about 1.3 of a column character
    let lines = ((text.chars().count() as f64 * 1.3) / total.max(1.0))
        .ceil()
        .max(1.0);
    ws.set_row_height(row, 18.0 * lines)?;
    if widths.len() > 1 {
        ws.merge_range(row, 0, row, widths.len() as u16 - 1, text, format)?;
    } else {
        ws.write_string_with_format(row, 0, text, format)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fit_content_within_limits_and_keep_header_words_whole() {
        let mut w = Widths::new([
            ("Показатель", 52.0),
            ("Выполняют", 10.0),
            ("Доля молодых педагогов (стаж до 3 лет) в программах", 14.0),
            ("№", 6.0),
        ]);
        w.text(0, "Доля программ, завершённых полностью");
        w.text(
            0,
            "Изменение «уверенность в трудных вопросах» (итог − вход) и ещё немного слов сверху",
        );
        w.cell(1, 3);
        w.cell(2, 5);
        w.cell(3, 3);
        let widths = w.finish();
        assert_eq!(
            widths[0], 52.0,
            "the long name is cut at the limit and wraps"
        );
        assert_eq!(
            widths[1], 11.0,
            "«Выполняют» stays one word: 9 bold letters and a margin"
        );
        assert_eq!(widths[2], 18.0, "a 51-letter header in 4 lines");
        assert_eq!(
            lines(
                "Доля молодых педагогов (стаж до 3 лет) в программах",
                18.0,
                true
            ),
            4
        );
        assert!(
            lines(
                "Доля молодых педагогов (стаж до 3 лет) в программах",
                17.0,
                true
            ) > 4
        );
        assert_eq!(widths[3], MIN_WIDTH);
        assert!(Widths::wraps(
            widths[0],
            "Изменение «уверенность в трудных вопросах» (итог − вход) и ещё немного слов сверху"
        ));
        assert!(!Widths::wraps(
            widths[0],
            "Доля программ, завершённых полностью"
        ));
    }

    #[test]
    fn wrapped_lines_are_counted_by_words() {
        assert_eq!(
            lines("Целевое значение", 11.0, true),
            2,
            "9 bold letters a line"
        );
        assert_eq!(lines("Показатель", 52.0, true), 1);
        assert_eq!(lines("одно два три", 7.0, false), 3);
        assert_eq!(
            lines("одно два три", 8.0, false),
            2,
            "«два три» fits 7 letters"
        );
        assert_eq!(lines("одно два", 10.0, false), 1);
        assert_eq!(
            lines("Сверхдлинноеслово", 7.0, false),
            3,
            "17 letters, 6 a line"
        );
        assert_eq!(lines("первая\nвторая", 50.0, false), 2);
        assert_eq!(lines("", 10.0, false), 1);
    }

    #[test]
    fn header_and_footer_name_the_scope_the_date_and_the_page() {
        let page = Page {
            scope: "Школа «Мир & Труд»",
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            lang: Lang::Ru,
        };
        assert_eq!(page_header(&page), "&LШкола «Мир && Труд»&Rна 30.11.2026");
        assert_eq!(page_footer(Lang::Ru), "&L&A&Rстр. &P из &N");
        assert_eq!(page_footer(Lang::En), "&L&A&Rpage &P of &N");
    }

    #[test]
    fn a_decimal_only_where_it_shows_something() {
        let f = Formats::new(Lang::Ru);
        assert_eq!(f.percent_for(1.0).clone(), f.percent);
        assert_eq!(f.percent_for(2.0 / 3.0).clone(), f.percent1);
        assert_eq!(f.number_for(90.0).clone(), f.number);
        assert_eq!(f.number_for(2.33).clone(), f.number1);
        assert_eq!(
            f.hours,
            Format::new()
                .set_num_format("0.0\" ч\"")
                .set_align(FormatAlign::Top)
        );
    }
}
