//! The report's chart as a PNG: meetings per week over the last quarter (top) and the
//! shares against their targets (bottom). Drawn with plotters into an RGB buffer, with the
//! embedded DejaVu Sans (it has Cyrillic; licence in `assets/fonts`), encoded with `png`.

use super::{indicator_label, Report};
use crate::domain::monitoring::Unit;
use plotters::prelude::*;
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
            .caption(tr!(lang, "chart-weekly", scope = report.title.clone()), (FAMILY, 24))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..weeks as f64, 0f64..max)
            .map_err(err)?;
        let labels: Vec<String> = report.weekly.iter().map(|w| w.0.format("%d.%m").to_string()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(weeks)
            .x_label_formatter(&|x| labels.get(x.floor() as usize).cloned().unwrap_or_default())
            .y_labels((top_count as usize + 1).min(10))
            // whole meetings only
            .y_label_formatter(&|y| if (y - y.round()).abs() < 1e-6 { format!("{y:.0}") } else { String::new() })
            .y_desc(tr!(lang, "chart-meetings"))
            .label_style((FAMILY, 14))
            .axis_desc_style((FAMILY, 16))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(report.weekly.iter().enumerate().map(|(i, (_, n))| Rectangle::new([(i as f64 + 0.15, 0.0), (i as f64 + 0.85, *n as f64)], BAR.filled())))
            .map_err(err)?;

        // shares against targets
        let shares: Vec<_> = report.indicators.iter().filter(|i| i.unit == Unit::Percent && i.target.is_some()).collect();
        let rows = shares.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&bottom)
            .caption(tr!(lang, "chart-targets", date = report.as_of.format("%d.%m.%Y").to_string()), (FAMILY, 24))
            .margin(16)
            .x_label_area_size(30)
            .y_label_area_size(420)
            .build_cartesian_2d(0f64..100f64, -0.5f64..rows - 0.5)
            .map_err(err)?;
        let names: Vec<String> = shares.iter().map(|i| indicator_label(lang, i).chars().take(48).collect()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(shares.len().max(1))
            .y_label_formatter(&|y| {
                if (*y - y.round()).abs() < 0.01 && *y >= 0.0 { names.get(y.round() as usize).cloned().unwrap_or_default() } else { String::new() }
            })
            .x_label_formatter(&|x| format!("{x:.0} %"))
            .label_style((FAMILY, 14))
            .draw()
            .map_err(err)?;
        // value bars: green when the target is met, red when not
        chart
            .draw_series(shares.iter().enumerate().map(|(i, ind)| {
                let v = ind.value.unwrap_or(0.0).clamp(0.0, 100.0);
                let color = if ind.met() == Some(true) { OK } else { BAD };
                Rectangle::new([(0.0, i as f64 - 0.3), (v, i as f64 + 0.3)], color.filled())
            }))
            .map_err(err)?;
        // target marks
        chart
            .draw_series(shares.iter().enumerate().filter_map(|(i, ind)| {
                let t = ind.target?.value.clamp(0.0, 100.0);
                Some(Rectangle::new([(t - 0.3, i as f64 - 0.4), (t + 0.3, i as f64 + 0.4)], TARGET.filled()))
            }))
            .map_err(err)?;
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
