//! Go's `time.Duration`: `time.ParseDuration`'s grammar and `Duration.String()`'s output.
//!
//! The kubelet reads `evictionSoftGracePeriod` values and `metav1.Duration` fields
//! (`evictionPressureTransitionPeriod`) with `time.ParseDuration`, and configz prints durations
//! with `Duration.String()` (`5m0s`, `1m30s`). Both are reproduced here so that what the tool
//! accepts, rejects and prints matches the kubelet byte for byte, error messages included.

use std::fmt;

/// A Go `time.Duration`: a signed count of nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct GoDuration(pub i64);

/// Nanoseconds in one second.
const SECOND: u64 = 1_000_000_000;

/// Why a text is not a Go duration. The message is Go's, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Not `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or out of the `int64` nanosecond range.
    #[error("time: invalid duration {}", go_quote(.input))]
    Invalid {
        /// The rejected text.
        input: String,
    },
    /// A number without a unit (only the bare `0` may omit it).
    #[error("time: missing unit in duration {}", go_quote(.input))]
    MissingUnit {
        /// The rejected text.
        input: String,
    },
    /// A unit other than `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`.
    #[error("time: unknown unit {} in duration {}", go_quote(.unit), go_quote(.input))]
    UnknownUnit {
        /// The unknown unit as written.
        unit: String,
        /// The rejected text.
        input: String,
    },
}

impl GoDuration {
    /// Zero.
    pub const ZERO: GoDuration = GoDuration(0);

    /// `seconds` seconds.
    pub const fn from_secs(seconds: i64) -> GoDuration {
        GoDuration(seconds.saturating_mul(SECOND as i64))
    }

    /// Parses `text` exactly like Go's `time.ParseDuration`.
    pub fn parse(text: &str) -> Result<GoDuration, DurationError> {
        parse_duration(text)
    }

    /// The nanosecond count.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// Whole seconds, truncated toward zero (Go's `int64(d / time.Second)`).
    pub const fn whole_seconds(self) -> i64 {
        self.0 / SECOND as i64
    }

    /// Whether the duration is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Whether the duration is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for GoDuration {
    /// Writes what Go's `Duration.String()` returns: `0s`, `1.5ms`, `1m30s`, `2h0m0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_duration(*self))
    }
}

impl serde::Serialize for GoDuration {
    /// Serializes like `metav1.Duration`: the Go string form.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_duration(*self))
    }
}

/// Go's `unitMap`: the unit names `time.ParseDuration` accepts, in nanoseconds.
fn unit_nanos(unit: &[u8]) -> Option<u64> {
    Some(match unit {
        b"ns" => 1,
        b"us" => 1_000,
        // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU, both accepted by Go.
        b"\xc2\xb5s" | b"\xce\xbcs" => 1_000,
        b"ms" => 1_000_000,
        b"s" => SECOND,
        b"m" => 60 * SECOND,
        b"h" => 3_600 * SECOND,
        _ => return None,
    })
}

/// `time.ParseDuration`, step for step (time/format.go), so that rounding of fractions and the
/// overflow limits are Go's.
fn parse_duration(orig: &str) -> Result<GoDuration, DurationError> {
    let invalid = || DurationError::Invalid {
        input: orig.to_string(),
    };
    const LIMIT: u64 = 1 << 63;
    let mut s = orig.as_bytes();
    let mut negative = false;
    if let Some(&sign @ (b'-' | b'+')) = s.first() {
        negative = sign == b'-';
        s = &s[1..];
    }
    // Only the bare "0" may omit its unit.
    if s == b"0" {
        return Ok(GoDuration::ZERO);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        // Integer part; Go fails on overflow here.
        let start_len = s.len();
        let mut whole: u64 = 0;
        while let Some(&c) = s.first() {
            if !c.is_ascii_digit() {
                break;
            }
            if whole > LIMIT / 10 {
                return Err(invalid());
            }
            whole = whole * 10 + u64::from(c - b'0');
            if whole > LIMIT {
                return Err(invalid());
            }
            s = &s[1..];
        }
        let had_whole = s.len() != start_len;
        // Fraction; Go stops accumulating precision on overflow instead of failing.
        let mut fraction: u64 = 0;
        let mut scale: f64 = 1.0;
        let mut had_fraction = false;
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let before = s.len();
            let mut overflow = false;
            while let Some(&c) = s.first() {
                if !c.is_ascii_digit() {
                    break;
                }
                s = &s[1..];
                if overflow {
                    continue;
                }
                if fraction > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let next = fraction * 10 + u64::from(c - b'0');
                if next > LIMIT {
                    overflow = true;
                    continue;
                }
                fraction = next;
                scale *= 10.0;
            }
            had_fraction = s.len() != before;
        }
        if !had_whole && !had_fraction {
            return Err(invalid());
        }
        // The unit is everything up to the next digit or '.'.
        let unit_len = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(DurationError::MissingUnit {
                input: orig.to_string(),
            });
        }
        let (unit_text, rest) = s.split_at(unit_len);
        s = rest;
        let Some(unit) = unit_nanos(unit_text) else {
            return Err(DurationError::UnknownUnit {
                unit: String::from_utf8_lossy(unit_text).into_owned(),
                input: orig.to_string(),
            });
        };
        if whole > LIMIT / unit {
            return Err(invalid());
        }
        let mut value = whole * unit;
        if fraction > 0 {
            // Go computes this in float64 and truncates; the product is at most 3.6e12.
            value += (fraction as f64 * (unit as f64 / scale)) as u64;
            if value > LIMIT {
                return Err(invalid());
            }
        }
        total += value;
        if total > LIMIT {
            return Err(invalid());
        }
    }
    if negative {
        // total <= 2^63 here, so the negation fits (2^63 becomes i64::MIN).
        return Ok(GoDuration((total as i64).wrapping_neg()));
    }
    if total > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(GoDuration(total as i64))
}

/// `Duration.String()` (time/time.go).
fn format_duration(duration: GoDuration) -> String {
    let negative = duration.0 < 0;
    let mut u = duration.0.unsigned_abs();
    // Built backwards, like Go's fixed buffer.
    let mut out: Vec<u8> = Vec::with_capacity(32);
    if u < SECOND {
        let precision;
        out.push(b's');
        if u == 0 {
            return "0s".to_string();
        } else if u < 1_000 {
            precision = 0;
            out.push(b'n');
        } else if u < 1_000_000 {
            precision = 3;
            // "µ" (U+00B5) is 0xC2 0xB5; reversed here because the buffer is reversed at the end.
            out.extend_from_slice(&[0xb5, 0xc2]);
        } else {
            precision = 6;
            out.push(b'm');
        }
        u = push_fraction(&mut out, u, precision);
        push_int(&mut out, u);
    } else {
        out.push(b's');
        u = push_fraction(&mut out, u, 9);
        push_int(&mut out, u % 60);
        u /= 60;
        if u > 0 {
            out.push(b'm');
            push_int(&mut out, u % 60);
            u /= 60;
            if u > 0 {
                out.push(b'h');
                push_int(&mut out, u);
            }
        }
    }
    if negative {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Go's `fmtFrac`, writing reversed: the fraction of `v / 10^precision` without trailing zeros
/// (and without the point when it is zero). Returns `v / 10^precision`.
fn push_fraction(out: &mut Vec<u8>, mut v: u64, precision: u32) -> u64 {
    let mut printed = false;
    for _ in 0..precision {
        let digit = (v % 10) as u8;
        printed = printed || digit != 0;
        if printed {
            out.push(b'0' + digit);
        }
        v /= 10;
    }
    if printed {
        out.push(b'.');
    }
    v
}

/// Go's `fmtInt`, writing reversed.
fn push_int(out: &mut Vec<u8>, mut v: u64) {
    if v == 0 {
        out.push(b'0');
        return;
    }
    while v > 0 {
        out.push(b'0' + (v % 10) as u8);
        v /= 10;
    }
}

/// The `time` package's own `quote`: double quotes, `"` and `\` escaped, and every byte of a
/// non-ASCII or control character written as `\xNN`.
pub(crate) fn go_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if !c.is_ascii() || c < ' ' {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: i64 = 1_000_000;
    const S: i64 = 1_000_000_000;

    #[test]
    fn parses_what_go_parses() {
        // Cases from Go's time/time_test.go parseDurationTests.
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("5s", 5 * S),
            ("30s", 30 * S),
            ("1478s", 1478 * S),
            ("-5s", -5 * S),
            ("+5s", 5 * S),
            ("-0", 0),
            ("+0", 0),
            ("5.0s", 5 * S),
            ("5.6s", 5 * S + 600 * MS),
            ("5.s", 5 * S),
            (".5s", 500 * MS),
            ("1.0s", S),
            ("1.00s", S),
            ("1.004s", S + 4 * MS),
            ("1.0040s", S + 4 * MS),
            ("100.00100s", 100 * S + MS),
            ("10ns", 10),
            ("11us", 11_000),
            ("12µs", 12_000),
            ("12μs", 12_000),
            ("13ms", 13 * MS),
            ("14s", 14 * S),
            ("15m", 15 * 60 * S),
            ("16h", 16 * 3600 * S),
            ("3h30m", (3 * 3600 + 30 * 60) * S),
            ("10.5s4m", 4 * 60 * S + 10 * S + 500 * MS),
            ("-2m3.4s", -(2 * 60 * S + 3 * S + 400 * MS)),
            (
                "1h2m3s4ms5us6ns",
                3600 * S + 2 * 60 * S + 3 * S + 4 * MS + 5_000 + 6,
            ),
            ("39h9m14.425s", (39 * 3600 + 9 * 60 + 14) * S + 425 * MS),
            ("52763797000ns", 52_763_797_000),
            ("0.3333333333333333333h", 20 * 60 * S),
            ("9007199254740993ns", (1 << 53) + 1),
            ("9223372036854775807ns", i64::MAX),
            ("9223372036854775.807us", i64::MAX),
            ("9223372036s854ms775us807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("-9223372036854775.808us", i64::MIN),
            ("0.100000000000000000000h", 6 * 60 * S),
            (
                "0.830103483285477580700h",
                49 * 60 * S + 48 * S + 372_539_827,
            ),
            ("1m30s", 90 * S),
        ];
        for &(text, nanos) in cases {
            assert_eq!(GoDuration::parse(text), Ok(GoDuration(nanos)), "{text}");
        }
    }

    #[test]
    fn rejects_what_go_rejects_with_gos_message() {
        let cases: &[(&str, &str)] = &[
            ("", r#"time: invalid duration """#),
            ("3", r#"time: missing unit in duration "3""#),
            ("90", r#"time: missing unit in duration "90""#),
            ("-", r#"time: invalid duration "-""#),
            ("s", r#"time: invalid duration "s""#),
            (".", r#"time: invalid duration ".""#),
            ("-.", r#"time: invalid duration "-.""#),
            (".s", r#"time: invalid duration ".s""#),
            ("+.s", r#"time: invalid duration "+.s""#),
            ("1d", r#"time: unknown unit "d" in duration "1d""#),
            ("1.1.1s", r#"time: missing unit in duration "1.1.1s""#),
            ("\u{85}", r#"time: invalid duration "\xc2\x85""#),
            ("\u{fffd}", r#"time: invalid duration "\xef\xbf\xbd""#),
            (
                "9223372036854775810ns",
                r#"time: invalid duration "9223372036854775810ns""#,
            ),
            (
                "9223372036854775808ns",
                r#"time: invalid duration "9223372036854775808ns""#,
            ),
            (
                "-9223372036854775809ns",
                r#"time: invalid duration "-9223372036854775809ns""#,
            ),
            (
                "9223372036854776us",
                r#"time: invalid duration "9223372036854776us""#,
            ),
            ("3000000h", r#"time: invalid duration "3000000h""#),
            (
                "9223372036854775.808us",
                r#"time: invalid duration "9223372036854775.808us""#,
            ),
            ("30 s", r#"time: unknown unit " s" in duration "30 s""#),
        ];
        for &(text, message) in cases {
            let error = GoDuration::parse(text).expect_err(text);
            assert_eq!(error.to_string(), message, "{text:?}");
        }
    }

    #[test]
    fn prints_like_go() {
        // Cases from Go's durationTests.
        let cases: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (4 * 60 * S + 5 * S, "4m5s"),
            (4 * 60 * S + 5 * S + 1_000_000, "4m5.001s"),
            (5 * 3600 * S + 6 * 60 * S + 7 * S + 1_000_000, "5h6m7.001s"),
            (8 * 60 * S + 1, "8m0.000000001s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
            (300 * S, "5m0s"),
            (90 * S, "1m30s"),
            (-S, "-1s"),
        ];
        for &(nanos, text) in cases {
            assert_eq!(GoDuration(nanos).to_string(), text);
        }
    }

    #[test]
    fn round_trips_through_text() {
        for text in ["5m0s", "1m30s", "2h0m0s", "1.5s", "300ms"] {
            let parsed = GoDuration::parse(text).unwrap();
            assert_eq!(GoDuration::parse(&parsed.to_string()), Ok(parsed));
        }
        assert_eq!(GoDuration::from_secs(90).whole_seconds(), 90);
    }
}
