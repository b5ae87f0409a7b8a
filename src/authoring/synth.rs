//! Synthetic rule sets for benchmarks and property tests.
//!
//! Takes a number of questions and a seed; gives the text of a valid rule file (the format of
//! `docs/rule-format.md`) with sections of groups of about ten questions, case facts, and dense
//! conditions: most questions have applicability conditions reading several earlier questions and
//! facts, many have hints, every group ends in a summary judgement with a tally and a counting hint, and
//! each section has a forcing rule. The same seed always gives the same text. Conditions only read
//! items written earlier in the file, so the result has no applicability cycles.

use std::fmt::Write;

/// Questions per group (the last of each group is its summary judgement).
const GROUP_SIZE: usize = 10;
/// Groups per section.
const GROUPS_PER_SECTION: usize = 5;

/// A tiny xorshift64* generator: deterministic, no dependencies. Also drives the tests' random
/// answer sequences.
pub struct Rng(u64);

impl Rng {
    /// A generator; the same seed gives the same sequence.
    pub fn new(seed: u64) -> Rng {
        // Avoid the all-zero state, and spread small seeds.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

/// A random answer for item `ix` of any rule set, or none (one time in eight): for tests that change
/// a draft at random.
#[cfg(test)]
pub(crate) fn random_answer(
    rules: &crate::engine::model::RuleSet,
    ix: crate::engine::model::ItemIx,
    rng: &mut Rng,
) -> Option<crate::engine::draft::Answer> {
    use crate::engine::draft::Answer;
    use crate::engine::model::{AnswerType, Rows};
    let item = &rules.items[ix];
    let values: Vec<String> = rules
        .scale_of(item)
        .map(|s| s.options.iter().map(|o| o.value.clone()).collect())
        .unwrap_or_default();
    if rng.below(8) == 0 {
        return None;
    }
    let pick = |rng: &mut Rng| values.get(rng.below(values.len())).cloned();
    Some(match &item.answer {
        AnswerType::Bool => Answer::Bool(rng.below(2) == 0),
        AnswerType::Choice { .. } => Answer::Choice(pick(rng)?),
        AnswerType::Multi { named, .. } => {
            let chosen: Vec<String> = values
                .iter()
                .filter(|_| rng.below(3) == 0)
                .cloned()
                .collect();
            if *named {
                let names = chosen
                    .iter()
                    .map(|v| (v.clone(), format!("Made-up name {}", rng.below(1000))))
                    .collect();
                Answer::Named { chosen, names }
            } else {
                Answer::Multi(chosen)
            }
        }
        AnswerType::Grid { rows, .. } => {
            let ids: Vec<String> = match rows {
                Rows::Fixed(rows) => rows.iter().map(|r| r.id.clone()).collect(),
                Rows::From(src) => rules
                    .scale_of(&rules.items[*src])
                    .map(|s| s.options.iter().map(|o| o.value.clone()).collect())
                    .unwrap_or_default(),
            };
            let mut grid = std::collections::BTreeMap::new();
            for r in ids {
                if rng.below(2) == 0 {
                    if let Some(v) = pick(rng) {
                        grid.insert(r, v);
                    }
                }
            }
            Answer::Grid(grid)
        }
        AnswerType::Number { min, max, .. } => {
            let (lo, hi) = (min.unwrap_or(0.0), max.unwrap_or(40.0));
            Answer::Number(lo + (hi - lo) * rng.below(101) as f64 / 100.0)
        }
        AnswerType::Date => Answer::Date(format!("2024-0{}-1{}", 1 + rng.below(9), rng.below(10))),
        AnswerType::Text => Answer::Text(format!("note {}", rng.below(100))),
    })
}

/// What a generated question or fact takes, so conditions on it type-check.
#[derive(Clone, Copy, PartialEq)]
enum Ty {
    Bool,
    /// `yes_no` scale
    YesNo,
    /// `rating` scale
    Rating,
    /// `level` scale
    Level,
    /// `circ` multi
    Circ,
    Number,
    /// grid over `yes_no` with rows `a` and `b`
    Grid,
}

/// A reference that conditions may read: its text (`fact` or `[id]`) and its type.
struct Readable {
    name: String,
    ty: Ty,
}

const LEVELS: [&str; 3] = ["low", "medium", "high"];
const RATINGS: [&str; 4] = ["good", "adequate", "poor", "na"];
const CIRCS: [&str; 4] = ["risk", "complex", "young", "custody"];

/// One atomic test on a readable item.
fn atom(rng: &mut Rng, r: &Readable) -> String {
    let n = &r.name;
    match r.ty {
        Ty::Bool => {
            if rng.chance(30) {
                format!("not {n}")
            } else {
                n.clone()
            }
        }
        Ty::YesNo => match rng.below(4) {
            0 => format!("{n} != 'no'"),
            1 => format!("{n} is answered"),
            _ => format!("{n} == 'yes'"),
        },
        Ty::Rating => match rng.below(3) {
            0 => format!("{n} in ('good', 'adequate')"),
            1 => format!("{n} not in ('poor')"),
            _ => format!("{n} == '{}'", RATINGS[rng.below(3)]),
        },
        Ty::Level => match rng.below(2) {
            0 => format!("{n} in ('{}', '{}')", LEVELS[rng.below(3)], LEVELS[2]),
            _ => format!("{n} != '{}'", LEVELS[rng.below(3)]),
        },
        Ty::Circ => format!("{n} contains '{}'", CIRCS[rng.below(4)]),
        Ty::Number => {
            let ops = [">=", ">", "<", "<="];
            format!("{n} {} {}", ops[rng.below(4)], rng.below(24))
        }
        Ty::Grid => format!("{n}.{} == 'yes'", ["a", "b"][rng.below(2)]),
    }
}

/// A dense condition reading `k` items chosen from `pool`, joined by `and`, `or`, `any`, `count`.
fn condition(rng: &mut Rng, pool: &[&Readable], k: usize) -> String {
    let atoms: Vec<String> = (0..k)
        .map(|_| {
            let r = pool[rng.below(pool.len())];
            atom(rng, r)
        })
        .collect();
    match rng.below(5) {
        0 => format!("any({})", atoms.join(", ")),
        1 if k >= 2 => format!("count({}) >= {}", atoms.join(", "), 1 + rng.below(k)),
        2 if k >= 3 => format!(
            "({} or {}) and {}",
            atoms[0],
            atoms[1],
            atoms[2..].join(" and ")
        ),
        3 => format!("not ({})", atoms.join(" and ")),
        _ => atoms.join(" or "),
    }
}

/// Generates a valid rule file with about `questions` questions, deterministic for `seed`.
///
/// The result loads with [`crate::engine::RuleSet::load`]. Question ids are `s.g.nn` (section, group,
/// number); facts are `f_bool_*`, `f_months_*`, `f_level`, `f_circ`.
pub fn generate(questions: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(questions * 700);
    let groups = questions.div_ceil(GROUP_SIZE).max(1);
    let sections = groups.div_ceil(GROUPS_PER_SECTION);

    let _ = write!(
        out,
        r#"# Generated by case_assessor::engine::synth::generate({questions}, {seed}); not a real rule set.
format = 1

[meta]
id = "synth-{questions}-{seed}"
title = "Synthetic rule set ({questions} questions, seed {seed})"
publisher = "Case Assessor tests"
date = "2026"
version = "1"
source = "synthetic"
licence = "Generated text; no guidance is quoted."
covers = "A generated rule set with dense conditions, for benchmarks and property tests."

[[scale]]
id = "yes_no"
options = [
  {{ value = "yes", label = "Yes", polarity = "positive" }},
  {{ value = "no", label = "No", polarity = "negative" }},
]

[[scale]]
id = "rating"
options = [
  {{ value = "good", label = "Good", polarity = "positive" }},
  {{ value = "adequate", label = "Adequate" }},
  {{ value = "poor", label = "Poor", polarity = "negative" }},
  {{ value = "na", label = "N/A", polarity = "na" }},
]

[[scale]]
id = "level"
options = [
  {{ value = "low", label = "Low" }},
  {{ value = "medium", label = "Medium" }},
  {{ value = "high", label = "High" }},
]

[[scale]]
id = "circ"
options = [
  {{ value = "risk", label = "Significant risk to others" }},
  {{ value = "complex", label = "Complex circumstances" }},
  {{ value = "young", label = "Young adult" }},
  {{ value = "custody", label = "In custody" }},
]
"#
    );

    // Facts.
    let mut readable: Vec<Readable> = Vec::new();
    let fact = |out: &mut String, id: &str, ty: &str, extra: &str| {
        let _ = write!(
            out,
            "\n[[fact]]\nid = \"{id}\"\nlabel = \"Fact {id}?\"\ntype = \"{ty}\"\n{extra}quote = \"Generated.\"\nline = 1\n"
        );
    };
    for i in 0..4 {
        let id = format!("f_bool_{i}");
        fact(&mut out, &id, "bool", "");
        readable.push(Readable {
            name: id,
            ty: Ty::Bool,
        });
    }
    for i in 0..2 {
        let id = format!("f_months_{i}");
        fact(
            &mut out,
            &id,
            "number",
            "min = 0\nmax = 120\nunit = \"months\"\n",
        );
        readable.push(Readable {
            name: id,
            ty: Ty::Number,
        });
    }
    fact(&mut out, "f_level", "choice", "scale = \"level\"\n");
    readable.push(Readable {
        name: "f_level".into(),
        ty: Ty::Level,
    });
    fact(&mut out, "f_circ", "multi", "scale = \"circ\"\n");
    readable.push(Readable {
        name: "f_circ".into(),
        ty: Ty::Circ,
    });
    // A fact that applies only under another fact.
    out.push_str(
        "\n[[fact]]\nid = \"f_bool_dep\"\nlabel = \"Dependent fact?\"\ntype = \"bool\"\nquote = \"Generated.\"\nline = 1\n\n[[fact.applies]]\nwhen = \"f_bool_0\"\nquote = \"Generated.\"\nline = 1\n",
    );
    readable.push(Readable {
        name: "f_bool_dep".into(),
        ty: Ty::Bool,
    });
    let n_facts = readable.len();

    let mut made = 0;
    for s in 1..=sections {
        let _ = write!(
            out,
            "\n[[section]]\nid = \"s{s}\"\ntitle = \"Section {s}\"\nintro = \"Generated section {s}.\"\n"
        );
        if s > 1 && rng.chance(40) {
            let facts: Vec<&Readable> = readable[..n_facts].iter().collect();
            let when = condition(&mut rng, &facts, 2);
            let _ = write!(
                out,
                "\n[[section.applies]]\nwhen = \"{when}\"\nquote = \"Generated.\"\nline = {s}\n"
            );
        }
        let mut summaries = Vec::new();
        let first_group = (s - 1) * GROUPS_PER_SECTION + 1;
        let last_group = (s * GROUPS_PER_SECTION).min(groups);
        for g in first_group..=last_group {
            let gid = format!("g{g}");
            let _ = write!(
                out,
                "\n[[group]]\nid = \"{gid}\"\nsection = \"s{s}\"\ntitle = \"Key question {g}?\"\n"
            );
            if rng.chance(20) {
                let pool: Vec<&Readable> = readable.iter().collect();
                let when = condition(&mut rng, &pool, 2);
                let _ = write!(
                    out,
                    "\n[[group.applies]]\nwhen = \"{when}\"\nquote = \"Generated.\"\nline = {g}\n"
                );
            }
            let in_group = GROUP_SIZE.min(questions.saturating_sub(made)).max(2);
            let mut prompts_here: Vec<String> = Vec::new();
            for q in 1..=in_group {
                let id = format!("{s}.{g}.{q:02}");
                let is_summary = q == in_group;
                let (ty, ty_toml) = if is_summary {
                    (Ty::YesNo, "type = \"choice\"\nscale = \"yes_no\"\n")
                } else {
                    match rng.below(20) {
                        0..=10 => (Ty::YesNo, "type = \"choice\"\nscale = \"yes_no\"\n"),
                        11..=14 => (Ty::Rating, "type = \"choice\"\nscale = \"rating\"\n"),
                        15 => (Ty::Level, "type = \"choice\"\nscale = \"level\"\n"),
                        16 => (Ty::Circ, "type = \"multi\"\nscale = \"circ\"\n"),
                        17 => (Ty::Number, "type = \"number\"\nmin = 0\nmax = 100\n"),
                        _ => (Ty::Grid, "type = \"grid\"\nscale = \"yes_no\"\n"),
                    }
                };
                let kind = if is_summary {
                    "summary"
                } else if rng.chance(80) {
                    "prompt"
                } else {
                    "information"
                };
                let _ = write!(
                    out,
                    "\n[[question]]\nid = \"{id}\"\ngroup = \"{gid}\"\nkind = \"{kind}\"\ntext = \"Generated question {id}?\"\n{ty_toml}guidance = \"\"\"\nGuidance for {id}, with *emphasis*.\n\n- a bullet\n- another bullet\n\"\"\"\n"
                );
                if ty == Ty::Grid {
                    out.push_str(
                        "\n[[question.rows]]\nid = \"a\"\nlabel = \"Row a\"\n\n[[question.rows]]\nid = \"b\"\nlabel = \"Row b\"\n\n[[question.rows.applies]]\nwhen = \"f_bool_1\"\nquote = \"Generated.\"\nline = 1\n",
                    );
                }
                // Dense applicability: read several earlier questions (mostly nearby) and facts.
                if !is_summary && readable.len() > n_facts && rng.chance(85) {
                    let recent = readable.len().saturating_sub(30).max(n_facts);
                    let mut pool: Vec<&Readable> = readable[recent..].iter().collect();
                    pool.extend(readable[..n_facts].iter());
                    let conds = 1 + rng.below(2);
                    for _ in 0..conds {
                        let k = 2 + rng.below(3);
                        let when = condition(&mut rng, &pool, k);
                        let _ = write!(
                            out,
                            "\n[[question.applies]]\nwhen = \"{when}\"\nquote = \"Generated applicability.\"\nline = {}\n",
                            made + q
                        );
                    }
                }
                // Hints: on choice questions, suggesting a value of the question's own scale.
                if !is_summary && matches!(ty, Ty::YesNo | Ty::Rating) && rng.chance(50) {
                    let pool: Vec<&Readable> = readable.iter().rev().take(20).collect();
                    let k = 2 + rng.below(2);
                    let when = condition(&mut rng, &pool, k);
                    let suggest = if ty == Ty::YesNo {
                        ["yes", "no"][rng.below(2)]
                    } else {
                        RATINGS[rng.below(4)]
                    };
                    let _ = write!(
                        out,
                        "\n[[question.hints]]\nwhen = \"{when}\"\nsuggest = \"{suggest}\"\nquote = \"Generated hint.\"\nline = 1\n"
                    );
                }
                if is_summary {
                    out.push_str(
                        "\n[[question.hints]]\nquote = \"Weigh the answers above.\"\nline = 1\n",
                    );
                    let yes_no: Vec<&String> = prompts_here.iter().take(6).collect();
                    if yes_no.len() >= 2 {
                        let parts: Vec<String> =
                            yes_no.iter().map(|p| format!("{p} == 'no'")).collect();
                        let _ = write!(
                            out,
                            "\n[[question.hints]]\nwhen = \"count({}) >= 2\"\nsuggest = \"no\"\nquote = \"Generated summary hint.\"\nline = 1\n",
                            parts.join(", ")
                        );
                    }
                    summaries.push(id.clone());
                } else {
                    if ty == Ty::YesNo {
                        prompts_here.push(format!("[{id}]"));
                    }
                    readable.push(Readable {
                        name: format!("[{id}]"),
                        ty,
                    });
                }
            }
            made += in_group;
        }
        // A forcing rule on the section's summaries.
        if !summaries.is_empty() {
            let facts: Vec<&Readable> = readable[..n_facts].iter().collect();
            let when = condition(&mut rng, &facts, 2);
            let list: Vec<String> = summaries.iter().map(|s| format!("\"{s}\"")).collect();
            let _ = write!(
                out,
                "\n[[force]]\nsummaries = [{}]\nwhen = \"{when}\"\nanswer = \"no\"\nquote = \"Generated forcing rule.\"\nline = 1\n",
                list.join(", ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RuleSet;

    #[test]
    fn generated_rule_sets_load() {
        for (n, seed) in [(10, 1), (95, 2), (1000, 1), (250, 7)] {
            let text = generate(n, seed);
            let rs = RuleSet::load("synth.toml", &text).unwrap_or_else(|r| panic!("{r}"));
            let questions = rs.items.iter().filter(|i| i.section.is_some()).count();
            assert!(questions >= n && questions <= n + 20, "{n}: {questions}");
        }
    }

    #[test]
    fn same_seed_same_text() {
        assert_eq!(generate(100, 3), generate(100, 3));
        assert_ne!(generate(100, 3), generate(100, 4));
    }
}
