//! A report as an A4 PDF for an editor or a reader: the methodology, the
//! totals, the groups as a table, the four charts (the very SVGs the app shows,
//! embedded as vector drawings, with their legends) and the caveats. The
//! numbers are the report's; nothing is counted here.
//!
//! In English, as the methodology and caveats the domain writes. A character
//! the font lacks (a controller's name in a script DejaVu Sans does not cover)
//! is printed as "?" rather than failing the whole report.

use std::sync::Arc;

use rightsdesk_domain::report::{Charts, Distribution, GroupBy, OutcomeClass, Proportion, Report};

use super::{BOTTOM, Fonts, Item, LEFT, LINE, Layout, PAGE_H, REGULAR, SMALL, Style, TOP, WIDTH, draw, face, fonts};
use crate::charts::{ANSWER_COLOURS, OUTCOME_COLOURS};
use crate::{Error, Result};

/// `text` with every character the font cannot print replaced by "?".
fn printable(fonts: &Fonts, style: Style, text: &str) -> String {
    let face = face(fonts, style);
    text.chars().map(|c| if c == ' ' || face.glyph_index(c).is_some() { c } else { '?' }).collect()
}

fn percent(p: &Proportion) -> String {
    match (p.value, p.ci_low, p.ci_high) {
        (Some(v), Some(lo), Some(hi)) => {
            format!("{:.0} % (95 % CI {:.0}–{:.0} %)", v * 100.0, lo * 100.0, hi * 100.0)
        }
        _ => "–".into(),
    }
}

fn short_percent(p: &Proportion) -> String {
    match (p.value, p.ci_low, p.ci_high) {
        (Some(v), Some(lo), Some(hi)) => format!("{:.0} % [{:.0}–{:.0}]", v * 100.0, lo * 100.0, hi * 100.0),
        _ => "–".into(),
    }
}

fn days(d: &Distribution) -> String {
    match (d.median, d.q1, d.q3, d.min, d.max) {
        (Some(m), Some(q1), Some(q3), Some(lo), Some(hi)) => format!(
            "median {m:.1} days; quartiles {q1:.1}–{q3:.1}; from {lo} to {hi} ({} answer{})",
            d.n,
            if d.n == 1 { "" } else { "s" }
        ),
        _ => "no answer yet".into(),
    }
}

/// The charts' SVGs as drawings, their text in the letters' font (never the
/// system's: the PDF is the same on every machine).
fn drawing(svg: &str) -> Option<usvg::Tree> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    let options = usvg::Options { fontdb: Arc::new(db), font_family: "DejaVu Sans".into(), ..Default::default() };
    usvg::Tree::from_str(svg, &options).ok()
}

impl Layout<'_> {
    fn heading(&mut self, text: &str) -> Result<()> {
        self.y += LINE * 0.6;
        self.room(LINE * 3.0);
        let text = printable(self.fonts, Style::Bold, text);
        self.paragraph(Style::Bold, &text)?;
        self.y += LINE * 0.2;
        Ok(())
    }

    fn text(&mut self, style: Style, text: &str) -> Result<()> {
        let text = printable(self.fonts, style, text);
        self.paragraph(style, &text)
    }

    /// A table row in small type: every cell wrapped in its column, the first
    /// left-aligned, the others right-aligned at their column's right edge.
    fn table_row(&mut self, widths: &[f32], cells: &[String], style: Style) -> Result<()> {
        let step = SMALL * 1.45;
        let mut wrapped = Vec::new();
        for (w, cell) in widths.iter().zip(cells) {
            wrapped.push(wrap_cell(self.fonts, style, cell, w - 6.0)?);
        }
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        self.room(step * lines as f32);
        let top = self.y;
        let mut edge = LEFT;
        for (n, (w, cell)) in widths.iter().zip(wrapped).enumerate() {
            for (i, line) in cell.into_iter().enumerate() {
                let (x, right_aligned) = if n == 0 { (edge, false) } else { (edge + w, true) };
                self.push(Item::Text { x, y: top + i as f32 * step, style, text: line, right_aligned });
            }
            edge += w;
        }
        self.y = top + step * lines as f32 + 1.5;
        Ok(())
    }

    /// A chart scaled to the text width, its caption above and legend below.
    fn chart(
        &mut self,
        caption: &str,
        drawings: &mut Vec<usvg::Tree>,
        svg: &str,
        legend: &[(&str, &str)],
    ) -> Result<()> {
        let Some(tree) = drawing(svg) else {
            self.heading(caption)?;
            return self.text(Style::Small, "(This chart could not be drawn.)");
        };
        let (w, h) = (tree.size().width(), tree.size().height());
        let height = (WIDTH * h / w.max(1.0)).min(PAGE_H - TOP - BOTTOM - LINE * 6.0);
        let width = height * w / h.max(1.0);
        // The caption, the chart and its legend stay on one page.
        self.room(height + LINE * 5.0);
        self.heading(caption)?;
        self.push(Item::Drawing { x: LEFT, y: self.y, w: width, h: height, index: drawings.len() });
        drawings.push(tree);
        self.y += height + LINE * 0.4;
        let mut x = LEFT;
        for (label, hex) in legend {
            let w = super::width(self.fonts, Style::Small, label)? + SMALL * 2.2;
            if x + w > LEFT + WIDTH {
                x = LEFT;
                self.y += SMALL * 1.5;
            }
            self.room(LINE);
            self.push(Item::Swatch { x, y: self.y, colour: crate::charts::rgb(hex) });
            self.push(Item::Text {
                x: x + SMALL * 1.3,
                y: self.y,
                style: Style::Small,
                text: (*label).to_owned(),
                right_aligned: false,
            });
            x += w;
        }
        if !legend.is_empty() {
            self.y += LINE;
        }
        Ok(())
    }
}

fn wrap_cell(fonts: &Fonts, style: Style, text: &str, max: f32) -> Result<Vec<String>> {
    super::wrap(fonts, style, &printable(fonts, style, text), max)
}

fn answer_label(field: &str) -> &'static str {
    match field {
        "answered_in_time" => "Answered in time",
        "answered_late" => "Answered late",
        "never_answered" => "Never answered",
        _ => "Pending",
    }
}

/// Renders `r` with `charts` (drawn for the same report) as an A4 PDF.
pub fn report(r: &Report, charts: &Charts) -> Result<Vec<u8>> {
    let fonts = fonts()?;
    let mut l = Layout { fonts, pages: vec![Vec::new()], y: TOP + LINE };
    let t = &r.total;
    let title = "RightsDesk report";
    l.text(Style::Bold, title)?;
    l.text(
        Style::Small,
        &format!(
            "Made on {} with RightsDesk {} · {} request{} counted · grouped by {}",
            r.on,
            env!("CARGO_PKG_VERSION"),
            t.sent,
            if t.sent == 1 { "" } else { "s" },
            r.by.as_str()
        ),
    )?;

    l.heading("Methodology")?;
    l.text(Style::Regular, &r.methodology)?;

    l.heading("All counted requests")?;
    let o = &t.outcomes;
    let outcomes: Vec<String> =
        OutcomeClass::ALL.iter().filter(|c| o.get(**c) > 0).map(|c| format!("{} {}", c.label(), o.get(*c))).collect();
    let e = &t.escalations;
    let rows: Vec<(&str, String)> = vec![
        ("Requests sent", t.sent.to_string()),
        ("Answered", format!("{} · response rate {}", t.answered, percent(&t.response_rate))),
        ("Answered in time", format!("{} · {}", t.answered_in_time, percent(&t.in_time_rate))),
        ("Answered late", t.answered_late.to_string()),
        ("Never answered", t.never_answered.to_string()),
        ("Pending", t.pending.to_string()),
        ("Days to the first answer", days(&t.days_to_first_answer)),
        ("Days to a complete answer", days(&t.days_to_complete_answer)),
        ("Extension used", t.extended.to_string()),
        ("ID demanded", t.id_demanded.to_string()),
        ("Outcomes", if outcomes.is_empty() { "–".into() } else { outcomes.join(" · ") }),
        (
            "Escalations",
            format!(
                "{} reminded ({} answered after the reminder) · {} complained of ({} answered after the complaint)",
                e.reminded, e.answered_after_reminder, e.complained, e.answered_after_complaint
            ),
        ),
    ];
    for (left, right) in rows {
        l.row(left, &[printable(fonts, Style::Small, &right)])?;
    }
    if t.checked > 0 {
        l.heading(&format!("Art. 15 completeness ({} checked answers)", t.checked))?;
        for c in &t.completeness {
            let right = format!("{} of {} · {}", c.present.successes, c.present.trials, percent(&c.present));
            l.row(&c.article, &[format!("{}: {right}", c.item.label())])?;
        }
    }

    if !r.groups.is_empty() {
        let by = match r.by {
            GroupBy::Controller => "By controller",
            GroupBy::Kind => "By kind of request",
            GroupBy::Month => "By month sent",
        };
        l.heading(by)?;
        let widths = [136.0, 36.0, 56.0, 44.0, 56.0, 84.0, 56.0];
        let header =
            ["", "Sent", "Answered", "In time", "Never answered", "Response rate [95 % CI]", "Median days to answer"];
        l.table_row(&widths, &header.map(String::from), Style::SmallBold)?;
        for g in &r.groups {
            let label = if g.too_small { format!("{} *", g.label) } else { g.label.clone() };
            let cells = [
                label,
                g.sent.to_string(),
                g.answered.to_string(),
                g.answered_in_time.to_string(),
                g.never_answered.to_string(),
                short_percent(&g.response_rate),
                g.median_days_to_first_answer.map_or("–".into(), |m| format!("{m:.1}")),
            ];
            l.table_row(&widths, &cells, Style::Small)?;
        }
        if r.groups.iter().any(|g| g.too_small) {
            l.y += SMALL * 0.5;
            l.text(
                Style::Small,
                &format!(
                    "* Fewer than {} requests: shown, but too small to compare.",
                    rightsdesk_domain::report::SMALL_CELL
                ),
            )?;
        }
    }

    let mut drawings = Vec::new();
    l.heading("Charts")?;
    l.chart("Days to the first answer (requests per bin)", &mut drawings, &charts.histogram, &[])?;
    let outcome_legend: Vec<(&str, &str)> = OUTCOME_COLOURS.iter().map(|(o, c)| (o.label(), *c)).collect();
    l.chart("Outcomes by controller", &mut drawings, &charts.outcomes, &outcome_legend)?;
    let answer_legend: Vec<(&str, &str)> = ANSWER_COLOURS.iter().map(|(f, c)| (answer_label(f), *c)).collect();
    l.chart("Answers by month sent", &mut drawings, &charts.over_time, &answer_legend)?;
    l.chart("Art. 15 items present in checked answers (%)", &mut drawings, &charts.completeness, &[])?;

    l.heading("Caveats")?;
    for c in &r.caveats {
        l.text(Style::Regular, &format!("- {c}"))?;
    }
    draw(fonts, l.pages, None, &drawings, title, rightsdesk_domain::Language::En, |n, total| {
        format!("RightsDesk report of {} · page {n} of {total}", r.on)
    })
    .map_err(|e| match e {
        Error::Pdf(why) => Error::Pdf(why.replace("signature image", "chart")),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_the_font_lacks_becomes_a_question_mark() {
        let f = fonts().unwrap();
        assert_eq!(printable(f, Style::Regular, "Tencent 腾讯 AG"), "Tencent ?? AG");
    }

    #[test]
    fn percentages_carry_their_interval() {
        let p = rightsdesk_domain::report::wilson(7, 10);
        assert_eq!(percent(&p), "70 % (95 % CI 40–89 %)");
        assert_eq!(short_percent(&rightsdesk_domain::report::wilson(0, 0)), "–");
    }
}
