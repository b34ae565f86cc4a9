//! One table component for every report table and every chart's data table. Rows are
//! plain data (text, whether it is a number, a test id, a heat share), so all tables
//! share one compiled rendering path: a component per table shape would each add their
//! own generic view code to the wasm.

use leptos::prelude::*;

/// One cell: its text as the locale writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Right-aligned, tabular figures.
    pub numeric: bool,
    /// A `data-testid` for end-to-end tests.
    pub testid: Option<&'static str>,
    /// Shades the cell by a share, 0..=1 (a heat map).
    pub heat: Option<f64>,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A number cell.
    pub fn num(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            numeric: true,
            ..Self::default()
        }
    }

    /// The same cell with a test id.
    pub fn id(self, testid: &'static str) -> Self {
        Self {
            testid: Some(testid),
            ..self
        }
    }

    /// The same cell shaded by `share`.
    pub fn heat(self, share: f64) -> Self {
        Self {
            heat: Some(share.clamp(0.0, 1.0)),
            ..self
        }
    }
}

/// One row: its first cell heads it (`<th scope="row">`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A `data-testid` for the row.
    pub testid: Option<String>,
}

impl Row {
    /// A row of `cells`.
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            testid: None,
        }
    }

    /// The same row with a test id.
    pub fn id(self, testid: impl Into<String>) -> Self {
        Self {
            testid: Some(testid.into()),
            ..self
        }
    }
}

fn cell_class(cell: &Cell) -> &'static str {
    match (cell.numeric, cell.heat.is_some()) {
        (true, true) => "num heat",
        (true, false) => "num",
        (false, true) => "heat",
        (false, false) => "",
    }
}

fn render_row(row: Row) -> impl IntoView {
    let mut cells = row.cells.into_iter();
    let head = cells.next().unwrap_or_default();
    let rest = cells
        .map(|cell| {
            let class = cell_class(&cell);
            view! {
                <td
                    class=class
                    data-testid=cell.testid
                    style=cell.heat.map(|share| format!("--share: {share:.3}"))
                >
                    {cell.text}
                </td>
            }
        })
        .collect_view();
    let head_class = cell_class(&head);
    view! {
        <tr data-testid=row.testid>
            <th scope="row" class=head_class data-testid=head.testid>{head.text}</th>
            {rest}
        </tr>
    }
}

/// A table of `rows` under `headers`, optionally with a footer row, scrolling sideways
/// inside its container when a phone is too narrow for it.
#[component]
pub fn DataTable(
    /// Column headers, in the current language.
    #[prop(into)]
    headers: Signal<Vec<String>>,
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// A total row under the others.
    #[prop(optional, into)]
    footer: Option<Signal<Row>>,
    /// Read by screen readers before the table (charts' tables: the chart's title).
    #[prop(optional, into)]
    caption: Option<Signal<String>>,
    /// The table's test id.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// An extra class (`cohorts`).
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let class = match class {
        Some(extra) => format!("report {extra}"),
        None => "report".to_owned(),
    };
    // A table wider than a phone scrolls sideways: keyboard users reach the scrolling
    // box with Tab (its name is the table's caption).
    let region_name = caption;
    view! {
        <div
            class="table-scroll"
            tabindex="0"
            role=region_name.map(|_| "region")
            aria-label=move || region_name.map(|c| c.get())
        >
            <table class=class data-testid=testid>
                {caption.map(|c| view! { <caption class="visually-hidden">{c}</caption> })}
                <thead>
                    <tr>
                        {move || {
                            headers
                                .get()
                                .into_iter()
                                .map(|h| view! { <th scope="col">{h}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().map(render_row).collect_view()}
                </tbody>
                {footer.map(|footer| view! { <tfoot>{move || render_row(footer.get())}</tfoot> })}
            </table>
        </div>
    }
}
