//! The report's tables as CSV, one file per sheet, the way Russian Excel opens them:
//! UTF-8 with a BOM, `;` between fields, a decimal comma, dates as дд.мм.гггг.

use super::{Cell, Sheet};

pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let line = |fields: Vec<String>| {
        fields
            .iter()
            .map(|f| quote(f))
            .collect::<Vec<_>>()
            .join(";")
            + "\r\n"
    };
    out.push_str(&line(
        sheet.columns.iter().map(|c| c.header.clone()).collect(),
    ));
    for row in &sheet.rows {
        out.push_str(&line(row.iter().map(field).collect()));
    }
    out.into_bytes()
}

fn number(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.to_string(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(x) | Cell::Hours(x) => number(*x),
        Cell::Percent(p) => format!("{}%", number(*p)),
        Cell::Date(d) => d.format("%d.%m.%Y").to_string(),
        Cell::DateTime(t) => t.format("%d.%m.%Y %H:%M").to_string(),
    }
}

fn quote(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Column;
    use chrono::NaiveDate;

    #[test]
    fn csv_for_russian_excel() {
        let sheet = Sheet {
            name: "Пары".into(),
            slug: "pairs",
            columns: vec![
                Column {
                    header: "Тема".into(),
                    width: 1.0,
                },
                Column {
                    header: "Часы".into(),
                    width: 1.0,
                },
            ],
            rows: vec![
                vec![Cell::Text("Урок; \"открытый\"".into()), Cell::Num(1.5)],
                vec![
                    Cell::Date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
                    Cell::Percent(33.333),
                ],
                vec![Cell::Empty, Cell::Int(3)],
            ]
            .into(),
        };
        let text = String::from_utf8(write(&sheet)).unwrap();
        assert_eq!(
            text,
            "\u{feff}Тема;Часы\r\n\"Урок; \"\"открытый\"\"\";1,5\r\n01.09.2026;33,33%\r\n;3\r\n"
        );
    }
}
