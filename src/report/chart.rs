//! The report's chart as a PNG: meetings per week over the report's period (top) and the
//! shares against their targets (bottom, names whole, a legend for the marks). Drawn with plotters into an RGB buffer, with the
//! embedded DejaVu Sans (it has Cyrillic; licence in `assets/fonts`), encoded with `png`.

use super::{indicator_label, Report, CHART_WEEKS};
use crate::domain::monitoring::Unit;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};
use std::sync::Once;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 1000;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            tracing::error!("the embedded font could not be read");
        }
    });
}

type DrawResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn err<E: std::fmt::Display>(e: E) -> Box<dyn std::error::Error + Send + Sync> {
    e.to_string().into()
}

const BAR: RGBColor = RGBColor(0x2E, 0x75, 0xB6);
const OK: RGBColor = RGBColor(0x4C, 0xAF, 0x50);
const BAD: RGBColor = RGBColor(0xE5, 0x73, 0x73);
const TARGET: RGBColor = RGBColor(0x21, 0x21, 0x21);
const NO_DATA: RGBColor = RGBColor(0x75, 0x75, 0x75);
/// The narrowest bar (in per cent of the axis): a 0 % value still shows.
const MIN_BAR: f64 = 0.6;
/// The legend's strip under the shares.
const LEGEND_HEIGHT: u32 = 40;
/// The widest the indicators' names may take, in pixels, and the font sizes tried.
const NAMES_MAX_WIDTH: u32 = 560;
const NAME_SIZES: [u32; 4] = [14, 13, 12, 11];

/// One share on the chart: its whole name, its value (`None`: no data), its target.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    pub label: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub met: Option<bool>,
}

/// The shares with a target, in the report's order, named in full.
pub fn share_rows(report: &Report) -> Vec<ShareRow> {
    report
        .indicators
        .iter()
        .filter(|i| i.unit == Unit::Percent && i.target.is_some())
        .map(|i| ShareRow {
            label: indicator_label(report.lang, i),
            value: i.value,
            target: i.target.map(|t| t.value),
            met: i.met(),
        })
        .collect()
}

/// The font size and the width the names take: the largest size at which the longest name
/// fits `NAMES_MAX_WIDTH` (the smallest size otherwise) — names are never cut.
fn fit_names(names: &[&str], width: impl Fn(&str, u32) -> u32) -> (u32, u32) {
    let widest = |size: u32| names.iter().map(|n| width(n, size)).max().unwrap_or(0);
    let size = NAME_SIZES
        .iter()
        .copied()
        .find(|s| widest(*s) <= NAMES_MAX_WIDTH)
        .unwrap_or(NAME_SIZES[NAME_SIZES.len() - 1]);
    (size, widest(size))
}

/// «66,7 %» / «66.7 %».
fn percent(lang: crate::i18n::Lang, v: f64) -> String {
    let text = if (v - v.round()).abs() < 0.05 {
        format!("{v:.0} %")
    } else {
        format!("{v:.1} %")
    };
    match lang {
        crate::i18n::Lang::Ru => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}

/// What the colours and the black mark mean.
fn draw_legend(
    area: &DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>,
    lang: crate::i18n::Lang,
) -> DrawResult<()> {
    let font = (FAMILY, 14).into_font();
    let mut x = 24;
    let y = 12;
    let items: [(RGBColor, &str, (i32, i32)); 4] = [
        (TARGET, "chart-legend-target", (4, 18)),
        (OK, "chart-legend-met", (14, 14)),
        (BAD, "chart-legend-not-met", (14, 14)),
        (NO_DATA, "chart-legend-no-data", (0, 0)),
    ];
    for (color, key, (w, h)) in items {
        let text = tr!(lang, key);
        if w > 0 {
            area.draw(&Rectangle::new(
                [(x, y + 9 - h / 2), (x + w, y + 9 + h / 2)],
                color.filled(),
            ))
            .map_err(err)?;
            x += w + 6;
        }
        let style = font.clone().color(&color);
        area.draw(&Text::new(text.clone(), (x, y), style))
            .map_err(err)?;
        x += area
            .estimate_text_size(&text, &TextStyle::from(font.clone()))
            .map(|(w, _)| w as i32)
            .unwrap_or(8 * text.chars().count() as i32)
            + 24;
    }
    Ok(())
}

/// Renders the chart and returns the PNG bytes.
pub fn render(report: &Report) -> DrawResult<Vec<u8>> {
    ensure_font();
    let lang = report.lang;
    let mut buf = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, bottom) = root.split_vertically(HEIGHT / 2);

        // meetings per week
        let weeks = report.weekly.len().max(1);
        let top_count = report.weekly.iter().map(|w| w.1).max().unwrap_or(0).max(1);
        let max = top_count as f64 + 0.5;
        let mut chart = ChartBuilder::on(&top)
            .caption(
                tr!(
                    lang,
                    "chart-weekly",
                    scope = report.title.clone(),
                    period = tr!(lang, report.period.key())
                ),
                (FAMILY, 24),
            )
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..weeks as f64, 0f64..max)
            .map_err(err)?;
        // a date under every week of a quarter, every second or fourth one over a longer period
        let step = weeks.div_ceil(CHART_WEEKS as usize).max(1);
        let labels: Vec<String> = report
            .weekly
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i % step == 0 {
                    w.0.format("%d.%m").to_string()
                } else {
                    String::new()
                }
            })
            .collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(weeks)
            .x_label_formatter(&|x| labels.get(x.floor() as usize).cloned().unwrap_or_default())
            .y_labels((top_count as usize + 1).min(10))
            // whole meetings only
            .y_label_formatter(&|y| {
                if (y - y.round()).abs() < 1e-6 {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .y_desc(tr!(lang, "chart-meetings"))
            .label_style((FAMILY, 14))
            .axis_desc_style((FAMILY, 16))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(report.weekly.iter().enumerate().map(|(i, (_, n))| {
                Rectangle::new(
                    [(i as f64 + 0.15, 0.0), (i as f64 + 0.85, *n as f64)],
                    BAR.filled(),
                )
            }))
            .map_err(err)?;

        // shares against targets, with a legend under them
        let (bottom, legend) = bottom.split_vertically(HEIGHT / 2 - LEGEND_HEIGHT);
        let shares = share_rows(report);
        let rows = shares.len().max(1) as f64;
        // the names whole: the label area as wide as the longest, the font smaller if need be
        let (font_size, names_width) = fit_names(
            &shares.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
            |text, size| {
                bottom
                    .estimate_text_size(text, &TextStyle::from((FAMILY, size)))
                    .map(|(w, _)| w)
                    .unwrap_or(size * text.chars().count() as u32)
            },
        );
        let mut chart = ChartBuilder::on(&bottom)
            .caption(
                tr!(
                    lang,
                    "chart-targets",
                    date = report.as_of.format("%d.%m.%Y").to_string()
                ),
                (FAMILY, 24),
            )
            .margin(16)
            .x_label_area_size(30)
            .y_label_area_size(names_width + 16)
            // room right of 100 % for the value of a full bar
            .build_cartesian_2d(0f64..112f64, -0.5f64..rows - 0.5)
            .map_err(err)?;
        let names: Vec<&str> = shares.iter().map(|s| s.label.as_str()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(shares.len().max(1))
            .y_label_formatter(&|y| {
                if (*y - y.round()).abs() < 0.01 && *y >= 0.0 {
                    names
                        .get(y.round() as usize)
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&|x| {
                if *x <= 100.0 {
                    format!("{x:.0} %")
                } else {
                    String::new()
                }
            })
            .y_label_style((FAMILY, font_size))
            .x_label_style((FAMILY, 14))
            .draw()
            .map_err(err)?;
        // value bars: green when the target is met, red when not; a 0 % bar is a thin red
        // stroke, so that it shows; without data there is no bar but the words «нет данных»
        chart
            .draw_series(shares.iter().enumerate().filter_map(|(i, row)| {
                let v = row.value?.clamp(0.0, 100.0).max(MIN_BAR);
                let color = if row.met == Some(true) { OK } else { BAD };
                Some(Rectangle::new(
                    [(0.0, i as f64 - 0.3), (v, i as f64 + 0.3)],
                    color.filled(),
                ))
            }))
            .map_err(err)?;
        let no_data = tr!(lang, "ind-no-data");
        chart
            .draw_series(shares.iter().enumerate().map(|(i, row)| {
                let (x, text, color) = match row.value {
                    Some(v) => (
                        v.clamp(0.0, 100.0).max(MIN_BAR) + 1.0,
                        percent(lang, v),
                        BLACK,
                    ),
                    None => (1.0, no_data.clone(), NO_DATA),
                };
                Text::new(
                    text,
                    (x, i as f64),
                    (FAMILY, 14)
                        .into_font()
                        .color(&color)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )
            }))
            .map_err(err)?;
        // target marks
        chart
            .draw_series(shares.iter().enumerate().filter_map(|(i, row)| {
                let t = row.target?.clamp(0.0, 100.0);
                Some(Rectangle::new(
                    [(t - 0.3, i as f64 - 0.4), (t + 0.3, i as f64 + 0.4)],
                    TARGET.filled(),
                ))
            }))
            .map_err(err)?;
        draw_legend(&legend, lang)?;
        root.present().map_err(err)?;
    }
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(err)?;
        writer.write_image_data(&buf).map_err(err)?;
    }
    Ok(png_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_fitted_never_cut() {
        // 8 px a character at 14, 7 at 12…
        let width = |text: &str, size: u32| text.chars().count() as u32 * (size - 6);
        let short = ["Доля ОО с куратором", "Доля пар"];
        assert_eq!(fit_names(&short, width), (14, 19 * 8));
        let long = "Доля молодых педагогов (стаж до 3 лет) в программах наставничества района";
        let (size, w) = fit_names(&[long], width);
        assert!(size < 14 && w <= NAMES_MAX_WIDTH, "{size} {w}");
        assert_eq!(percent(crate::i18n::Lang::Ru, 66.666), "66,7 %");
        assert_eq!(percent(crate::i18n::Lang::Ru, 0.0), "0 %");
    }
}
