//! The storage policy, natively over the in-memory store: saves read back, unreadable entries set
//! aside, a full store refuses without losing what is saved, locks never outlive their draft, and
//! two "tabs" over one store never lose a write or bring back a deleted draft.
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::engine::assessment::Assessment;
use case_assessor::engine::{Answer, Draft, RuleSet};
use case_assessor::storage::memory::Memory;
use case_assessor::storage::{draft_key, lock_key, ErrorKind, Revision, Store, Summary, PREFIX};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

fn rules() -> Arc<RuleSet> {
    static RULES: OnceLock<Arc<RuleSet>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let text = include_str!("fixtures/example.toml");
            Arc::new(RuleSet::load("example.toml", text).expect("fixture loads"))
        })
        .clone()
}

fn new_assessment(id: &str) -> Assessment {
    let rules = rules();
    let draft = Draft::new(id.into(), format!("CASE-{id}"), &rules, 0.0);
    Assessment::new(rules, draft)
}

fn store() -> (Memory, Store<Memory>) {
    let m = Memory::new();
    (m.clone(), Store::new(m))
}

fn create(s: &Store<Memory>, id: &str) -> (Assessment, Revision) {
    let a = new_assessment(id);
    let rev = s.create(a.draft(), &Summary::of(&a)).expect("created");
    (a, rev)
}

#[test]
fn a_save_reads_back_and_lists_the_draft() {
    let (_, s) = store();
    let (mut a, rev) = create(&s, "d1");
    a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 5.0);
    let rev2 = s.save(a.draft(), &Summary::of(&a), &rev).expect("saved");
    assert_ne!(rev, rev2);
    let (back, back_rev) = s.load("d1").unwrap().expect("stored");
    assert_eq!(&back, a.draft());
    assert_eq!(back_rev, rev2);
    let scan = s.scan().unwrap();
    assert_eq!(scan.drafts.len(), 1);
    assert_eq!(scan.drafts[0].case_ref, "CASE-d1");
    assert!(scan.unreadable.is_empty());
}

#[test]
fn creating_over_an_existing_draft_is_refused() {
    let (_, s) = store();
    create(&s, "d1");
    let a = new_assessment("d1");
    let e = s.create(a.draft(), &Summary::of(&a)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Exists);
}

#[test]
fn a_save_after_a_delete_is_refused_and_writes_nothing() {
    let (m, s) = store();
    let (mut a, rev) = create(&s, "d1");
    s.claim("d1", "tab-a", 1.0).unwrap();
    s.delete("d1").unwrap();
    assert!(
        m.get_entry(&lock_key("d1")).is_none(),
        "the lock goes with the draft"
    );
    a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 5.0);
    let before = m.entries();
    let e = s.save(a.draft(), &Summary::of(&a), &rev).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Deleted);
    assert!(e.to_string().contains("deleted"), "{e}");
    assert_eq!(m.entries(), before, "nothing written");
    let e = s.claim("d1", "tab-a", 2.0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Deleted);
    assert!(
        m.get_entry(&lock_key("d1")).is_none(),
        "no lock for a deleted draft"
    );
}

#[test]
fn a_save_over_an_import_is_refused() {
    let (_, s) = store();
    let (mut a, rev) = create(&s, "d1");
    // The same draft, changed elsewhere, imported over the stored one.
    let mut other = new_assessment("d1");
    other.set_note("2.1.11", "imported note".into(), 9.0);
    s.import(&other).unwrap();
    a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 5.0);
    let e = s.save(a.draft(), &Summary::of(&a), &rev).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Replaced);
    let (stored, _) = s.load("d1").unwrap().unwrap();
    assert_eq!(&stored, other.draft(), "the import stands");
}

#[test]
fn an_unreadable_entry_is_set_aside_before_it_is_replaced() {
    let (m, s) = store();
    let (a, rev) = create(&s, "d1");
    m.put(&draft_key("d1"), "{ broken");
    assert_eq!(s.load("d1").unwrap_err().kind, ErrorKind::Unreadable);
    s.save(a.draft(), &Summary::of(&a), &rev)
        .expect("saved over garbage");
    let scan = s.scan().unwrap();
    assert!(
        scan.unreadable.iter().any(|u| u.raw == "{ broken"),
        "the unreadable text is kept: {:?}",
        scan.unreadable
    );
    assert_eq!(s.load("d1").unwrap().unwrap().0, *a.draft());
}

#[test]
fn an_unreadable_index_is_rebuilt_and_kept_aside() {
    let (m, s) = store();
    create(&s, "d1");
    create(&s, "d2");
    m.put(&format!("{PREFIX}index"), "not json");
    let scan = s.scan().unwrap();
    assert_eq!(scan.drafts.len(), 2);
    assert!(scan.unreadable.iter().any(|u| u.raw == "not json"));
    // Rebuilt: the next scan reads it.
    assert_eq!(s.scan().unwrap().drafts.len(), 2);
}

#[test]
fn a_full_store_refuses_and_keeps_what_was_saved() {
    let (m, s) = store();
    let (mut a, rev) = create(&s, "d1");
    let saved = s.load("d1").unwrap().unwrap().0;
    let used: usize = m
        .entries()
        .iter()
        .map(|(k, v)| (k.len() + v.len()) * 2)
        .sum();
    m.set_quota(Some(used + 64));
    a.set_note("2.1.11", "x".repeat(10_000), 3.0);
    let e = s.save(a.draft(), &Summary::of(&a), &rev).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Full);
    assert!(e.to_string().contains("full"));
    assert_eq!(
        s.load("d1").unwrap().unwrap().0,
        saved,
        "the saved draft is intact"
    );
    // Room again: the same revision still saves.
    m.set_quota(None);
    s.save(a.draft(), &Summary::of(&a), &rev)
        .expect("saved once there is room");
}

#[test]
fn a_duplicate_is_a_new_draft_marked_copy() {
    let (_, s) = store();
    let (mut a, rev) = create(&s, "d1");
    a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 5.0);
    s.save(a.draft(), &Summary::of(&a), &rev).unwrap();
    let copy = s.duplicate("d1", "d2".into(), 7.0).unwrap();
    assert_eq!(copy.case_ref, "CASE-d1 (copy)");
    assert_eq!(copy.answers, a.draft().answers);
    assert_eq!((copy.created, copy.updated), (7.0, 7.0));
    assert_eq!(s.scan().unwrap().drafts.len(), 2);
    assert_eq!(
        s.duplicate("gone", "d3".into(), 8.0).unwrap_err().kind,
        ErrorKind::Deleted
    );
}

#[test]
fn a_lock_is_released_only_by_its_tab() {
    let (_, s) = store();
    create(&s, "d1");
    s.claim("d1", "a", 1.0).unwrap();
    s.release("d1", "b");
    assert_eq!(s.lock("d1").unwrap().tab, "a");
    s.release("d1", "a");
    assert!(s.lock("d1").is_none());
}

#[test]
fn discard_touches_only_this_apps_entries() {
    let (m, s) = store();
    m.put("someone-else", "x");
    assert_eq!(
        s.discard("someone-else").unwrap_err().kind,
        ErrorKind::Refused
    );
    assert!(m.get_entry("someone-else").is_some());
}

#[test]
fn bytes_used_is_zero_when_nothing_is_saved() {
    let (_, s) = store();
    assert_eq!(s.bytes_used(), 0);
    create(&s, "d1");
    assert!(s.bytes_used() > 0);
}

// Two tabs over one store, interleaved: a model of what storage must hold after each step.

#[derive(Debug, Clone)]
enum Op {
    /// Tab opens draft `d` (reads it, takes its revision).
    Open(usize, usize),
    /// Tab changes its open draft and saves.
    Answer(usize, u8),
    /// Tab deletes draft `d` from the home page.
    Delete(usize, usize),
    /// Tab imports a version of draft `d` (replacing any stored one).
    Import(usize, usize, u8),
    /// Tab creates draft `d` if it is not stored.
    Create(usize, usize),
    /// Tab refreshes its lock on its open draft.
    Refresh(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let tab = 0..2usize;
    let d = 0..2usize;
    prop_oneof![
        (tab.clone(), d.clone()).prop_map(|(t, d)| Op::Open(t, d)),
        (tab.clone(), any::<u8>()).prop_map(|(t, v)| Op::Answer(t, v)),
        (tab.clone(), d.clone()).prop_map(|(t, d)| Op::Delete(t, d)),
        (tab.clone(), d.clone(), any::<u8>()).prop_map(|(t, d, v)| Op::Import(t, d, v)),
        (tab.clone(), d).prop_map(|(t, d)| Op::Create(t, d)),
        tab.prop_map(Op::Refresh),
    ]
}

struct Tab {
    store: Store<Memory>,
    name: String,
    open: Option<(Assessment, Revision)>,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the interleaving: what storage holds is exactly the last write that was accepted; a
    /// write made to a revision that is no longer stored is refused (deleted or replaced), never
    /// applied; a deleted draft comes back only by a create or an import; no lock exists without its
    /// draft.
    #[test]
    fn two_tabs_never_lose_a_write_nor_resurrect_a_deleted_draft(ops in prop::collection::vec(op(), 1..60)) {
        let m = Memory::new();
        let mut tabs: Vec<Tab> = (0..2).map(|i| Tab { store: Store::new(m.clone()), name: format!("tab{i}"), open: None }).collect();
        let ids = ["d0", "d1"];
        // The model: the draft each id must have in storage (None: not stored).
        let mut model: BTreeMap<&str, Option<Draft>> = ids.iter().map(|&i| (i, None)).collect();
        for (step, o) in ops.iter().enumerate() {
            let now = step as f64;
            match o.clone() {
                Op::Open(t, d) => {
                    let got = tabs[t].store.load(ids[d]).unwrap();
                    prop_assert_eq!(got.as_ref().map(|(d, _)| d), model[ids[d]].as_ref());
                    tabs[t].open = got.map(|(draft, rev)| (Assessment::new(rules(), draft), rev));
                }
                Op::Answer(t, v) => {
                    let tab = &mut tabs[t];
                    let Some((a, rev)) = tab.open.as_mut() else { continue };
                    a.set_note("2.1.11", format!("{} wrote {v} at {step}", tab.name), now);
                    let id = a.draft().id.clone();
                    let stored_is_base = model[id.as_str()].is_some()
                        && tab.store.load(&id).unwrap().is_some_and(|(_, r)| &r == rev);
                    match tab.store.save(a.draft(), &Summary::of(a), rev) {
                        Ok(new_rev) => {
                            prop_assert!(stored_is_base, "a save over a changed or deleted draft was accepted");
                            *rev = new_rev;
                            model.insert(ids.iter().find(|&&i| i == id).unwrap(), Some(a.draft().clone()));
                        }
                        Err(e) => {
                            prop_assert!(!stored_is_base, "a save to the stored revision was refused: {}", e);
                            let expected = if model[id.as_str()].is_none() { ErrorKind::Deleted } else { ErrorKind::Replaced };
                            prop_assert_eq!(e.kind, expected);
                        }
                    }
                }
                Op::Delete(t, d) => {
                    tabs[t].store.delete(ids[d]).unwrap();
                    model.insert(ids[d], None);
                }
                Op::Import(t, d, v) => {
                    let mut a = new_assessment(ids[d]);
                    a.set_note("2.1.11", format!("imported {v} at {step}"), now);
                    tabs[t].store.import(&a).unwrap();
                    model.insert(ids[d], Some(a.draft().clone()));
                }
                Op::Create(t, d) => {
                    let a = new_assessment(ids[d]);
                    let r = tabs[t].store.create(a.draft(), &Summary::of(&a));
                    if model[ids[d]].is_none() {
                        let rev = r.unwrap();
                        model.insert(ids[d], Some(a.draft().clone()));
                        tabs[t].open = Some((a, rev));
                    } else {
                        prop_assert_eq!(r.unwrap_err().kind, ErrorKind::Exists);
                    }
                }
                Op::Refresh(t) => {
                    let tab = &tabs[t];
                    if let Some((a, _)) = &tab.open {
                        let id = a.draft().id.clone();
                        let r = tab.store.claim(&id, &tab.name, now);
                        prop_assert_eq!(r.is_ok(), model[id.as_str()].is_some());
                    }
                }
            }
            // After every step, storage holds exactly the model, and no lock outlives its draft.
            for &id in &ids {
                let stored = tabs[0].store.load(id).unwrap().map(|(d, _)| d);
                prop_assert_eq!(stored.as_ref(), model[id].as_ref(), "step {}: {:?}", step, o);
                if model[id].is_none() {
                    prop_assert!(m.get_entry(&lock_key(id)).is_none(), "a lock outlived draft {}", id);
                }
            }
            let listed: Vec<String> = tabs[1].store.scan().unwrap().drafts.into_iter().map(|s| s.id).collect();
            let mut expected: Vec<String> = model.iter().filter(|(_, d)| d.is_some()).map(|(k, _)| k.to_string()).collect();
            let mut listed_sorted = listed.clone();
            listed_sorted.sort();
            expected.sort();
            prop_assert_eq!(listed_sorted, expected, "the home page lists exactly the stored drafts");
        }
    }
}
