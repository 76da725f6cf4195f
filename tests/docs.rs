//! `docs/rules/` is generated from the rule registry; this test fails when it is stale.
//! Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

use std::path::Path;

use kubectl_density::render::markdown::{rule_doc_string, rule_index_string};
use kubectl_density::rules::RULES;

fn check(path: &Path, expected: &str, stale: &mut Vec<String>) {
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    if actual != expected {
        stale.push(path.display().to_string());
    }
}

#[test]
fn rule_docs_are_generated_from_the_registry() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut stale = Vec::new();
    check(&dir.join("README.md"), &rule_index_string(), &mut stale);
    for rule in RULES {
        check(
            &dir.join(format!("{}.md", rule.code)),
            &rule_doc_string(rule),
            &mut stale,
        );
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name != "README.md" && !RULES.iter().any(|r| format!("{}.md", r.code) == *name)
        })
        .collect();
    assert!(
        extra.is_empty(),
        "docs/rules has pages for no rule: {extra:?}"
    );
    assert!(
        stale.is_empty(),
        "stale rule docs (run UPDATE_DOCS=1 cargo test --test docs): {stale:?}"
    );
}
