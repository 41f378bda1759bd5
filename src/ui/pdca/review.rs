//! The review cadence: today's agenda (or every review), each review with
//! the figures it reads and a button that records it held.

use leptos::prelude::*;

use crate::domain::edit::Edit;
use crate::domain::pdca::review::figures::{figures, FigureGroup, Figures, Group, Subject};
use crate::domain::pdca::review::{Cadence, Review, ReviewState};
use crate::domain::plan::Plan;
use crate::i18n::{Problem, Texts};
use crate::route::Route;
use crate::ui::bottleneck::describe;
use crate::ui::sla_compliance::promise_text;
use crate::ui::state::{use_app, AppState};

/// On today's agenda: due, or held today (so the team sees what it did).
fn on_agenda(state: &ReviewState, today: chrono::NaiveDate) -> bool {
    state.due || state.held_on == Some(today)
}

fn title(t: &Texts, review: Review) -> &'static str {
    t.review.titles[review as usize]
}

fn cadence_name(t: &Texts, cadence: Cadence) -> &'static str {
    t.review.cadences[cadence as usize]
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app();
    let all = RwSignal::new(false);
    let states = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| p.reviews_on(today))
    });
    let due = move || states.with(|s| s.iter().filter(|s| s.due).count());
    // Which reviews are shown: holding one keeps it on today's agenda, so
    // its card (and the focus on its button) stays.
    let shown = Memo::new(move |_| {
        let today = state.today.get();
        states.with(|s| {
            s.iter()
                .filter(|s| all.get() || on_agenda(s, today))
                .map(|s| s.review)
                .collect::<Vec<_>>()
        })
    });
    // The reviews shown, by cadence; cadences with none left out.
    let sections = move || {
        let shown = shown.get();
        Cadence::ALL
            .into_iter()
            .filter_map(|cadence| {
                let reviews: Vec<Review> = shown
                    .iter()
                    .copied()
                    .filter(|r| r.cadence() == cadence)
                    .collect();
                (!reviews.is_empty()).then(
                    || view! { <CadenceSection cadence=cadence reviews=reviews states=states /> },
                )
            })
            .collect_view()
    };
    let pressed = move |showing_all: bool| (all.get() == showing_all).to_string();
    view! {
        <section class="page" aria-labelledby="review-heading">
            <h2 id="review-heading">{state.tr(|t| t.review.heading)}</h2>
            <p class="intro">{state.tr(|t| t.review.intro)}</p>
            <div class="review-show" role="group" aria-label=move || state.texts().review.show>
                <button type="button" aria-pressed=move || pressed(false) on:click=move |_| all.set(false)>
                    {move || {
                        let t = state.texts();
                        format!("{} ({})", t.review.due_today, due())
                    }}
                </button>
                <button type="button" aria-pressed=move || pressed(true) on:click=move |_| all.set(true)>
                    {state.tr(|t| t.review.all_reviews)}
                </button>
            </div>
            // Always there, so its words are announced when they come.
            <p role="status">
                {move || (!all.get() && due() == 0).then(|| state.tr(|t| t.review.nothing_due))}
            </p>
            {sections}
        </section>
    }
}

#[component]
fn CadenceSection(
    cadence: Cadence,
    reviews: Vec<Review>,
    states: Memo<Vec<ReviewState>>,
) -> impl IntoView {
    let state = use_app();
    let id = format!("cadence-{}", cadence as usize);
    view! {
        <section class="review-cadence" aria-labelledby=id.clone()>
            <h3 id=id.clone()>{move || cadence_name(state.texts(), cadence)}</h3>
            {reviews.into_iter().map(|review| view! { <ReviewCard review=review states=states /> }).collect_view()}
        </section>
    }
}

#[component]
fn ReviewCard(review: Review, states: Memo<Vec<ReviewState>>) -> impl IntoView {
    let state = use_app();
    let heading = format!("review-{}", review as usize);
    // The card's name tells the seven alike buttons apart.
    let described_by = heading.clone();
    let standing =
        Memo::new(move |_| states.with(|s| s.iter().find(|s| s.review == review).copied()));
    let read = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| figures(p, review, today))
    });
    let error = RwSignal::new(None::<Problem>);
    let status = move || {
        let t = state.texts();
        let s = standing.get()?;
        Some(match (s.held_on, s.held_before, s.due) {
            (Some(day), _, _) => Texts::fill(t.review.held_on, &[&t.date(day)]),
            (None, Some(day), true) => Texts::fill(t.review.due_since, &[&t.date(day)]),
            (None, None, true) => t.review.due_never.to_owned(),
            (None, _, false) => t.review.day_off.to_owned(),
        })
    };
    let held_on = Memo::new(move |_| standing.get().and_then(|s| s.held_on));
    let toggle = move |_| {
        let edit = match held_on.get_untracked() {
            Some(day) => Edit::SetHeld(review, day, false),
            None => Edit::SetHeld(review, state.today.get_untracked(), true),
        };
        error.set(state.dispatch(edit).err());
    };
    let label = move || {
        let t = state.texts();
        if held_on.get().is_some() {
            t.review.take_back
        } else {
            t.review.mark_held
        }
    };
    view! {
        <article class="card review-card" aria-labelledby=heading.clone()>
            <h4 id=heading.clone()>{move || title(state.texts(), review)}</h4>
            <p class="hint">{move || state.texts().review.purposes[review as usize]}</p>
            <p class="review-held">
                <span aria-live="polite">{status}</span>
                " "
                // One button that keeps the focus while its words change.
                <button type="button" aria-describedby=described_by on:click=toggle>
                    {label}
                </button>
            </p>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
            {move || read.with(|f| figures_view(state, review, f))}
        </article>
    }
}

/// Where the data a review reads is entered, for its empty state.
fn empty_state(t: &Texts, review: Review) -> (&'static str, &'static str, Route) {
    match review {
        Review::ActivityCounts | Review::ResponseRates => {
            (t.review.nothing_counted, t.nav_numbers, Route::Numbers)
        }
        Review::ConversionRates | Review::DepartmentKpis => {
            (t.review.no_kpis, t.review.open_kpis, Route::Kpis)
        }
        Review::ScriptAndTargets | Review::MeasureRedesign => {
            (t.review.no_cycle, t.review.open_pdca, Route::Pdca)
        }
        Review::SlaReview => (t.review.no_promises, t.review.open_flow, Route::Flow),
    }
}

fn figures_view(state: AppState, review: Review, figures: &Figures) -> AnyView {
    let t = state.texts();
    let not_entered = figures.not_entered.as_ref().map(|missing| {
        let names: Vec<String> = state.plan.with(|p| {
            missing
                .iter()
                .filter_map(|id| p.member(*id).map(|m| m.name.clone()))
                .collect()
        });
        let line = if names.is_empty() {
            t.team.all_entered.to_owned()
        } else {
            Texts::fill(t.team.not_entered, &[&names.join(", ")])
        };
        view! { <p>{line}</p> }
    });
    let weakest = (review == Review::MeasureRedesign).then(|| {
        let line = match figures.bottleneck {
            Some(reading) => {
                let (stage, actual, reference, gap) = state.plan.with(|p| describe(p, t, reading));
                Texts::fill(t.review.weakest, &[&stage, &actual, &reference, &gap])
            }
            None => t.review.no_weakness.to_owned(),
        };
        view! { <p>{line}</p> }
    });
    if figures.groups.is_empty() {
        let (message, link, page) = empty_state(t, review);
        return view! {
            {weakest}
            <p class="empty-hint">{message} " " <a href=state.href(page)>{link}</a></p>
        }
        .into_any();
    }
    let tables = figures
        .groups
        .iter()
        .map(|group| group_view(state, review, figures, group))
        .collect_view();
    view! { {not_entered} {weakest} {tables} }.into_any()
}

fn group_name(plan: &Plan, t: &Texts, group: Group) -> String {
    match group {
        Group::Team => t.review.team.to_owned(),
        Group::Member(id) => plan.member(id).map(|m| m.name.clone()).unwrap_or_default(),
        Group::Department(id) => plan
            .department(id)
            .map(|d| d.name.clone())
            .unwrap_or_default(),
        Group::Shared => t.shared_kpis.to_owned(),
        Group::CycleTargets(_) => t.review.cycle_targets.to_owned(),
        Group::CycleActions(_) => t.review.cycle_actions.to_owned(),
    }
}

fn subject_name(plan: &Plan, t: &Texts, subject: Subject) -> String {
    let kpi = |id| plan.kpi(id).map(|k| k.name.clone()).unwrap_or_default();
    match subject {
        Subject::Metric(id) => plan.metric(id).map(|m| m.name.clone()).unwrap_or_default(),
        Subject::Kpi(id) => kpi(id),
        Subject::Promise(sla, threshold) => plan
            .sla_card(sla)
            .and_then(|c| c.thresholds.iter().find(|x| x.id == threshold))
            .map(|x| promise_text(plan, t, x))
            .unwrap_or_default(),
        Subject::Action(action, id) => {
            let text = plan
                .action(action)
                .map(|a| a.text.clone())
                .unwrap_or_default();
            format!("{text} ({})", kpi(id))
        }
    }
}

/// The column heads: the period read, the one before it and the
/// target, each where the group has one.
fn heads(
    t: &Texts,
    review: Review,
    figures: &Figures,
    group: &FigureGroup,
) -> (&'static str, Option<String>, Option<&'static str>) {
    let has_targets = group.readings.iter().any(|r| r.target.is_some());
    match group.group {
        Group::CycleTargets(_) => (t.pdca.col_actual, None, Some(t.pdca.col_asked)),
        Group::CycleActions(_) => (t.pdca.col_after, Some(t.pdca.col_before.to_owned()), None),
        _ => {
            let r = &t.review;
            let (now, before) = match review.cadence() {
                // The last working day: a Monday's is the Friday before.
                Cadence::Daily => (r.today, t.period(figures.previous.first())),
                Cadence::Weekly => (r.this_week, r.last_week.to_owned()),
                Cadence::Monthly => (r.this_month, r.last_month.to_owned()),
            };
            // A promise asks what the days so far ask of it.
            let target = if review == Review::SlaReview {
                t.pdca.col_asked
            } else {
                t.target
            };
            (now, Some(before), has_targets.then_some(target))
        }
    }
}

fn group_view(state: AppState, review: Review, figures: &Figures, group: &FigureGroup) -> AnyView {
    let t = state.texts();
    let (now, before, targets) = heads(t, review, figures, group);
    if group.readings.is_empty() {
        let empty = match group.group {
            Group::CycleActions(_) => t.review.no_actions,
            _ => t.review.no_targets,
        };
        return view! { <p class="empty-hint">{empty} " " <a href=move || state.href(Route::Pdca)>{t.pdca.nav}</a></p> }
            .into_any();
    }
    let currency = state.currency.get();
    // One list of cells per row, the same for every shape of table.
    let mut heads = vec![now.to_owned()];
    heads.extend(before.clone());
    heads.extend(targets.map(str::to_owned));
    let targets = targets.is_some();
    let rows = state.plan.with(|p| {
        group
            .readings
            .iter()
            .map(|reading| {
                let unit = reading.subject.unit(p);
                let show = |value: Option<f64>| match unit.zip(value) {
                    Some((unit, value)) => t.measure_value(unit, value, currency),
                    None => "—".to_owned(),
                };
                let mut cells = vec![show(reading.value)];
                if before.is_some() {
                    cells.push(show(reading.previous));
                }
                if targets {
                    cells.push(show(reading.target));
                }
                (subject_name(p, t, reading.subject), cells, reading.status)
            })
            .collect::<Vec<_>>()
    });
    let caption = state.plan.with(|p| group_name(p, t, group.group));
    let status_head = targets.then_some(t.pdca.col_status);
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="count-table review-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.review.col_figure}</th>
                        {heads.into_iter().map(|h| view! { <th scope="col" class="numeric">{h}</th> }).collect_view()}
                        {status_head.map(|h| view! { <th scope="col">{h}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, cells, status)| {
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {cells.into_iter().map(|c| view! { <td class="numeric">{c}</td> }).collect_view()}
                                    {targets.then(|| view! {
                                        <td data-status=status.map(|s| s.key())>
                                            {status.map(|s| view! { <span class="status-badge">{t.status(s)}</span> })}
                                        </td>
                                    })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
