//! Which nodes' kubelet settings differ from what most nodes have.
//!
//! Fleets drift: one node pool gets a different kubelet config, an autoscaled node boots from an
//! old template. The `eviction` command marks such nodes. Settings are compared as
//! [`KubeletConfig::flatten`] normalises them (`104857600` and `100Mi` are the same value), and
//! a setting one node has and another lacks counts as a difference.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::config::KubeletConfig;

/// One setting of one node that differs from the majority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deviation {
    /// The setting's path, e.g. `evictionSoft.memory.available`.
    pub key: String,
    /// This node's value; `None` when the node does not have the setting.
    pub value: Option<String>,
    /// What the majority has; `None` when most nodes do not have the setting.
    pub majority: Option<String>,
}

/// For each configuration, in input order, the settings that differ from the majority.
///
/// The majority value of a setting is the one the most configurations share, provided at least
/// two share it and no other value is shared as often (no marking on a tie, nor when every node
/// differs). A configuration that has the majority value for every setting gets an empty list.
pub fn differs_from_majority(configs: &[&KubeletConfig]) -> Vec<Vec<Deviation>> {
    let flat: Vec<BTreeMap<String, String>> = configs.iter().map(|c| c.flatten()).collect();
    let keys: BTreeSet<&String> = flat.iter().flat_map(|f| f.keys()).collect();
    let mut out = vec![Vec::new(); configs.len()];
    for key in keys {
        let values: Vec<Option<&String>> = flat.iter().map(|f| f.get(key)).collect();
        let mut counts: BTreeMap<Option<&String>, usize> = BTreeMap::new();
        for value in &values {
            *counts.entry(*value).or_default() += 1;
        }
        let top = counts.values().copied().max().unwrap_or(0);
        let mut leaders = counts.iter().filter(|(_, count)| **count == top);
        let (Some((majority, _)), None) = (leaders.next(), leaders.next()) else {
            continue;
        };
        if top < 2 {
            continue;
        }
        for (index, value) in values.iter().enumerate() {
            if value != majority {
                out[index].push(Deviation {
                    key: key.clone(),
                    value: value.cloned(),
                    majority: majority.cloned(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configz(inner: &str) -> KubeletConfig {
        KubeletConfig::from_configz(&format!("{{\"kubeletconfig\": {{{inner}}}}}")).unwrap()
    }

    #[test]
    fn marks_the_odd_node_out() {
        let a = configz(r#""evictionHard": {"memory.available": "100Mi"}, "failSwapOn": true"#);
        let b = configz(r#""evictionHard": {"memory.available": "104857600"}, "failSwapOn": true"#);
        let c = configz(
            r#""evictionHard": {"memory.available": "500Mi"}, "evictionSoft": {"memory.available": "1Gi"}, "failSwapOn": true"#,
        );
        let result = differs_from_majority(&[&a, &b, &c]);
        assert!(result[0].is_empty(), "{:?}", result[0]);
        assert!(result[1].is_empty(), "100Mi == 104857600: {:?}", result[1]);
        assert_eq!(
            result[2],
            [
                Deviation {
                    key: "evictionHard.memory.available".into(),
                    value: Some("500Mi".into()),
                    majority: Some("100Mi".into()),
                },
                Deviation {
                    key: "evictionSoft.memory.available".into(),
                    value: Some("1Gi".into()),
                    majority: None,
                },
            ]
        );
    }

    #[test]
    fn no_majority_no_marks() {
        let a = configz(r#""evictionMaxPodGracePeriod": 10"#);
        let b = configz(r#""evictionMaxPodGracePeriod": 20"#);
        assert_eq!(differs_from_majority(&[&a, &b]), vec![vec![], vec![]]);
        let c = configz(r#""evictionMaxPodGracePeriod": 30"#);
        assert_eq!(
            differs_from_majority(&[&a, &b, &c]),
            vec![vec![], vec![], vec![]]
        );
        assert!(differs_from_majority(&[]).is_empty());
    }
}
