//! Which case facts are asked, derived from what reads them.
//!
//! Takes a [`RuleSet`] and an [`Evaluation`]; gives a [`Relevance`]: for each fact, whether it is
//! asked. A fact is asked while it applies (its own conditions from the seed) and something that
//! applies, or may still apply, reads it:
//! - the applicability conditions of a section, key question or question, up to and including the
//!   first one that fails (a condition after the one that fails decides nothing shown, not even the
//!   reason given);
//! - a hint, a grid row's condition or the source of a grid's rows, of a question that applies;
//! - a forcing rule naming a summary judgement that applies;
//! - the own conditions of a fact that something above reads (up to the first that fails), since a
//!   fact that does not apply reads as unanswered.
//!
//! The invariant (checked by `tests/relevance.rs` on every shipped rule set and generated ones):
//! changing the answer of a fact that is not asked changes nothing shown: no applicability or reason,
//! hint, forcing rule of a summary that applies, tally, progress, or which facts are asked. A fact
//! that is not asked keeps its answer, which counts again once it is asked again.
//!
//! Also here, for the views: which sections use each fact ([`fact_sections`], [`fact_groups`]), what a
//! fact decides in a section ([`FactUse`]), and the sentences saying what an answer changed
//! ([`applicability_changes`]).

use super::evaluate::{Blocker, Evaluation, Progress};
use super::model::{CondIx, GroupIx, ItemIx, IxVec, Kind, RuleSet, SectionIx};

/// Which facts are asked for one evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Relevance {
    /// Per item: something that applies, or may still apply, reads it.
    needed: IxVec<ItemIx, bool>,
    /// Per item: a fact that is needed and applies: shown, on the Case facts page or, for a
    /// judgement fact, beside its question.
    shown: IxVec<ItemIx, bool>,
    /// Per item: a case fact that is shown (judgement facts left out).
    asked: IxVec<ItemIx, bool>,
}

/// The conditions of `lists`, in order, up to and including `blocker` (all of them when `None`).
fn prefix<'a>(
    lists: &'a [&'a [CondIx]],
    blocker: Option<CondIx>,
) -> impl Iterator<Item = CondIx> + 'a {
    let mut past = false;
    lists
        .iter()
        .flat_map(|l| l.iter().copied())
        .take_while(move |&c| {
            let keep = !past;
            past |= Some(c) == blocker;
            keep
        })
}

impl Relevance {
    /// Derives which facts are asked from what reads them in `eval`.
    pub fn new(rules: &RuleSet, eval: &Evaluation) -> Relevance {
        let n = rules.items.len();
        let mut needed: IxVec<ItemIx, bool> = IxVec::from_vec(vec![false; n]);
        let mut queue: Vec<ItemIx> = Vec::new();
        let mark = |c: CondIx, needed: &mut IxVec<ItemIx, bool>, queue: &mut Vec<ItemIx>| {
            for &r in &rules.conds[c].reads {
                if !needed[r] {
                    needed[r] = true;
                    queue.push(r);
                }
            }
        };
        let none: &[CondIx] = &[];
        for (s, sec) in rules.sections.iter_enumerated() {
            for c in prefix(&[&sec.applies], eval.sections[s].blocked_by) {
                mark(c, &mut needed, &mut queue);
            }
        }
        for (g, grp) in rules.groups.iter_enumerated() {
            let sec = rules.sections.get(grp.section).map_or(none, |s| &s.applies);
            for c in prefix(&[sec, &grp.applies], eval.groups[g].blocked_by) {
                mark(c, &mut needed, &mut queue);
            }
        }
        for (ix, item) in rules.items.iter_enumerated() {
            if item.kind == Kind::Fact {
                continue;
            }
            let st = &eval.items[ix];
            // The section's and key question's conditions are marked above, up to the same first
            // one that fails; the question's own come after them.
            match st.blocked_by {
                None | Some(Blocker::Own(_)) => {
                    for c in prefix(&[&item.applies], st.blocked_by.map(Blocker::cond)) {
                        mark(c, &mut needed, &mut queue);
                    }
                }
                Some(_) => {}
            }
            // Tallies weigh questions only (the loader refuses facts there), whose applicability
            // is marked here for every question.
            if !st.applies {
                continue;
            }
            for c in item.hint_conds().chain(item.row_conds()) {
                mark(c, &mut needed, &mut queue);
            }
            if let Some(src) = item.row_source().filter(|&src| !needed[src]) {
                needed[src] = true;
                queue.push(src);
            }
        }
        for f in &rules.forces {
            if f.summaries.iter().any(|&s| eval.items[s].applies) {
                mark(f.when, &mut needed, &mut queue);
            }
        }
        // A fact read by something above: its own conditions decide whether it reads as answered.
        while let Some(x) = queue.pop() {
            let item = &rules.items[x];
            if item.kind != Kind::Fact {
                continue;
            }
            for c in prefix(
                &[&item.applies],
                eval.items[x].blocked_by.map(Blocker::cond),
            ) {
                mark(c, &mut needed, &mut queue);
            }
        }
        let shown: IxVec<ItemIx, bool> = rules
            .items
            .indices()
            .map(|ix| rules.items[ix].kind == Kind::Fact && needed[ix] && eval.items[ix].applies)
            .collect();
        let asked = shown
            .iter_enumerated()
            .map(|(ix, &s)| s && rules.items[ix].beside.is_none())
            .collect();
        Relevance {
            needed,
            shown,
            asked,
        }
    }

    /// Whether item `ix` is a fact that is shown: a case fact asked, or a judgement fact beside a
    /// question that applies (its question's hints read it).
    pub fn is_shown(&self, ix: ItemIx) -> bool {
        self.shown.get(ix).copied().unwrap_or(false)
    }

    /// Whether item `ix` is a case fact that is asked (judgement facts are never: see
    /// [`Relevance::is_shown`]).
    pub fn is_asked(&self, ix: ItemIx) -> bool {
        self.asked.get(ix).copied().unwrap_or(false)
    }

    /// The case facts asked, in file order.
    pub fn asked_facts(&self) -> Vec<ItemIx> {
        self.asked.indices().filter(|&ix| self.asked[ix]).collect()
    }

    /// Whether something that applies, or may still apply, reads item `ix` (whether or not it
    /// applies itself).
    pub fn is_needed(&self, ix: ItemIx) -> bool {
        self.needed.get(ix).copied().unwrap_or(false)
    }

    /// Answered over total among the facts asked that must be answered (what
    /// [`Evaluation::fact_progress`] holds).
    pub fn fact_progress(&self, rules: &RuleSet, eval: &Evaluation) -> Progress {
        let mut p = Progress::default();
        for ix in self.asked_facts() {
            if !rules.items[ix].optional {
                p.total += 1;
                p.answered += u32::from(eval.items[ix].answered);
            }
        }
        p
    }
}

/// The facts asked for `eval` (see [`Relevance`]), in file order.
pub fn asked_facts(rules: &RuleSet, eval: &Evaluation) -> Vec<ItemIx> {
    Relevance::new(rules, eval).asked_facts()
}

/// What a fact decides in one section, read from the rule set's conditions (whatever the answers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactUse {
    /// The section's own conditions read it.
    pub section: bool,
    /// Key questions whose conditions read it.
    pub groups: Vec<GroupIx>,
    /// Questions whose own conditions (or grid rows) read it.
    pub questions: Vec<ItemIx>,
    /// Questions whose hints read it.
    pub hints: Vec<ItemIx>,
    /// Summary judgements a forcing rule reading it names.
    pub forces: Vec<ItemIx>,
    /// Facts used in this section whose own conditions read it.
    pub facts: Vec<ItemIx>,
}

impl FactUse {
    /// What fact `f` decides in section `s`.
    pub fn new(rules: &RuleSet, f: ItemIx, s: SectionIx) -> FactUse {
        let reads = |c: &CondIx| rules.conds[*c].reads.contains(&f);
        let mut u = FactUse {
            section: rules.sections[s].applies.iter().any(reads),
            ..FactUse::default()
        };
        for &g in &rules.sections[s].groups {
            if rules.groups[g].applies.iter().any(reads) {
                u.groups.push(g);
            }
        }
        for &ix in &rules.sections[s].items {
            let item = &rules.items[ix];
            let rows = item.row_conds().any(|c| reads(&c)) || item.row_source() == Some(f);
            if rows || item.applies.iter().any(reads) {
                u.questions.push(ix);
            }
            if item.hint_conds().any(|c| reads(&c)) {
                u.hints.push(ix);
            }
        }
        for force in &rules.forces {
            if reads(&force.when) {
                for &x in &force.summaries {
                    if rules.items[x].section == Some(s) && !u.forces.contains(&x) {
                        u.forces.push(x);
                    }
                }
            }
        }
        let sections = fact_sections(rules);
        for (g, item) in rules.facts() {
            if g != f && sections[g].contains(&s) && item.applies.iter().any(reads) {
                u.facts.push(g);
            }
        }
        u
    }

    /// Nothing in the section reads the fact.
    pub fn is_empty(&self) -> bool {
        *self == FactUse::default()
    }

    /// What it decides, in words, for the section page: "Decides whether this section applies;
    /// whether questions 2.1.08 and 2.1.11 apply; suggests answers to 2.1.03."
    pub fn describe(&self, rules: &RuleSet) -> String {
        let ids =
            |ixs: &[ItemIx]| list(ixs.iter().map(|&i| rules.items[i].id.to_string()).collect());
        let mut parts = Vec::new();
        if self.section {
            parts.push("whether this section applies".to_string());
        }
        match self.groups.len() {
            0 => {}
            1 => parts.push(format!(
                "whether the key question \u{201c}{}\u{201d} applies",
                area_name(
                    &rules.groups[self.groups[0]].title,
                    &rules.groups[self.groups[0]].id
                )
            )),
            k => parts.push(format!("whether {k} key questions apply")),
        }
        match self.questions.len() {
            0 => {}
            1 => parts.push(format!("whether question {} applies", ids(&self.questions))),
            _ => parts.push(format!("whether questions {} apply", ids(&self.questions))),
        }
        let mut out = if parts.is_empty() {
            String::new()
        } else {
            format!("Decides {}.", list(parts))
        };
        let mut more = |s: String| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s);
        };
        if !self.hints.is_empty() {
            more(format!("Suggests answers to {}.", ids(&self.hints)));
        }
        if !self.forces.is_empty() {
            more(format!(
                "Can decide the summary judgement {}.",
                ids(&self.forces)
            ));
        }
        match self.facts.len() {
            0 => {}
            1 => more(format!(
                "Decides whether \u{201c}{}\u{201d} is asked.",
                rules.items[self.facts[0]].text
            )),
            k => more(format!("Decides whether {k} other facts are asked.")),
        }
        out
    }
}

/// "a", "a and b", "a, b and c".
fn list(mut v: Vec<String>) -> String {
    match v.len() {
        0 => String::new(),
        1 => v.remove(0),
        _ => {
            let last = v.pop().unwrap_or_default();
            format!("{} and {last}", v.join(", "))
        }
    }
}

/// A group's or section's title, or its id when it has none.
fn area_name(title: &str, id: &str) -> String {
    if title.trim().is_empty() {
        id.to_string()
    } else {
        title.trim().to_string()
    }
}

/// For each item (facts only; empty for questions): the sections (in task-list order) whose
/// conditions read it, directly or through the conditions of facts that read it.
pub fn fact_sections(rules: &RuleSet) -> IxVec<ItemIx, Vec<SectionIx>> {
    let n = rules.items.len();
    let mut out: IxVec<ItemIx, Vec<SectionIx>> = IxVec::from_vec(vec![Vec::new(); n]);
    let add = |c: CondIx, s: SectionIx, out: &mut IxVec<ItemIx, Vec<SectionIx>>| {
        for &r in &rules.conds[c].reads {
            if rules.items[r].kind == Kind::Fact && !out[r].contains(&s) {
                out[r].push(s);
            }
        }
    };
    for (s, sec) in rules.sections.iter_enumerated() {
        for &c in &sec.applies {
            add(c, s, &mut out);
        }
        for &g in &sec.groups {
            for &c in &rules.groups[g].applies {
                add(c, s, &mut out);
            }
        }
        for &ix in &sec.items {
            let item = &rules.items[ix];
            let conds = item.applies.iter().copied();
            for c in conds.chain(item.hint_conds()).chain(item.row_conds()) {
                add(c, s, &mut out);
            }
            if let Some(src) = item
                .row_source()
                .filter(|&src| rules.items[src].kind == Kind::Fact && !out[src].contains(&s))
            {
                out[src].push(s);
            }
        }
    }
    for f in &rules.forces {
        for &x in &f.summaries {
            if let Some(s) = rules.items[x].section {
                add(f.when, s, &mut out);
            }
        }
    }
    // Through facts: a fact read by another fact's conditions serves that fact's sections.
    loop {
        let mut grew = false;
        for (g, item) in rules.facts() {
            let secs = out[g].clone();
            for &c in &item.applies {
                for &r in &rules.conds[c].reads {
                    for &s in &secs {
                        if rules.items[r].kind == Kind::Fact && !out[r].contains(&s) {
                            out[r].push(s);
                            grew = true;
                        }
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
    for v in out.iter_mut() {
        v.sort_unstable();
    }
    out
}

/// The facts grouped for the case facts page: first `None` with the facts used by several sections
/// (or by none), then `Some(section)` in task-list order with the facts only that section uses.
/// Facts keep file order within a group; empty groups are left out.
pub fn fact_groups(rules: &RuleSet) -> Vec<(Option<SectionIx>, Vec<ItemIx>)> {
    let sections = fact_sections(rules);
    let mut shared = Vec::new();
    let mut by: IxVec<SectionIx, Vec<ItemIx>> =
        IxVec::from_vec(vec![Vec::new(); rules.sections.len()]);
    // Judgement facts are recorded beside their question, not on the Case facts page.
    for (f, _) in rules.case_facts() {
        match sections[f].as_slice() {
            [s] => by[*s].push(f),
            _ => shared.push(f),
        }
    }
    let mut out = Vec::new();
    if !shared.is_empty() {
        out.push((None, shared));
    }
    out.extend(
        by.iter_enumerated()
            .filter(|(_, v)| !v.is_empty())
            .map(|(s, v)| (Some(s), v.clone())),
    );
    out
}

/// The facts section `s` depends on (its conditions read them, directly or through other facts), in
/// file order, whether asked or not.
pub fn section_facts(rules: &RuleSet, s: SectionIx) -> Vec<ItemIx> {
    fact_sections(rules)
        .iter_enumerated()
        .filter(|(_, v)| v.contains(&s))
        .map(|(f, _)| f)
        .collect()
}

/// What applies, per section, key question and item, as an evaluation found it: what a page keeps
/// of the evaluation before a change to say what the change made apply or stop applying (a copy of
/// the whole evaluation after every answer cost more than the rest of the answer's work on a large
/// rule set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applies {
    sections: IxVec<SectionIx, bool>,
    groups: IxVec<GroupIx, bool>,
    items: IxVec<ItemIx, bool>,
}

impl Applies {
    /// What applies in `ev`.
    pub fn of(ev: &Evaluation) -> Applies {
        Applies {
            sections: ev.sections.iter().map(|s| s.applies).collect(),
            groups: ev.groups.iter().map(|g| g.applies).collect(),
            items: ev.items.iter().map(|i| i.applies).collect(),
        }
    }
}

/// What applies in `before` and not in `after`, or the other way round, in sentences for the page
/// (for example "Statutory victim work no longer applies."): sections first, then key questions of
/// sections that did not change, then questions (facts left out) of key questions that did not.
pub fn applicability_changes(rules: &RuleSet, before: &Applies, after: &Applies) -> Vec<String> {
    fn verb(now: bool) -> &'static str {
        if now {
            "now applies"
        } else {
            "no longer applies"
        }
    }
    let mut out = Vec::new();
    let sec_changed = |s: SectionIx| before.sections[s] != after.sections[s];
    for (s, sec) in rules.sections.iter_enumerated() {
        if sec_changed(s) {
            out.push(format!(
                "{} {}.",
                area_name(&sec.title, &sec.id),
                verb(after.sections[s])
            ));
        }
    }
    let grp_changed = |g: GroupIx| before.groups[g] != after.groups[g];
    for (g, grp) in rules.groups.iter_enumerated() {
        if grp_changed(g) && !sec_changed(grp.section) {
            out.push(format!(
                "The key question \u{201c}{}\u{201d} {}.",
                area_name(&grp.title, &grp.id),
                verb(after.groups[g])
            ));
        }
    }
    for now in [false, true] {
        let ids: Vec<String> = rules
            .items
            .iter_enumerated()
            .filter(|(ix, item)| {
                item.kind != Kind::Fact
                    && before.items[*ix] != after.items[*ix]
                    && after.items[*ix] == now
                    && !item.section.is_some_and(sec_changed)
                    && !item.group.is_some_and(grp_changed)
            })
            .map(|(_, item)| item.id.to_string())
            .collect();
        match ids.len() {
            0 => {}
            1 => out.push(format!("Question {} {}.", ids[0], verb(now))),
            k => {
                let shown = if k > 6 {
                    format!("{} and {} more", ids[..5].join(", "), k - 5)
                } else {
                    list(ids)
                };
                out.push(format!(
                    "Questions {shown} {}.",
                    if now { "now apply" } else { "no longer apply" }
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Idx;
    use crate::engine::{Answer, Draft};

    fn example() -> RuleSet {
        let src = include_str!("../../tests/fixtures/example.toml");
        RuleSet::load("example.toml", src).expect("fixture loads")
    }

    fn eval(rules: &RuleSet, answers: &[(&str, Answer)]) -> Evaluation {
        let mut d = Draft::new("d".into(), "c".into(), rules, 0.0);
        for (id, a) in answers {
            d.answers.insert((*id).to_string(), a.clone());
        }
        Evaluation::new(rules, &d)
    }

    fn ids(rules: &RuleSet, ixs: &[ItemIx]) -> Vec<String> {
        ixs.iter().map(|&i| rules.items[i].id.to_string()).collect()
    }

    #[test]
    fn prefix_stops_at_the_blocker() {
        let c = |v: &[usize]| v.iter().map(|&i| CondIx::new(i)).collect::<Vec<_>>();
        let (a, b) = (c(&[1, 2]), c(&[3, 4]));
        let (a, b): (&[CondIx], &[CondIx]) = (&a, &b);
        let got =
            |blocker: Option<usize>| prefix(&[a, b], blocker.map(CondIx::new)).collect::<Vec<_>>();
        assert_eq!(got(None), c(&[1, 2, 3, 4]));
        assert_eq!(got(Some(1)), c(&[1]));
        assert_eq!(got(Some(3)), c(&[1, 2, 3]));
        assert_eq!(got(Some(4)), c(&[1, 2, 3, 4]));
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(vec![]), "");
        assert_eq!(list(vec!["a".into()]), "a");
        assert_eq!(list(vec!["a".into(), "b".into()]), "a and b");
        assert_eq!(list(vec!["a".into(), "b".into(), "c".into()]), "a, b and c");
    }

    /// The 2024 CARaG: a PDU case is not asked the regional facts (unpaid work, victim work); a
    /// regional case is not asked the PDU ones; with nothing recorded, only facts whose own
    /// conditions rule them out are left out.
    #[test]
    fn the_2024_carag_asks_only_what_the_inspection_reads() {
        let text = include_str!("../../rules/carag-2024-pdu-domain-two.toml");
        let rules = RuleSet::load("carag-2024", text).unwrap_or_else(|r| panic!("{r}"));
        // Case facts: judgement facts are recorded beside their question, never asked here.
        let all = rules.case_facts().count();
        let applying = |ev: &Evaluation| {
            rules
                .case_facts()
                .filter(|(ix, _)| ev.items[*ix].applies)
                .count()
        };
        let empty = eval(&rules, &[]);
        let r = Relevance::new(&rules, &empty);
        assert_eq!(
            r.asked_facts().len(),
            applying(&empty),
            "nothing recorded: every fact that applies may matter"
        );
        let pdu = eval(
            &rules,
            &[
                ("inspection", Answer::Choice("pdu".into())),
                ("post_release", Answer::Bool(false)),
            ],
        );
        let asked = ids(&rules, &asked_facts(&rules, &pdu));
        for f in [
            "upw_requirement",
            "victim_contact_eligible",
            "victim_in_region",
        ] {
            assert!(
                !asked.contains(&f.to_string()),
                "{f} is asked in a PDU case: {asked:?}"
            );
        }
        for f in ["inspection", "psr_in_region_12m", "mappa"] {
            assert!(
                asked.contains(&f.to_string()),
                "{f} is not asked in a PDU case: {asked:?}"
            );
        }
        assert!(asked.len() <= applying(&pdu), "{} of {all}", asked.len());
        // A case terminated within seven days is not inspected: the facts of the sections it rules
        // out are not asked, though their own conditions would let them be.
        let terminated = eval(
            &rules,
            &[
                ("inspection", Answer::Choice("pdu".into())),
                ("terminated_days", Answer::Number(5.0)),
            ],
        );
        let asked = ids(&rules, &asked_facts(&rules, &terminated));
        assert!(asked.len() * 4 < applying(&terminated), "{asked:?}");
        assert!(!asked.contains(&"mappa".to_string()), "{asked:?}");
        let regional = eval(&rules, &[("inspection", Answer::Choice("regional".into()))]);
        let asked = ids(&rules, &asked_facts(&rules, &regional));
        assert!(asked.contains(&"upw_requirement".to_string()), "{asked:?}");
        assert!(
            !asked.contains(&"psr_in_region_12m".to_string()),
            "{asked:?}"
        );
    }

    #[test]
    fn a_fact_not_asked_keeps_its_answer_and_is_asked_again() {
        let text = include_str!("../../rules/carag-2024-pdu-domain-two.toml");
        let rules = RuleSet::load("carag-2024", text).unwrap_or_else(|r| panic!("{r}"));
        let upw = rules.item_ix("upw_requirement").expect("fact");
        let regional = eval(
            &rules,
            &[
                ("inspection", Answer::Choice("regional".into())),
                ("upw_requirement", Answer::Bool(true)),
            ],
        );
        assert!(Relevance::new(&rules, &regional).is_asked(upw));
        let pdu = eval(
            &rules,
            &[
                ("inspection", Answer::Choice("pdu".into())),
                ("upw_requirement", Answer::Bool(true)),
            ],
        );
        let r = Relevance::new(&rules, &pdu);
        assert!(!r.is_asked(upw));
        assert!(pdu.items[upw].answered, "the answer is kept");
        let before = r.fact_progress(&rules, &pdu);
        let without = eval(&rules, &[("inspection", Answer::Choice("pdu".into()))]);
        assert_eq!(
            Relevance::new(&rules, &without).fact_progress(&rules, &without),
            before,
            "a fact not asked does not count"
        );
    }

    #[test]
    fn facts_are_grouped_by_the_sections_that_use_them() {
        let rules = example();
        let groups = fact_groups(&rules);
        let mut seen: Vec<ItemIx> = groups.iter().flat_map(|(_, v)| v.clone()).collect();
        seen.sort_unstable();
        let all: Vec<ItemIx> = rules.facts().map(|(ix, _)| ix).collect();
        assert_eq!(seen, all, "every fact in exactly one group");
        let secs = fact_sections(&rules);
        let order: Vec<Option<SectionIx>> = groups.iter().map(|(s, _)| *s).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(
            order, sorted,
            "the shared group first, then task-list order"
        );
        for (s, v) in &groups {
            for f in v {
                match s {
                    Some(s) => assert_eq!(secs[*f], vec![*s]),
                    None => assert_ne!(secs[*f].len(), 1),
                }
            }
        }
        let psr = rules.item_ix("psr_in_region_12m").expect("fact");
        let court = rules.section_ix("court").expect("section");
        assert!(section_facts(&rules, court).contains(&psr));
        let u = FactUse::new(&rules, psr, court);
        assert!(!u.is_empty());
        assert!(
            u.describe(&rules).starts_with("Decides"),
            "{}",
            u.describe(&rules)
        );
    }

    #[test]
    fn changes_are_told_at_the_highest_level_that_changed() {
        let rules = example();
        let before = eval(&rules, &[("psr_in_region_12m", Answer::Bool(true))]);
        let after = eval(&rules, &[("psr_in_region_12m", Answer::Bool(false))]);
        // The snapshot holds every applicability flag of its evaluation.
        for ev in [&before, &after] {
            let a = Applies::of(ev);
            assert!(ev
                .sections
                .iter_enumerated()
                .all(|(s, x)| a.sections[s] == x.applies));
            assert!(ev
                .groups
                .iter_enumerated()
                .all(|(g, x)| a.groups[g] == x.applies));
            assert!(ev
                .items
                .iter_enumerated()
                .all(|(i, x)| a.items[i] == x.applies));
        }
        let (before, after) = (Applies::of(&before), Applies::of(&after));
        assert_ne!(before, after);
        let said = applicability_changes(&rules, &before, &after);
        assert!(!said.is_empty(), "a PSR fact decides something");
        assert!(
            said.iter().all(|s| s.contains("no longer appl")),
            "{said:?}"
        );
        let back = applicability_changes(&rules, &after, &before);
        assert!(back.iter().all(|s| s.contains("now appl")), "{back:?}");
        assert!(applicability_changes(&rules, &before, &before).is_empty());
    }
}
