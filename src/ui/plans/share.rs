//! Share links: the open plan deflated into a link (by the browser, see
//! `compression`), and the
//! page a link opens: the plan read-only, with "Import as a new plan". A
//! link never replaces a local plan by itself.

use leptos::prelude::*;

use crate::ui::focus_on;
use wasm_bindgen_futures::JsFuture;

use super::library::{LibraryState, LibraryStatus};
use super::summary_table;
use crate::domain::format::FormatError;
use crate::domain::plan::Plan;
use crate::domain::plan_file::{read_plan_file, PlanSummary, MAX_FILE_BYTES};
use crate::domain::share::{link_data, link_fragment, LinkError, LINK_WARN_CHARS, MAX_LINK_CHARS};
use crate::i18n::Texts;
use crate::ui::compression::{deflate, inflate, StreamError};
use crate::ui::download::DownloadPlanButton;
use crate::ui::file_problems::FileProblems;
use crate::ui::state::use_app;

/// The link made for the open plan.
#[derive(Clone, Debug, PartialEq)]
enum Link {
    Made(String),
    /// Longer than links can be: its length.
    TooLong(usize),
    Failed,
}

/// The Plans page's card: make a link, see its length, copy it.
#[component]
pub fn ShareCard() -> impl IntoView {
    let state = use_app();
    let link = RwSignal::new(None::<Link>);
    let copied = RwSignal::new(false);
    // Each link made or made stale counts one: a link whose deflating
    // ends after a change to the plan is dropped.
    let made = StoredValue::new(0_u64);
    Effect::new(move |_| {
        state.plan.track();
        made.update_value(|n| *n += 1);
        link.set(None);
    });
    let make = move |_| {
        copied.set(false);
        let Ok(text) = state.session.plan_file() else {
            link.set(Some(Link::Failed));
            return;
        };
        made.update_value(|n| *n += 1);
        let this = made.get_value();
        leptos::task::spawn_local(async move {
            let result = match deflate(text.as_bytes()).await {
                Ok(deflated) => {
                    // The page's address up to its fragment: the host, the
                    // sub-path and any query stay as they are.
                    let href = window().location().href().unwrap_or_default();
                    let page = href.split('#').next().unwrap_or_default();
                    let url = format!("{page}{}", link_fragment(&deflated));
                    let length = url.chars().count();
                    if length > MAX_LINK_CHARS {
                        Link::TooLong(length)
                    } else {
                        Link::Made(url)
                    }
                }
                Err(_) => Link::Failed,
            };
            if made.try_get_value() == Some(this) {
                link.set(Some(result));
            }
        });
    };
    // Plain http hosts (other than localhost) have no clipboard: the link
    // is then selected by hand.
    let has_clipboard = js_sys::Reflect::has(&window().navigator(), &"clipboard".into())
        .unwrap_or(false)
        && window().is_secure_context();
    let copy = move |url: String| {
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            let done = JsFuture::from(clipboard.write_text(&url)).await.is_ok();
            copied.set(done);
        });
    };
    let shown = move || {
        let t = state.texts();
        link.get().map(|made| match made {
            Link::Made(url) => {
                let length = url.chars().count();
                let warn = (length > LINK_WARN_CHARS).then(|| {
                    view! { <p class="field-warning">{Texts::fill(t.plans.link_long, &[&LINK_WARN_CHARS.to_string()])}</p> }
                });
                let for_copy = url.clone();
                view! {
                    <label class="block-label">
                        {t.plans.link_label}
                        <input type="text" readonly class="share-link" prop:value=url />
                    </label>
                    <p class="hint">{Texts::fill(t.plans.link_length, &[&length.to_string()])}</p>
                    {warn}
                    {has_clipboard.then(|| view! {
                        <div class="notice-actions">
                            <button type="button" on:click=move |_| copy(for_copy.clone())>{t.plans.copy_link}</button>
                        </div>
                    })}
                    <p role="status">{move || copied.get().then_some(state.texts().plans.link_copied)}</p>
                }
                .into_any()
            }
            Link::TooLong(length) => view! {
                <p class="field-error">
                    {Texts::fill(t.plans.link_too_long, &[&length.to_string(), &MAX_LINK_CHARS.to_string()])}
                </p>
                <DownloadPlanButton />
            }
            .into_any(),
            Link::Failed => view! { <p class="field-error">{t.plans.link_failed}</p> }.into_any(),
        })
    };
    view! {
        <section class="card" aria-labelledby="share-heading">
            <h3 id="share-heading">{state.tr(|t| t.plans.share_heading)}</h3>
            <p class="hint">{state.tr(|t| t.plans.share_hint)}</p>
            <button type="button" on:click=make>{state.tr(|t| t.plans.make_link)}</button>
            <div aria-live="polite">{shown}</div>
        </section>
    }
}

/// Why a link's plan cannot be shown.
#[derive(Clone, Debug, PartialEq)]
enum Opened {
    Reading,
    Plan(Box<Plan>),
    /// Why, and where the plan breaks the format if it does.
    Refused(String, Option<FormatError>),
}

/// What a share link opens: the plan it carries, read-only.
#[component]
pub fn SharePage() -> impl IntoView {
    let state = use_app();
    let library = LibraryState::new();
    let opened = RwSignal::new(Opened::Reading);
    let hash = window().location().hash().unwrap_or_default();
    leptos::task::spawn_local(async move {
        let t = state.texts_untracked();
        let result = match link_data(&hash) {
            Err(error) => Err((link_error(t, error), None)),
            Ok(deflated) => match inflate(&deflated, MAX_FILE_BYTES).await {
                Err(StreamError::TooLarge) => Err((t.format_errors.too_large.to_owned(), None)),
                Err(StreamError::Failed) => Err((link_error(t, LinkError::Damaged), None)),
                Ok(bytes) => read_plan_file(&bytes)
                    .map(|stored| stored.plan)
                    .map_err(|error| (t.format_error(&error), Some(error))),
            },
        };
        // The page may have been left while the link was read.
        let _ = opened.try_set(match result {
            Ok(plan) => Opened::Plan(Box::new(plan)),
            Err((message, problems)) => Opened::Refused(message, problems),
        });
    });
    let body = move || {
        let t = state.texts();
        match opened.get() {
            Opened::Reading => view! { <p role="status">{t.plans.link_reading}</p> }.into_any(),
            Opened::Refused(message, problems) => view! {
                <div role="alert">
                    <p class="field-error">{Texts::fill(t.plans.link_refused, &[&message])}</p>
                    {problems.map(|error| view! { <FileProblems error /> })}
                </div>
            }
            .into_any(),
            Opened::Plan(plan) => {
                let summary = PlanSummary::of(&plan);
                let add = move |_| {
                    library.add(state, &plan);
                    focus_on("library-status".into());
                };
                view! {
                    <h3 id="shared-heading">{Texts::fill(t.plans.shared_plan, &[&summary.name])}</h3>
                    {summary_table(t, "shared-heading", &[(t.plans.col_link, &summary)])}
                    <div class="notice-actions">
                        <button type="button" on:click=add>{t.plans.import_link}</button>
                    </div>
                    <LibraryStatus library />
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="page" aria-labelledby="share-page-heading">
            <h2 id="share-page-heading">{state.tr(|t| t.plans.share_page_heading)}</h2>
            <p class="intro">{state.tr(|t| t.plans.share_page_intro)}</p>
            <section class="card">{body}</section>
        </section>
    }
}

fn link_error(t: &'static Texts, error: LinkError) -> String {
    match error {
        LinkError::NotALink | LinkError::Damaged => t.plans.link_damaged.to_owned(),
        LinkError::NewerLink => t.plans.link_newer.to_owned(),
    }
}
