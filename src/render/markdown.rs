//! Markdown: the rule documentation pages (`docs/rules/*.md`, `rules -o markdown`).

use std::io::{self, Write};

use crate::rules::{RULES, Rule};

fn paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One rule's page.
pub fn rule_doc_string(rule: &Rule) -> String {
    format!(
        "# {code} {name}\n\n\
         Default severity: **{severity}**. Fixable by `kubectl density apply-overcommit`: **{fixable}**.\n\n\
         {summary}\n\n\
         ## Why\n\n{why}\n\n\
         ## Example\n\n```yaml\n{example}```\n\n\
         ## Fix\n\n{fix}\n\n\
         ## Memory at stake\n\n{memory}\n",
        code = rule.code,
        name = rule.name,
        severity = rule.severity,
        fixable = if rule.fixable { "yes" } else { "no" },
        summary = paragraph(rule.doc.summary),
        why = paragraph(rule.doc.why),
        example = rule.doc.example,
        fix = paragraph(rule.doc.fix),
        memory = paragraph(rule.doc.memory),
    )
}

/// Writes one rule's page.
pub fn rule_doc(out: &mut impl Write, rule: &Rule) -> io::Result<()> {
    out.write_all(rule_doc_string(rule).as_bytes())
}

/// The index page: a table of every rule.
pub fn rule_index_string() -> String {
    let mut text = String::from(
        "# Rules\n\nGenerated from the rule registry (`kubectl density rules -o markdown`); do not edit.\n\n\
         | code | name | default severity | fixable |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        text.push_str(&format!(
            "| [{code}]({code}.md) | {name} | {severity} | {fixable} |\n",
            code = rule.code,
            name = rule.name,
            severity = rule.severity,
            fixable = if rule.fixable { "yes" } else { "no" },
        ));
    }
    text
}
