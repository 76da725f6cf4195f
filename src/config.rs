//! `.kubectl-density.yaml`: per-rule severities, the default `--fail-on`, and default model
//! settings. Flags win over it.
//!
//! [`Config::parse`] is pure; [`discover`] and [`load`] are the only functions that touch the
//! file system (finding the file in the current directory or a parent).

use std::path::{Path, PathBuf};

use crate::cli::FailOn;
use crate::diagnostic::Severity;
use crate::kubevirt::KubeVirtVersion;
use crate::kubevirt::model::{Arch, RolloutStrategy};
use crate::manifest::yaml::{Document, Node, parse_stream};
use crate::quantity::Quantity;
use crate::rules;

/// The config file's name.
pub const FILE_NAME: &str = ".kubectl-density.yaml";

/// A problem with the config file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid, at a known place.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: u32,
        column: u32,
        message: String,
    },
}

/// The model defaults a config file may set (all optional).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelDefaults {
    pub kubevirt_version: Option<KubeVirtVersion>,
    pub arch: Option<Arch>,
    pub memory_overcommit: Option<u32>,
    pub cpu_allocation_ratio: Option<u32>,
    pub rollout_strategy: Option<RolloutStrategy>,
    pub overhead_ratio: Option<String>,
    pub auto_limits_ratio: Option<String>,
    pub node_memory: Option<i64>,
    pub feature_gates: Vec<String>,
}

/// The parsed config file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where it was read from (for messages).
    pub path: Option<PathBuf>,
    /// Per-rule severity; `None` = off.
    pub rules: Vec<(&'static str, Option<Severity>)>,
    pub fail_on: Option<FailOn>,
    pub model: ModelDefaults,
}

struct Parser<'a> {
    path: &'a str,
}

impl Parser<'_> {
    fn error(&self, node: &Node, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_string(),
            line: node.span.start.line.max(1),
            column: node.span.start.column.max(1),
            message: message.into(),
        }
    }

    fn text<'n>(&self, node: &'n Node, what: &str) -> Result<&'n str, ConfigError> {
        node.as_scalar()
            .filter(|_| node.scalar_kind().is_some())
            .ok_or_else(|| self.error(node, format!("{what} must be a string")))
    }

    fn number(&self, node: &Node, what: &str) -> Result<u32, ConfigError> {
        node.as_i64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| self.error(node, format!("{what} must be a positive whole number")))
    }
}

impl Config {
    /// Parses config text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let parser = Parser { path };
        let mut config = Config::default();
        let root = match parse_stream(text).into_iter().next() {
            None | Some(Document::Parsed(None)) => return Ok(config),
            Some(Document::Parsed(Some(root))) => root,
            Some(Document::Invalid(error)) => {
                return Err(ConfigError::Invalid {
                    path: path.to_string(),
                    line: error.pos.line,
                    column: error.pos.column,
                    message: format!("invalid YAML: {}", error.message),
                });
            }
        };
        if root.is_null() {
            return Ok(config);
        }
        let entries = root
            .entries()
            .ok_or_else(|| parser.error(&root, "the config file must be a mapping"))?;
        for entry in entries {
            let key = entry.key.as_scalar().unwrap_or_default();
            match key {
                "rules" => config.rules = parse_rules(&parser, &entry.value)?,
                "failOn" => {
                    let text = parser.text(&entry.value, "failOn")?;
                    config.fail_on = Some(match text {
                        "error" => FailOn::Error,
                        "warning" => FailOn::Warning,
                        "info" => FailOn::Info,
                        "never" => FailOn::Never,
                        _ => {
                            return Err(parser.error(
                                &entry.value,
                                format!(
                                    "failOn '{text}' is not one of error, warning, info, never"
                                ),
                            ));
                        }
                    });
                }
                "model" => config.model = parse_model(&parser, &entry.value)?,
                other => {
                    return Err(parser.error(
                        &entry.key,
                        format!("unknown key '{other}' (expected rules, failOn or model)"),
                    ));
                }
            }
        }
        Ok(config)
    }
}

fn parse_rules(
    parser: &Parser<'_>,
    node: &Node,
) -> Result<Vec<(&'static str, Option<Severity>)>, ConfigError> {
    let mut rules = Vec::new();
    if node.is_null() {
        return Ok(rules);
    }
    let entries = node
        .entries()
        .ok_or_else(|| parser.error(node, "rules must map rule codes or names to a severity"))?;
    for entry in entries {
        let id = parser.text(&entry.key, "a rule")?;
        let rule = rules::find(id).ok_or_else(|| {
            parser.error(
                &entry.key,
                format!("unknown rule '{id}' (see `kubectl density rules`)"),
            )
        })?;
        // `off` is a YAML 1.1 boolean (false); accept it as the word it was meant to be.
        let level = match entry.value.as_bool() {
            Some(false) => "off",
            _ => parser.text(&entry.value, "a severity")?,
        };
        let severity = match level {
            "off" => None,
            other => Some(other.parse::<Severity>().map_err(|_| {
                parser.error(
                    &entry.value,
                    format!("severity '{other}' is not one of error, warning, info, off"),
                )
            })?),
        };
        rules.push((rule.code, severity));
    }
    Ok(rules)
}

fn parse_model(parser: &Parser<'_>, node: &Node) -> Result<ModelDefaults, ConfigError> {
    let mut model = ModelDefaults::default();
    if node.is_null() {
        return Ok(model);
    }
    let entries = node
        .entries()
        .ok_or_else(|| parser.error(node, "model must be a mapping"))?;
    for entry in entries {
        let value = &entry.value;
        match entry.key.as_scalar().unwrap_or_default() {
            "kubevirtVersion" => {
                let text = parser.text(value, "kubevirtVersion")?;
                model.kubevirt_version = Some(text.parse().map_err(
                    |e: crate::kubevirt::version::UnknownVersion| {
                        parser.error(value, e.to_string())
                    },
                )?);
            }
            "arch" => {
                let text = parser.text(value, "arch")?;
                model.arch = Some(text.parse().map_err(|e: String| parser.error(value, e))?);
            }
            "memoryOvercommit" => {
                model.memory_overcommit = Some(parser.number(value, "memoryOvercommit")?);
            }
            "cpuAllocationRatio" => {
                model.cpu_allocation_ratio = Some(parser.number(value, "cpuAllocationRatio")?);
            }
            "rolloutStrategy" => {
                let text = parser.text(value, "rolloutStrategy")?;
                model.rollout_strategy =
                    Some(text.parse().map_err(|e: String| parser.error(value, e))?);
            }
            "overheadRatio" => {
                model.overhead_ratio = Some(parser.text(value, "overheadRatio")?.to_string());
            }
            "autoLimitsRatio" => {
                model.auto_limits_ratio = Some(parser.text(value, "autoLimitsRatio")?.to_string());
            }
            "nodeMemory" => {
                let text = parser.text(value, "nodeMemory")?;
                let bytes = Quantity::parse(text)
                    .ok()
                    .filter(|q| !q.is_negative())
                    .and_then(|q| q.value())
                    .ok_or_else(|| {
                        parser.error(value, format!("nodeMemory '{text}' is not a quantity"))
                    })?;
                model.node_memory = Some(bytes);
            }
            "featureGates" => {
                let items = value
                    .items()
                    .ok_or_else(|| parser.error(value, "featureGates must be a list"))?;
                for item in items {
                    model
                        .feature_gates
                        .push(parser.text(item, "a feature gate")?.to_string());
                }
            }
            other => {
                return Err(parser.error(
                    &entry.key,
                    format!(
                        "unknown model key '{other}' (expected kubevirtVersion, arch, memoryOvercommit, cpuAllocationRatio, rolloutStrategy, overheadRatio, autoLimitsRatio, nodeMemory, featureGates)"
                    ),
                ));
            }
        }
    }
    Ok(model)
}

/// Finds `.kubectl-density.yaml` in `start` or its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Loads the config: the explicit path, else the discovered file, else defaults.
pub fn load(explicit: Option<&str>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::current_dir().ok().and_then(|dir| discover(&dir)),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Unreadable {
        path: shown.clone(),
        source,
    })?;
    let mut config = Config::parse(&shown, &text)?;
    config.path = Some(path);
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_fail_on_and_model() {
        let config = Config::parse(
            "c.yaml",
            "failOn: error\nrules:\n  DEN003: off\n  guest-overhead-requested: error\nmodel:\n  kubevirtVersion: v1.5\n  memoryOvercommit: 150\n  nodeMemory: 64Gi\n",
        )
        .unwrap();
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(
            config.rules,
            vec![("DEN003", None), ("DEN002", Some(Severity::Error))]
        );
        assert_eq!(config.model.kubevirt_version, Some(KubeVirtVersion::V1_5));
        assert_eq!(config.model.memory_overcommit, Some(150));
        assert_eq!(config.model.node_memory, Some(64 << 30));
    }

    #[test]
    fn errors_are_located() {
        let error = Config::parse("c.yaml", "rules:\n  DEN999: off\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "c.yaml:2:3: unknown rule 'DEN999' (see `kubectl density rules`)"
        );
        let error = Config::parse("c.yaml", "rules:\n  DEN001: loud\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("c.yaml:2:11: severity 'loud'"),
            "{error}"
        );
    }

    #[test]
    fn discovery_walks_up_to_parents() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "failOn: info\n").unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join(FILE_NAME)));
    }
}
