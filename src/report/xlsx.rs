//! The report as an Excel workbook (rust_xlsxwriter): one sheet per table, real dates and
//! numbers, a bold frozen header row with an autofilter, sensible column widths.
//! Sheets are written in "constant memory" mode: each row goes to a temporary file as soon as
//! the next one starts, strings inline (a district's report has millions of cells; kept in the
//! writer's memory as well they took hundreds of MB).

use super::{Cell, Report};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

pub fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top).set_background_color(0xDDEBF7);
    let title = Format::new().set_bold().set_font_size(13);
    let date = Format::new().set_num_format("dd.mm.yyyy").set_align(FormatAlign::Left);
    let datetime = Format::new().set_num_format("dd.mm.yyyy hh:mm").set_align(FormatAlign::Left);
    let percent = Format::new().set_num_format("0.0%");
    let number = Format::new().set_num_format("0.##");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (index, sheet) in report.sheets.iter().enumerate() {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(sheet_name(&sheet.name))?;
        // the first sheet carries the title: what, whose, on which date
        let first_row: u32 = if index == 0 {
            let heading = tr!(report.lang, "report-heading", scope = report.title.clone(), date = report.as_of.format("%d.%m.%Y").to_string());
            ws.write_string_with_format(0, 0, heading, &title)?;
            2
        } else {
            0
        };
        for (c, column) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, column.width)?;
            ws.write_string_with_format(first_row, c as u16, &column.header, &header)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = first_row + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) if s.chars().count() > 60 => {
                        ws.write_string_with_format(r, c, &**s, &wrap)?;
                    }
                    Cell::Text(s) => {
                        ws.write_string(r, c, &**s)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Cell::Num(x) => {
                        ws.write_number_with_format(r, c, *x, &number)?;
                    }
                    Cell::Percent(p) => {
                        ws.write_number_with_format(r, c, *p / 100.0, &percent)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c, d, &date)?;
                    }
                    Cell::DateTime(t) => {
                        ws.write_datetime_with_format(r, c, t, &datetime)?;
                    }
                }
            }
        }
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        ws.set_freeze_panes(first_row + 1, 0)?;
        ws.autofilter(first_row, 0, first_row + sheet.rows.len() as u32, last_col)?;
    }
    wb.save_to_buffer()
}

/// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}
