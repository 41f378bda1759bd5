//! The library's operations against an in-memory store.

use chrono::NaiveDate;

use super::super::memory::MemoryStore;
use super::super::{read_if_newer, save_plan, BACKUP_KEY_PREFIX};
use super::*;
use crate::domain::locale::Lang;
use crate::domain::presets::inside_sales;

const TAB: u64 = 7;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn named(name: &str) -> Plan {
    let mut plan = inside_sales(Lang::En);
    plan.name = name.to_owned();
    plan
}

fn stored_plan(store: &MemoryStore, id: &str) -> Stored {
    crate::domain::format::decode(&store.item(&plan_key(id)).unwrap()).unwrap()
}

fn names(store: &MemoryStore) -> Vec<(String, String)> {
    list_plans(store)
        .unwrap()
        .into_iter()
        .map(|l| (l.id, l.content.map(|c| c.name).unwrap_or_default()))
        .collect()
}

#[test]
fn plan_ids_are_plain_enough_for_urls_keys_and_file_names() {
    for good in ["main", "p-1k2j3", "copy_17", &"a".repeat(MAX_PLAN_ID_CHARS)] {
        assert!(is_plan_id(good), "{good:?}");
    }
    let long = "a".repeat(MAX_PLAN_ID_CHARS + 1);
    for bad in ["", "a/b", "a b", "é", "../x", "a#b", "a?b", long.as_str()] {
        assert!(!is_plan_id(bad), "{bad:?}");
    }
}

#[test]
fn a_tab_opens_the_first_wanted_plan_that_is_stored() {
    let stored = |id: &str| ["a", "b"].contains(&id);
    assert_eq!(plan_to_open([Some("b"), Some("a")], stored), "b");
    assert_eq!(plan_to_open([Some("gone"), None, Some("a")], stored), "a");
    assert_eq!(plan_to_open([Some("../a"), Some("b")], stored), "b");
    assert_eq!(plan_to_open([Some("gone")], stored), MAIN_PLAN);
    assert_eq!(plan_to_open([None, None], |_| false), MAIN_PLAN);
}

#[test]
fn the_list_has_every_plan_newest_save_first() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    add_plan(&store, "b", &named("Beta"), TAB, day(5)).unwrap();
    add_plan(&store, MAIN_PLAN, &named("Main"), TAB, day(4)).unwrap();
    let listed = list_plans(&store).unwrap();
    assert_eq!(
        names(&store),
        [("b", "Beta"), (MAIN_PLAN, "Main"), ("a", "Alpha")]
            .map(|(i, n)| (i.to_owned(), n.to_owned()))
    );
    assert_eq!(listed[0].saved_on, Some(day(5)));
    let stages = listed[0].content.as_ref().unwrap().stages.len();
    assert_eq!(stages, inside_sales(Lang::En).stages.len());
}

#[test]
fn a_lost_index_hides_no_plan_and_an_unreadable_one_is_listed_with_its_reason() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    store.remove(INDEX_KEY).unwrap();
    store.set(&plan_key("broken"), "{not json").unwrap();
    // Backups and snapshots are not plans.
    store.set(&format!("{BACKUP_KEY_PREFIX}1"), "{").unwrap();
    let listed = list_plans(&store).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, "a");
    assert_eq!(listed[0].saved_on, None);
    assert!(matches!(listed[1].content, Err(FormatError::NotJson(_))));
    // Listing wrote nothing (no backup of the broken plan).
    assert_eq!(store.items.borrow().len(), 3);
}

#[test]
fn the_plan_kept_under_the_old_single_key_is_listed_as_the_main_plan() {
    let store = MemoryStore::default();
    add_plan(&store, MAIN_PLAN, &named("Old"), TAB, day(3)).unwrap();
    let text = store.item(&plan_key(MAIN_PLAN)).unwrap();
    store.items.borrow_mut().clear();
    store.set(LEGACY_PLAN_KEY, &text).unwrap();
    assert_eq!(names(&store), [(MAIN_PLAN.to_owned(), "Old".to_owned())]);
    assert!(exists(&store, MAIN_PLAN));
    assert!(!exists(&store, "other"));
}

#[test]
fn adding_never_overwrites_a_stored_plan() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let before = store.items.borrow().clone();
    assert_eq!(
        add_plan(&store, "a", &named("Other"), TAB, day(4)),
        Err(LibraryError::Taken("a".into()))
    );
    assert_eq!(*store.items.borrow(), before);
}

#[test]
fn a_rename_is_a_save_that_a_tab_with_the_plan_open_catches_up_with() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let tab_base = stored_plan(&store, "a").head;
    rename_plan(&store, "a", "  Renamed ", 9, day(4)).unwrap();
    let stored = stored_plan(&store, "a");
    assert_eq!(stored.plan.name, "Renamed");
    assert_eq!(stored.head.revision, tab_base.revision + 1);
    // The open tab sees the newer save, and its own save is refused.
    assert!(read_if_newer(&store, "a", &tab_base).is_some());
    let plan = named("Alpha");
    let result = save_plan(
        &store,
        "a",
        &plan,
        (&tab_base, &tab_base.next(1)),
        day(4),
        0,
    );
    assert!(matches!(result, Err(SaveError::Newer(_))));
}

#[test]
fn a_replacement_is_a_save_that_undo_takes_back_unless_saved_since() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let tab_base = stored_plan(&store, "a").head;
    let replaced = replace_plan(&store, "a", &named("From the file"), 9, day(4)).unwrap();
    assert_eq!(replaced.old, named("Alpha"));
    let stored = stored_plan(&store, "a");
    assert_eq!(stored.plan, named("From the file"));
    assert_eq!(stored.head.revision, tab_base.revision + 1);
    assert!(read_if_newer(&store, "a", &tab_base).is_some());
    undo_replace(&store, "a", &replaced, 9, day(4)).unwrap();
    assert_eq!(stored_plan(&store, "a").plan, named("Alpha"));
    assert!(matches!(
        replace_plan(&store, "gone", &named("x"), 9, day(4)),
        Err(LibraryError::Missing(_))
    ));
    // A tab that had the plan open saves after the replacement: the undo
    // refuses, and that save stays.
    let replaced = replace_plan(&store, "a", &named("From the file"), 9, day(5)).unwrap();
    let seen = stored_plan(&store, "a").head;
    save_plan(
        &store,
        "a",
        &named("Worked on"),
        (&seen, &seen.next(TAB)),
        day(5),
        0,
    )
    .unwrap();
    assert!(matches!(
        undo_replace(&store, "a", &replaced, 9, day(5)),
        Err(LibraryError::Save(SaveError::Newer(_)))
    ));
    assert_eq!(stored_plan(&store, "a").plan, named("Worked on"));
}

#[test]
fn a_refused_rename_changes_nothing() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let before = store.items.borrow().clone();
    assert_eq!(
        rename_plan(&store, "a", "   ", TAB, day(4)),
        Err(LibraryError::Edit(EditError::EmptyName))
    );
    assert!(matches!(
        rename_plan(&store, "nope", "X", TAB, day(4)),
        Err(LibraryError::Missing(_))
    ));
    assert_eq!(*store.items.borrow(), before);
}

#[test]
fn a_copy_is_a_new_plan_with_the_copy_suffix_and_the_original_is_untouched() {
    let store = MemoryStore::default();
    let original = named("Alpha");
    add_plan(&store, "a", &original, TAB, day(3)).unwrap();
    let before = store.item(&plan_key("a"));
    let name = duplicate_plan(&store, "a", "b", " (copy)", TAB, day(4)).unwrap();
    assert_eq!(name, "Alpha (copy)");
    assert_eq!(store.item(&plan_key("a")), before);
    let copy = stored_plan(&store, "b").plan;
    assert_eq!(copy.name, "Alpha (copy)");
    assert_eq!(copy.stages, original.stages);
    assert_eq!(copy.entries, original.entries);
}

#[test]
fn deleting_takes_the_plan_and_its_snapshots_and_restoring_puts_back_every_byte() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    add_plan(&store, "b", &named("Beta"), TAB, day(3)).unwrap();
    // A save on a later day keeps a snapshot of day 3.
    let head = stored_plan(&store, "a").head;
    save_plan(
        &store,
        "a",
        &named("Alpha 2"),
        (&head, &head.next(TAB)),
        day(4),
        0,
    )
    .unwrap();
    let plans_before: Vec<(String, String)> = store
        .items
        .borrow()
        .iter()
        .filter(|(k, _)| *k != INDEX_KEY)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert!(plans_before.iter().any(|(k, _)| k.contains("snapshots/a/")));
    let deleted = delete_plan(&store, "a").unwrap();
    assert_eq!(names(&store), [("b".to_owned(), "Beta".to_owned())]);
    assert!(store.items.borrow().keys().all(|k| !k.contains("/a")));
    assert_eq!(load_index(&store).plans.len(), 1);

    restore_plan(&store, &deleted).unwrap();
    let plans_after: Vec<(String, String)> = store
        .items
        .borrow()
        .iter()
        .filter(|(k, _)| *k != INDEX_KEY)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!(plans_after, plans_before);
    let saved_on = list_plans(&store).unwrap()[0].saved_on;
    assert_eq!(saved_on, Some(day(4)));
}

#[test]
fn a_restore_keeps_a_save_made_after_the_delete() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let deleted = delete_plan(&store, "a").unwrap();
    // A tab that had the plan open saves it again.
    add_plan(&store, "a", &named("Saved since"), TAB, day(4)).unwrap();
    restore_plan(&store, &deleted).unwrap();
    assert_eq!(stored_plan(&store, "a").plan.name, "Saved since");
    // The index keeps the newer save's day: the next day's first save
    // snapshots the right plan.
    assert_eq!(list_plans(&store).unwrap()[0].saved_on, Some(day(4)));
}

#[test]
fn a_restore_puts_the_plan_back_first_even_when_its_snapshots_find_no_room() {
    let store = MemoryStore::default();
    add_plan(&store, "a", &named("Alpha"), TAB, day(3)).unwrap();
    let head = stored_plan(&store, "a").head;
    save_plan(
        &store,
        "a",
        &named("Alpha 2"),
        (&head, &head.next(TAB)),
        day(4),
        0,
    )
    .unwrap();
    let plan_text = store.item(&plan_key("a"));
    let deleted = delete_plan(&store, "a").unwrap();
    // The second write (the snapshot) finds the storage full.
    store.quota_on_write(2);
    restore_plan(&store, &deleted).unwrap();
    assert_eq!(store.item(&plan_key("a")), plan_text);
    assert_eq!(names(&store), [("a".to_owned(), "Alpha 2".to_owned())]);
}

#[test]
fn deleting_a_plan_that_is_not_there_says_so() {
    let store = MemoryStore::default();
    assert_eq!(
        delete_plan(&store, "nope"),
        Err(LibraryError::Missing("nope".into()))
    );
}
