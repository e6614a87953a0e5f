//! Reports and publication exports for journalists: the numbers (the domain's
//! `report`), the same numbers as CSV, one row per request as CSV or JSON
//! (pseudonymised for publication), the charts, the PDF and the evidence
//! bundle. Every face calls these, so the app, the CLI and every file agree.

use std::collections::HashMap;
use std::path::Path;

use rightsdesk_domain::report::rows::{self, RequestRow};
use rightsdesk_domain::report::{self, FilterWords, Group, GroupBy, Pseudonyms, Report, ReportFilter};
use rightsdesk_domain::{ErrorCode, Id};
use rightsdesk_store::{Error, Result, Store};

use crate::exports::Written;

/// The report over what `filter` selects, as of the store's today.
pub fn report(store: &Store, filter: &ReportFilter, by: GroupBy) -> Result<Report> {
    let facts = store.report_facts(filter)?;
    Ok(report::report(&facts, filter, by, store.today(), &words(store, filter)?))
}

/// The report and its four charts, the store read once: the charts take
/// outcomes per controller and answers per month whatever `by` is.
pub fn view(store: &Store, filter: &ReportFilter, by: GroupBy) -> Result<report::ReportView> {
    let facts = store.report_facts(filter)?;
    let today = store.today();
    let r = report::report(&facts, filter, by, today, &words(store, filter)?);
    let none = FilterWords::default();
    let regroup = |wanted: GroupBy| {
        if wanted == by { r.groups.clone() } else { report::report(&facts, filter, wanted, today, &none).groups }
    };
    let charts = rightsdesk_letters::charts::charts(&r.total, &regroup(GroupBy::Controller), &regroup(GroupBy::Month));
    Ok(report::ReportView { report: r, charts })
}

/// The last report view a face made, kept until the store changes: going back
/// to the Reports screen over 100,000 requests shows it again at once instead
/// of reading the store for half a second. Valid while the filter, the
/// grouping, the store's day and its change stamp are the same.
#[derive(Debug, Default)]
pub struct Views {
    last: Option<(ViewKey, report::ReportView)>,
}

#[derive(Debug, PartialEq)]
struct ViewKey {
    filter: ReportFilter,
    by: GroupBy,
    today: chrono::NaiveDate,
    stamp: (i64, u64),
}

impl Views {
    /// `view`, or the kept one if nothing it rests on has changed.
    pub fn view(&mut self, store: &Store, filter: &ReportFilter, by: GroupBy) -> Result<report::ReportView> {
        let key = ViewKey { filter: filter.clone(), by, today: store.today(), stamp: store.change_stamp()? };
        if let Some((kept, v)) = &self.last
            && *kept == key
        {
            return Ok(v.clone());
        }
        let v = view(store, filter, by)?;
        // Reading changes nothing; a stamp taken after would differ only if a
        // write slipped in between, and then the next call reads again.
        self.last = Some((key, v.clone()));
        Ok(v)
    }

    /// Whether a view for `filter` and `by` is kept and still valid.
    pub fn holds(&self, store: &Store, filter: &ReportFilter, by: GroupBy) -> bool {
        let Ok(stamp) = store.change_stamp() else { return false };
        let key = ViewKey { filter: filter.clone(), by, today: store.today(), stamp };
        self.last.as_ref().is_some_and(|(kept, _)| *kept == key)
    }
}

/// The charts as `report-<name>.svg` files in `dir` (created if needed).
pub fn save_charts(c: &report::Charts, dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir)?;
    let files = [
        ("histogram", &c.histogram),
        ("outcomes", &c.outcomes),
        ("over-time", &c.over_time),
        ("completeness", &c.completeness),
    ];
    for (name, svg) in files {
        rightsdesk_store::write_file_atomically(&dir.join(format!("report-{name}.svg")), svg.as_bytes())?;
    }
    Ok(Written { path: dir.to_path_buf(), count: files.len() })
}

/// The report as an A4 PDF: methodology, totals, the groups' table, the four
/// charts with their legends, the caveats.
pub fn pdf(view: &report::ReportView) -> Result<Vec<u8>> {
    rightsdesk_letters::report_pdf(&view.report, &view.charts)
        .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot print the report: {e}")))
}

/// Writes the report's PDF to `path`; `count` is the number of groups.
pub fn save_pdf(store: &Store, filter: &ReportFilter, by: GroupBy, path: &Path) -> Result<Written> {
    write_pdf(&view(store, filter, by)?, path)
}

/// Writes the PDF of a report already made (the CLI prints the same one).
pub fn write_pdf(view: &report::ReportView, path: &Path) -> Result<Written> {
    let bytes = pdf(view)?;
    let path = rightsdesk_store::export_path(path, "report.pdf")?;
    rightsdesk_store::write_file_atomically(&path, &bytes)?;
    Ok(Written { path, count: view.report.groups.len() })
}

/// The names the methodology needs. A person is never named in it (a report
/// is made to be published): "one person" it says.
fn words(store: &Store, filter: &ReportFilter) -> Result<FilterWords> {
    let project = match filter.project {
        Some(id) => Some(store.project(id)?.name),
        None => None,
    };
    let controller = filter
        .controller
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|slug| store.get_controller(slug).map(|c| c.draft.name).unwrap_or_else(|_| slug.to_owned()));
    Ok(FilterWords { project, person: None, controller })
}

/// Formats of the request export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// One row per request the filter selects (see `report::rows`), as the rows
/// and as the file's text.
pub fn request_rows(store: &Store, filter: &ReportFilter, pseudonymise: bool) -> Result<Vec<RequestRow>> {
    let today = store.today();
    let names: HashMap<Id, String> = if pseudonymise {
        HashMap::new()
    } else {
        store.list_people()?.into_iter().map(|p| (p.id, p.display_name)).collect()
    };
    let mut pseudonyms = Pseudonyms::default();
    Ok(store
        .report_facts(filter)?
        .iter()
        .filter(|f| rows::exported(f, today, filter.include_embargoed, pseudonymise))
        .map(|f| {
            let name = names.get(&f.person_id).map(String::as_str).unwrap_or("");
            rows::row(f, today, name, pseudonymise.then_some(&mut pseudonyms))
        })
        .collect())
}

/// The export's text: CSV (RFC 4180, a header, one line per request) or a JSON array.
pub fn requests_text(rows: &[RequestRow], format: Format, pseudonymised: bool) -> Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(rows)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot encode the export: {e}")))?,
        Format::Csv => {
            let mut out = csv_line(rows::COLUMNS.iter().map(|c| c.to_string()));
            for r in rows {
                out.push_str(&csv_line(r.cells(pseudonymised).into_iter()));
            }
            out
        }
    })
}

/// Writes the request export to `path`; `count` is the number of requests.
pub fn export_requests(
    store: &Store,
    filter: &ReportFilter,
    format: Format,
    pseudonymise: bool,
    path: &Path,
) -> Result<Written> {
    let name = match format {
        Format::Csv => "requests.csv",
        Format::Json => "requests.json",
    };
    let rows = request_rows(store, filter, pseudonymise)?;
    let text = requests_text(&rows, format, pseudonymise)?;
    let path = rightsdesk_store::export_path(path, name)?;
    rightsdesk_store::write_file_atomically(&path, text.as_bytes())?;
    Ok(Written { path, count: rows.len() })
}

/// The report as CSV at `path`; `count` is the number of groups.
pub fn save_report_csv(store: &Store, filter: &ReportFilter, by: GroupBy, path: &Path) -> Result<Written> {
    let r = report(store, filter, by)?;
    let path = rightsdesk_store::export_path(path, "report.csv")?;
    rightsdesk_store::write_file_atomically(&path, report_csv(&r).as_bytes())?;
    Ok(Written { path, count: r.groups.len() })
}

/// The report's CSV columns.
fn report_columns() -> Vec<String> {
    let mut c: Vec<String> = [
        "key",
        "label",
        "sent",
        "answered",
        "answered_in_time",
        "answered_late",
        "never_answered",
        "pending",
        "response_rate",
        "response_rate_ci_low",
        "response_rate_ci_high",
        "in_time_rate",
        "in_time_rate_ci_low",
        "in_time_rate_ci_high",
        "median_days_to_first_answer",
        "q1_days_to_first_answer",
        "q3_days_to_first_answer",
        "median_days_to_complete_answer",
        "extended",
        "id_demanded",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    c.extend(report::OutcomeClass::ALL.iter().map(|o| format!("outcome_{}", o.as_str())));
    c.push("checked".into());
    c.extend(rightsdesk_domain::letter::AccessItem::ALL.iter().map(|i| format!("art15_{}", i.as_str())));
    c.extend(
        ["reminded", "answered_after_reminder", "complained", "answered_after_complaint", "too_small"]
            .map(String::from),
    );
    c
}

fn group_cells(g: &Group) -> Vec<String> {
    let n = |v: u32| v.to_string();
    let f = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    let d = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    let mut c = vec![
        g.key.clone(),
        g.label.clone(),
        n(g.sent),
        n(g.answered),
        n(g.answered_in_time),
        n(g.answered_late),
        n(g.never_answered),
        n(g.pending),
        f(g.response_rate.value),
        f(g.response_rate.ci_low),
        f(g.response_rate.ci_high),
        f(g.in_time_rate.value),
        f(g.in_time_rate.ci_low),
        f(g.in_time_rate.ci_high),
        d(g.median_days_to_first_answer),
        d(g.days_to_first_answer.q1),
        d(g.days_to_first_answer.q3),
        d(g.days_to_complete_answer.median),
        n(g.extended),
        n(g.id_demanded),
    ];
    c.extend(report::OutcomeClass::ALL.iter().map(|o| n(g.outcomes.get(*o))));
    c.push(n(g.checked));
    c.extend(g.completeness.iter().map(|i| f(i.present.value)));
    let e = &g.escalations;
    c.extend([n(e.reminded), n(e.answered_after_reminder), n(e.complained), n(e.answered_after_complaint)]);
    c.push(if g.too_small { "yes" } else { "no" }.into());
    c
}

/// The report as CSV: the total first, then one line per group.
pub fn report_csv(r: &Report) -> String {
    let mut out = csv_line(report_columns().into_iter());
    for g in std::iter::once(&r.total).chain(&r.groups) {
        out.push_str(&csv_line(group_cells(g).into_iter()));
    }
    out
}

/// One CSV line (RFC 4180). A cell a spreadsheet would run as a formula
/// (`=`, `+`, `@`, or `-` not starting a number) is prefixed with `'`.
fn csv_line(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells
        .map(|c| {
            let risky = c.starts_with(['=', '+', '@', '\t', '\r'])
                || (c.starts_with('-') && !c[1..].starts_with(|ch: char| ch.is_ascii_digit()));
            let c = if risky { format!("'{c}") } else { c };
            if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c }
        })
        .collect();
    format!("{}\r\n", cells.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_it_must_and_defuses_formulas() {
        let line = csv_line(
            ["a,b".to_string(), "say \"hi\"".into(), "=HYPERLINK(1)".into(), "-3".into(), "x".into()].into_iter(),
        );
        assert_eq!(line, "\"a,b\",\"say \"\"hi\"\"\",'=HYPERLINK(1),-3,x\r\n");
    }

    #[test]
    fn the_report_csv_has_as_many_cells_as_columns() {
        let r = report::report(
            &[],
            &ReportFilter::default(),
            GroupBy::Controller,
            chrono::NaiveDate::MIN,
            &FilterWords::default(),
        );
        let csv = report_csv(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].split(',').count(), lines[1].split(',').count());
        assert!(lines[1].starts_with("total,All requests,0,"));
    }
}
