//! Eviction thresholds, parsed and validated exactly like the kubelet's `ParseThresholdConfig`
//! (kubernetes `pkg/kubelet/eviction/helpers.go`).
//!
//! The kubelet refuses to start when this parsing fails, so every rule here is the kubelet's,
//! including its quirks:
//!
//! * only the exact texts `0%` and `100%` disable a signal; `0.0%` is a threshold of 0 and
//!   `100.0%` one of 1 (always met);
//! * percentages go through `strconv.ParseFloat(.., 32)` after stripping *every* trailing `%`,
//!   and are divided by 100 in `float32` arithmetic;
//! * a quantity threshold must be positive (`0` is an error, use `0%`), a minimum reclaim only
//!   non-negative;
//! * grace periods are Go durations; a soft threshold without one is an error, a soft threshold
//!   with `0s` behaves as a hard one (the kubelet tells them apart by the grace period alone);
//! * when `enforceNodeAllocatable` contains `pods`, every hard `memory.available` threshold gets
//!   an `allocatableMemory.available` copy.
//!
//! Go iterates its maps in random order, so with several invalid entries the kubelet may report
//! any of them; here maps are walked in key order, hard before soft before grace periods before
//! minimum reclaims (the kubelet's order of the four maps), so the result is deterministic.

use std::collections::BTreeMap;
use std::fmt;

use super::duration::{DurationError, GoDuration};
use crate::quantity::{Quantity, QuantityError};

/// An eviction signal the kubelet supports (`signalToResource` in helpers.go).
///
/// `swap.available` exists as a constant in recent kubelets but is not configurable: it is not
/// in `signalToResource`, so the kubelet rejects it like any unknown name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// `memory.available`: node capacity minus the working set.
    MemoryAvailable,
    /// `allocatableMemory.available`: the pods cgroup's allocatable minus its working set.
    AllocatableMemoryAvailable,
    /// `nodefs.available`.
    NodeFsAvailable,
    /// `nodefs.inodesFree`.
    NodeFsInodesFree,
    /// `imagefs.available`.
    ImageFsAvailable,
    /// `imagefs.inodesFree`.
    ImageFsInodesFree,
    /// `containerfs.available` (overwritten at runtime from nodefs or imagefs).
    ContainerFsAvailable,
    /// `containerfs.inodesFree` (overwritten at runtime from nodefs or imagefs).
    ContainerFsInodesFree,
    /// `pid.available`.
    PidAvailable,
}

impl Signal {
    /// Every configurable signal.
    pub const ALL: [Signal; 9] = [
        Signal::MemoryAvailable,
        Signal::AllocatableMemoryAvailable,
        Signal::NodeFsAvailable,
        Signal::NodeFsInodesFree,
        Signal::ImageFsAvailable,
        Signal::ImageFsInodesFree,
        Signal::ContainerFsAvailable,
        Signal::ContainerFsInodesFree,
        Signal::PidAvailable,
    ];

    /// The name used in the kubelet configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            Signal::MemoryAvailable => "memory.available",
            Signal::AllocatableMemoryAvailable => "allocatableMemory.available",
            Signal::NodeFsAvailable => "nodefs.available",
            Signal::NodeFsInodesFree => "nodefs.inodesFree",
            Signal::ImageFsAvailable => "imagefs.available",
            Signal::ImageFsInodesFree => "imagefs.inodesFree",
            Signal::ContainerFsAvailable => "containerfs.available",
            Signal::ContainerFsInodesFree => "containerfs.inodesFree",
            Signal::PidAvailable => "pid.available",
        }
    }

    /// The signal named `name` (case-sensitive, as in the kubelet), if it is supported.
    pub fn parse(name: &str) -> Option<Signal> {
        Signal::ALL
            .into_iter()
            .find(|signal| signal.as_str() == name)
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a threshold compares; the kubelet only has `LessThan` (`OpForSignal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// Met when the observed value is below the threshold.
    LessThan,
}

impl Operator {
    /// Go's name for the operator.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operator::LessThan => "LessThan",
        }
    }
}

/// A threshold or minimum-reclaim value: an absolute quantity, or a fraction of capacity.
#[derive(Debug, Clone, PartialEq)]
pub enum ThresholdValue {
    /// An absolute amount (bytes, inodes or PIDs).
    Quantity(Quantity),
    /// A fraction of capacity, as the kubelet's `float32` (`10%` is `0.1f32`).
    Percentage(f32),
}

impl ThresholdValue {
    /// The amount this value stands for against `capacity`, as the kubelet's
    /// `GetThresholdQuantity` computes it: a quantity as is (rounded up to an integer), a
    /// percentage as `int64(float64(capacity) * float64(percentage))` (truncated).
    ///
    /// `None` when the quantity does not fit `i64` or the percentage is NaN (`nan%` parses;
    /// Go's conversion of NaN to an integer is platform-defined, so no number is claimed).
    pub fn resolve(&self, capacity: i64) -> Option<i64> {
        match self {
            ThresholdValue::Quantity(quantity) => quantity.value(),
            ThresholdValue::Percentage(fraction) => {
                let product = capacity as f64 * f64::from(*fraction);
                // `as` truncates toward zero like Go's conversion for in-range values.
                product.is_finite().then_some(product as i64)
            }
        }
    }
}

impl fmt::Display for ThresholdValue {
    /// `150Mi` for a quantity (canonical form), `10%` for a percentage.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThresholdValue::Quantity(quantity) => write!(f, "{quantity}"),
            ThresholdValue::Percentage(fraction) => {
                // Shortest text that round-trips through f32 after the ×100.
                write!(f, "{}%", *fraction * 100.0)
            }
        }
    }
}

/// One eviction threshold as the kubelet holds it (`evictionapi.Threshold`).
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// What is measured.
    pub signal: Signal,
    /// How the measurement compares with `value` (always `LessThan`).
    pub operator: Operator,
    /// The threshold.
    pub value: ThresholdValue,
    /// How long the threshold must be met before evicting; zero for hard thresholds.
    pub grace_period: GoDuration,
    /// The minimum amount to reclaim once the threshold is met.
    pub min_reclaim: Option<ThresholdValue>,
}

impl Threshold {
    /// Whether the kubelet treats this as a hard threshold (`isHardEvictionThreshold`: a grace
    /// period of zero, so a soft threshold with `0s` is hard too). Hard evictions give pods 1s.
    pub fn is_hard(&self) -> bool {
        self.grace_period.is_zero()
    }
}

/// Which configuration map a threshold problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThresholdField {
    /// `evictionHard`.
    EvictionHard,
    /// `evictionSoft`.
    EvictionSoft,
    /// `evictionSoftGracePeriod`.
    EvictionSoftGracePeriod,
    /// `evictionMinimumReclaim`.
    EvictionMinimumReclaim,
}

impl ThresholdField {
    /// The field's name in the kubelet configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            ThresholdField::EvictionHard => "evictionHard",
            ThresholdField::EvictionSoft => "evictionSoft",
            ThresholdField::EvictionSoftGracePeriod => "evictionSoftGracePeriod",
            ThresholdField::EvictionMinimumReclaim => "evictionMinimumReclaim",
        }
    }
}

/// Why `ParseThresholdConfig` fails; the message is the kubelet's (the kubelet then refuses to
/// start). [`ThresholdError::path`] says where.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind}")]
pub struct ThresholdError {
    /// The map the bad entry is in.
    pub field: ThresholdField,
    /// The entry's key (the signal name as written).
    pub key: String,
    /// The entry's value as written.
    pub value: String,
    /// The kubelet's reason.
    pub kind: ThresholdErrorKind,
}

impl ThresholdError {
    /// The configuration path of the bad entry, e.g. `evictionSoft.memory.available`.
    pub fn path(&self) -> String {
        format!("{}.{}", self.field.as_str(), self.key)
    }
}

/// The kubelet's reasons, each with its exact message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ThresholdErrorKind {
    /// The key is not a supported signal.
    #[error("unsupported eviction signal {signal}")]
    UnsupportedSignal {
        /// The signal as written.
        signal: String,
    },
    /// A quantity threshold that is zero or negative.
    #[error("eviction threshold {signal} must be positive: {quantity}")]
    NotPositive {
        /// The signal as written.
        signal: String,
        /// The parsed quantity, canonical.
        quantity: String,
    },
    /// A percentage threshold below 0%.
    #[error("eviction percentage threshold {signal} must be >= 0%: {value}")]
    PercentageBelowZero {
        /// The signal as written.
        signal: String,
        /// The value as written.
        value: String,
    },
    /// A percentage threshold above 100%.
    #[error("eviction percentage threshold {signal} must be <= 100%: {value}")]
    PercentageAbove100 {
        /// The signal as written.
        signal: String,
        /// The value as written.
        value: String,
    },
    /// `strconv.ParseFloat` rejected the number before the `%`.
    #[error("{0}")]
    Percentage(#[from] FloatError),
    /// `resource.ParseQuantity` rejected the value.
    #[error("{}", go_quantity_message(.0))]
    Quantity(#[from] QuantityError),
    /// A soft threshold without an `evictionSoftGracePeriod` entry.
    #[error("grace period must be specified for the soft eviction threshold {signal}")]
    MissingGracePeriod {
        /// The signal as written.
        signal: String,
    },
    /// `time.ParseDuration` rejected a grace period.
    #[error("{0}")]
    Duration(#[from] DurationError),
    /// A negative grace period.
    #[error("invalid eviction grace period specified: {value}, must be a positive value")]
    NegativeGracePeriod {
        /// The value as written.
        value: String,
    },
    /// A minimum reclaim percentage of zero or less.
    #[error("eviction percentage minimum reclaim {signal} must be positive: {value}")]
    ReclaimPercentageNotPositive {
        /// The signal as written.
        signal: String,
        /// The value as written.
        value: String,
    },
    /// A negative minimum reclaim quantity.
    #[error("negative eviction minimum reclaim specified for {signal}")]
    NegativeReclaim {
        /// The signal as written.
        signal: String,
    },
}

/// The message Go's `ParseQuantity` returns (its errors carry no input text); values this crate
/// cannot represent keep the crate's own message.
fn go_quantity_message(error: &QuantityError) -> String {
    match error {
        QuantityError::FormatWrong { .. } => {
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
                .to_string()
        }
        QuantityError::Numeric { .. } => "unable to parse numeric part of quantity".to_string(),
        QuantityError::Suffix { .. } => "unable to parse quantity's suffix".to_string(),
        other => other.to_string(),
    }
}

/// The four eviction maps and `enforceNodeAllocatable`, as `ParseThresholdConfig` takes them.
/// `None` and an empty map mean the same (unset).
#[derive(Debug, Clone, Copy, Default)]
pub struct ThresholdInput<'a> {
    /// `enforceNodeAllocatable`; `pods` adds the `allocatableMemory.available` copies.
    pub allocatable_config: &'a [String],
    /// `evictionHard`.
    pub eviction_hard: Option<&'a BTreeMap<String, String>>,
    /// `evictionSoft`.
    pub eviction_soft: Option<&'a BTreeMap<String, String>>,
    /// `evictionSoftGracePeriod`.
    pub eviction_soft_grace_period: Option<&'a BTreeMap<String, String>>,
    /// `evictionMinimumReclaim`.
    pub eviction_minimum_reclaim: Option<&'a BTreeMap<String, String>>,
}

/// `ParseThresholdConfig`: hard thresholds, then soft thresholds with their grace periods, each
/// with its minimum reclaim, then the `allocatableMemory.available` copies of the hard
/// `memory.available` thresholds when `allocatable_config` contains `pods`.
pub fn parse_threshold_config(input: ThresholdInput<'_>) -> Result<Vec<Threshold>, ThresholdError> {
    let mut results = parse_statements(ThresholdField::EvictionHard, input.eviction_hard)?;
    let mut soft = parse_statements(ThresholdField::EvictionSoft, input.eviction_soft)?;
    let grace_periods = parse_grace_periods(input.eviction_soft_grace_period)?;
    let min_reclaims = parse_minimum_reclaims(input.eviction_minimum_reclaim)?;
    for (threshold, key, value) in &mut soft {
        let Some(period) = grace_periods.get(&threshold.signal) else {
            return Err(ThresholdError {
                field: ThresholdField::EvictionSoft,
                key: key.clone(),
                value: value.clone(),
                kind: ThresholdErrorKind::MissingGracePeriod {
                    signal: threshold.signal.to_string(),
                },
            });
        };
        threshold.grace_period = *period;
    }
    results.append(&mut soft);
    let mut results: Vec<Threshold> = results.into_iter().map(|(t, _, _)| t).collect();
    for threshold in &mut results {
        if let Some(reclaim) = min_reclaims.get(&threshold.signal) {
            threshold.min_reclaim = Some(reclaim.clone());
        }
    }
    if input
        .allocatable_config
        .iter()
        .any(|key| key == NODE_ALLOCATABLE_ENFORCEMENT_KEY)
    {
        let copies: Vec<Threshold> = results
            .iter()
            .filter(|t| t.signal == Signal::MemoryAvailable && t.is_hard())
            .map(|t| Threshold {
                signal: Signal::AllocatableMemoryAvailable,
                operator: t.operator,
                value: t.value.clone(),
                grace_period: GoDuration::ZERO,
                min_reclaim: t.min_reclaim.clone(),
            })
            .collect();
        results.extend(copies);
    }
    Ok(results)
}

/// `kubetypes.NodeAllocatableEnforcementKey`.
pub const NODE_ALLOCATABLE_ENFORCEMENT_KEY: &str = "pods";

/// A parsed statement with the key and value it came from (for error locations).
type Statement = (Threshold, String, String);

/// `parseThresholdStatements`: every entry, dropping disabled ones (`0%`, `100%`).
fn parse_statements(
    field: ThresholdField,
    statements: Option<&BTreeMap<String, String>>,
) -> Result<Vec<Statement>, ThresholdError> {
    let mut results = Vec::new();
    for (key, value) in statements.into_iter().flatten() {
        let error = |kind| ThresholdError {
            field,
            key: key.clone(),
            value: value.clone(),
            kind,
        };
        if let Some(threshold) = parse_threshold_statement(key, value).map_err(error)? {
            results.push((threshold, key.clone(), value.clone()));
        }
    }
    Ok(results)
}

/// `parseThresholdStatement`: one `signal: value` entry; `Ok(None)` when the entry disables the
/// signal (exactly `0%` or `100%`).
pub fn parse_threshold_statement(
    signal_name: &str,
    value: &str,
) -> Result<Option<Threshold>, ThresholdErrorKind> {
    let signal =
        Signal::parse(signal_name).ok_or_else(|| ThresholdErrorKind::UnsupportedSignal {
            signal: signal_name.to_string(),
        })?;
    let threshold = |value| Threshold {
        signal,
        operator: Operator::LessThan,
        value,
        grace_period: GoDuration::ZERO,
        min_reclaim: None,
    };
    if value.ends_with('%') {
        if value == "0%" || value == "100%" {
            return Ok(None);
        }
        let fraction = parse_percentage(value)?;
        if fraction < 0.0 {
            return Err(ThresholdErrorKind::PercentageBelowZero {
                signal: signal_name.to_string(),
                value: value.to_string(),
            });
        }
        if fraction > 1.0 {
            return Err(ThresholdErrorKind::PercentageAbove100 {
                signal: signal_name.to_string(),
                value: value.to_string(),
            });
        }
        return Ok(Some(threshold(ThresholdValue::Percentage(fraction))));
    }
    let quantity = Quantity::parse(value)?;
    if quantity.is_negative() || quantity.is_zero() {
        // Go prints the parsed quantity with String(); the canonical form is used here (Go
        // echoes some non-canonical inputs such as `-100.035k` instead).
        return Err(ThresholdErrorKind::NotPositive {
            signal: signal_name.to_string(),
            quantity: quantity.canonical(),
        });
    }
    Ok(Some(threshold(ThresholdValue::Quantity(quantity))))
}

/// `parsePercentage`: `float32(ParseFloat(TrimRight(input, "%"), 32)) / 100`.
pub fn parse_percentage(input: &str) -> Result<f32, FloatError> {
    let number = input.trim_end_matches('%');
    Ok(parse_go_float32(number)? / 100.0)
}

/// `parseGracePeriods`: durations by signal; the signal must be supported even without a
/// threshold.
fn parse_grace_periods(
    statements: Option<&BTreeMap<String, String>>,
) -> Result<BTreeMap<Signal, GoDuration>, ThresholdError> {
    let mut results = BTreeMap::new();
    for (key, value) in statements.into_iter().flatten() {
        let error = |kind| ThresholdError {
            field: ThresholdField::EvictionSoftGracePeriod,
            key: key.clone(),
            value: value.clone(),
            kind,
        };
        let signal = Signal::parse(key).ok_or_else(|| {
            error(ThresholdErrorKind::UnsupportedSignal {
                signal: key.clone(),
            })
        })?;
        let period = GoDuration::parse(value).map_err(|e| error(e.into()))?;
        if period.is_negative() {
            return Err(error(ThresholdErrorKind::NegativeGracePeriod {
                value: value.clone(),
            }));
        }
        results.insert(signal, period);
    }
    Ok(results)
}

/// `parseMinimumReclaims`: a positive percentage or a non-negative quantity by signal.
fn parse_minimum_reclaims(
    statements: Option<&BTreeMap<String, String>>,
) -> Result<BTreeMap<Signal, ThresholdValue>, ThresholdError> {
    let mut results = BTreeMap::new();
    for (key, value) in statements.into_iter().flatten() {
        let error = |kind| ThresholdError {
            field: ThresholdField::EvictionMinimumReclaim,
            key: key.clone(),
            value: value.clone(),
            kind,
        };
        let signal = Signal::parse(key).ok_or_else(|| {
            error(ThresholdErrorKind::UnsupportedSignal {
                signal: key.clone(),
            })
        })?;
        if value.ends_with('%') {
            let fraction = parse_percentage(value).map_err(|e| error(e.into()))?;
            // `percentage <= 0` is false for NaN, so `nan%` passes, as in Go.
            if fraction <= 0.0 {
                return Err(error(ThresholdErrorKind::ReclaimPercentageNotPositive {
                    signal: key.clone(),
                    value: value.clone(),
                }));
            }
            results.insert(signal, ThresholdValue::Percentage(fraction));
            continue;
        }
        let quantity = Quantity::parse(value).map_err(|e| error(e.into()))?;
        if quantity.is_negative() {
            return Err(error(ThresholdErrorKind::NegativeReclaim {
                signal: key.clone(),
            }));
        }
        results.insert(signal, ThresholdValue::Quantity(quantity));
    }
    Ok(results)
}

/// Why `strconv.ParseFloat` rejects a text; the message is Go's `*NumError` text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FloatError {
    /// Not Go float syntax.
    #[error("strconv.ParseFloat: parsing {}: invalid syntax", strconv_quote(.input))]
    Syntax {
        /// The text given to `ParseFloat`.
        input: String,
    },
    /// Beyond the `float32` range (Go returns ±Inf with `ErrRange`).
    #[error("strconv.ParseFloat: parsing {}: value out of range", strconv_quote(.input))]
    Range {
        /// The text given to `ParseFloat`.
        input: String,
    },
}

/// `strconv.ParseFloat(text, 32)`: Go's float syntax (decimal or hexadecimal with a `p`
/// exponent, `_` between digits, `inf`/`infinity`/`nan` in any case), rounded to `float32`.
pub fn parse_go_float32(text: &str) -> Result<f32, FloatError> {
    let syntax = || FloatError::Syntax {
        input: text.to_string(),
    };
    if let Some(special) = go_special_float(text) {
        return Ok(special);
    }
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        parse_hex_float(hex).ok_or_else(syntax)?
    } else {
        if !is_go_decimal_float(body) {
            return Err(syntax());
        }
        let digits: String = body.chars().filter(|&c| c != '_').collect();
        // Rust's parser rounds a decimal text directly to the nearest f32, as Go's atof32 does
        // (rounding through f64 first could round twice).
        digits.parse::<f32>().map_err(|_| syntax())?
    };
    if value.is_infinite() {
        return Err(FloatError::Range {
            input: text.to_string(),
        });
    }
    Ok(if negative { -value } else { value })
}

/// Go's `special`: `[+-]inf`, `[+-]infinity`, `nan` (no sign), case-insensitive, whole text.
fn go_special_float(text: &str) -> Option<f32> {
    let lower = text.to_ascii_lowercase();
    let (sign, rest) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0f32, &lower[1..]),
        Some(b'+') => (1.0f32, &lower[1..]),
        _ => (1.0f32, lower.as_str()),
    };
    if rest == "inf" || rest == "infinity" {
        return Some(sign * f32::INFINITY);
    }
    (lower == "nan").then_some(f32::NAN)
}

/// Go decimal float syntax without the sign: digits with an optional `.` and at least one
/// digit, then an optional `e`/`E` exponent with a sign and at least one digit; `_` only between
/// digits (`underscoreOK`).
fn is_go_decimal_float(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut saw_digit = false;
    let mut saw_dot = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => saw_digit = true,
            b'_' => {}
            b'.' if !saw_dot => saw_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !saw_digit {
        return false;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exponent_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
        if !bytes[exponent_start..i].iter().any(u8::is_ascii_digit) {
            return false;
        }
    }
    i == bytes.len() && underscores_ok(body, false)
}

/// Go's `underscoreOK` on a float text without its sign: every `_` sits between two digits (or
/// right after a base prefix).
fn underscores_ok(body: &str, has_base_prefix: bool) -> bool {
    let is_digit = |c: u8| c.is_ascii_digit() || (has_base_prefix && c.is_ascii_hexdigit());
    // '^' start, '0' digit or prefix, '_' underscore, '!' anything else.
    let mut saw = if has_base_prefix { b'0' } else { b'^' };
    for &c in body.as_bytes() {
        if is_digit(c) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

/// A hexadecimal float after its `0x`: hex digits with an optional `.`, then a mandatory
/// `p`/`P` binary exponent. Exact for mantissas up to 128 bits; the f32 rounding goes through
/// f64, so a mantissa beyond 53 bits may differ from Go in the last bit (no one writes eviction
/// percentages in hex).
fn parse_hex_float(hex: &str) -> Option<f32> {
    if !underscores_ok(hex, true) {
        return None;
    }
    let hex: String = hex.chars().filter(|&c| c != '_').collect();
    let (mantissa_text, exponent_text) = hex.split_once(['p', 'P'])?;
    let (int_part, frac_part) = mantissa_text.split_once('.').unwrap_or((mantissa_text, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut mantissa: u128 = 0;
    let mut shift: i64 = 0;
    for (index, c) in int_part.chars().chain(frac_part.chars()).enumerate() {
        let digit = c.to_digit(16)?;
        if mantissa >> 120 == 0 {
            mantissa = (mantissa << 4) | u128::from(digit);
            if index >= int_part.len() {
                shift -= 4;
            }
        } else if index < int_part.len() {
            // Digits beyond the precision kept still scale the integer part.
            shift += 4;
        }
    }
    let exponent_digits = exponent_text
        .strip_prefix(['+', '-'])
        .unwrap_or(exponent_text);
    if exponent_digits.is_empty() || !exponent_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let exponent: i64 = exponent_text
        .parse()
        .unwrap_or(if exponent_text.starts_with('-') {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        });
    let power = exponent.saturating_add(shift).clamp(-2000, 2000) as i32;
    Some((mantissa as f64 * 2f64.powi(power)) as f32)
}

/// `strconv.Quote` for the ASCII-printable case, escaping like Go for control characters.
fn strconv_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn go_float32_parsing() {
        assert_eq!(parse_go_float32("10"), Ok(10.0));
        assert_eq!(parse_go_float32("10.5"), Ok(10.5));
        assert_eq!(parse_go_float32("+.5"), Ok(0.5));
        assert_eq!(parse_go_float32("5."), Ok(5.0));
        assert_eq!(parse_go_float32("1e1"), Ok(10.0));
        assert_eq!(parse_go_float32("1_0"), Ok(10.0));
        assert_eq!(parse_go_float32("0x1p-2"), Ok(0.25));
        assert_eq!(parse_go_float32("0x1.8p1"), Ok(3.0));
        assert_eq!(parse_go_float32("-Inf"), Ok(f32::NEG_INFINITY));
        assert_eq!(parse_go_float32("infinity"), Ok(f32::INFINITY));
        assert!(parse_go_float32("NaN").unwrap().is_nan());
        for bad in [
            "", "abc", "1_", "_1", "1__0", "1e", "1e+", ".", "+nan", "infin", "0x1", "1 ", " 1",
            "1.2.3", "0x",
        ] {
            assert!(
                matches!(parse_go_float32(bad), Err(FloatError::Syntax { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_go_float32("1e39").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "1e39": value out of range"#
        );
        assert_eq!(
            parse_go_float32("10x").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "10x": invalid syntax"#
        );
        // Rounded straight to f32, as float32 arithmetic in the kubelet sees it.
        assert_eq!(parse_percentage("10%"), Ok(0.1f32));
        assert_eq!(parse_percentage("10.5%"), Ok(10.5f32 / 100.0));
        // Every trailing % goes (strings.TrimRight).
        assert_eq!(parse_percentage("10%%"), Ok(0.1f32));
    }

    #[test]
    fn only_exact_zero_and_hundred_percent_disable() {
        assert_eq!(
            parse_threshold_statement("memory.available", "0%"),
            Ok(None)
        );
        assert_eq!(
            parse_threshold_statement("memory.available", "100%"),
            Ok(None)
        );
        let zero = parse_threshold_statement("memory.available", "0.0%")
            .unwrap()
            .unwrap();
        assert_eq!(zero.value, ThresholdValue::Percentage(0.0));
        let full = parse_threshold_statement("memory.available", "100.0%")
            .unwrap()
            .unwrap();
        assert_eq!(full.value, ThresholdValue::Percentage(1.0));
        assert_eq!(
            parse_threshold_statement("memory.available", "abc%")
                .unwrap_err()
                .to_string(),
            r#"strconv.ParseFloat: parsing "abc": invalid syntax"#
        );
        assert_eq!(
            parse_threshold_statement("memory.available", "1iG")
                .unwrap_err()
                .to_string(),
            "unable to parse quantity's suffix"
        );
        assert_eq!(
            parse_threshold_statement("memory.available", "")
                .unwrap_err()
                .to_string(),
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
    }

    #[test]
    fn errors_name_the_entry() {
        let soft = map(&[("memory.available", "1Gi")]);
        let grace = map(&[("memory.available", "90")]);
        let error = parse_threshold_config(ThresholdInput {
            eviction_soft: Some(&soft),
            eviction_soft_grace_period: Some(&grace),
            ..ThresholdInput::default()
        })
        .unwrap_err();
        assert_eq!(error.path(), "evictionSoftGracePeriod.memory.available");
        assert_eq!(error.to_string(), r#"time: missing unit in duration "90""#);

        let error = parse_threshold_config(ThresholdInput {
            eviction_soft: Some(&soft),
            ..ThresholdInput::default()
        })
        .unwrap_err();
        assert_eq!(error.path(), "evictionSoft.memory.available");
    }

    #[test]
    fn percentages_resolve_like_get_threshold_quantity() {
        let capacity = 17_179_869_184; // 16Gi
        let ten = ThresholdValue::Percentage(parse_percentage("10%").unwrap());
        // float64(16Gi) * float64(float32(0.1)) = 1717986944.0000000256 → truncated.
        assert_eq!(ten.resolve(capacity), Some(1_717_986_944));
        let nan = ThresholdValue::Percentage(f32::NAN);
        assert_eq!(nan.resolve(capacity), None);
        let q = ThresholdValue::Quantity(Quantity::parse("100Mi").unwrap());
        assert_eq!(q.resolve(capacity), Some(104_857_600));
        assert_eq!(ten.to_string(), "10%");
    }

    /// Table test over the shared eviction vectors (upstream TestParseThresholdConfig cases and
    /// derived cases). The file must exist: a missing file is a failure, not a skip.
    #[test]
    fn eviction_vectors() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/testdata/eviction-vectors.json"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("eviction vectors missing at {path}: {e}"));
        let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("vectors parse");
        assert!(!vectors.is_empty());
        let mut failures = Vec::new();
        for vector in &vectors {
            let id = vector["id"].as_str().unwrap_or("?").to_string();
            if let Err(why) = check_vector(vector) {
                failures.push(format!("{id}: {why}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} vectors failed:\n{}",
            failures.len(),
            vectors.len(),
            failures.join("\n")
        );
    }

    fn json_map(value: &serde_json::Value) -> Option<BTreeMap<String, String>> {
        value.as_object().map(|object| {
            object
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
    }

    fn check_vector(vector: &serde_json::Value) -> Result<(), String> {
        let input = &vector["input"];
        let allocatable: Vec<String> = input["allocatable_config"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let hard = json_map(&input["eviction_hard"]);
        let soft = json_map(&input["eviction_soft"]);
        let grace = json_map(&input["eviction_soft_grace_period"]);
        let reclaim = json_map(&input["eviction_minimum_reclaim"]);
        let result = parse_threshold_config(ThresholdInput {
            allocatable_config: &allocatable,
            eviction_hard: hard.as_ref(),
            eviction_soft: soft.as_ref(),
            eviction_soft_grace_period: grace.as_ref(),
            eviction_minimum_reclaim: reclaim.as_ref(),
        });
        if vector["expect_error"].as_bool() == Some(true) {
            let error = result.err().ok_or("expected an error, parsed fine")?;
            if let Some(needle) = vector["error_contains"].as_str()
                && !error.to_string().contains(needle)
            {
                return Err(format!("error {error:?} lacks {needle:?}"));
            }
            return Ok(());
        }
        let actual = result.map_err(|e| format!("unexpected error: {e}"))?;
        let expected = vector["expected_thresholds"]
            .as_array()
            .ok_or("no expected_thresholds")?;
        if actual.len() != expected.len() {
            return Err(format!(
                "{} thresholds, expected {}",
                actual.len(),
                expected.len()
            ));
        }
        let mut unmatched: Vec<&Threshold> = actual.iter().collect();
        for want in expected {
            let position = unmatched
                .iter()
                .position(|got| threshold_matches(got, want))
                .ok_or_else(|| format!("no threshold matches {want}; got {unmatched:?}"))?;
            unmatched.remove(position);
        }
        Ok(())
    }

    fn value_matches(got: Option<&ThresholdValue>, want: &serde_json::Value) -> bool {
        match (got, want) {
            (None, serde_json::Value::Null) => true,
            (Some(ThresholdValue::Quantity(q)), want) if want["quantity"].is_string() => {
                Quantity::parse(want["quantity"].as_str().unwrap_or_default())
                    .ok()
                    .as_ref()
                    == Some(q)
            }
            (Some(ThresholdValue::Percentage(p)), want)
                if want["percentage_float32"].is_number() =>
            {
                // Compared as f32: the kubelet's value is a float32.
                want["percentage_float32"].as_f64().map(|f| f as f32) == Some(*p)
            }
            _ => false,
        }
    }

    fn threshold_matches(got: &Threshold, want: &serde_json::Value) -> bool {
        got.signal.as_str() == want["signal"].as_str().unwrap_or_default()
            && got.operator.as_str() == want["operator"].as_str().unwrap_or_default()
            && value_matches(Some(&got.value), &want["value"])
            && value_matches(got.min_reclaim.as_ref(), &want["min_reclaim"])
            && Some(got.grace_period.as_nanos())
                == want["grace_period_seconds"]
                    .as_i64()
                    .map(|s| s * 1_000_000_000)
            && want["grace_period"].as_str() == Some(got.grace_period.to_string().as_str())
    }
}
