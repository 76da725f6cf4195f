//! `kubectl density rules [RULE]`: the rule table, or one rule's documentation.

use std::io::Write;

use anyhow::{Result, bail};

use super::exit;
use crate::cli::{RulesArgs, RulesFormat};
use crate::render;
use crate::rules;

pub fn run(args: &RulesArgs, out: &mut impl Write) -> Result<u8> {
    match &args.rule {
        None => match args.output {
            RulesFormat::Text => render::text::rule_list(out)?,
            RulesFormat::Json => render::json::rule_list(out)?,
            RulesFormat::Markdown => {
                out.write_all(render::markdown::rule_index_string().as_bytes())?
            }
        },
        Some(id) => {
            let Some(rule) = rules::find(id) else {
                bail!("unknown rule '{id}': `kubectl density rules` lists them");
            };
            match args.output {
                RulesFormat::Text => render::text::rule_doc(out, rule)?,
                RulesFormat::Markdown => render::markdown::rule_doc(out, rule)?,
                RulesFormat::Json => bail!("-o json lists all rules; use it without a rule name"),
            }
        }
    }
    Ok(exit::SUCCESS)
}
