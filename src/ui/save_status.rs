//! Whether the work is saved, always in view in the header; what to do
//! when it is not, in banners below it.
//! A not-saved state cannot be dismissed: it stays while it holds.

use leptos::prelude::*;

use super::download::{download_text, DownloadPlanButton};
use super::file_problems::FileProblems;
use super::session::{now_ms, ConflictState, NotSaved, SaveState, SessionMessage, StartNotice};
use super::state::use_app;
use crate::i18n::Texts;
use crate::storage::browser::BrowserStore;
use crate::storage::remove_old_copies;

#[component]
pub fn SaveStatus() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    // "Saved 12 s ago" moves on by itself.
    let now = RwSignal::new(now_ms());
    if let Ok(clock) =
        set_interval_with_handle(move || now.set(now_ms()), std::time::Duration::from_secs(5))
    {
        on_cleanup(move || clock.clear());
    }
    let line = state.text(move |t| {
        let t = &t.session;
        match session.save_state() {
            SaveState::Saved { at_ms } => {
                let seconds = ((now.get() - at_ms) / 1000.0).max(0.0) as u64;
                match seconds {
                    0..10 => t.saved_just_now.to_owned(),
                    10..120 => Texts::fill(t.saved_seconds_ago, &[&seconds.to_string()]),
                    _ => Texts::fill(t.saved_minutes_ago, &[&(seconds / 60).to_string()]),
                }
            }
            SaveState::Pending => t.saving.to_owned(),
            SaveState::NotSaved(_) => String::new(),
        }
    });
    view! {
        <div class="save-status" role="status" aria-label=state.tr(|t| t.session.save_status)>
            {line}
        </div>
    }
}

/// What the user must know or decide about saving, below the header.
#[component]
pub fn SaveNotices() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    let not_saved = move || match session.save_state() {
        SaveState::NotSaved(why) => Some(view! { <NotSavedBanner why=why /> }),
        _ => None,
    };
    view! {
        <div class="notices">
            <StartNoticeBanner />
            {not_saved}
            {move || session.conflict().map(|conflict| view! { <ConflictPanel conflict=conflict /> })}
            <SessionMessageLine />
        </div>
    }
}

#[component]
fn NotSavedBanner(why: NotSaved) -> impl IntoView {
    let state = use_app();
    let session = state.session;
    let freed = RwSignal::new(None::<usize>);
    let full = matches!(why, NotSaved::Full);
    let can_download = !matches!(why, NotSaved::Refused(_));
    let message = state.text(move |t| match &why {
        NotSaved::Full => t.session.not_saved_full.to_owned(),
        NotSaved::Unavailable => t.session.not_saved_unavailable.to_owned(),
        NotSaved::Conflict => t.session.not_saved_conflict.to_owned(),
        NotSaved::NewerElsewhere => t.session.not_saved_newer_elsewhere.to_owned(),
        NotSaved::LeftAlone => t.session.not_saved_left_alone.to_owned(),
        NotSaved::Refused(error) => {
            Texts::fill(t.session.not_saved_refused, &[&t.format_error(error)])
        }
    });
    let delete_snapshots = move |_| {
        if let Some(store) = BrowserStore::open() {
            freed.set(remove_old_copies(&store).ok());
            session.retry_save();
        }
    };
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <div class="notice-actions">
                {can_download.then(|| view! { <DownloadPlanButton /> })}
                {full
                    .then(|| {
                        view! {
                            <button type="button" on:click=delete_snapshots>
                                {state.tr(|t| t.session.delete_snapshots)}
                            </button>
                        }
                    })}
            </div>
            <p class="notice-detail">
                {state
                    .text(move |t| {
                        freed
                            .get()
                            .map(|n| Texts::fill(t.session.snapshots_deleted, &[&n.to_string()]))
                            .unwrap_or_default()
                    })}
            </p>
        </div>
    }
}

#[component]
fn StartNoticeBanner() -> impl IntoView {
    let state = use_app();
    move || {
        state.start_notice.get().map(|notice| match notice {
            StartNotice::Recovered { backup_key, error } => view! {
                <div class="notice notice-warning" role="alert">
                    <p>{state.text(move |t| format!("{} “{backup_key}”.", t.corrupt_data_kept))}</p>
                    <p class="notice-detail">{state.text(move |t| t.format_error(&error))}</p>
                    <button type="button" on:click=move |_| state.start_notice.set(None)>
                        {state.tr(|t| t.dismiss)}
                    </button>
                </div>
            }
            .into_any(),
            StartNotice::LeftAlone { error, raw } => {
                view! { <LeftAloneBanner error=error raw=raw /> }.into_any()
            }
        })
    }
}

/// Stored data the app cannot use: it is never deleted. The user can keep
/// the raw text, and only then start a fresh plan in its place.
#[component]
fn LeftAloneBanner(error: crate::domain::format::FormatError, raw: String) -> impl IntoView {
    let state = use_app();
    let problems = error.clone();
    let kept = RwSignal::new(false);
    let raw = StoredValue::new(raw);
    let download = move |_| {
        let name = format!("funnel-planner-stored-{}.json", state.today.get_untracked());
        if raw
            .with_value(|raw| download_text(raw, "application/json", &name))
            .is_ok()
        {
            kept.set(true);
        }
    };
    let start_fresh = move |_| {
        raw.with_value(|raw| state.session.start_fresh(raw));
        state.start_notice.set(None);
    };
    view! {
        <div class="notice notice-warning" role="alert">
            <p>
                {state
                    .text(move |t| {
                        Texts::fill(t.session.stored_left_untouched, &[&t.format_error(&error)])
                    })}
            </p>
            <FileProblems error=problems />
            <div class="notice-actions">
                <button type="button" on:click=download>
                    {state.tr(|t| t.session.download_stored_data)}
                </button>
                <button type="button" disabled=move || !kept.get() on:click=start_fresh>
                    {state.tr(|t| t.session.start_fresh)}
                </button>
            </div>
            <p class="notice-detail">{state.tr(|t| t.session.start_fresh_help)}</p>
        </div>
    }
}

#[component]
fn ConflictPanel(conflict: ConflictState) -> impl IntoView {
    let state = use_app();
    let session = state.session;
    let explain = state.text(move |t| {
        Texts::fill(
            t.session.conflict_explain,
            &[
                t.edit_kind(conflict.refused.edit.kind()),
                &t.edit_error(&conflict.refused.error),
            ],
        )
    });
    view! {
        <section class="notice notice-error conflict" role="alert" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">{state.tr(|t| t.session.conflict_heading)}</h2>
            <p>{explain}</p>
            <div class="notice-actions">
                <button type="button" on:click=move |_| session.keep_mine()>
                    {state.tr(|t| t.session.keep_mine)}
                </button>
                <button type="button" on:click=move |_| session.take_theirs()>
                    {state.tr(|t| t.session.take_theirs)}
                </button>
                <button
                    type="button"
                    on:click=move |_| session.keep_both(state.texts_untracked().session.copy_suffix)
                >
                    {state.tr(|t| t.session.keep_both)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn SessionMessageLine() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    move || {
        session.message().map(|message| {
            let text = state.text(move |t| match &message {
                SessionMessage::UndoFailed(error) => {
                    Texts::fill(t.session.undo_failed, &[&t.edit_error(error)])
                }
                SessionMessage::UpdatedElsewhere => t.session.updated_elsewhere.to_owned(),
                SessionMessage::StayedUnsaved => t.session.stayed_unsaved.to_owned(),
            });
            view! {
                <div class="notice notice-info" role="status">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| session.dismiss_message()>
                        {state.tr(|t| t.dismiss)}
                    </button>
                </div>
            }
        })
    }
}
