//! The report's charts, drawn once as SVG by a charting library (plotters'
//! SVG backend) so the app shows the picture the core drew. Text and axes are
//! `currentColor` (they follow the theme, light or dark); the series colours
//! are mid-tones readable on both. Words are left to the face showing the
//! chart (its legend is the app's, in the app's language): the charts carry
//! only numbers, days, months, controller names and article numbers.
//!
//! Pure: the font is compiled in (DejaVu Sans, to measure labels).

use std::sync::Once;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use rightsdesk_domain::report::{Charts, Distribution, Group, OutcomeClass};

const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// Drawn in this colour, then written as `currentColor`.
const INK: RGBColor = RGBColor(1, 2, 3);
const INK_HEX: &str = "#010203";

/// Mid-tone colours (Tableau 10), in the order of `OutcomeClass::ALL`.
pub const OUTCOME_COLOURS: [(OutcomeClass, &str); 7] = [
    (OutcomeClass::Complied, "#59a14f"),
    (OutcomeClass::Partial, "#edc948"),
    (OutcomeClass::Refused, "#e15759"),
    (OutcomeClass::IdDemanded, "#b07aa1"),
    (OutcomeClass::NoAnswer, "#9c755f"),
    (OutcomeClass::Withdrawn, "#bab0ac"),
    (OutcomeClass::Open, "#4e79a7"),
];

/// The series of the answers-over-time chart, bottom to top.
pub const ANSWER_COLOURS: [(&str, &str); 4] = [
    ("answered_in_time", "#59a14f"),
    ("answered_late", "#f28e2b"),
    ("never_answered", "#e15759"),
    ("pending", "#4e79a7"),
];

/// `#rrggbb` as its three components (the report PDF's legends use them too).
pub(crate) fn rgb(c: &str) -> (u8, u8, u8) {
    let v = |i: usize| u8::from_str_radix(c.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (v(1), v(3), v(5))
}

fn hex(c: &str) -> RGBColor {
    let (r, g, b) = rgb(c);
    RGBColor(r, g, b)
}

fn font() {
    static REGISTER: Once = Once::new();
    // The font is compiled in and valid; were it not, labels would be measured as zero width.
    REGISTER.call_once(|| {
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// Draws with `f` onto a `w`×`h` SVG and makes its ink `currentColor`. A
/// drawing error (none is expected with in-memory SVG) gives an empty picture.
fn svg(w: u32, h: u32, f: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Option<()>) -> String {
    font();
    // A chart is never worth a crash: a fault inside the library gives an empty picture.
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
            if f(&root).is_none() || root.present().is_err() {
                return String::new();
            }
        }
        out
    }));
    drawn.unwrap_or_default().replace(INK_HEX, "currentColor")
}

fn text_style(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// A value tick: whole numbers without decimals (counts are never "2.0").
fn tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// The category axis of `n` labels: plotters' integer ranges include their
/// end, so `0..n-1` gives one segment per label (`0..n` left an empty one).
/// A range of one value has no width: a single category is drawn padded.
fn categories(n: u32) -> plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordu32> {
    (0u32..n.saturating_sub(1).max(1)).into_segmented()
}

/// One category alone is drawn in the middle of three (with empty neighbours),
/// not as one bar across the whole chart.
fn padded<T: Clone + Default>(
    labels: &[String],
    series: &[(Vec<T>, RGBColor)],
) -> (Vec<String>, Vec<(Vec<T>, RGBColor)>) {
    if labels.len() != 1 {
        return (labels.to_vec(), series.to_vec());
    }
    let labels = vec![String::new(), labels[0].clone(), String::new()];
    let series = series
        .iter()
        .map(|(v, c)| (vec![T::default(), v.first().cloned().unwrap_or_default(), T::default()], *c))
        .collect();
    (labels, series)
}

fn label_of(v: &SegmentValue<u32>, labels: &[String]) -> String {
    match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
        SegmentValue::Last => String::new(),
    }
}

/// Vertical bars: one per label, stacked by series (`(values per label, colour)`).
fn columns(labels: &[String], series: &[(Vec<u32>, RGBColor)], w: u32, h: u32) -> String {
    let (labels, series) = padded(labels, series);
    let (labels, series) = (&labels[..], &series[..]);
    let n = labels.len().max(1) as u32;
    let max = (0..labels.len()).map(|i| series.iter().map(|(v, _)| v[i]).sum::<u32>()).max().unwrap_or(0).max(1);
    svg(w, h, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(28)
            .y_label_area_size(36)
            // f64, not u32: plotters' integer ticks overflow on large counts.
            .build_cartesian_2d(categories(n), 0f64..f64::from(max) * 1.1 + 1.0)
            .ok()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .bold_line_style(INK.mix(0.2))
            .axis_style(INK)
            .x_labels(labels.len().max(1))
            .x_label_formatter(&|v| label_of(v, labels))
            .y_labels((max as usize + 2).min(8))
            .y_label_formatter(&tick)
            .x_label_style(text_style(11))
            .y_label_style(text_style(11))
            .draw()
            .ok()?;
        let mut base = vec![0f64; labels.len()];
        for (values, colour) in series {
            let bars: Vec<_> = values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(i, v)| {
                    let (x0, x1) = (SegmentValue::Exact(i as u32), SegmentValue::Exact(i as u32 + 1));
                    let top = base[i] + f64::from(*v);
                    let mut r = Rectangle::new([(x0, base[i]), (x1, top)], colour.filled());
                    r.set_margin(0, 0, 4, 4);
                    r
                })
                .collect();
            chart.draw_series(bars).ok()?;
            for (b, v) in base.iter_mut().zip(values) {
                *b += f64::from(*v);
            }
        }
        Some(())
    })
}

/// Horizontal bars: one row per label, stacked by series; `max` the scale's end.
fn rows(labels: &[String], series: &[(Vec<f64>, RGBColor)], max: f64, w: u32, label_width: u32) -> String {
    let (labels, series) = padded(labels, series);
    let (labels, series) = (&labels[..], &series[..]);
    let n = labels.len().max(1) as u32;
    let h = 40 + 22 * n;
    svg(w, h, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(24)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..max, categories(n))
            .ok()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .x_labels(6)
            .bold_line_style(INK.mix(0.2))
            .axis_style(INK)
            .y_labels(labels.len().max(1))
            .y_label_formatter(&|v| label_of(v, labels))
            .x_label_formatter(&tick)
            .x_label_style(text_style(11))
            .y_label_style(text_style(11))
            .draw()
            .ok()?;
        let mut base = vec![0f64; labels.len()];
        for (values, colour) in series {
            let bars: Vec<_> = values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.0)
                .map(|(i, v)| {
                    let (y0, y1) = (SegmentValue::Exact(i as u32), SegmentValue::Exact(i as u32 + 1));
                    let mut r = Rectangle::new([(base[i], y0), (base[i] + v, y1)], colour.filled());
                    r.set_margin(3, 3, 0, 0);
                    r
                })
                .collect();
            chart.draw_series(bars).ok()?;
            for (b, v) in base.iter_mut().zip(values) {
                *b += v;
            }
        }
        Some(())
    })
}

/// The histogram of days to the first answer.
pub fn histogram(d: &Distribution) -> String {
    let labels: Vec<String> = d
        .histogram
        .iter()
        .map(|b| match b.to {
            Some(to) => format!("{}–{to}", b.from),
            None => format!("{}+", b.from),
        })
        .collect();
    let counts = d.histogram.iter().map(|b| b.count).collect();
    columns(&labels, &[(counts, hex("#4e79a7"))], 560, 260)
}

/// Outcomes per group (at most the first 40 in the report's order), stacked.
pub fn outcomes(groups: &[Group]) -> String {
    let groups = &groups[..groups.len().min(40)];
    let labels: Vec<String> = groups
        .iter()
        .map(|g| {
            let mut l: String = g.label.chars().take(26).collect();
            if g.label.chars().count() > 26 {
                l.push('…');
            }
            l
        })
        .collect();
    let max = groups.iter().map(|g| g.outcomes.total()).max().unwrap_or(0).max(1) as f64;
    let series: Vec<(Vec<f64>, RGBColor)> = OUTCOME_COLOURS
        .iter()
        .map(|(o, c)| (groups.iter().map(|g| f64::from(g.outcomes.get(*o))).collect(), hex(c)))
        .collect();
    rows(&labels, &series, max * 1.05, 560, 200)
}

/// Per month: answered in time, late, never answered, pending, stacked.
pub fn over_time(months: &[Group]) -> String {
    let labels: Vec<String> = months.iter().map(|g| g.key.clone()).collect();
    let series: Vec<(Vec<u32>, RGBColor)> = ANSWER_COLOURS
        .iter()
        .map(|(field, c)| {
            let values = months
                .iter()
                .map(|g| match *field {
                    "answered_in_time" => g.answered_in_time,
                    "answered_late" => g.answered_late,
                    "never_answered" => g.never_answered,
                    _ => g.pending,
                })
                .collect();
            (values, hex(c))
        })
        .collect();
    columns(&labels, &series, 560, 260)
}

/// The four charts: `total`'s histogram and completeness, outcomes per
/// controller (`by_controller`), answers per month (`by_month`).
pub fn charts(total: &Group, by_controller: &[Group], by_month: &[Group]) -> Charts {
    Charts {
        histogram: histogram(&total.days_to_first_answer),
        outcomes: outcomes(by_controller),
        over_time: over_time(by_month),
        completeness: completeness(total),
        outcome_colours: OUTCOME_COLOURS.iter().map(|(o, c)| (o.as_str().to_owned(), (*c).to_owned())).collect(),
        answer_colours: ANSWER_COLOURS.iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect(),
    }
}

/// The share of checked answers holding each Art. 15 item, in %.
pub fn completeness(total: &Group) -> String {
    let labels: Vec<String> = total.completeness.iter().map(|c| format!("Art. {}", c.item.article())).collect();
    let shares = total.completeness.iter().map(|c| c.present.value.unwrap_or(0.0) * 100.0).collect();
    rows(&labels, &[(shares, hex("#76b7b2"))], 100.0, 560, 90)
}

#[cfg(test)]
mod tests {
    use rightsdesk_domain::report::{Bin, distribution};

    use super::*;

    #[test]
    fn a_histogram_is_an_svg_with_one_bar_per_nonempty_bin_in_the_theme_colour() {
        let d = distribution(vec![3, 5, 9, 40, 40, 100]);
        let s = histogram(&d);
        assert!(s.starts_with("<svg") && s.trim_end().ends_with("</svg>"), "{s}");
        assert!(!s.contains(INK_HEX) && s.contains("currentColor"));
        // Bins 0–7 (2), 8–14 (1), 46–60 (2), 91+ (1): four bars in the series colour.
        assert_eq!(d.histogram.iter().filter(|b: &&Bin| b.count > 0).count(), 4);
        assert_eq!(s.matches("fill=\"#4E79A7\"").count() + s.matches("fill=\"#4e79a7\"").count(), 4, "{s}");
        assert!(s.contains("0–7") && s.contains("91+"));
    }

    #[test]
    fn an_empty_report_and_a_large_one_draw_without_fault() {
        use rightsdesk_domain::report::{FilterWords, GroupBy, ReportFilter, report};
        let empty =
            report(&[], &ReportFilter::default(), GroupBy::Month, chrono::NaiveDate::MIN, &FilterWords::default());
        let c = charts(&empty.total, &empty.groups, &empty.groups);
        for svg in [&c.histogram, &c.outcomes, &c.over_time, &c.completeness] {
            assert!(svg.starts_with("<svg"), "{svg}");
        }
        let mut big = rightsdesk_domain::report::group("k".into(), "K".into(), &[], chrono::NaiveDate::MIN);
        big.answered_in_time = 4_000_000;
        big.never_answered = 123_456;
        big.outcomes.complied = 4_000_000;
        let many: Vec<Group> = (0..100).map(|i| Group { key: format!("2026-{i:02}"), ..big.clone() }).collect();
        assert!(over_time(&many).starts_with("<svg"));
        assert!(outcomes(&many).starts_with("<svg"));
    }

    #[test]
    fn names_in_a_chart_are_escaped() {
        let mut g =
            rightsdesk_domain::report::group("x".into(), "<script>A&B</script>".into(), &[], chrono::NaiveDate::MIN);
        g.outcomes = Default::default();
        let s = outcomes(&[g]);
        assert!(!s.contains("<script>") && s.contains("&lt;script&gt;"), "{s}");
    }
}
