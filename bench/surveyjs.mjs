// Translates a rule set (the JSON of `rules dump`) into an equivalent SurveyJS survey, for the
// side-by-side benchmark. See docs/benchmarks.md ("The SurveyJS form") for the mapping.
//
// - Every case fact and question becomes a SurveyJS question (choice: radiogroup with the same
//   choices; multi: checkbox; grid: matrix with the same rows and columns; number: text input of
//   type number; bool: boolean); facts on a first page, each section a page, each group a panel.
// - Applicability becomes `visibleIf`. Our conditions are three-valued (a condition that reads an
//   unanswered or not applicable item is undecided; an item applies unless one of its conditions,
//   or one of its section's or group's, is definitely false), so each condition is compiled twice:
//   T(c), "c definitely holds", and F(c), "c definitely fails", and visibleIf is the conjunction of
//   !(F(c)). A reference reads the answer only while the item read applies (an excluded answer is
//   kept but read as unanswered): every atom reading an item that has conditions is guarded by
//   `applies('name')`, a function registered with SurveyJS (see APPLIES below) that gives the
//   question's visibility, and the survey keeps hidden answers (`clearInvisibleValues: "none"`).
//   SurveyJS's own element property reference `{$name.isVisible}` (since 2.5.15) means the same but
//   walks every element of the survey on each read (`getAllPanels`), about 3.5 s per answer on the
//   1,000-question form, so the benchmark does not use it.
// - Hints become html elements shown when the question applies and T(when) holds, with a second
//   one saying the answer differs from the suggestion; forcing rules likewise, next to each summary
//   they name; each summary's tally is four expression questions (positive, negative, not
//   applicable, not answered) counting the questions it weighs by the same rules as the engine;
//   progress (answered and total of applicable questions per section) is a pair of calculated
//   values per section.
//
// Requires every condition to read only items written before the item it belongs to (true of
// `rules synth` output): SurveyJS evaluates visibleIf in document order in one pass. With
// `{ forward: true }` the check is skipped (used only to time SurveyJS's start on a shipped rule set
// whose conditions read later items, where a forward read may see the visibility of the previous pass).
//
// `{ idiomatic: true }` gives what a SurveyJS author would write instead: each condition translated
// once, two-valued (a comparison with an unanswered question is false, so an item whose condition reads
// an unanswered question is hidden, where ours applies), no `applies()` guards (a hidden question's
// answer is still read, where ours reads it as unanswered), hints shown when their question is shown
// and their condition holds, tallies counting answers by polarity without visibility guards, no
// progress values (SurveyJS's own progress bar would be used). Its results differ from ours wherever
// a condition reads an unanswered or not applicable item; the benchmark counts those steps.

/**
 * Registers the function `applies(name)` (the question's current visibility, found through the
 * survey's name index) with a SurveyJS `FunctionFactory`. Conditions only read earlier questions, and
 * SurveyJS runs visibleIf in document order, so it reads the visibility of this run.
 */
export function registerApplies(Survey) {
  Survey.FunctionFactory.Instance.register('applies', function (params) {
    const q = this.survey.getQuestionByName(params[0]);
    return !!q && q.isVisible;
  });
}

/** SurveyJS question name of an item id (SurveyJS reads '.' in a name as a path). */
export const nameOf = (id, isFact) => (isFact ? id : 'q_' + id.replace(/[^A-Za-z0-9]/g, '_'));

// ---- the condition language (canonical form printed by `rules dump`) ----

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'answered', 'contains', 'true', 'false', 'any', 'all', 'count']);

function tokenize(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '[') {
      const j = src.indexOf(']', i);
      out.push({ t: 'qref', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "'" || c === '"') {
      const j = src.indexOf(c, i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      out.push(KEYWORDS.has(m[0]) ? { t: m[0] } : { t: 'ident', v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '<=', '>='].includes(two)) { out.push({ t: 'op', v: two }); i += 2; }
      else if (c === '<' || c === '>') { out.push({ t: 'op', v: c }); i++; }
      else if ('(),.'.includes(c)) { out.push({ t: c }); i++; }
      else throw new Error(`unexpected '${c}' in ${src}`);
    }
  }
  return out;
}

/** Parses a condition into a small AST: {k: 'or'|'and'|'not'|'cmp'|'in'|'contains'|'answered'|'call'|'ref'|'lit', ...}. */
export function parseCond(src) {
  const toks = tokenize(src);
  let p = 0;
  const peek = (o = 0) => toks[p + o]?.t;
  const eat = (t) => {
    if (peek() !== t) throw new Error(`expected ${t} at ${p} in ${src}`);
    return toks[p++];
  };
  const orE = () => { let a = andE(); while (peek() === 'or') { p++; a = { k: 'or', a, b: andE() }; } return a; };
  const andE = () => { let a = notE(); while (peek() === 'and') { p++; a = { k: 'and', a, b: notE() }; } return a; };
  const notE = () => (peek() === 'not' ? (p++, { k: 'not', e: notE() }) : test());
  const lit = () => {
    const t = toks[p++];
    if (t.t === 'str' || t.t === 'num') return t.v;
    if (t.t === 'true' || t.t === 'false') return t.t === 'true';
    throw new Error(`expected a literal in ${src}`);
  };
  const operand = () => {
    const t = peek();
    if (t === '(') { p++; const e = orE(); eat(')'); return e; }
    if (t === 'qref' || t === 'ident') {
      const tok = toks[p++];
      const r = { k: 'ref', id: tok.v, fact: tok.t === 'ident', row: null };
      if (peek() === '.') { p++; r.row = toks[p++].v; }
      return r;
    }
    if (t === 'any' || t === 'all' || t === 'count') {
      p++; eat('(');
      const args = [orE()];
      while (peek() === ',') { p++; args.push(orE()); }
      eat(')');
      return { k: 'call', f: t, args };
    }
    return { k: 'lit', v: lit() };
  };
  const test = () => {
    const a = operand();
    if (peek() === 'op') return { k: 'cmp', op: toks[p++].v, a, b: operand() };
    if (peek() === 'in' || (peek() === 'not' && peek(1) === 'in')) {
      const negated = peek() === 'not';
      p += negated ? 2 : 1;
      eat('(');
      const list = [lit()];
      while (peek() === ',') { p++; list.push(lit()); }
      eat(')');
      return { k: 'in', e: a, list, negated };
    }
    if (peek() === 'contains') { p++; return { k: 'contains', e: a, v: lit() }; }
    if (peek() === 'is') {
      p++;
      const negated = peek() === 'not';
      if (negated) p++;
      eat('answered');
      return { k: 'answered', e: a, negated };
    }
    return a;
  };
  const e = orE();
  if (p !== toks.length) throw new Error(`trailing tokens in ${src}`);
  return e;
}

// ---- translation ----

const q = (v) => (typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : String(v));
const NEG = { '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const SJ = { '==': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const all = (xs) => (xs.length === 0 ? 'true' : xs.length === 1 ? xs[0] : `(${xs.join(' and ')})`);
const any = (xs) => (xs.length === 0 ? 'false' : xs.length === 1 ? xs[0] : `(${xs.join(' or ')})`);

/**
 * Builds the SurveyJS survey JSON for a dumped rule set. Returns { survey, items } where items maps
 * each fact and question id to { name, type, scale, section }.
 */
export function toSurvey(dump, { idiomatic = false, forward = false } = {}) {
  const items = new Map(); // id -> info
  const order = new Map(); // id -> position
  const sectionOf = new Map();
  let pos = 0;
  const register = (it, isFact, section, group) => {
    const info = { id: it.id, name: nameOf(it.id, isFact), isFact, answer: it.answer, applies: it.applies, section, group, pos: pos++, kind: it.kind, optional: !!it.optional };
    if (items.has(it.id)) throw new Error(`duplicate id ${it.id}`);
    items.set(it.id, info);
    order.set(it.id, info.pos);
    sectionOf.set(it.id, section);
    return info;
  };
  for (const f of dump.facts) register(f, true, null, null);
  for (const s of dump.sections) {
    for (const it of s.questions) register(it, false, s, null);
    for (const g of s.groups) for (const it of g.questions) register(it, false, s, g);
  }
  const names = new Set([...items.values()].map((i) => i.name));
  if (names.size !== items.size) throw new Error('question names collide');

  // Parsed conditions of an item, with its section's and group's (all must not fail for it to apply).
  const parsed = new Map();
  const pc = (c) => { if (!parsed.has(c)) parsed.set(c, parseCond(c)); return parsed.get(c); };
  const condsOf = (info) => [
    ...(info.section?.applies ?? []), ...(info.group?.applies ?? []), ...info.applies,
  ].map((c) => pc(c.when));
  /** The guard "this item applies", or 'true' when it always does. */
  const appliesGuard = (info) => (idiomatic || condsOf(info).length === 0 ? null : `applies('${info.name}')`);

  let current = null; // the item whose conditions are being translated (for the order check)
  const refInfo = (r) => {
    const info = items.get(r.id);
    if (!info) throw new Error(`unknown reference ${r.id}`);
    if (current && !forward && !idiomatic && info.pos >= current.pos) throw new Error(`${current.id} reads ${r.id}, which is not earlier`);
    return info;
  };
  /** [known, valueExpr] of a reference: known = "applies and answered". */
  const refParts = (r) => {
    const info = refInfo(r);
    const guards = [];
    const g = appliesGuard(info);
    if (g) guards.push(g);
    let v = `{${info.name}}`;
    if (r.row) {
      const row = info.answer.rows.find((x) => x.id === r.row);
      for (const c of row.applies) guards.push(`!(${F(pc(c.when))})`);
      v = `{${info.name}.${r.row}}`;
    }
    guards.push(`${v} notempty`);
    return [all(guards), v];
  };
  const count = (args) => `(${args.map((a) => `iif(${T(a)}, 1, 0)`).join(' + ')})`;
  const cmp = (e, neg) => {
    const op = neg ? NEG[e.op] : e.op;
    const side = (x) => (x.k === 'ref' ? refParts(x) : x.k === 'call' ? [null, count(x.args)] : [null, q(x.v)]);
    const [ka, va] = side(e.a);
    const [kb, vb] = side(e.b);
    return all([ka, kb, `${va} ${SJ[op]} ${vb}`].filter(Boolean));
  };
  function T(e) {
    switch (e.k) {
      case 'lit': return e.v === true ? 'true' : 'false';
      case 'ref': { const [k, v] = refParts(e); return all([k, `${v} = true`]); }
      case 'not': return F(e.e);
      case 'and': return all([T(e.a), T(e.b)]);
      case 'or': return any([T(e.a), T(e.b)]);
      case 'cmp': return cmp(e, false);
      case 'in': {
        const [k, v] = refParts(e.e);
        return all([k, e.negated ? all(e.list.map((l) => `${v} <> ${q(l)}`)) : any(e.list.map((l) => `${v} = ${q(l)}`))]);
      }
      case 'contains': { const [k, v] = refParts(e.e); return all([k, `${v} contains ${q(e.v)}`]); }
      case 'answered': { const [k] = refParts(e.e); return e.negated ? `!(${k})` : k; }
      case 'call':
        if (e.f === 'any') return any(e.args.map(T));
        if (e.f === 'all') return all(e.args.map(T));
        throw new Error('count(...) is not a condition');
      default: throw new Error(`cannot translate ${e.k}`);
    }
  }
  function F(e) {
    switch (e.k) {
      case 'lit': return e.v === false ? 'true' : 'false';
      case 'ref': { const [k, v] = refParts(e); return all([k, `${v} = false`]); }
      case 'not': return T(e.e);
      case 'and': return any([F(e.a), F(e.b)]);
      case 'or': return all([F(e.a), F(e.b)]);
      case 'cmp': return cmp(e, true);
      case 'in': {
        const [k, v] = refParts(e.e);
        return all([k, e.negated ? any(e.list.map((l) => `${v} = ${q(l)}`)) : all(e.list.map((l) => `${v} <> ${q(l)}`))]);
      }
      case 'contains': { const [k, v] = refParts(e.e); return all([k, `${v} notcontains ${q(e.v)}`]); }
      case 'answered': { const [k] = refParts(e.e); return e.negated ? k : `!(${k})`; }
      case 'call':
        if (e.f === 'any') return all(e.args.map(F));
        if (e.f === 'all') return any(e.args.map(F));
        throw new Error('count(...) is not a condition');
      default: throw new Error(`cannot translate ${e.k}`);
    }
  }
  /** The idiomatic, two-valued translation: one expression per condition, no guards. */
  function P(e) {
    const side = (x) => (x.k === 'ref' ? `{${refInfo(x).name}${x.row ? '.' + x.row : ''}}` : x.k === 'call' ? `(${x.args.map((a) => `iif(${P(a)}, 1, 0)`).join(' + ')})` : q(x.v));
    switch (e.k) {
      case 'lit': return e.v === true ? 'true' : 'false';
      case 'ref': return `${side(e)} = true`;
      case 'not': return `!(${P(e.e)})`;
      case 'and': return all([P(e.a), P(e.b)]);
      case 'or': return any([P(e.a), P(e.b)]);
      case 'cmp': return `${side(e.a)} ${SJ[e.op]} ${side(e.b)}`;
      case 'in': return e.negated ? all(e.list.map((l) => `${side(e.e)} <> ${q(l)}`)) : any(e.list.map((l) => `${side(e.e)} = ${q(l)}`));
      case 'contains': return `${side(e.e)} contains ${q(e.v)}`;
      case 'answered': return `${side(e.e)} ${e.negated ? 'empty' : 'notempty'}`;
      case 'call':
        if (e.f === 'any') return any(e.args.map(P));
        if (e.f === 'all') return all(e.args.map(P));
        throw new Error('count(...) is not a condition');
      default: throw new Error(`cannot translate ${e.k}`);
    }
  }
  const notFails = (conds) => (idiomatic ? all(conds.map(P)) : all(conds.map((c) => `!(${F(c)})`)));
  const holds = (c) => (idiomatic ? P(c) : T(c));

  const choices = (scale) => scale.options.map((o) => ({ value: o.value, text: o.label }));
  const label = (scale, v) => scale?.options.find((o) => o.value === v)?.label ?? v;

  function element(it) {
    const info = items.get(it.id);
    current = info;
    const conds = condsOf(info);
    const base = {
      name: info.name,
      title: info.isFact ? it.text : `${it.id} ${it.text}`,
      description: it.guidance || undefined,
    };
    if (conds.length) base.visibleIf = notFails(conds);
    const a = it.answer;
    let el;
    switch (a.type) {
      case 'choice': el = { type: 'radiogroup', ...base, choices: choices(a.scale) }; break;
      case 'multi': el = { type: 'checkbox', ...base, choices: choices(a.scale) }; break;
      case 'bool': el = { type: 'boolean', ...base }; break;
      case 'number': el = { type: 'text', inputType: 'number', ...base, min: a.min ?? undefined, max: a.max ?? undefined }; break;
      case 'date': el = { type: 'text', inputType: 'date', ...base }; break;
      case 'text': el = { type: 'comment', ...base }; break;
      case 'grid': {
        if (!Array.isArray(a.rows)) throw new Error(`${it.id}: rows taken from another answer are not translated`);
        el = {
          type: 'matrix', ...base, columns: choices(a.scale),
          rows: a.rows.map((r) => ({ value: r.id, text: r.label, ...(r.applies.length ? { visibleIf: notFails(r.applies.map((c) => pc(c.when))) } : {}) })),
        };
        break;
      }
      default: throw new Error(`${it.id}: unknown type ${a.type}`);
    }
    const out = [el];
    const g = idiomatic ? (base.visibleIf ?? 'true') : (appliesGuard(info) ?? 'true');
    // Hints: shown when the question applies and the condition holds (a reminder without a condition always).
    it.hints.forEach((h, k) => {
      const when = h.when ? holds(pc(h.when)) : null;
      const active = all([g, when].filter((x) => x && x !== 'true'));
      const head = h.suggest ? `Suggested answer: ${label(a.scale, h.suggest)}` : 'Reminder';
      out.push({ type: 'html', name: `hint_${info.name}_${k}`, visibleIf: active === 'true' ? undefined : active,
        html: `<div class="hint"><p><strong>${head}</strong></p><p>\u201c${h.quote}\u201d (seed line ${h.line})</p></div>` });
      if (h.suggest) {
        out.push({ type: 'html', name: `hintdiff_${info.name}_${k}`, visibleIf: all([active, `{${info.name}} notempty`, `{${info.name}} <> ${q(h.suggest)}`].filter((x) => x !== 'true')),
          html: '<p>Your answer differs from the suggestion.</p>' });
      }
    });
    if (it.kind === 'summary') {
      // Forcing rules naming this summary.
      (dump.forces ?? []).forEach((f, k) => {
        if (!f.summaries.includes(it.id) && !f.summaries.includes('*')) return;
        const forced = holds(pc(f.when));
        out.push({ type: 'html', name: `force_${info.name}_${k}`, visibleIf: forced,
          html: `<div class="force"><strong>The guidance says this judgement must be \u201c${label(a.scale, f.answer)}\u201d: \u201c${f.quote}\u201d (seed line ${f.line}).</strong></div>` });
        out.push({ type: 'html', name: `forcediff_${info.name}_${k}`, visibleIf: all([forced, `{${info.name}} notempty`, `{${info.name}} <> ${q(f.answer)}`]),
          html: '<p>Your answer differs.</p>' });
      });
      // The tally: the engine's rules (evaluate.rs `tally`) as sums of iif(...).
      const parts = { pos: [], neg: [], na: [], un: [] };
      for (const wid of it.weighs) {
        const w = items.get(wid);
        const vis = appliesGuard(w) ?? 'true';
        const v = `{${w.name}}`;
        const wa = w.answer;
        const pol = (p) => (wa.scale?.options ?? []).filter((o) => o.polarity === p).map((o) => o.value);
        if (wa.type === 'choice') {
          const is = (vals) => any(vals.map((x) => `${v} = ${q(x)}`));
          parts.pos.push(all([vis, is(pol('positive'))]));
          parts.neg.push(all([vis, is(pol('negative'))]));
          parts.na.push(vis === 'true' ? is(pol('na')) : any([`!(${vis})`, is(pol('na'))]));
          parts.un.push(all([vis, `${v} empty`]));
        } else if (wa.type === 'grid') {
          const rowVis = (r) => (r.applies.length ? notFails(r.applies.map((c) => pc(c.when))) : 'true');
          const answered = all(wa.rows.map((r) => (rowVis(r) === 'true' ? `{${w.name}.${r.id}} notempty` : any([`!(${rowVis(r)})`, `{${w.name}.${r.id}} notempty`]))));
          const each = (r, vals) => any([`{${w.name}.${r.id}} empty`, ...vals.map((x) => `{${w.name}.${r.id}} = ${q(x)}`)]);
          const anyNeg = any(wa.rows.flatMap((r) => pol('negative').map((x) => `{${w.name}.${r.id}} = ${q(x)}`)));
          parts.pos.push(all([vis, answered, `!(${anyNeg})`, ...wa.rows.map((r) => each(r, pol('positive')))]));
          parts.neg.push(all([vis, answered, anyNeg]));
          parts.na.push(vis === 'true' ? 'false' : `!(${vis})`);
          parts.un.push(all([vis, `!(${answered})`]));
        } else {
          parts.na.push(vis === 'true' ? 'false' : `!(${vis})`);
          parts.un.push(all([vis, `${v} empty`]));
        }
      }
      const sum = (xs) => (xs.length ? xs.map((x) => `iif(${x}, 1, 0)`).join(' + ') : '0');
      for (const [k, title] of [['pos', 'Positive'], ['neg', 'Negative'], ['na', 'Not applicable'], ['un', 'Not answered']]) {
        out.push({ type: 'expression', name: `tally_${info.name}_${k}`, title, expression: sum(parts[k]) });
      }
    }
    current = null;
    return out;
  }

  const pages = [{ name: 'facts', title: 'Case facts', elements: dump.facts.flatMap(element) }];
  const calculatedValues = [];
  for (const s of dump.sections) {
    const elements = [];
    if (s.applies.length) {
      elements.push({ type: 'html', name: `na_${s.id}`, visibleIf: `!(${notFails(s.applies.map((c) => pc(c.when)))})`,
        html: '<div class="na"><strong>Not applicable</strong>: this section does not apply to this case.</div>' });
    }
    elements.push(...s.questions.flatMap(element));
    for (const g of s.groups) {
      elements.push({ type: 'panel', name: `g_${g.id.replace(/[^A-Za-z0-9]/g, '_')}`, title: g.title, elements: g.questions.flatMap(element) });
    }
    pages.push({ name: `s_${s.id.replace(/[^A-Za-z0-9]/g, '_')}`, title: s.title, elements });
    // Progress of the section: applicable questions that must be answered, and those answered.
    const qs = [...s.questions, ...s.groups.flatMap((g) => g.questions)].map((it) => items.get(it.id)).filter((i) => !i.optional);
    const vis = (i) => appliesGuard(i) ?? 'true';
    const answered = (i) => (i.answer.type === 'grid'
      ? all(i.answer.rows.map((r) => (r.applies.length ? any([`!(${notFails(r.applies.map((c) => pc(c.when)))})`, `{${i.name}.${r.id}} notempty`]) : `{${i.name}.${r.id}} notempty`)))
      : `{${i.name}} notempty`);
    const sum = (xs) => xs.map((x) => `iif(${x}, 1, 0)`).join(' + ') || '0';
    const sid = s.id.replace(/[^A-Za-z0-9]/g, '_');
    if (idiomatic) continue;
    calculatedValues.push({ name: `progress_${sid}_total`, expression: sum(qs.map(vis)) });
    calculatedValues.push({ name: `progress_${sid}_answered`, expression: sum(qs.map((i) => all([vis(i), answered(i)]))) });
  }
  const survey = {
    title: dump.meta.title,
    // Idiomatic: SurveyJS's default ('onComplete'), which keeps hidden answers while the survey is filled in.
    ...(idiomatic ? {} : { clearInvisibleValues: 'none' }),
    showQuestionNumbers: 'off',
    checkErrorsMode: 'onComplete',
    pages,
    calculatedValues,
  };
  return { survey, items };
}
