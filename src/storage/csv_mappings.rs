//! The column mappings of CSV files, remembered per file layout so a
//! monthly export is mapped once. Best effort: a mapping that cannot be
//! stored or read back is simply asked for again.

use std::collections::VecDeque;

use super::KeyValueStore;
use crate::domain::csv::Mapping;

pub const CSV_MAPPINGS_KEY: &str = "funnel-planner/csv-mappings";

/// Layouts remembered; the oldest is forgotten first.
const KEPT: usize = 20;

type Remembered = VecDeque<(String, Mapping)>;

fn load(store: &impl KeyValueStore) -> Remembered {
    super::read_json(store, CSV_MAPPINGS_KEY).unwrap_or_default()
}

/// The mapping last confirmed for files of this layout.
pub fn remembered_mapping(store: &impl KeyValueStore, layout: &str) -> Option<Mapping> {
    load(store)
        .into_iter()
        .find(|(key, _)| key == layout)
        .map(|(_, mapping)| mapping)
}

pub fn remember_mapping(store: &impl KeyValueStore, layout: &str, mapping: &Mapping) {
    let mut remembered = load(store);
    remembered.retain(|(key, _)| key != layout);
    remembered.push_back((layout.to_owned(), mapping.clone()));
    while remembered.len() > KEPT {
        remembered.pop_front();
    }
    if let Ok(text) = serde_json::to_string(&remembered) {
        // Not remembering costs the user one mapping step next time.
        let _ = store.set(CSV_MAPPINGS_KEY, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::counts::{CountsMapping, CountsShape};
    use crate::domain::period::Granularity;
    use crate::storage::memory::MemoryStore;

    fn mapping(column: usize) -> Mapping {
        Mapping::Counts(CountsMapping {
            shape: CountsShape::PeriodsInRows {
                period_column: column,
            },
            metrics: vec![None],
            labels: vec!["period".into()],
            granularity: Granularity::Month,
            member: None,
        })
    }

    #[test]
    fn a_layout_is_mapped_as_it_was_last_confirmed_and_the_oldest_forgotten() {
        let store = MemoryStore::default();
        assert_eq!(remembered_mapping(&store, "a"), None);
        remember_mapping(&store, "a", &mapping(0));
        remember_mapping(&store, "a", &mapping(1));
        assert_eq!(remembered_mapping(&store, "a"), Some(mapping(1)));
        for n in 0..KEPT {
            remember_mapping(&store, &n.to_string(), &mapping(n));
        }
        assert_eq!(remembered_mapping(&store, "a"), None);
        assert_eq!(remembered_mapping(&store, "0"), Some(mapping(0)));
        store.set(CSV_MAPPINGS_KEY, "not json").unwrap();
        assert_eq!(remembered_mapping(&store, "0"), None);
    }
}
