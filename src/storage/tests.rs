//! The storage rules against an in-memory store, one test per fault.

use chrono::NaiveDate;

use super::memory::MemoryStore;
use super::*;
use crate::domain::edit::{apply, Edit};
use crate::domain::format::Head;
use crate::domain::plan_file::PlanSummary;
use crate::domain::presets::inside_sales;

fn plan() -> Plan {
    inside_sales(Lang::En)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn renamed(name: &str) -> Plan {
    let mut plan = plan();
    let stage = plan.stages[0].id;
    apply(&mut plan, Edit::RenameStage(stage, name.into())).unwrap();
    plan
}

/// Saves `plan` as tab `tab`, built on `base`; returns the head written.
fn save(
    store: &MemoryStore,
    tab: u64,
    plan: &Plan,
    base: &Head,
    d: u32,
) -> Result<Head, SaveError> {
    save_stamped(store, tab, plan, base, d, 1)
}

fn save_stamped(
    store: &MemoryStore,
    tab: u64,
    plan: &Plan,
    base: &Head,
    d: u32,
    stamp: u64,
) -> Result<Head, SaveError> {
    let head = base.next(tab);
    save_plan(store, MAIN_PLAN, plan, (base, &head), day(d), stamp).map(|()| head)
}

const A: u64 = 1;
const B: u64 = 2;

fn main_key() -> String {
    plan_key(MAIN_PLAN)
}

fn loaded_plan(store: &MemoryStore) -> Stored {
    match load_plan(store, MAIN_PLAN, 1) {
        Ok(Loaded::Plan(stored)) => *stored,
        other => panic!("expected a plan, got {other:?}"),
    }
}

#[test]
fn saves_and_loads_a_plan_with_its_head() {
    let store = MemoryStore::default();
    assert_eq!(load_plan(&store, MAIN_PLAN, 1), Ok(Loaded::Nothing));
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    assert_eq!((h1.revision, h1.writer, h1.saves_of(A)), (1, A, 1));
    assert_eq!(
        loaded_plan(&store),
        Stored {
            plan: plan(),
            head: h1.clone()
        }
    );
    let h2 = save(&store, A, &renamed("A"), &h1, 24).unwrap();
    assert_eq!(h2.revision, 2);
    let index = load_index(&store);
    assert_eq!(index.plans.len(), 1);
    assert_eq!(
        (index.plans[0].id.as_str(), index.plans[0].saved_on),
        (MAIN_PLAN, day(24))
    );
}

#[test]
fn a_plan_saved_under_the_old_single_key_moves_on_its_first_save() {
    let old = format::encode(&renamed("Old"), &Head::default()).unwrap();
    let store = MemoryStore::with(LEGACY_PLAN_KEY, &old);
    assert_eq!(loaded_plan(&store).plan, renamed("Old"));
    save(&store, A, &renamed("Old"), &Head::default(), 24).unwrap();
    assert_eq!(store.item(LEGACY_PLAN_KEY), None);
    assert_eq!(loaded_plan(&store).plan, renamed("Old"));
}

#[test]
fn another_tabs_save_is_never_overwritten() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    // The other tab read revision 1 too, and saved first.
    save(&store, B, &renamed("Theirs"), &h1, 24).unwrap();
    let theirs = store.item(&main_key());
    let result = save(&store, A, &renamed("Mine"), &h1, 24);
    let Err(SaveError::Newer(newer)) = result else {
        panic!("expected the newer plan, got {result:?}");
    };
    assert_eq!(
        (newer.head.revision, newer.head.writer, newer.plan),
        (2, B, renamed("Theirs"))
    );
    assert_eq!(store.item(&main_key()), theirs, "nothing written");
    assert_eq!(
        read_if_newer(&store, MAIN_PLAN, &h1).map(|s| s.head.writer),
        Some(B)
    );
    assert_eq!(read_if_newer(&store, MAIN_PLAN, &newer.head), None);
}

/// Two tabs that both read revision 1 save revision 2: the stored save is
/// not the one the later tab built on, even with the same number.
#[test]
fn the_same_revision_from_another_tab_is_another_save() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    save(&store, B, &renamed("Theirs"), &h1, 24).unwrap();
    let mine = h1.next(A);
    assert!(matches!(
        save_plan(
            &store,
            MAIN_PLAN,
            &renamed("Mine"),
            (&mine, &mine.next(A)),
            day(24),
            1
        ),
        Err(SaveError::Newer(_))
    ));
}

#[test]
fn quota_on_the_nth_write_keeps_the_last_good_copy() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    let saved = store.item(&main_key());
    store.quota_on_write(1);
    assert_eq!(
        save(&store, A, &renamed("Changed"), &h1, 24),
        Err(SaveError::Store(StoreError::QuotaExceeded))
    );
    assert_eq!(store.item(&main_key()), saved);
    // The next write goes through: the same edit saves as the same revision.
    assert_eq!(
        save(&store, A, &renamed("Changed"), &h1, 24).map(|h| h.revision),
        Ok(2)
    );
}

#[test]
fn a_failed_index_write_does_not_fail_the_save() {
    let store = MemoryStore::default();
    // Write 1 is the plan, write 2 the index.
    store.quota_on_write(2);
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    assert_eq!(load_index(&store), Index::default());
    save(&store, A, &plan(), &h1, 24).unwrap();
    assert_eq!(
        load_index(&store).plans.len(),
        1,
        "rebuilt by the next save"
    );
}

#[test]
fn storage_that_disappears_fails_loudly_and_changes_nothing() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    store.missing.set(true);
    assert!(matches!(
        save(&store, A, &renamed("X"), &h1, 24),
        Err(SaveError::Store(StoreError::Other(_)))
    ));
    assert!(load_plan(&store, MAIN_PLAN, 1).is_err());
    store.missing.set(false);
    assert_eq!(loaded_plan(&store).plan, plan());
}

#[test]
fn garbage_read_at_save_time_is_backed_up_before_it_is_replaced() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    store
        .read_override
        .borrow_mut()
        .insert(main_key(), "{garbage".into());
    assert!(save_stamped(&store, A, &renamed("Mine"), &h1, 24, 77).is_ok());
    assert_eq!(
        store.item(&format!("{BACKUP_KEY_PREFIX}77")).as_deref(),
        Some("{garbage")
    );
}

#[test]
fn an_older_revision_than_the_last_write_is_overwritten_by_the_newer_one() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    let first = store.item(&main_key()).unwrap();
    let h2 = save(&store, A, &renamed("Second"), &h1, 24).unwrap();
    // Storage hands back revision 1 although revision 2 was written.
    store.read_override.borrow_mut().insert(main_key(), first);
    assert_eq!(
        save(&store, A, &renamed("Third"), &h2, 24).map(|h| h.revision),
        Ok(3)
    );
    store.read_override.borrow_mut().clear();
    assert_eq!(loaded_plan(&store).plan, renamed("Third"));
}

#[test]
fn data_from_a_newer_app_written_mid_session_stops_the_save() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 24).unwrap();
    let newer = r#"{"format":"funnel-planner/plan","version":999,"revision":9,"plan":{}}"#;
    store.items.borrow_mut().insert(main_key(), newer.into());
    assert_eq!(
        save(&store, A, &renamed("Mine"), &h1, 24),
        Err(SaveError::Unreadable(FormatError::NewerVersion {
            found: 999
        }))
    );
    assert_eq!(store.item(&main_key()).as_deref(), Some(newer));
}

#[test]
fn a_plan_that_loading_would_refuse_is_not_saved() {
    let store = MemoryStore::default();
    let mut bad = plan();
    bad.name = String::new();
    assert!(matches!(
        save(&store, A, &bad, &Head::default(), 24),
        Err(SaveError::Refused(FormatError::Broken(_)))
    ));
    assert_eq!(store.item(&main_key()), None);
}

#[test]
fn unreadable_data_is_backed_up_verbatim() {
    let store = MemoryStore::with(&main_key(), "{not json");
    let loaded = load_plan(&store, MAIN_PLAN, 1700).unwrap();
    let Loaded::Recovered { backup_key, error } = &loaded else {
        panic!("expected recovery, got {loaded:?}");
    };
    assert_eq!(backup_key, "funnel-planner/unreadable-plan/1700");
    assert!(matches!(error, FormatError::NotJson(_)));
    assert_eq!(store.item(backup_key).as_deref(), Some("{not json"));
}

#[test]
fn unreadable_data_that_cannot_be_backed_up_is_left_alone_and_offered_raw() {
    let store = MemoryStore::with(&main_key(), "garbage");
    store.full.set(true);
    let loaded = load_plan(&store, MAIN_PLAN, 1).unwrap();
    let Loaded::Untouchable { raw, .. } = loaded else {
        panic!("expected untouchable, got {loaded:?}");
    };
    assert_eq!(raw, "garbage");
    assert_eq!(store.item(&main_key()).as_deref(), Some("garbage"));
}

#[test]
fn plans_from_newer_versions_are_left_alone() {
    let newer = r#"{"format":"funnel-planner/plan","version":999,"plan":{}}"#;
    let store = MemoryStore::with(&main_key(), newer);
    let loaded = load_plan(&store, MAIN_PLAN, 1).unwrap();
    assert_eq!(
        loaded,
        Loaded::Untouchable {
            error: FormatError::NewerVersion { found: 999 },
            raw: newer.into()
        }
    );
    assert_eq!(store.items.borrow().len(), 1, "no backup written");
}

#[test]
fn the_first_save_of_a_day_snapshots_the_last_editing_day() {
    let store = MemoryStore::default();
    let mut head = save(&store, A, &renamed("Mon"), &Head::default(), 2).unwrap();
    head = save(&store, A, &renamed("Mon evening"), &head, 2).unwrap();
    assert!(list_snapshots(&store, MAIN_PLAN).is_empty());
    head = save(&store, A, &renamed("Wed"), &head, 4).unwrap();
    save(&store, A, &renamed("Wed noon"), &head, 4).unwrap();
    let list = list_snapshots(&store, MAIN_PLAN);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].day, day(2));
    assert_eq!(
        list[0].summary,
        Some(PlanSummary::of(&renamed("Mon evening")))
    );
    assert_eq!(
        load_snapshot(&store, MAIN_PLAN, day(2)),
        Ok(renamed("Mon evening"))
    );
    assert_eq!(
        load_snapshot(&store, MAIN_PLAN, day(3)),
        Err(SnapshotError::Missing)
    );
}

#[test]
fn only_the_last_fourteen_snapshots_are_kept_and_they_can_be_removed() {
    let store = MemoryStore::default();
    let mut head = Head::default();
    for d in 1..=20 {
        head = save(&store, A, &plan(), &head, d).unwrap();
    }
    let days: Vec<u32> = list_snapshots(&store, MAIN_PLAN)
        .iter()
        .map(|s| chrono::Datelike::day(&s.day))
        .collect();
    assert_eq!(days, (6..=19).rev().collect::<Vec<_>>(), "newest first");
    assert_eq!(remove_old_copies(&store), Ok(SNAPSHOTS_KEPT));
    assert!(list_snapshots(&store, MAIN_PLAN).is_empty());
    assert_eq!(loaded_plan(&store).plan, plan(), "the plan stays");
}

#[test]
fn a_full_storage_still_saves_when_only_the_snapshot_does_not_fit() {
    let store = MemoryStore::default();
    let h1 = save(&store, A, &plan(), &Head::default(), 1).unwrap();
    // The next day's first write is the snapshot.
    store.quota_on_write(1);
    assert!(save(&store, A, &renamed("B"), &h1, 2).is_ok());
    assert!(list_snapshots(&store, MAIN_PLAN).is_empty());
}

#[test]
fn language_preference_round_trips_and_ignores_junk() {
    let store = MemoryStore::default();
    assert_eq!(load_lang(&store), None);
    save_lang(&store, Lang::Ja).unwrap();
    assert_eq!(load_lang(&store), Some(Lang::Ja));
    store.set(LANG_KEY, "klingon").unwrap();
    assert_eq!(load_lang(&store), None);
}

#[test]
fn a_file_names_its_plan_only_to_the_browser_it_came_from() {
    let store = MemoryStore::default();
    let token = library_token(&store, || "t1".into()).unwrap();
    assert_eq!(library_token(&store, || "t2".into()), Some(token.clone()));
    let id = file_id(&token, "main");
    assert_eq!(own_plan(&id, &token), Some("main"));
    // Every browser's first plan is "main": another browser's file, or
    // an old one without a token, names no plan here.
    assert_eq!(own_plan(&file_id("t9", "main"), &token), None);
    assert_eq!(own_plan("main", &token), None);
}
