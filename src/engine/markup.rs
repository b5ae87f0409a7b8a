//! Guidance markup: a small, safe subset rendered by the app's own code, never as HTML.
//!
//! Takes guidance text; gives [`Block`]s of [`Inline`]s. Paragraphs are separated by blank lines;
//! lines starting with `- ` or `* ` are bullets (an indented line continues the bullet above);
//! `*emphasis*`, `**strong**` and `[text](https://...)` links. Everything else is plain text, so
//! `<script>` in a rule file or an import shows as the characters it is.

/// A block of guidance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A bulleted list; each item is a run of inlines.
    List(Vec<Vec<Inline>>),
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// plain text
    Text(String),
    /// `*emphasis*`
    Em(String),
    /// `**strong**`
    Strong(String),
    /// `[text](href)`, only for https, http and mailto targets
    Link {
        /// link text
        text: String,
        /// target
        href: String,
    },
}

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("• "))
}

/// Parses guidance markup.
pub fn parse(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Para(inlines(&para.join(" "))));
            para.clear();
        }
    };
    let flush_list = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(items.iter().map(|i| inlines(i)).collect()));
            items.clear();
        }
    };
    for line in src.lines() {
        if line.trim().is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut items, &mut blocks);
        } else if let Some(b) = bullet(line) {
            flush_para(&mut para, &mut blocks);
            items.push(b.trim().to_string());
        } else if !items.is_empty() && line.starts_with([' ', '\t']) {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            flush_list(&mut items, &mut blocks);
            para.push(line.trim());
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut items, &mut blocks);
    blocks
}

fn safe_href(h: &str) -> bool {
    let l = h.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://") || l.starts_with("mailto:"))
        && !h.contains(char::is_whitespace)
}

/// Parses one run of text into inlines.
pub fn inlines(s: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let push_text = |text: &mut String, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(Inline::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(n) = rest[1..]
                .chars()
                .next()
                .filter(|n| matches!(n, '*' | '[' | ']' | '\\'))
            {
                text.push(n);
                rest = &rest[1 + n.len_utf8()..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**").filter(|e| *e > 0) {
                push_text(&mut text, &mut out);
                out.push(Inline::Strong(after[..end].to_string()));
                rest = &after[end + 2..];
                continue;
            }
        } else if let Some(after) = rest.strip_prefix('*') {
            if let Some(end) = after
                .find('*')
                .filter(|e| *e > 0 && !after.starts_with(' '))
            {
                push_text(&mut text, &mut out);
                out.push(Inline::Em(after[..end].to_string()));
                rest = &after[end + 1..];
                continue;
            }
        } else if let Some(after) = rest.strip_prefix('[') {
            if let Some(close) = after.find("](") {
                if let Some(end) = after[close + 2..].find(')') {
                    let href = &after[close + 2..close + 2 + end];
                    if safe_href(href) && close > 0 {
                        push_text(&mut text, &mut out);
                        out.push(Inline::Link {
                            text: after[..close].to_string(),
                            href: href.to_string(),
                        });
                        rest = &after[close + 2 + end + 1..];
                        continue;
                    }
                }
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push_text(&mut text, &mut out);
    out
}

/// The markup as plain text (for search and CSV).
pub fn plain(src: &str) -> String {
    parse(src)
        .iter()
        .map(|b| match b {
            Block::Para(i) => plain_inlines(i),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}", plain_inlines(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn plain_inlines(i: &[Inline]) -> String {
    i.iter()
        .map(|x| match x {
            Inline::Text(t) | Inline::Em(t) | Inline::Strong(t) => t.clone(),
            Inline::Link { text, .. } => text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_inlines() {
        let b = parse("First line\ncontinues.\n\n- one *em*\n  more\n- **two** [link](https://x.org/a)\n\nLast <b>x</b>");
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0],
            Block::Para(vec![Inline::Text("First line continues.".into())])
        );
        assert_eq!(
            b[1],
            Block::List(vec![
                vec![
                    Inline::Text("one ".into()),
                    Inline::Em("em".into()),
                    Inline::Text(" more".into())
                ],
                vec![
                    Inline::Strong("two".into()),
                    Inline::Text(" ".into()),
                    Inline::Link {
                        text: "link".into(),
                        href: "https://x.org/a".into()
                    }
                ],
            ])
        );
        assert_eq!(
            b[2],
            Block::Para(vec![Inline::Text("Last <b>x</b>".into())])
        );
    }

    #[test]
    fn unsafe_links_stay_text() {
        assert_eq!(
            inlines("[x](javascript:alert(1))"),
            vec![Inline::Text("[x](javascript:alert(1))".into())]
        );
    }

    #[test]
    fn lone_stars_are_text() {
        assert_eq!(
            inlines("5 * 3 and a*"),
            vec![Inline::Text("5 * 3 and a*".into())]
        );
    }
}
