//! A small writer of the school's Word documents over docx-rs: A4 portrait with the margins of
//! Russian office papers (ГОСТ Р 7.0.97: 30 mm left, 15 mm right, 20 mm top and bottom), Times
//! New Roman 12 pt, a title, headings, «label: value» lines, tables with a header row repeated
//! on every page, and a signature block. The footer numbers the pages.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Table, TableCell, TableRow, WidthType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// The text width of an A4 page between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;
const FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY: usize = 24;
const SMALL: usize = 20;
const TITLE: usize = 28;

pub struct Word {
    doc: Docx,
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts())
}

/// A paragraph of plain text; line breaks in `text` become breaks in the paragraph.
fn text_paragraph(text: &str, size: usize) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.split('\n').enumerate() {
        let r = if i == 0 {
            Run::new()
        } else {
            Run::new().add_break(BreakType::TextWrapping)
        };
        p = p.add_run(r.add_text(line).fonts(fonts()).size(size));
    }
    p
}

impl Word {
    /// A new document; `footer_text` goes in the footer before «стр. N из M» (`page`, `of`).
    pub fn new(footer_text: &str, page: &str, of: &str) -> Word {
        let footer = Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(run(&format!("{footer_text} · {page} ")).size(SMALL))
                .add_page_num(PageNum::new())
                .add_run(run(&format!(" {of} ")).size(SMALL))
                .add_num_pages(NumPages::new()),
        );
        let doc = Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(1134)
                    .bottom(1134)
                    .left(1701)
                    .right(850)
                    .header(567)
                    .footer(567),
            )
            .default_fonts(fonts())
            .default_size(BODY)
            .footer(footer);
        Word { doc }
    }

    fn push(&mut self, p: Paragraph) {
        let doc = std::mem::take(&mut self.doc);
        self.doc = doc.add_paragraph(p);
    }

    /// A line on the right: the school's name, «УТВЕРЖДАЮ», a date.
    pub fn right(&mut self, text: &str) {
        self.push(text_paragraph(text, BODY).align(AlignmentType::Right));
    }

    /// The document's title, bold and centred.
    pub fn title(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(text).size(TITLE).bold()),
        );
    }

    /// A centred line under the title.
    pub fn subtitle(&mut self, text: &str) {
        self.push(text_paragraph(text, BODY).align(AlignmentType::Center));
    }

    pub fn heading(&mut self, text: &str) {
        self.blank();
        self.push(
            Paragraph::new()
                .keep_next(true)
                .add_run(run(text).size(BODY).bold()),
        );
    }

    pub fn para(&mut self, text: &str) {
        self.push(text_paragraph(text, BODY).align(AlignmentType::Both));
    }

    /// «Label: value» with the label in bold.
    pub fn field(&mut self, label: &str, value: &str) {
        self.push(
            Paragraph::new()
                .add_run(run(&format!("{label}: ")).size(BODY).bold())
                .add_run(run(value).size(BODY)),
        );
    }

    pub fn blank(&mut self) {
        self.push(Paragraph::new());
    }

    /// A table with a bold header row and relative column widths; rows are not split across pages.
    pub fn table(&mut self, headers: &[String], widths: &[usize], rows: &[Vec<String>]) {
        let total: usize = widths.iter().sum::<usize>().max(1);
        let grid: Vec<usize> = widths.iter().map(|w| w * TEXT_WIDTH / total).collect();
        let cell = |text: &str, width: usize, bold: bool| {
            let mut p = text_paragraph(text, SMALL);
            if bold {
                p = Paragraph::new().add_run(run(text).size(SMALL).bold());
            }
            TableCell::new()
                .width(width, WidthType::Dxa)
                .add_paragraph(p)
        };
        let header = TableRow::new(
            headers
                .iter()
                .zip(&grid)
                .map(|(h, w)| cell(h, *w, true))
                .collect(),
        )
        .cant_split();
        let mut table_rows = vec![header];
        for r in rows {
            table_rows.push(
                TableRow::new(
                    r.iter()
                        .zip(&grid)
                        .map(|(t, w)| cell(t, *w, false))
                        .collect(),
                )
                .cant_split(),
            );
        }
        let table = Table::new(table_rows)
            .set_grid(grid)
            .width(TEXT_WIDTH, WidthType::Dxa);
        let doc = std::mem::take(&mut self.doc);
        self.doc = doc.add_table(table);
    }

    /// The signature block: one line per signer, «role ____________ / name / date».
    pub fn signatures(&mut self, signers: &[(String, String)], date_label: &str) {
        self.blank();
        for (role, name) in signers {
            self.push(
                Paragraph::new().keep_next(true).add_run(
                    run(&format!(
                        "{role}: __________ / {name} / «__» ________ 20__ {date_label}"
                    ))
                    .size(BODY),
                ),
            );
            self.blank();
        }
    }

    /// The finished .docx file.
    pub fn finish(self) -> Result<Vec<u8>, docx_rs::DocxError> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.doc.build().pack(&mut out)?;
        Ok(out.into_inner())
    }
}
