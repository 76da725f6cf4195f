//! KubeVirt versions the model knows, and parsing of `--kubevirt-version`.
//!
//! Owns the ordered list of modelled releases (v1.0 … v1.9, then `main`). Every
//! version-dependent fact elsewhere compares against these values; nothing here
//! knows what changed in which release.

use std::fmt;
use std::str::FromStr;

/// A modelled KubeVirt release line (minor version), or the development branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KubeVirtVersion {
    V1_0,
    V1_1,
    V1_2,
    V1_3,
    V1_4,
    V1_5,
    V1_6,
    V1_7,
    V1_8,
    V1_9,
    /// The `main` branch: newer than every release.
    Main,
}

impl KubeVirtVersion {
    /// Every modelled version, oldest first.
    pub const ALL: [KubeVirtVersion; 11] = [
        Self::V1_0,
        Self::V1_1,
        Self::V1_2,
        Self::V1_3,
        Self::V1_4,
        Self::V1_5,
        Self::V1_6,
        Self::V1_7,
        Self::V1_8,
        Self::V1_9,
        Self::Main,
    ];

    /// The newest release (the default model).
    pub const LATEST_RELEASE: KubeVirtVersion = Self::V1_9;

    /// The form users write and the tool prints: `v1.9`, `main`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_0 => "v1.0",
            Self::V1_1 => "v1.1",
            Self::V1_2 => "v1.2",
            Self::V1_3 => "v1.3",
            Self::V1_4 => "v1.4",
            Self::V1_5 => "v1.5",
            Self::V1_6 => "v1.6",
            Self::V1_7 => "v1.7",
            Self::V1_8 => "v1.8",
            Self::V1_9 => "v1.9",
            Self::Main => "main",
        }
    }

    fn from_minor(minor: u64) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|v| *v != Self::Main)
            .nth(usize::try_from(minor).ok()?)
    }
}

impl fmt::Display for KubeVirtVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a version string was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown kubevirt version '{input}': expected v1.0 … v1.9 or main (e.g. v1.9, 1.9, v1.9.0)"
)]
pub struct UnknownVersion {
    /// The text that was given.
    pub input: String,
}

impl FromStr for KubeVirtVersion {
    type Err = UnknownVersion;

    /// Accepts `main`, `v1.9`, `1.9`, `v1.9.0`, and release suffixes such as
    /// `v1.9.0-rc.1` or `v1.5.2-12-gabcdef` (what `observedKubeVirtVersion` holds).
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || UnknownVersion {
            input: input.to_string(),
        };
        let text = input.trim();
        if text.eq_ignore_ascii_case("main") || text.eq_ignore_ascii_case("latest") {
            return Ok(Self::Main);
        }
        let text = text.strip_prefix('v').unwrap_or(text);
        let core = text.split(['-', '+']).next().unwrap_or("");
        let mut parts = core.split('.');
        let major = parts.next().ok_or_else(err)?;
        let minor = parts.next().ok_or_else(err)?;
        if let Some(patch) = parts.next() {
            patch.parse::<u64>().map_err(|_| err())?;
        }
        if parts.next().is_some() || major != "1" {
            return Err(err());
        }
        let minor: u64 = minor.parse().map_err(|_| err())?;
        Self::from_minor(minor).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spellings_users_write() {
        for (input, want) in [
            ("v1.9", KubeVirtVersion::V1_9),
            ("1.9", KubeVirtVersion::V1_9),
            ("v1.9.0", KubeVirtVersion::V1_9),
            ("v1.0.1", KubeVirtVersion::V1_0),
            ("v1.5.2-12-gabcdef", KubeVirtVersion::V1_5),
            ("main", KubeVirtVersion::Main),
        ] {
            assert_eq!(input.parse::<KubeVirtVersion>(), Ok(want), "{input}");
        }
    }

    #[test]
    fn rejects_unmodelled_versions() {
        for input in ["v0.59", "v1.10", "2.0", "v1", "", "v1.9.x", "1.9.0.1"] {
            assert!(input.parse::<KubeVirtVersion>().is_err(), "{input}");
        }
    }

    #[test]
    fn versions_are_ordered_oldest_first() {
        assert!(KubeVirtVersion::V1_5 < KubeVirtVersion::V1_6);
        assert!(KubeVirtVersion::V1_9 < KubeVirtVersion::Main);
        assert_eq!(KubeVirtVersion::ALL.len(), 11);
    }
}
