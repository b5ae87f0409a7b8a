//! Search of a rule set: which facts and questions match what the inspector typed.
//!
//! Takes a [`RuleSet`] and a query; gives item indexes, best first. Every word of the query must
//! appear (case-insensitively) in the item's id, text or guidance (as plain text, see
//! [`super::markup::plain`]). Exact id matches come first, then ids starting with the query, then
//! matches in the text, then matches in the guidance only; rule-set order within each.

use super::markup::plain;
use super::model::{ItemIx, RuleSet};

/// Where a match was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The query is the item's id.
    ExactId,
    /// The id starts with the query.
    IdPrefix,
    /// Every word is in the id or text.
    Text,
    /// Some word is only in the guidance.
    Guidance,
}

/// Longest query considered, in characters.
pub const MAX_QUERY: usize = 200;

/// The items matching `query`, best first, with where they matched. An empty query matches nothing.
pub fn search(rules: &RuleSet, query: &str) -> Vec<(ItemIx, MatchKind)> {
    let q: String = query.trim().chars().take(MAX_QUERY).collect::<String>();
    let q = q.to_lowercase();
    let words: Vec<&str> = q.split_whitespace().collect();
    if words.is_empty() {
        return vec![];
    }
    let mut out: Vec<(ItemIx, MatchKind)> = rules
        .items
        .iter_enumerated()
        .filter_map(|(ix, item)| {
            let id = item.id.to_lowercase();
            if id == q {
                return Some((ix, MatchKind::ExactId));
            }
            if id.starts_with(&q) {
                return Some((ix, MatchKind::IdPrefix));
            }
            let head = format!("{id} {}", item.text.to_lowercase());
            if words.iter().all(|w| head.contains(w)) {
                return Some((ix, MatchKind::Text));
            }
            let all = format!(
                "{head} {} {}",
                plain(&item.guidance).to_lowercase(),
                plain(&item.guidance_more).to_lowercase()
            );
            words
                .iter()
                .all(|w| all.contains(w))
                .then_some((ix, MatchKind::Guidance))
        })
        .collect();
    out.sort_by_key(|(ix, k)| (*k, *ix));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::authoring::fixture()
    }

    #[test]
    fn finds_by_id_text_and_guidance() {
        let r = rules();
        let ids = |q: &str| -> Vec<(String, MatchKind)> {
            search(&r, q)
                .into_iter()
                .map(|(ix, k)| (r.items[ix].id.to_string(), k))
                .collect()
        };
        let cases: [(&str, &[(&str, MatchKind)]); 7] = [
            ("2.1.11", &[("2.1.11", MatchKind::ExactId)]),
            (
                "2.1.1",
                &[
                    ("2.1.11", MatchKind::IdPrefix),
                    ("2.1.12", MatchKind::IdPrefix),
                    ("2.1.19", MatchKind::IdPrefix),
                ],
            ),
            ("  EX.1 ", &[("EX.1", MatchKind::ExactId)]),
            ("REOFFENDING likelihood", &[("2.1.12", MatchKind::Text)]),
            // "one size fits all" is emphasis markup in the guidance of 2.1.11
            ("size fits", &[("2.1.11", MatchKind::Guidance)]),
            ("", &[]),
            ("zzzz nothing", &[]),
        ];
        for (q, want) in cases {
            let want: Vec<(String, MatchKind)> =
                want.iter().map(|(i, k)| (i.to_string(), *k)).collect();
            assert_eq!(ids(q), want, "{q:?}");
        }
    }

    #[test]
    fn text_matches_come_before_guidance_matches() {
        let r = rules();
        let found = search(&r, "report");
        assert!(found.len() >= 2);
        let kinds: Vec<MatchKind> = found.iter().map(|(_, k)| *k).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
        assert!(found
            .iter()
            .any(|(ix, _)| r.items[*ix].id == "report_circumstances"));
    }

    #[test]
    fn long_and_odd_queries_do_not_panic() {
        let r = rules();
        let long = "é".repeat(10_000);
        assert!(search(&r, &long).is_empty());
        assert!(search(&r, "[*](\\").is_empty());
    }
}
