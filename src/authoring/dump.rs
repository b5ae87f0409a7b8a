//! The checked rule set as JSON, for authors and reviewers (`rules dump`).
//!
//! Takes a [`RuleSet`]; gives a JSON value naming everything by id (never by index): metadata with the
//! source document, facts, and every section, group and question with its kind, text, scale,
//! applicability and hints, plus the forcing rules.

use crate::engine::model::*;
use serde_json::{json, Value};

fn conds(rules: &RuleSet, cs: &[CondIx]) -> Value {
    Value::Array(cs.iter().map(|c| cond(rules, *c)).collect())
}

fn cond(rules: &RuleSet, c: CondIx) -> Value {
    let c = &rules.conds[c];
    json!({ "when": c.expr.to_string(), "quote": c.quote, "line": c.line })
}

fn answer(rules: &RuleSet, a: &AnswerType) -> Value {
    let scale = |s: &ScaleIx| {
        let s = &rules.scales[*s];
        json!({ "id": s.id, "options": s.options })
    };
    match a {
        AnswerType::Bool => json!({ "type": "bool" }),
        AnswerType::Choice { scale: s, other } => {
            json!({ "type": "choice", "scale": scale(s), "other": other })
        }
        AnswerType::Multi {
            scale: s,
            max_choices,
            named,
        } => {
            json!({ "type": "multi", "scale": scale(s), "max_choices": max_choices, "named": named })
        }
        AnswerType::Grid { scale: s, rows } => {
            let rows = match rows {
                Rows::Fixed(rs) => json!(rs.iter().map(|r| json!({ "id": r.id, "label": r.label, "applies": conds(rules, &r.applies), "options": r.options })).collect::<Vec<_>>()),
                Rows::From(src) => json!({ "from": rules.items[*src].id }),
            };
            json!({ "type": "grid", "scale": scale(s), "rows": rows })
        }
        AnswerType::Number { min, max, unit } => {
            json!({ "type": "number", "min": min, "max": max, "unit": unit })
        }
        AnswerType::Date => json!({ "type": "date" }),
        AnswerType::Text => json!({ "type": "text" }),
    }
}

fn item(rules: &RuleSet, i: &Item) -> Value {
    let hints: Vec<Value> = i
        .hints
        .iter()
        .map(|h| json!({ "when": h.when.map(|c| rules.conds[c].expr.to_string()), "suggest": h.suggest, "quote": h.quote, "line": h.line }))
        .collect();
    let mut v = json!({
        "id": i.id, "kind": i.kind, "text": i.text, "answer": answer(rules, &i.answer),
        "applies": conds(rules, &i.applies), "hints": hints, "guidance": i.guidance,
    });
    if !i.guidance_more.is_empty() {
        v["guidance_more"] = json!(i.guidance_more);
    }
    if i.id_inferred {
        v["id_inferred"] = json!(true);
    }
    if i.optional {
        v["optional"] = json!(true);
    }
    if i.kind == Kind::Summary {
        v["weighs"] = json!(i
            .weighs
            .iter()
            .map(|w| &rules.items[*w].id)
            .collect::<Vec<_>>());
    }
    if let Some(w) = i.weight {
        v["weight"] = json!(rules.weights[w].id);
    }
    if let Some(b) = i.beside {
        v["beside"] = json!(rules.items[b].id);
    }
    if let Some(SourceQuote { quote, line }) = &i.source {
        v["source"] = json!({ "quote": quote, "line": line });
    }
    v
}

/// The whole rule set as JSON.
pub fn dump(rules: &RuleSet) -> Value {
    let sections: Vec<Value> = rules
        .sections
        .iter()
        .map(|s| {
            let groups: Vec<Value> = s
                .groups
                .iter()
                .map(|g| {
                    let g = &rules.groups[*g];
                    json!({ "id": g.id, "title": g.title, "intro": g.intro, "applies": conds(rules, &g.applies),
                            "questions": g.items.iter().map(|i| item(rules, &rules.items[*i])).collect::<Vec<_>>() })
                })
                .collect();
            let loose: Vec<Value> = s.items.iter().filter(|i| rules.items[**i].group.is_none()).map(|i| item(rules, &rules.items[*i])).collect();
            json!({ "id": s.id, "title": s.title, "intro": s.intro, "applies": conds(rules, &s.applies), "questions": loose, "groups": groups })
        })
        .collect();
    let forces: Vec<Value> = rules
        .forces
        .iter()
        .map(|f| json!({ "summaries": f.summaries.iter().map(|s| &rules.items[*s].id).collect::<Vec<_>>(),
                         "when": rules.conds[f.when].expr.to_string(), "answer": f.answer, "quote": f.quote, "line": f.line }))
        .collect();
    json!({
        "meta": rules.meta, "hash": rules.hash,
        "counts": {
            "sections": rules.sections.len(), "groups": rules.groups.len(),
            "questions": rules.items.iter().filter(|i| i.kind != Kind::Fact).count(),
            "facts": rules.facts().count(), "conditions": rules.conds.len(), "forces": rules.forces.len(),
            "hints": rules.items.iter().map(|i| i.hints.len()).sum::<usize>(),
        },
        "facts": rules.facts().map(|(_, f)| item(rules, f)).collect::<Vec<_>>(),
        "sections": sections,
        "forces": forces,
        "weights": rules.weights.iter().collect::<Vec<_>>(),
    })
}
