//! Counts from a CSV file (a spreadsheet's table or a CRM's export) into
//! the plan: the file decoded by the browser's `TextDecoder` in the
//! encoding sniffed (or chosen), its columns mapped (remembered per file
//! layout), and exactly what would change shown before one undoable edit.

use leptos::prelude::*;

use super::file_input::{read_bytes, DropZone, FileError, Picks};
use super::state::{use_app, AppState};
use super::{focus_on, select_options};
use crate::domain::csv::counts::CountsShape;
use crate::domain::csv::encoding::{sniff, TextEncoding};
use crate::domain::csv::import::{
    Change, CsvImport, ImportedCell, PlanShape, Refusal, RowReason, SkipReason,
};
use crate::domain::csv::read::{read_table, ReadError, Table, MAX_FILE_BYTES};
use crate::domain::csv::records::RecordsMapping;
use crate::domain::csv::{gather, guess, layout_key, refit, without_unknown_ids, Mapping};
use crate::domain::entries::members::Counter;
use crate::domain::period::Granularity;
use crate::domain::plan::{MetricKind, Plan};
use crate::i18n::{format_count, Texts};
use crate::storage::browser::BrowserStore;
use crate::storage::csv_mappings::{remember_mapping, remembered_mapping};

/// Rows of each list shown in the preview; the rest are counted.
const SHOWN: usize = 50;

/// The file being imported: its name and bytes, decoded again when the
/// user picks another encoding.
struct Source {
    name: String,
    bytes: Vec<u8>,
}

/// Why nothing can be shown for the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unread {
    File(FileError),
    Read(ReadError),
}

#[component]
pub fn CsvImportCard() -> impl IntoView {
    let state = use_app();
    let source = StoredValue::new(None::<Source>);
    let file_name = RwSignal::new(None::<String>);
    let encoding = RwSignal::new(TextEncoding::Utf8);
    let table = RwSignal::new(None::<Result<Table, Unread>>);
    let mapping = RwSignal::new(None::<Mapping>);
    let done = RwSignal::new(None::<String>);
    // Pasted text is already text: no encoding to choose.
    let from_paste = RwSignal::new(false);
    let picks = Picks::new();

    // Decodes and reads the file in `encoding`, then maps it as this
    // layout was mapped last, or as its header suggests.
    let read = move || {
        let read = source.with_value(|s| {
            s.as_ref()
                .map(|s| decode(&s.bytes, encoding.get_untracked()))
        });
        let Some(text) = read else { return };
        let read = read_table(&text).map_err(Unread::Read);
        let guessed = read.as_ref().ok().and_then(|table| {
            let layout = plan_layout(state, table);
            let remembered = BrowserStore::open().and_then(|s| remembered_mapping(&s, &layout));
            state.plan.with_untracked(|p| {
                remembered
                    .and_then(|r| refit(p, table, r))
                    .or_else(|| guess(p, table))
            })
        });
        mapping.set(guessed);
        table.set(Some(read));
    };
    let take = Callback::new(move |file: web_sys::File| {
        let pick = picks.next();
        done.set(None);
        leptos::task::spawn_local(async move {
            let name = file.name();
            let bytes = read_bytes(&file, MAX_FILE_BYTES).await;
            if !picks.is_current(pick) {
                return;
            }
            file_name.set(Some(name.clone()));
            match bytes {
                Ok(bytes) => {
                    encoding.set(sniff(&bytes));
                    from_paste.set(false);
                    source.set_value(Some(Source { name, bytes }));
                    read();
                    focus_on("csv-preview-heading".into());
                }
                Err(error) => {
                    source.set_value(None);
                    mapping.set(None);
                    table.set(Some(Err(Unread::File(error))));
                }
            }
        });
    });
    // Rows pasted from a spreadsheet or a CRM's screen, as UTF-8 text.
    let pasted = RwSignal::new(String::new());
    let read_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        picks.next();
        done.set(None);
        // Named in the language shown, when shown.
        file_name.set(None);
        encoding.set(TextEncoding::Utf8);
        from_paste.set(true);
        source.set_value(Some(Source {
            name: String::new(),
            bytes: text.into_bytes(),
        }));
        read();
        focus_on("csv-preview-heading".into());
    };
    let close = move || {
        picks.next();
        source.set_value(None);
        file_name.set(None);
        table.set(None);
        mapping.set(None);
    };
    // An undo or another tab may remove what the mapping names: it then
    // names nothing there, as its selects show.
    Effect::new(move |_| {
        let current = mapping.get();
        let Some(mut fitted) = current.clone() else {
            return;
        };
        state.plan.with(|p| without_unknown_ids(p, &mut fitted));
        if Some(&fitted) != current.as_ref() {
            mapping.set(Some(fitted));
        }
    });
    // Reading the file's figures needs only the plan's shape: a count typed
    // into the grid below while the preview is open checks the figures
    // against the plan again, and does not read 200,000 rows again.
    let plan_shape = Memo::new(move |_| {
        let reading = table.with(Option::is_some);
        reading.then(|| state.plan.with(PlanShape::of))
    });
    let gathered = Memo::new(move |_| {
        table.with(|table| {
            let table = table.as_ref()?.as_ref().ok()?;
            mapping.with(|m| {
                let m = m.as_ref()?;
                plan_shape.with(|shape| Some(gather(shape.as_ref()?, table, m)))
            })
        })
    });
    let preview = Memo::new(move |_| {
        gathered.with(|gathered| {
            let gathered = gathered.as_ref()?;
            Some(state.plan.with(|p| gathered.import(p)))
        })
    });
    // The figures an import would set or change (the unchanged it leaves).
    let changes = Memo::new(move |_| {
        preview.with(|p| {
            p.as_ref().map_or(0, |p| {
                let summary = p.summary();
                summary.new + summary.changed
            })
        })
    });
    let confirm = move |_| {
        let Some(import) = preview.get_untracked() else {
            return;
        };
        let figures = changes.get_untracked();
        if state.dispatch(import.edit()).is_err() {
            // The plan changed under the preview: the preview shows it.
            return;
        }
        let layout = table.with_untracked(|t| match t {
            Some(Ok(table)) => Some(plan_layout(state, table)),
            _ => None,
        });
        if let (Some(m), Some(layout), Some(store)) =
            (mapping.get_untracked(), layout, BrowserStore::open())
        {
            remember_mapping(&store, &layout, &m);
        }
        let t = state.texts_untracked();
        let name = match from_paste.get_untracked() {
            true => Some(t.csv_import.pasted_rows.to_owned()),
            false => source.with_value(|s| s.as_ref().map(|s| s.name.clone())),
        };
        done.set(Some(Texts::fill(
            t.csv_import.imported,
            &[&figures_text(t, figures), &name.unwrap_or_default()],
        )));
        close();
        focus_on("csv-import-status".into());
    };
    let unread = move || {
        let t = state.texts();
        table.with(|table| match table {
            Some(Err(Unread::File(FileError::TooLarge) | Unread::Read(ReadError::TooLarge))) => {
                Some(t.csv_import.too_large)
            }
            Some(Err(Unread::Read(ReadError::TooManyRecords))) => Some(t.csv_import.too_many),
            Some(Err(Unread::Read(ReadError::TooManyCells))) => Some(t.csv_import.too_many_cells),
            Some(Err(Unread::File(FileError::Unreadable))) => Some(t.csv_import.unreadable),
            _ => None,
        })
    };
    let body = move || {
        let ready = table.with(|t| matches!(t, Some(Ok(_))));
        ready.then(|| {
            let t = state.texts();
            let heading = Texts::fill(
                t.csv_import.preview_heading,
                &[&file_name
                    .get()
                    .unwrap_or_else(|| t.csv_import.pasted_rows.to_owned())],
            );
            view! {
                <section class="import-preview" aria-labelledby="csv-preview-heading">
                    <h4 id="csv-preview-heading" tabindex="-1">{heading}</h4>
                    <Show when=move || !from_paste.get()>
                        <EncodingChoice encoding on_change=Callback::new(move |()| read()) />
                    </Show>
                    <MappingStep table mapping />
                    <Preview preview />
                    <div class="notice-actions">
                        <button
                            type="button"
                            class="primary"
                            disabled=move || changes.get() == 0
                            on:click=confirm
                        >
                            {move || {
                                let count = changes.get();
                                let t = state.texts();
                                Texts::fill(t.csv_import.import, &[&figures_text(t, count)])
                            }}
                        </button>
                        <button type="button" on:click=move |_| {
                            close();
                            focus_on("csv-file".into());
                        }>{t.csv_import.cancel}</button>
                    </div>
                </section>
            }
        })
    };
    view! {
        <DropZone
            heading_id="csv-import-heading"
            heading=|t| t.csv_import.heading
            input_id="csv-file"
            label=|t| t.csv_import.choose
            hint=|t| t.csv_import.hint
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            on_file=take
        >
            <div class="field">
                <label for="csv-paste">{state.tr(|t| t.csv_import.paste)}</label>
                <textarea
                    id="csv-paste"
                    rows="3"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <button type="button" on:click=read_pasted>{state.tr(|t| t.csv_import.read_pasted)}</button>
            </div>
            <p role="alert" class="field-error">{unread}</p>
            <p id="csv-import-status" role="status" tabindex="-1">{move || done.get()}</p>
            {body}
        </DropZone>
    }
}

/// The key a file's mapping is remembered by: its layout in this plan
/// (ids mean something only within their plan).
fn plan_layout(state: AppState, table: &Table) -> String {
    format!(
        "{}\t{}",
        state.session.plan_id(),
        layout_key(table.header())
    )
}

/// "1 figure", "12 figures".
fn figures_text(t: &'static Texts, count: usize) -> String {
    match count {
        1 => t.csv_import.one_figure.to_owned(),
        _ => Texts::fill(t.csv_import.figures, &[&format_count(count as u64)]),
    }
}

/// The text of `bytes` in `encoding`, by the browser's decoder (which
/// drops a byte-order mark and shows what it cannot read as U+FFFD).
fn decode(bytes: &[u8], encoding: TextEncoding) -> String {
    web_sys::TextDecoder::new_with_label(encoding.label())
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .unwrap_or_default()
}

#[component]
fn EncodingChoice(encoding: RwSignal<TextEncoding>, on_change: Callback<()>) -> impl IntoView {
    let state = use_app();
    let choices = move || {
        let t = state.texts();
        let options = TextEncoding::ALL
            .iter()
            .zip(t.csv_import.encodings)
            .map(|(e, label)| (e.label().to_owned(), label.to_owned()))
            .collect();
        select_options(options, encoding.get().label().to_owned())
    };
    view! {
        <div class="field inline-field">
            <label for="csv-encoding">{state.tr(|t| t.csv_import.encoding)}</label>
            <select
                id="csv-encoding"
                on:change=move |ev| {
                    let label = event_target_value(&ev);
                    if let Some(e) = TextEncoding::ALL.into_iter().find(|e| e.label() == label) {
                        encoding.set(e);
                        on_change.run(());
                    }
                }
            >
                {choices}
            </select>
        </div>
    }
}

/// `(value, label)` pairs of a select: "ignore" first, then `items`.
fn with_none(none: &str, items: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned()))
        .chain(items)
        .collect()
}

/// An id as a select's value; empty for none.
fn value_of(id: Option<u64>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// One labelled select of the mapping step.
fn mapping_select(
    id: String,
    label: String,
    options: Vec<(String, String)>,
    chosen: String,
    change: impl Fn(String) + 'static,
) -> impl IntoView {
    // The property too: a select rendered again keeps the option shown.
    let value = chosen.clone();
    view! {
        <div class="field inline-field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=value on:change=move |ev| change(event_target_value(&ev))>
                {select_options(options, chosen)}
            </select>
        </div>
    }
}

/// The `(value, label)` options the mapping's selects offer.
#[derive(Clone, PartialEq)]
struct Choices {
    /// Every metric, as "Stage / metric".
    metrics: Vec<(String, String)>,
    stages: Vec<(String, String)>,
    members: Vec<(String, String)>,
    /// The money metrics, for amounts.
    money: Vec<(String, String)>,
}

impl Choices {
    fn of(plan: &Plan) -> Choices {
        let named = |id: u64, name: &str| (id.to_string(), name.to_owned());
        Choices {
            metrics: plan
                .stages
                .iter()
                .flat_map(|s| {
                    plan.metrics_of(s.id)
                        .map(move |m| (m.id.0.to_string(), format!("{} / {}", s.name, m.name)))
                })
                .collect(),
            stages: plan.stages.iter().map(|s| named(s.id.0, &s.name)).collect(),
            members: plan
                .members
                .iter()
                .map(|m| named(m.id.0, &m.name))
                .collect(),
            money: plan
                .metrics
                .iter()
                .filter(|m| m.kind == MetricKind::Money)
                .map(|m| named(m.id.0, &m.name))
                .collect(),
        }
    }
}

/// Which column (or row) of the file is what, each a select.
#[component]
fn MappingStep(
    table: RwSignal<Option<Result<Table, Unread>>>,
    mapping: RwSignal<Option<Mapping>>,
) -> impl IntoView {
    let state = use_app();
    // What the selects offer, from the plan's names: a count typed into the
    // grid while the mapping is open leaves the selects as they are.
    let choices = Memo::new(move |_| state.plan.with(Choices::of));
    move || {
        let t = state.texts();
        let c = &t.csv_import;
        let Some(current) = mapping.get() else {
            let as_records = move |_| {
                let fresh = table.with_untracked(|table| {
                    let table = table.as_ref()?.as_ref().ok()?;
                    let last = table.header().len().saturating_sub(1);
                    Some(state.plan.with_untracked(|p| {
                        RecordsMapping::new(p, table, (0, last.min(1)), None, None)
                    }))
                });
                mapping.set(fresh.map(Mapping::Records));
            };
            return view! {
                <p class="field-error">{c.not_recognised}</p>
                <button type="button" on:click=as_records>{c.as_records}</button>
            }
            .into_any();
        };
        let header: Vec<String> = table.with(|table| match table {
            Some(Ok(table)) => table.header().to_vec(),
            _ => Vec::new(),
        });
        let granularity = |current: Granularity, set: Box<dyn Fn(Granularity)>| {
            let options = Granularity::ALL
                .iter()
                .map(|g| (g.key().to_owned(), t.granularity(*g).to_owned()))
                .collect();
            mapping_select(
                "csv-granularity".into(),
                c.periods.to_owned(),
                options,
                current.key().to_owned(),
                move |key| {
                    if let Some(g) = Granularity::from_key(&key) {
                        set(g);
                    }
                },
            )
            .into_any()
        };
        match current {
            Mapping::Counts(counts) => {
                let (shape, labels) = match counts.shape {
                    CountsShape::PeriodsInRows { .. } => (c.shape_rows, header.clone()),
                    CountsShape::PeriodsInColumns { label_columns } => (
                        c.shape_columns,
                        table.with(|table| match table {
                            Some(Ok(table)) => table
                                .rows()
                                .iter()
                                .map(|r| r.cells[..label_columns.min(r.cells.len())].join(" "))
                                .collect(),
                            _ => Vec::new(),
                        }),
                    ),
                };
                let metrics = choices.with(|c| c.metrics.clone());
                let selects = counts
                    .metrics
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| match counts.shape {
                        CountsShape::PeriodsInRows { period_column } => *i != period_column,
                        CountsShape::PeriodsInColumns { .. } => true,
                    })
                    .map(|(i, metric)| {
                        let label =
                            Texts::fill(c.metric_of, &[labels.get(i).map_or("", String::as_str)]);
                        mapping_select(
                            format!("csv-metric-{i}"),
                            label,
                            with_none(c.ignore, metrics.iter().cloned()),
                            value_of(metric.map(|m| m.0)),
                            move |value| {
                                mapping.update(|m| {
                                    if let Some(Mapping::Counts(m)) = m {
                                        if let Some(slot) = m.metrics.get_mut(i) {
                                            *slot = value
                                                .parse()
                                                .ok()
                                                .map(crate::domain::ids::MetricId);
                                        }
                                    }
                                });
                            },
                        )
                    })
                    .collect_view();
                let set = Box::new(move |g| {
                    mapping.update(|m| {
                        if let Some(Mapping::Counts(m)) = m {
                            m.granularity = g;
                        }
                    })
                });
                view! {
                    <p>{shape}</p>
                    {granularity(counts.granularity, set)}
                    <div class="mapping-fields">{selects}</div>
                }
                .into_any()
            }
            Mapping::Records(records) => choices.with(|choices| {
                records_step(
                    state,
                    table,
                    mapping,
                    &header,
                    records,
                    choices,
                    granularity,
                )
                .into_any()
            }),
        }
    }
}

/// The mapping step of CRM records: which columns hold the stage, the
/// date, the amount and the owner, and what each stage and owner is.
fn records_step(
    state: AppState,
    table: RwSignal<Option<Result<Table, Unread>>>,
    mapping: RwSignal<Option<Mapping>>,
    header: &[String],
    records: RecordsMapping,
    choices: &Choices,
    granularity: impl Fn(Granularity, Box<dyn Fn(Granularity)>) -> leptos::prelude::AnyView,
) -> impl IntoView {
    let t = state.texts();
    let c = &t.csv_import;
    let columns: Vec<(String, String)> = header
        .iter()
        .enumerate()
        .map(|(i, name)| (i.to_string(), name.clone()))
        .collect();
    // A change of column maps that column's values afresh, keeping the
    // choices made for values both list.
    let rebuild = move |change: &dyn Fn(&mut RecordsMapping)| {
        let Some(Mapping::Records(mut next)) = mapping.get_untracked() else {
            return;
        };
        change(&mut next);
        let fresh = table.with_untracked(|table| {
            let table = table.as_ref()?.as_ref().ok()?;
            state
                .plan
                .with_untracked(|p| refit(p, table, Mapping::Records(next)))
        });
        mapping.set(fresh);
    };
    let column_select = |id: &str,
                         label: &str,
                         chosen: Option<usize>,
                         optional: bool,
                         set: fn(&mut RecordsMapping, Option<usize>)| {
        let options = if optional {
            with_none(c.none, columns.iter().cloned())
        } else {
            columns.clone()
        };
        mapping_select(
            id.to_owned(),
            label.to_owned(),
            options,
            value_of(chosen.map(|c| c as u64)),
            move |value| {
                let column = value.parse().ok();
                rebuild(&move |m| set(m, column));
            },
        )
    };
    let Choices {
        stages,
        members,
        money,
        ..
    } = choices;
    let stage_values = records
        .stage_values
        .iter()
        .enumerate()
        .map(|(i, (value, stage))| {
            mapping_select(
                format!("csv-stage-{i}"),
                Texts::fill(c.stage_value, &[value]),
                with_none(c.ignore, stages.iter().cloned()),
                value_of(stage.map(|s| s.0)),
                move |chosen| {
                    mapping.update(|m| {
                        if let Some(Mapping::Records(m)) = m {
                            if let Some(slot) = m.stage_values.get_mut(i) {
                                slot.1 = chosen.parse().ok().map(crate::domain::ids::StageId);
                            }
                        }
                    })
                },
            )
        })
        .collect_view();
    let owners = records.owner.as_ref().map(|(_, names)| {
        names
            .iter()
            .enumerate()
            .map(|(i, (name, member))| {
                mapping_select(
                    format!("csv-owner-{i}"),
                    Texts::fill(c.owner_value, &[name]),
                    with_none(c.no_member, members.iter().cloned()),
                    value_of(member.map(|m| m.0)),
                    move |chosen| {
                        mapping.update(|m| {
                            if let Some(Mapping::Records(m)) = m {
                                if let Some((_, names)) = &mut m.owner {
                                    if let Some(slot) = names.get_mut(i) {
                                        slot.1 =
                                            chosen.parse().ok().map(crate::domain::ids::MemberId);
                                    }
                                }
                            }
                        })
                    },
                )
            })
            .collect_view()
    });
    let amount_metric = records.amount.map(|(_, metric)| {
        mapping_select(
            "csv-amount-metric".into(),
            c.amount_metric.to_owned(),
            money.clone(),
            metric.0.to_string(),
            move |chosen| {
                mapping.update(|m| {
                    if let (Some(Mapping::Records(m)), Ok(id)) = (m, chosen.parse()) {
                        if let Some(amount) = &mut m.amount {
                            amount.1 = crate::domain::ids::MetricId(id);
                        }
                    }
                })
            },
        )
    });
    let set = Box::new(move |g| {
        mapping.update(|m| {
            if let Some(Mapping::Records(m)) = m {
                m.granularity = g;
            }
        })
    });
    view! {
        <p>{c.shape_records}</p>
        <div class="mapping-fields">
            {column_select("csv-stage-column", c.stage_column, Some(records.stage_column), false, |m, c| m.stage_column = c.unwrap_or(m.stage_column))}
            {column_select("csv-date-column", c.date_column, Some(records.date_column), false, |m, c| m.date_column = c.unwrap_or(m.date_column))}
            {granularity(records.granularity, set)}
            {column_select("csv-amount-column", c.amount_column, records.amount.map(|(c, _)| c), true, |m, c| m.amount = c.map(|c| (c, m.amount.map_or(crate::domain::ids::MetricId(0), |a| a.1))))}
            {amount_metric}
            {column_select("csv-owner-column", c.owner_column, records.owner.as_ref().map(|(c, _)| *c), true, |m, c| m.owner = c.map(|c| (c, Vec::new())))}
        </div>
        <h5>{c.stage_values}</h5>
        <div class="mapping-fields">{stage_values}</div>
        {owners.map(|owners| view! { <h5>{c.owner_values}</h5><div class="mapping-fields">{owners}</div> })}
    }
}

/// What the import would change, and every row it could not use.
#[component]
fn Preview(preview: Memo<Option<CsvImport>>) -> impl IntoView {
    let state = use_app();
    move || {
        let t = state.texts();
        let c = &t.csv_import;
        preview.with(|import| {
            let import = import.as_ref()?;
            let summary = import.summary();
            let span = match (summary.first, summary.last) {
                (Some(first), Some(last)) => Texts::fill(c.span, &[&t.period(first), &t.period(last)]),
                _ => String::new(),
            };
            let counts = Texts::fill(
                c.summary,
                &[
                    &format_count(summary.new as u64),
                    &format_count(summary.changed as u64),
                    &format_count(summary.unchanged as u64),
                ],
            );
            // "Stage / metric", and whose figure when it is a member's.
            let name = |cell: &ImportedCell| {
                state.plan.with(|p| {
                    let metric = p.metric(cell.metric);
                    let stage = metric.and_then(|m| p.stage(m.stage)).map_or("", |s| s.name.as_str());
                    let mut name = format!("{stage} / {}", metric.map_or("", |m| m.name.as_str()));
                    if let Counter::Member(member) = cell.counter {
                        name.push_str(&format!(" ({})", p.member(member).map_or("", |m| m.name.as_str())));
                    }
                    name
                })
            };
            let changed: Vec<_> = import
                .cells
                .iter()
                .filter(|cell| cell.change() != Change::Unchanged)
                .collect();
            let rows = changed
                .iter()
                .take(SHOWN)
                .map(|cell| {
                    let before = cell.before.map_or("—".to_owned(), format_count);
                    view! {
                        <tr>
                            <th scope="row">{name(cell)}</th>
                            <td>{t.period(cell.period)}</td>
                            <td>{before}</td>
                            <td>{format_count(cell.after)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let more = |total: usize| (total > SHOWN).then(|| view! { <p class="hint">{Texts::fill(c.more, &[&format_count((total - SHOWN) as u64)])}</p> });
            let problems = import
                .problems
                .iter()
                .take(SHOWN)
                .map(|p| view! { <li>{Texts::fill(c.line, &[&p.line.to_string(), &reason(t, &p.reason)])}</li> })
                .collect_view();
            let skipped = import
                .skipped
                .iter()
                .take(SHOWN)
                .map(|s| {
                    let why = match s.reason {
                        SkipReason::Summary => c.skip_summary,
                        SkipReason::NoStageOrDate => c.skip_no_stage_or_date,
                        SkipReason::NotARecord => c.skip_not_a_record,
                    };
                    view! { <li>{Texts::fill(c.line, &[&s.line.to_string(), &format!("{why}: {}", s.text)])}</li> }
                })
                .collect_view();
            let refused = import
                .refused
                .iter()
                .take(SHOWN)
                .map(|(cell, why)| {
                    let why = match why {
                        Refusal::CannotType => c.cannot_type,
                        Refusal::TooLarge => c.too_large_figure,
                        Refusal::BelowMembers => c.below_members,
                    };
                    view! { <li>{format!("{} · {}: {why}", name(cell), t.period(cell.period))}</li> }
                })
                .collect_view();
            let list = |heading: &'static str, len: usize, items: AnyView| {
                (len > 0).then(|| view! {
                    <h5>{heading}</h5>
                    <ul class="file-problems">{items}</ul>
                    {more(len)}
                })
            };
            let ignored = (import.ignored > 0).then(|| view! { <p class="hint">{Texts::fill(c.ignored, &[&format_count(import.ignored as u64)])}</p> });
            Some(view! {
                <p role="status">{counts} " " {span}</p>
                {(!changed.is_empty()).then(|| view! {
                    <div class="table-scroll">
                        <table class="chart-table">
                            <caption>{c.changes_heading}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_metric}</th>
                                    <th scope="col">{c.col_period}</th>
                                    <th scope="col">{c.col_before}</th>
                                    <th scope="col">{c.col_after}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {more(changed.len())}
                })}
                {list(c.problems_heading, import.problems.len(), problems.into_any())}
                {list(c.refused_heading, import.refused.len(), refused.into_any())}
                {list(c.skipped_heading, import.skipped.len(), skipped.into_any())}
                {ignored}
            })
        })
    }
}

/// Why a row did not read, in the user's words.
fn reason(t: &'static Texts, reason: &RowReason) -> String {
    let c = &t.csv_import;
    match reason {
        RowReason::BadDate { column, text } => {
            Texts::fill(c.bad_date, &[&column.to_string(), text])
        }
        RowReason::NotAPeriod {
            column,
            text,
            granularity,
        } => Texts::fill(
            c.not_a_period,
            &[&column.to_string(), text, t.granularity(*granularity)],
        ),
        RowReason::BadNumber {
            column,
            text,
            error,
        } => Texts::fill(
            c.bad_number,
            &[&column.to_string(), text, t.count_error(error)],
        ),
        RowReason::Twice { column } => Texts::fill(c.twice, &[&column.to_string()]),
        RowReason::NoStage => c.no_stage.to_owned(),
        RowReason::UnmappedStage(stage) => Texts::fill(c.unmapped_stage, &[stage]),
    }
}
