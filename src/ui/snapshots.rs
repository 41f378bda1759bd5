//! Earlier versions of the plan, one per editing day: restoring one is a
//! change like any other, so it can be undone.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::edit::Edit;
use crate::i18n::{format_count, Texts};
use crate::storage::browser::BrowserStore;
use crate::storage::{list_snapshots, load_snapshot, Snapshot};

#[component]
pub fn Snapshots() -> impl IntoView {
    let state = use_app();
    let list = RwSignal::new(Vec::<Snapshot>::new());
    let restored = RwSignal::new(None::<chrono::NaiveDate>);
    let refresh = move || {
        let snapshots = BrowserStore::open()
            .map(|store| list_snapshots(&store, &state.session.plan_id()))
            .unwrap_or_default();
        list.set(snapshots);
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if open {
            restored.set(None);
            refresh();
        }
    };
    let restore = move |day| {
        let Some(store) = BrowserStore::open() else {
            return;
        };
        if let Ok(plan) = load_snapshot(&store, &state.session.plan_id(), day) {
            if state.dispatch(Edit::ReplacePlan(Box::new(plan))).is_ok() {
                restored.set(Some(day));
            }
        }
    };
    view! {
        <details class="snapshots" on:toggle=on_toggle>
            <summary>{state.tr(|t| t.session.snapshots_heading)}</summary>
            <p class="hint">{state.tr(|t| t.session.snapshots_intro)}</p>
            {move || {
                let t = state.texts();
                if list.with(Vec::is_empty) {
                    return view! { <p>{t.session.no_snapshots}</p> }.into_any();
                }
                view! {
                    <ul class="snapshot-list">
                        {list
                            .get()
                            .into_iter()
                            .map(|snapshot| {
                                let day = snapshot.day;
                                let readable = snapshot.summary.is_some();
                                let summary = snapshot.summary.map_or_else(
                                    || t.session.snapshot_unreadable.to_owned(),
                                    |s| {
                                        Texts::fill(
                                            t.session.snapshot_summary,
                                            &[
                                                &s.stages.len().to_string(),
                                                &s.kpis.to_string(),
                                                &format_count(s.figures as u64),
                                            ],
                                        )
                                    },
                                );
                                view! {
                                    <li>
                                        <span class="snapshot-day">{t.date(day)}</span>
                                        " "
                                        <span class="snapshot-summary">{summary}</span>
                                        <button
                                            type="button"
                                            disabled=!readable
                                            aria-label=format!("{} {}", t.session.restore, t.date(day))
                                            on:click=move |_| restore(day)
                                        >
                                            {t.session.restore}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p role="status">
                {state
                    .text(move |t| {
                        restored
                            .get()
                            .map(|day| Texts::fill(t.session.restored_from, &[&t.date(day)]))
                            .unwrap_or_default()
                    })}
            </p>
        </details>
    }
}
