//! Sorting with one compiled sort. The standard library's sort is compiled
//! anew for every element type and comparison (about 6 KB of wasm each);
//! these sort a list of positions instead, so the bundle carries the sort
//! once whatever the app sorts.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions_in_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    put_in_order(items, order);
}

/// Sorts `items` by `key`, keeping items with equal keys in their order.
/// Each item's key is computed once.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions_in_order(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    put_in_order(items, order);
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them (stable): the
/// one place that calls the standard sort. `compare` only ever gets
/// positions below `len`.
fn positions_in_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Moves the item at `order[i]` to `i`, for every `i`, in place: each
/// cycle of the permutation is followed once, with swaps (no second copy
/// of the items, which may be millions of imported cells).
fn put_in_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut current = start;
        // A placed position points at itself, so each cycle runs once.
        while order[current] != start {
            let source = order[current];
            items.swap(current, source);
            order[current] = current;
            current = source;
        }
        order[current] = current;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_by_key_and_keeps_ties_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |&(key, _)| key);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_by_comparison_and_naturally() {
        let mut words = vec!["pear".to_owned(), "fig".to_owned(), "apple".to_owned()];
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["apple", "pear", "fig"]);
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "pear"]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    proptest! {
        #[test]
        fn sorts_by_comparison_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            let mut sorted = items;
            sort_by(&mut sorted, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(sorted, expected);
        }

        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|&(key, _)| key);
            let mut sorted = items;
            sort_by_key(&mut sorted, |&(key, _)| key);
            prop_assert_eq!(sorted, expected);
        }
    }
}
