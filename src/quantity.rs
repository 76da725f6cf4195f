//! Kubernetes `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource): the grammar accepted
//! by Go's `ParseQuantity`, exact decimal arithmetic, and the canonical printing done by
//! `Quantity.String()` / `CanonicalizeBytes` (what kubectl and the API server show).
//!
//! This module is pure: it does no I/O and never uses floating point for values (only
//! [`Quantity::approximate_f64`] produces an `f64`, on request).
//!
//! # Representation
//!
//! A [`Quantity`] holds its exact value as `mantissa × 10^exponent` with an `i128` mantissa of at
//! most 38 decimal digits and an `i32` exponent, normalised so that the mantissa has no trailing
//! zero digit. Equality, ordering and hashing therefore act on the numeric value only
//! (`1Gi == 1073741824`, `1000m == 1`); the [`Format`] only affects printing.
//!
//! Go stores quantities as `int64Amount` or, when that overflows, as an arbitrary-precision
//! `inf.Dec`. Every value a real manifest contains fits the representation used here; values
//! that would need more than 38 significant digits, or a decimal exponent outside `i32`, are
//! rejected with [`QuantityError::OutOfRange`] instead of being approximated.
//!
//! # Deliberate differences from Go
//!
//! * `String()` in Go sometimes echoes the parsed text (`"100.035k"` prints as `"100.035k"`);
//!   [`Quantity::canonical`] always prints the canonical form (`"100035"`), as Go does for any
//!   computed quantity.
//! * Go prints no suffix when the canonical exponent has no suffix, so `ParseQuantity("1000E")`
//!   prints `"1"` and a BinarySI value of `1024Ei` prints `"1"`. Here those print `"1000E"` and
//!   `"1024Ei"`, which keep the value.
//! * Go truncates a decimal exponent to `int32` (`"1e4294967296"` becomes `1`); here such input is
//!   [`QuantityError::OutOfRange`] unless the value is zero or rounds to `1n`.
//! * [`Quantity::value`] and [`Quantity::milli_value`] round toward +∞ for every value. Go rounds
//!   negative `int64Amount` values away from zero, and negative `inf.Dec` values to
//!   `trunc + 1` (`scaledValue` in scale_int.go), so Go has no single rule for negatives.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// Most significant digits a mantissa may have, so that any mantissa fits an `i128` and two
/// mantissas whose leading digits line up can be compared as `u128` without overflow.
const MAX_DIGITS: usize = 38;

/// Largest mantissa magnitude: 38 nines.
const MAX_MANTISSA: u128 = 10u128.pow(MAX_DIGITS as u32) - 1;

/// `ParseQuantity` rounds every non-zero value up to a multiple of 10^-9 (`Nano` in amount.go).
const NANO_EXPONENT: i64 = -9;

/// Go caps BinarySI quantities at `maxAllowed` (math.go), the largest `int64`.
const BINARY_SI_CAP: &[u8; 19] = b"9223372036854775807";

/// Decimal SI suffixes from 10^-9 to 10^18, one per power of 1000 (`decSuffixes` in suffix.go).
const DECIMAL_SUFFIXES: [&str; 10] = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];

/// Binary SI suffixes from 1024^0 to 1024^6 (`binSuffixes` in suffix.go).
const BINARY_SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/// How a quantity is printed; Go's `resource.Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Powers of 1000 with SI suffixes: `n u m "" k M G T P E` (e.g. `12M`).
    DecimalSI,
    /// Powers of 1024 with IEC suffixes: `Ki Mi Gi Ti Pi Ei` (e.g. `12Mi`).
    BinarySI,
    /// A power-of-ten exponent that is a multiple of 3 (e.g. `12e6`).
    DecimalExponent,
}

impl Format {
    /// The name Go uses for this format (`"DecimalSI"`, `"BinarySI"`, `"DecimalExponent"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::DecimalSI => "DecimalSI",
            Format::BinarySI => "BinarySI",
            Format::DecimalExponent => "DecimalExponent",
        }
    }
}

/// Why a text is not a quantity. Each variant carries the offending text (cut to 64 characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The text does not have the shape `<sign><number><suffix>`, or is empty
    /// (Go's `ErrFormatWrong`).
    #[error(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {input:?}"
    )]
    FormatWrong {
        /// The rejected text.
        input: String,
    },
    /// The number before the suffix has no digit where Go needs one, e.g. `"Pi"` or `".e-10"`
    /// (Go's `ErrNumeric`).
    #[error("unable to parse numeric part of quantity: {input:?}")]
    Numeric {
        /// The rejected text.
        input: String,
    },
    /// The suffix is not one of `n u m k M G T P E Ki Mi Gi Ti Pi Ei` nor `e`/`E` followed by a
    /// 64-bit integer (Go's `ErrSuffix`).
    #[error("unable to parse quantity's suffix: {input:?}")]
    Suffix {
        /// The rejected text.
        input: String,
    },
    /// Go would accept the text, but its value needs more than 38 significant digits or a
    /// decimal exponent outside the `i32` range, which this implementation does not represent.
    #[error(
        "quantity is too large or too precise to represent exactly (at most 38 significant digits and a decimal exponent within 32 bits): {input:?}"
    )]
    OutOfRange {
        /// The rejected text.
        input: String,
    },
}

impl QuantityError {
    /// The offending text, cut to 64 characters (with a trailing `…` when cut).
    pub fn input(&self) -> &str {
        match self {
            QuantityError::FormatWrong { input }
            | QuantityError::Numeric { input }
            | QuantityError::Suffix { input }
            | QuantityError::OutOfRange { input } => input,
        }
    }

    fn format_wrong(input: &str) -> Self {
        QuantityError::FormatWrong {
            input: excerpt(input),
        }
    }

    fn numeric(input: &str) -> Self {
        QuantityError::Numeric {
            input: excerpt(input),
        }
    }

    fn suffix(input: &str) -> Self {
        QuantityError::Suffix {
            input: excerpt(input),
        }
    }

    fn out_of_range(input: &str) -> Self {
        QuantityError::OutOfRange {
            input: excerpt(input),
        }
    }
}

/// Keeps error messages readable when the input is a megabyte of digits.
fn excerpt(input: &str) -> String {
    const LIMIT: usize = 64;
    match input.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_string(),
    }
}

/// An exact Kubernetes resource quantity plus the [`Format`] it prints in.
///
/// `PartialEq`, `Eq`, `Ord` and `Hash` compare the numeric value and ignore the format.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// Signed mantissa; `|mantissa| <= MAX_MANTISSA`, and it has no trailing zero digit unless
    /// the whole value is zero.
    mantissa: i128,
    /// The value is `mantissa * 10^exponent`; always 0 for a zero value.
    exponent: i32,
    format: Format,
}

impl Quantity {
    /// Parses `s` like Go's `ParseQuantity`.
    ///
    /// The text is not trimmed (use [`Quantity::from_json`] for JSON's lenient whitespace) and an
    /// empty text is an error. Go's quirks are kept: `"1."`, `".5"`, `"."`, `"-"` and even a bare
    /// suffix such as `"Ki"` are accepted (the last three as zero), while `"Pi"`, `"Ei"` and
    /// digit-less numbers with an exponent below `e-9` are [`QuantityError::Numeric`].
    ///
    /// Values are rounded up (away from zero) to a multiple of `1n`, BinarySI values are capped
    /// at ±(2^63-1), and a BinarySI value strictly between 0 and 1 becomes DecimalSI.
    pub fn parse(s: &str) -> Result<Quantity, QuantityError> {
        if s.is_empty() {
            return Err(QuantityError::format_wrong(s));
        }
        let scanned = scan(s.as_bytes()).ok_or_else(|| QuantityError::format_wrong(s))?;
        let suffix = interpret_suffix(scanned.suffix).ok_or_else(|| QuantityError::suffix(s))?;
        if !scanned.has_digit && !suffix.go_accepts_digitless_number() {
            return Err(QuantityError::numeric(s));
        }

        // Work on the decimal digits of |value| = digits * 10^exp10 so that inputs of any
        // length are rounded exactly before deciding whether they fit.
        let mut digits: Vec<u8> = scanned
            .num
            .iter()
            .chain(scanned.denom)
            .map(|c| c - b'0')
            .collect();
        let leading_zeros = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading_zeros);
        let denom_len = i64::try_from(scanned.denom.len()).unwrap_or(i64::MAX);
        let mut exp10 = -denom_len;
        match suffix.multiplier {
            // Saturation is harmless: a saturated exponent is either far below 1n (the value
            // rounds to 1n anyway) or far beyond i32 (rejected below).
            Multiplier::Pow10(exponent) => exp10 = exp10.saturating_add(exponent),
            Multiplier::Pow1024(times) => {
                for _ in 0..times {
                    digits = multiply_digits(&digits, 1024);
                }
            }
        }
        round_up_to_nano(&mut digits, &mut exp10);
        if digits.is_empty() {
            return Ok(Quantity::zero(suffix.format));
        }
        let trailing_zeros = digits.iter().rev().take_while(|&&d| d == 0).count();
        digits.truncate(digits.len() - trailing_zeros);
        exp10 = exp10.saturating_add(i64::try_from(trailing_zeros).unwrap_or(i64::MAX));

        let mut format = suffix.format;
        if format == Format::BinarySI {
            // ParseQuantity: "The max is just a simple cap." (magnitude, so -9Ei caps too).
            if exceeds_i64_max(&digits, exp10) {
                digits = BINARY_SI_CAP.iter().map(|c| c - b'0').collect();
                exp10 = 0;
            }
            // ParseQuantity: a BinarySI value in (0, 1) is kept as DecimalSI "to avoid rounding".
            if integer_digit_count(&digits, exp10) <= 0 {
                format = Format::DecimalSI;
            }
        }
        if digits.len() > MAX_DIGITS {
            return Err(QuantityError::out_of_range(s));
        }
        let exponent = i32::try_from(exp10).map_err(|_| QuantityError::out_of_range(s))?;
        let magnitude = digits
            .iter()
            .fold(0i128, |acc, &d| acc * 10 + i128::from(d));
        let mantissa = if scanned.negative {
            -magnitude
        } else {
            magnitude
        };
        Ok(Quantity {
            mantissa,
            exponent,
            format,
        })
    }

    /// Decodes the raw text of a JSON value like Go's `Quantity.UnmarshalJSON`: `null` is zero,
    /// one pair of surrounding double quotes is removed, then surrounding whitespace is trimmed
    /// and the rest goes to [`Quantity::parse`]. A bare JSON number (`1`, ` -1`) is accepted;
    /// escape sequences are not decoded (Go does not decode them either).
    ///
    /// A `null` yields a DecimalSI zero (Go leaves the receiver's format untouched).
    pub fn from_json(text: &str) -> Result<Quantity, QuantityError> {
        if text == "null" {
            return Ok(Quantity::zero(Format::DecimalSI));
        }
        let unquoted = if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
            // Both ends are the one-byte '"', so these are character boundaries.
            &text[1..text.len() - 1]
        } else {
            text
        };
        // Rust's `trim` and Go's `strings.TrimSpace` both strip Unicode White_Space.
        Quantity::parse(unquoted.trim())
    }

    /// A quantity of `bytes` (or any unit count) in `format`; Go's `NewQuantity`.
    pub fn from_bytes(bytes: i64, format: Format) -> Quantity {
        Quantity::from_i64_scaled(bytes, 0, format)
    }

    /// A quantity of `milli / 1000` in `format`; Go's `NewMilliQuantity`.
    pub fn from_milli(milli: i64, format: Format) -> Quantity {
        Quantity::from_i64_scaled(milli, -3, format)
    }

    /// The format this quantity prints in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The value rounded up (toward +∞) to an integer, or `None` outside `i64`; Go's `Value()`
    /// without its silent overflow.
    pub fn value(&self) -> Option<i64> {
        self.ceil_scaled(0)
    }

    /// The value in thousandths rounded up (toward +∞), or `None` outside `i64`; Go's
    /// `MilliValue()` without its silent overflow.
    pub fn milli_value(&self) -> Option<i64> {
        self.ceil_scaled(3)
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The canonical text for this value and format, as Go's `CanonicalizeBytes` builds it (what
    /// `String()` returns for any quantity that was not just parsed from canonical text):
    ///
    /// * zero is `"0"` in every format;
    /// * DecimalSI / DecimalExponent use the largest power of 1000 that keeps the mantissa an
    ///   integer (`1.5` → `1500m`, `1.3e6` → `1300e3`);
    /// * BinarySI uses the largest power of 1024 that divides the value (`1536Mi`), except that
    ///   values strictly between -1024 and 1024 and non-integers print as DecimalSI (`500m`,
    ///   `1025`);
    /// * negative values are `-` followed by the form of their magnitude.
    pub fn canonical(&self) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let sign = if self.is_negative() { "-" } else { "" };
        let magnitude = self.mantissa.unsigned_abs();
        let body = match self.format {
            Format::BinarySI => binary_si_form(magnitude, self.exponent)
                .unwrap_or_else(|| decimal_form(magnitude, self.exponent, Format::DecimalSI)),
            format => decimal_form(magnitude, self.exponent, format),
        };
        format!("{sign}{body}")
    }

    /// The value as the nearest `f64` (±∞ beyond the `f64` range); Go's `AsApproximateFloat64`.
    ///
    /// This is correctly rounded, so it can differ from Go's `base * 10^exp` in the last bit.
    pub fn approximate_f64(&self) -> f64 {
        // Rust's float parser rounds a decimal string exactly and saturates to infinity.
        format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .unwrap_or(f64::NAN)
    }

    /// `self + other`, exactly, or `None` when the sum is not representable. The result keeps
    /// `self`'s format, except that a zero `self` takes `other`'s format (Go's `Add`).
    pub fn checked_add(&self, other: &Quantity) -> Option<Quantity> {
        if self.is_zero() {
            return Some(other.clone());
        }
        if other.is_zero() {
            return Some(self.clone());
        }
        let exponent = self.exponent.min(other.exponent);
        // Align both mantissas on the smaller exponent. Working on magnitudes in u128 is exact:
        // if the aligned one overflows u128, the sum has more than 38 significant digits (its
        // last digit is the other operand's non-zero last digit), so it is unrepresentable.
        let a = align(self.mantissa.unsigned_abs(), self.exponent, exponent)?;
        let b = align(other.mantissa.unsigned_abs(), other.exponent, exponent)?;
        let (a_negative, b_negative) = (self.is_negative(), other.is_negative());
        let (negative, magnitude) = if a_negative == b_negative {
            (a_negative, a.checked_add(b)?)
        } else if a >= b {
            (a_negative, a - b)
        } else {
            (b_negative, b - a)
        };
        Quantity::from_magnitude(negative, magnitude, i64::from(exponent), self.format)
    }

    /// `self - other`, exactly, or `None` when the difference is not representable. The format
    /// rule is the one of [`Quantity::checked_add`] (Go's `Sub`).
    pub fn checked_sub(&self, other: &Quantity) -> Option<Quantity> {
        self.checked_add(&other.neg())
    }

    /// The opposite value, in the same format (Go's `Neg`).
    pub fn neg(&self) -> Quantity {
        Quantity {
            mantissa: -self.mantissa,
            ..self.clone()
        }
    }

    fn zero(format: Format) -> Quantity {
        Quantity {
            mantissa: 0,
            exponent: 0,
            format,
        }
    }

    /// `value * 10^exponent`, for the `i64` constructors (the result always fits).
    fn from_i64_scaled(value: i64, exponent: i32, format: Format) -> Quantity {
        let mut mantissa = i128::from(value);
        let mut exponent = exponent;
        if mantissa == 0 {
            return Quantity::zero(format);
        }
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        Quantity {
            mantissa,
            exponent,
            format,
        }
    }

    /// Normalises `±magnitude * 10^exponent`; `None` if it does not fit the representation.
    fn from_magnitude(
        negative: bool,
        mut magnitude: u128,
        mut exponent: i64,
        format: Format,
    ) -> Option<Quantity> {
        if magnitude == 0 {
            return Some(Quantity::zero(format));
        }
        while magnitude.is_multiple_of(10) {
            magnitude /= 10;
            exponent += 1;
        }
        if magnitude > MAX_MANTISSA {
            return None;
        }
        let magnitude = i128::try_from(magnitude).ok()?;
        Some(Quantity {
            mantissa: if negative { -magnitude } else { magnitude },
            exponent: i32::try_from(exponent).ok()?,
            format,
        })
    }

    /// `ceil(value * 10^shift)` as an `i64`.
    fn ceil_scaled(&self, shift: i64) -> Option<i64> {
        if self.is_zero() {
            return Some(0);
        }
        let exponent = i64::from(self.exponent) + shift;
        let scaled = if exponent >= 0 {
            let factor = 10i128.checked_pow(u32::try_from(exponent).ok()?)?;
            self.mantissa.checked_mul(factor)?
        } else {
            let places = exponent.unsigned_abs();
            if places > MAX_DIGITS as u64 {
                // |mantissa| < 10^38 <= 10^places: the value lies strictly between -1 and 1.
                i128::from(self.mantissa > 0)
            } else {
                let divisor = 10i128.pow(u32::try_from(places).ok()?);
                let floor = self.mantissa.div_euclid(divisor);
                floor + i128::from(self.mantissa.rem_euclid(divisor) != 0)
            }
        };
        i64::try_from(scaled).ok()
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        // The representation is normalised, so equal values have equal parts.
        self.mantissa == other.mantissa && self.exponent == other.exponent
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.mantissa.hash(state);
        self.exponent.hash(state);
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        let by_sign = self.mantissa.signum().cmp(&other.mantissa.signum());
        if by_sign != Ordering::Equal || self.is_zero() {
            return by_sign;
        }
        let by_magnitude = compare_magnitudes(
            self.mantissa.unsigned_abs(),
            self.exponent,
            other.mantissa.unsigned_abs(),
            other.exponent,
        );
        if self.is_negative() {
            by_magnitude.reverse()
        } else {
            by_magnitude
        }
    }
}

impl fmt::Display for Quantity {
    /// Writes [`Quantity::canonical`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    /// Same as [`Quantity::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Quantity::parse(s)
    }
}

impl serde::Serialize for Quantity {
    /// Serializes as the canonical string, like Go's `MarshalJSON` for a computed quantity.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

/// A byte count for human-readable messages (JSON output should carry the integer instead).
///
/// * below 1Ki in magnitude: the plain integer (`500` → `"500"`);
/// * an exact short form (at most 4 digits) when there is one: BinarySI first
///   (`33554432` → `"32Mi"`, `1572864` → `"1536Ki"`), then DecimalSI (`1024000000` →
///   `"1024M"`, not `"1000000Ki"`);
/// * otherwise the largest unit not above the value, with one or two decimals rounded half-up
///   and at least one decimal kept so that an approximation never looks exact
///   (`1288490188` → `"1.2Gi"`, `1073741825` → `"1.0Gi"`, `1048575` → `"1.0Mi"`).
pub fn format_bytes(bytes: i64) -> String {
    let magnitude = i128::from(bytes).unsigned_abs();
    if magnitude < 1024 {
        return bytes.to_string();
    }
    // An exact form when it stays short: `32Mi`, or `1024M` where the binary form would be
    // `1000000Ki`.
    let short = |text: String| {
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        (digits <= 4).then_some(text)
    };
    if magnitude.is_multiple_of(1024)
        && let Some(text) = short(Quantity::from_bytes(bytes, Format::BinarySI).canonical())
    {
        return text;
    }
    if magnitude.is_multiple_of(1000)
        && let Some(text) = short(Quantity::from_bytes(bytes, Format::DecimalSI).canonical())
    {
        return text;
    }
    let sign = if bytes < 0 { "-" } else { "" };
    let mut power = 1;
    while power < 6 && magnitude >= 1u128 << (10 * (power + 1)) {
        power += 1;
    }
    let hundredths = |power: usize| {
        let unit = 1u128 << (10 * power);
        (magnitude * 100 + unit / 2) / unit
    };
    let mut rounded = hundredths(power);
    if rounded >= 1024 * 100 && power < 6 {
        // 1023.999Ki rounds to 1024.00Ki: say 1.0Mi instead.
        power += 1;
        rounded = hundredths(power);
    }
    let (whole, fraction) = (rounded / 100, rounded % 100);
    let fraction = if fraction.is_multiple_of(10) {
        (fraction / 10).to_string()
    } else {
        format!("{fraction:02}")
    };
    format!("{sign}{whole}.{fraction}{}", BINARY_SUFFIXES[power])
}

/// The pieces `parseQuantityString` (quantity.go) splits a text into.
struct Scanned<'a> {
    negative: bool,
    /// Integer digits after the leading zeros (Go's `num`, possibly empty).
    num: &'a [u8],
    /// Digits after the decimal point (Go's `denom`).
    denom: &'a [u8],
    /// Whether the number part has any digit; `inf.Dec.SetString` fails without one.
    has_digit: bool,
    /// Everything after the number (Go's `suffix`).
    suffix: &'a [u8],
}

/// Splits a text as `parseQuantityString` does: `[+-]`, zeros, digits, `.digits`, then suffix
/// letters from `eEinumkKMGTP`, an optional sign and digits. Anything else left over is
/// `ErrFormatWrong` (`None`). Works on bytes: every accepted character is ASCII.
fn scan(text: &[u8]) -> Option<Scanned<'_>> {
    let end = text.len();
    let mut pos = 0;
    let skip = |pos: &mut usize, accept: &dyn Fn(u8) -> bool| {
        while *pos < end && accept(text[*pos]) {
            *pos += 1;
        }
    };

    let negative = text.first() == Some(&b'-');
    if matches!(text.first(), Some(b'-' | b'+')) {
        pos += 1;
    }
    let zeros_start = pos;
    skip(&mut pos, &|c| c == b'0');
    let has_leading_zero = pos > zeros_start;
    let num_start = pos;
    skip(&mut pos, &|c: u8| c.is_ascii_digit());
    let num = &text[num_start..pos];
    let mut denom: &[u8] = &[];
    if pos < end && text[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        skip(&mut pos, &|c: u8| c.is_ascii_digit());
        denom = &text[denom_start..pos];
    }
    let suffix_start = pos;
    skip(&mut pos, &|c| b"eEinumkKMGTP".contains(&c));
    if pos < end && matches!(text[pos], b'-' | b'+') {
        pos += 1;
    }
    skip(&mut pos, &|c: u8| c.is_ascii_digit());
    if pos != end {
        return None;
    }
    Some(Scanned {
        negative,
        num,
        denom,
        has_digit: has_leading_zero || !num.is_empty() || !denom.is_empty(),
        suffix: &text[suffix_start..],
    })
}

/// What a suffix multiplies the number by.
#[derive(Clone, Copy)]
enum Multiplier {
    /// `10^n`: the decimal SI suffixes and `e`/`E` exponents.
    Pow10(i64),
    /// `1024^n`: the binary SI suffixes.
    Pow1024(u32),
}

/// A suffix as Go's `suffixHandler.interpret` understands it.
struct Suffix {
    multiplier: Multiplier,
    format: Format,
    /// The exponent Go works with: `int32(parsed)` for `e`/`E`, which wraps.
    go_exponent: i32,
}

impl Suffix {
    /// Whether Go accepts a number without digits (`"Ki"`, `"."`, `"-e5"`) with this suffix.
    ///
    /// `ParseQuantity` reads such a number as 0 on its `int64` fast path, but on its `inf.Dec`
    /// path `SetString` finds no digit and fails with `ErrNumeric`. The fast path is taken when
    /// the "precision" estimate is non-negative and the scale is at least nano; with
    /// `num = "0"` and no denominator that is: decimal exponent >= -9, binary exponent <= 40
    /// (precision `15 - 1 - exponent*3/10 - 1`), i.e. `"Pi"` and `"Ei"` fail.
    fn go_accepts_digitless_number(&self) -> bool {
        match self.multiplier {
            Multiplier::Pow10(_) => i64::from(self.go_exponent) >= NANO_EXPONENT,
            Multiplier::Pow1024(_) => 13 - self.go_exponent * 3 / 10 >= 0,
        }
    }
}

/// Go's `suffixHandler.interpret` (suffix.go): the decimal and binary tables first, then `e`/`E`
/// followed by something `strconv.ParseInt(_, 10, 64)` accepts. `"E"` alone is exa.
fn interpret_suffix(suffix: &[u8]) -> Option<Suffix> {
    let decimal = |exponent: i32| Suffix {
        multiplier: Multiplier::Pow10(i64::from(exponent)),
        format: Format::DecimalSI,
        go_exponent: exponent,
    };
    let binary = |times: u32| Suffix {
        multiplier: Multiplier::Pow1024(times),
        format: Format::BinarySI,
        go_exponent: 10 * times as i32,
    };
    Some(match suffix {
        b"" => decimal(0),
        b"n" => decimal(-9),
        b"u" => decimal(-6),
        b"m" => decimal(-3),
        b"k" => decimal(3),
        b"M" => decimal(6),
        b"G" => decimal(9),
        b"T" => decimal(12),
        b"P" => decimal(15),
        b"E" => decimal(18),
        b"Ki" => binary(1),
        b"Mi" => binary(2),
        b"Gi" => binary(3),
        b"Ti" => binary(4),
        b"Pi" => binary(5),
        b"Ei" => binary(6),
        [b'e' | b'E', rest @ ..] => {
            let exponent = parse_go_int64(rest)?;
            Suffix {
                multiplier: Multiplier::Pow10(exponent),
                format: Format::DecimalExponent,
                // Go converts with int32(parsed); only used to mirror its digit-less check.
                go_exponent: exponent as i32,
            }
        }
        _ => return None,
    })
}

/// `strconv.ParseInt(text, 10, 64)`: an optional sign, at least one digit, no overflow.
fn parse_go_int64(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0i64, |acc, &c| {
        if !c.is_ascii_digit() {
            return None;
        }
        let digit = i64::from(c - b'0');
        // Accumulate toward the sign so that i64::MIN parses.
        let acc = acc.checked_mul(10)?;
        if negative {
            acc.checked_sub(digit)
        } else {
            acc.checked_add(digit)
        }
    })
}

/// Multiplies a big-endian decimal digit string by a small factor.
fn multiply_digits(digits: &[u8], factor: u32) -> Vec<u8> {
    let mut reversed = Vec::with_capacity(digits.len() + 10);
    let mut carry = 0u64;
    for &digit in digits.iter().rev() {
        let product = u64::from(digit) * u64::from(factor) + carry;
        reversed.push((product % 10) as u8);
        carry = product / 10;
    }
    while carry > 0 {
        reversed.push((carry % 10) as u8);
        carry /= 10;
    }
    reversed.reverse();
    reversed
}

/// ParseQuantity's `amount.Round(amount, Nano, inf.RoundUp)` on a magnitude: anything below
/// `1n` is rounded up to the next multiple of `1n` "so that you get some resources". `digits`
/// has no leading zero; a zero value (no digits) is left alone, as in Go.
fn round_up_to_nano(digits: &mut Vec<u8>, exp10: &mut i64) {
    if *exp10 >= NANO_EXPONENT || digits.is_empty() {
        return;
    }
    let dropped = exp10.abs_diff(NANO_EXPONENT);
    match usize::try_from(dropped) {
        Ok(dropped) if dropped < digits.len() => {
            let keep = digits.len() - dropped;
            let inexact = digits[keep..].iter().any(|&d| d != 0);
            digits.truncate(keep);
            if inexact {
                increment_digits(digits);
            }
        }
        // Every digit is below 1n and at least one is non-zero (no leading zeros).
        _ => *digits = vec![1],
    }
    *exp10 = NANO_EXPONENT;
}

fn increment_digits(digits: &mut Vec<u8>) {
    for digit in digits.iter_mut().rev() {
        if *digit == 9 {
            *digit = 0;
        } else {
            *digit += 1;
            return;
        }
    }
    digits.insert(0, 1);
}

/// How many digits `digits * 10^exp10` has before the decimal point (<= 0 for values below 1).
fn integer_digit_count(digits: &[u8], exp10: i64) -> i128 {
    i128::try_from(digits.len()).unwrap_or(i128::MAX) + i128::from(exp10)
}

/// Whether `digits * 10^exp10` (no leading or trailing zero digit) exceeds 2^63-1.
fn exceeds_i64_max(digits: &[u8], exp10: i64) -> bool {
    match integer_digit_count(digits, exp10).cmp(&(BINARY_SI_CAP.len() as i128)) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => {
            for (index, &cap) in BINARY_SI_CAP.iter().enumerate() {
                let digit = digits.get(index).copied().unwrap_or(0);
                if digit != cap - b'0' {
                    return digit > cap - b'0';
                }
            }
            // Same integer part: any remaining digit is a non-zero fraction.
            digits.len() > BINARY_SI_CAP.len()
        }
    }
}

/// `magnitude * 10^(from - to)` for `from >= to`, if it fits a `u128`.
fn align(magnitude: u128, from: i32, to: i32) -> Option<u128> {
    let places = u32::try_from(i64::from(from) - i64::from(to)).ok()?;
    magnitude.checked_mul(10u128.checked_pow(places)?)
}

/// Compares two non-zero magnitudes `a * 10^ea` and `b * 10^eb`, each at most 38 digits.
fn compare_magnitudes(a: u128, ea: i32, b: u128, eb: i32) -> Ordering {
    let leading = |m: u128, e: i32| i64::from(m.ilog10()) + i64::from(e);
    let by_position = leading(a, ea).cmp(&leading(b, eb));
    if by_position != Ordering::Equal {
        return by_position;
    }
    // Same leading digit position: the one with the larger exponent has fewer digits, and
    // scaling it up gives at most as many digits as the other (<= 38), so no overflow.
    match (align(a, ea, ea.min(eb)), align(b, eb, ea.min(eb))) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => Ordering::Equal, // unreachable: see above
    }
}

/// `CanonicalizeBytes` for DecimalSI and DecimalExponent: move the exponent down to a multiple
/// of 3 (`AsCanonicalBytes` in amount.go) and name it.
fn decimal_form(magnitude: u128, exponent: i32, format: Format) -> String {
    let exponent = i64::from(exponent);
    let extra_zeros = exponent.rem_euclid(3);
    let mut exponent = exponent - extra_zeros;
    let mut text = magnitude.to_string();
    for _ in 0..extra_zeros {
        text.push('0');
    }
    match format {
        Format::DecimalSI if (-9..=18).contains(&exponent) => {
            // In range, so the index is 0..=9.
            text.push_str(DECIMAL_SUFFIXES[((exponent + 9) / 3) as usize]);
        }
        Format::DecimalSI if exponent > 18 => {
            // Go has no suffix beyond E and would print the bare mantissa (a different value);
            // keep the value by writing the extra thousands into the mantissa.
            while exponent > 18 {
                text.push_str("000");
                exponent -= 3;
            }
            text.push('E');
        }
        _ if exponent == 0 => {}
        // DecimalExponent, and DecimalSI below 1n (never produced: every constructor and
        // operation keeps values on multiples of 1n).
        _ => {
            text.push('e');
            text.push_str(&exponent.to_string());
        }
    }
    text
}

/// `CanonicalizeBytes` for BinarySI, or `None` when Go falls back to DecimalSI: magnitudes below
/// 1024 and non-integers. Also `None` for integers beyond `u128` (only reachable through
/// arithmetic; they print as DecimalSI, where Go would print a base-1024 mantissa).
fn binary_si_form(magnitude: u128, exponent: i32) -> Option<String> {
    if exponent < 0 {
        // Normalised mantissas have no trailing zero, so a negative exponent means a fraction.
        return None;
    }
    let mut value = align(magnitude, exponent, 0)?;
    if value < 1024 {
        return None;
    }
    let mut power = 0;
    // Go keeps dividing past Ei and then finds no suffix; stop at Ei to keep the value.
    while power < 6 && value.is_multiple_of(1024) {
        value /= 1024;
        power += 1;
    }
    Some(format!("{value}{}", BINARY_SUFFIXES[power]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::hash_map::DefaultHasher;

    const VECTORS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/quantity-vectors.json"
    );

    /// All rows of the shared vector file. A missing or unreadable file fails the test.
    fn vectors() -> Vec<Value> {
        let text = std::fs::read_to_string(VECTORS)
            .unwrap_or_else(|e| panic!("cannot read {VECTORS}: {e}; these vectors are required"));
        let rows: Value = serde_json::from_str(&text).expect("quantity vectors are not JSON");
        rows.as_array()
            .expect("quantity vectors are not an array")
            .clone()
    }

    fn rows_of(kind: &str) -> Vec<Value> {
        let rows: Vec<Value> = vectors()
            .into_iter()
            .filter(|row| row["kind"] == kind)
            .collect();
        assert!(!rows.is_empty(), "no {kind:?} rows in {VECTORS}");
        rows
    }

    fn text<'a>(row: &'a Value, field: &str) -> &'a str {
        row[field]
            .as_str()
            .unwrap_or_else(|| panic!("{}: {field} is not a string", row["id"]))
    }

    fn format_named(name: &str) -> Format {
        [Format::DecimalSI, Format::BinarySI, Format::DecimalExponent]
            .into_iter()
            .find(|f| f.as_str() == name)
            .unwrap_or_else(|| panic!("unknown format {name:?}"))
    }

    /// The exact value as a plain decimal ("0.000000005", "-1024").
    fn plain_decimal(q: &Quantity) -> String {
        let sign = if q.is_negative() { "-" } else { "" };
        let digits = q.mantissa.unsigned_abs().to_string();
        let body = if q.exponent >= 0 {
            format!("{digits}{}", "0".repeat(q.exponent as usize))
        } else {
            let places = q.exponent.unsigned_abs() as usize;
            let padded = format!("{digits:0>width$}", width = places + 1);
            let (whole, fraction) = padded.split_at(padded.len() - places);
            format!("{whole}.{fraction}")
        };
        format!("{sign}{body}")
    }

    /// Builds a quantity from a plain decimal without going through `Quantity::parse`.
    fn from_plain_decimal(text: &str, format: Format) -> Quantity {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let magnitude: u128 = format!("{whole}{fraction}").parse().expect(text);
        Quantity::from_magnitude(negative, magnitude, -(fraction.len() as i64), format).expect(text)
    }

    fn hash_of(q: &Quantity) -> u64 {
        let mut hasher = DefaultHasher::new();
        q.hash(&mut hasher);
        hasher.finish()
    }

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn negated_canonical(canonical: &str) -> String {
        if canonical == "0" {
            canonical.to_string()
        } else {
            format!("-{canonical}")
        }
    }

    /// Runs `check` on every row, collecting failures so that one run reports all of them.
    fn run_rows(kind: &str, check: impl Fn(&Value) -> Vec<String>) {
        let rows = rows_of(kind);
        let mut failures = Vec::new();
        let mut passed = 0;
        for row in &rows {
            let problems = check(row);
            if problems.is_empty() {
                passed += 1;
            }
            failures.extend(problems.iter().map(|p| format!("{}: {p}", row["id"])));
        }
        eprintln!("{kind}: {passed} of {} vectors pass", rows.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn expect_eq<T: PartialEq + fmt::Debug>(
        problems: &mut Vec<String>,
        what: &str,
        got: T,
        want: T,
    ) {
        if got != want {
            problems.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }

    #[test]
    fn every_vector_kind_is_checked() {
        let rows = vectors();
        assert!(rows.len() >= 186, "only {} quantity vectors", rows.len());
        for row in &rows {
            let kind = row["kind"].as_str().unwrap_or_default();
            assert!(
                ["parse", "canonical", "json_unmarshal", "float64"].contains(&kind),
                "{}: unknown kind {kind:?}",
                row["id"]
            );
        }
    }

    #[test]
    fn vectors_parse() {
        run_rows("parse", |row| {
            let mut problems = Vec::new();
            let input = text(row, "input");
            let parsed = Quantity::parse(input);
            if row["valid"] == false {
                if let Ok(q) = parsed {
                    problems.push(format!("{input:?} parsed as {q:?}; want an error"));
                }
                return problems;
            }
            let q = match parsed {
                Ok(q) => q,
                Err(e) => return vec![format!("{input:?} failed: {e}")],
            };
            let canonical = text(row, "canonical");
            expect_eq(
                &mut problems,
                "format",
                q.format(),
                format_named(text(row, "format")),
            );
            expect_eq(
                &mut problems,
                "exact value",
                plain_decimal(&q),
                text(row, "exact_value").into(),
            );
            expect_eq(
                &mut problems,
                "value",
                q.value(),
                row["value_ceil_int64"].as_i64(),
            );
            expect_eq(
                &mut problems,
                "milli value",
                q.milli_value(),
                row["milli_value_ceil"].as_i64(),
            );
            expect_eq(
                &mut problems,
                "canonical",
                q.canonical().as_str(),
                canonical,
            );
            expect_eq(&mut problems, "display", q.to_string().as_str(), canonical);
            expect_eq(
                &mut problems,
                "from_str",
                input.parse::<Quantity>().ok(),
                Some(q.clone()),
            );
            // Go's String() is the canonical form unless it echoes the parsed text.
            let go_string = text(row, "string");
            if row["string_echoes_input"] == true {
                expect_eq(&mut problems, "echoed string", go_string, input);
            } else {
                expect_eq(&mut problems, "string", go_string, canonical);
            }
            expect_eq(
                &mut problems,
                "canonical reparses",
                Quantity::parse(canonical).ok(),
                Some(q.clone()),
            );
            let negated = Quantity::parse(&format!("-{input}"));
            if row["negated_input_is_valid"] == true {
                match negated {
                    Ok(n) => {
                        expect_eq(&mut problems, "negated value", &n, &q.neg());
                        expect_eq(&mut problems, "negated format", n.format(), q.format());
                        expect_eq(
                            &mut problems,
                            "negated canonical",
                            n.canonical(),
                            negated_canonical(canonical),
                        );
                    }
                    Err(e) => problems.push(format!("-{input:?} failed: {e}")),
                }
            } else if negated.is_ok() {
                problems.push(format!("-{input:?} parsed; want an error"));
            }
            problems
        });
    }

    #[test]
    fn vectors_canonical() {
        run_rows("canonical", |row| {
            let mut problems = Vec::new();
            let format = format_named(text(row, "internal_format"));
            let q = from_plain_decimal(text(row, "internal_value"), format);
            let canonical = text(row, "canonical");
            expect_eq(
                &mut problems,
                "canonical",
                q.canonical().as_str(),
                canonical,
            );
            expect_eq(
                &mut problems,
                "negated canonical",
                q.neg().canonical(),
                negated_canonical(canonical),
            );
            problems
        });
    }

    #[test]
    fn vectors_json_unmarshal() {
        run_rows("json_unmarshal", |row| {
            let json = text(row, "json");
            match Quantity::from_json(json) {
                Ok(q) if q.canonical() == text(row, "canonical") => vec![],
                other => vec![format!(
                    "{json:?} gave {other:?}, want {}",
                    row["canonical"]
                )],
            }
        });
    }

    #[test]
    fn vectors_float64() {
        run_rows("float64", |row| {
            let mut problems = Vec::new();
            let q = q(text(row, "input"));
            expect_eq(
                &mut problems,
                "format",
                q.format(),
                format_named(text(row, "format")),
            );
            expect_eq(
                &mut problems,
                "exact value",
                plain_decimal(&q),
                text(row, "exact_value").into(),
            );
            let want = row["as_approximate_float64"].as_f64().expect("float");
            expect_eq(
                &mut problems,
                "float",
                q.approximate_f64().to_bits(),
                want.to_bits(),
            );
            problems
        });
    }

    #[test]
    fn error_kinds_match_go() {
        let kind = |s: &str| match Quantity::parse(s) {
            Err(QuantityError::FormatWrong { .. }) => "format",
            Err(QuantityError::Numeric { .. }) => "numeric",
            Err(QuantityError::Suffix { .. }) => "suffix",
            Err(QuantityError::OutOfRange { .. }) => "range",
            Ok(_) => "ok",
        };
        for (input, want) in [
            ("", "format"),
            ("1.1.M", "format"),
            ("1+1.0M", "format"),
            (" 1", "format"),
            ("1 ", "format"),
            ("aoeu", "format"),
            ("1e3e", "format"),
            ("1e+-5", "format"),
            ("１", "format"),
            ("0.1mi", "suffix"),
            ("0.1am", "format"),
            (".5i", "suffix"),
            ("1i", "suffix"),
            ("-3.01e-", "suffix"),
            ("1e", "suffix"),
            ("--1", "suffix"),
            ("1kk", "suffix"),
            ("1Ki5", "suffix"),
            ("1e99999999999999999999", "suffix"),
            ("Pi", "numeric"),
            ("Ei", "numeric"),
            ("-.Pi", "numeric"),
            ("e-10", "numeric"),
            (".e-10", "numeric"),
            ("1e9999999999", "range"),
            ("1234567890123456789012345678901234567890", "range"),
        ] {
            assert_eq!(kind(input), want, "{input:?}");
        }
        let error = Quantity::parse("0.1mi").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unable to parse quantity's suffix: \"0.1mi\""
        );
        assert_eq!(error.input(), "0.1mi");
        assert_eq!(
            Quantity::parse("").unwrap_err().to_string(),
            "quantities must match the regular expression \
             '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': \"\""
        );
        let long = "x".repeat(1000);
        assert_eq!(
            Quantity::parse(&long).unwrap_err().input(),
            format!("{}…", "x".repeat(64))
        );
    }

    #[test]
    fn go_grammar_quirks_are_kept() {
        // Digit-less numbers that Go's int64 fast path reads as zero.
        for (input, format) in [
            (".", Format::DecimalSI),
            ("-", Format::DecimalSI),
            ("+", Format::DecimalSI),
            ("-0", Format::DecimalSI),
            ("Ki", Format::BinarySI),
            (".Ti", Format::BinarySI),
            ("k", Format::DecimalSI),
            ("e5", Format::DecimalExponent),
            ("e-9", Format::DecimalExponent),
            ("0e99999999999", Format::DecimalExponent),
        ] {
            let parsed = q(input);
            assert!(parsed.is_zero(), "{input:?}");
            assert_eq!(parsed.format(), format, "{input:?}");
            assert_eq!(parsed.canonical(), "0");
        }
        // "E" alone is exa; "E" with digits is an exponent.
        assert_eq!(q("1E").format(), Format::DecimalSI);
        assert_eq!(q("1E3").format(), Format::DecimalExponent);
        assert_eq!(q("1E3").value(), Some(1000));
        assert_eq!(q("1e+3").canonical(), "1e3");
        assert_eq!(q("1e-0").canonical(), "1");
        assert_eq!(q("+1.5").canonical(), "1500m");
        assert_eq!(q("007").canonical(), "7");
        // Rounding to nano is away from zero, so negation commutes with parsing.
        assert_eq!(q("-0.0000000001").canonical(), "-1n");
        assert_eq!(q("1e-9999999999").canonical(), "1e-9");
        assert_eq!(q("-9Ei"), q("-9223372036854775807"));
        // A BinarySI value in (0, 1) becomes DecimalSI, 1 and above stays BinarySI.
        assert_eq!(q(".000001Ki").format(), Format::DecimalSI);
        assert_eq!(q(".001Ki").format(), Format::BinarySI);
        // Long inputs are rounded exactly before being stored.
        let long_fraction = format!("0.{}1", "0".repeat(5000));
        assert_eq!(q(&long_fraction).canonical(), "1n");
        assert_eq!(
            q(&format!("1{}E", "0".repeat(30))).canonical(),
            format!("1{}E", "0".repeat(30))
        );
        assert_eq!(
            q("0.123456789012345678901234567890123456789Ei").canonical(),
            "142335986942043633765524428n"
        );
    }

    #[test]
    fn upstream_parse_quantity_boundaries() {
        // From quantity_test.go TestParseQuantity (canonical column, or the input when empty).
        for (input, canonical) in [
            ("-999999999999999999.1", "-999999999999999999100m"),
            ("9999999999999999999", "9999999999999999999"),
            ("1000000000000000000", "1E"),
            ("1.0E", "1E"),
            ("-9999999999999999999000m", "-9999999999999999999"),
            ("1.0000000000000000001E", "1000000000000000000100m"),
            ("-1.000000000000000001E", "-1000000000000000001"),
            ("10000000000000000000", "10E"),
            ("10000000000000000000000m", "10E"),
            ("10.0000000000000000001E", "10000000000000000000100m"),
            ("-9223372036854775809", "-9223372036854775809"),
            ("9223372036854775806.1", "9223372036854775806100m"),
            ("-9223372036854775808.0", "-9223372036854775808"),
            ("9223372036854775808000m", "9223372036854775808"),
            ("-9223372036854775808.1", "-9223372036854775808100m"),
        ] {
            assert_eq!(q(input).canonical(), canonical, "{input:?}");
        }
        assert_eq!(q("-9223372036854775808").value(), Some(i64::MIN));
        assert_eq!(q("9223372036854775808").value(), None);
        assert_eq!(q("9223372036854775807").value(), Some(i64::MAX));
    }

    #[test]
    fn constructors_match_new_quantity() {
        // TestNewSet / TestMilliNewSet / TestNewScaledSet.
        for (value, format, want) in [
            (1, Format::DecimalSI, "1"),
            (1000, Format::DecimalSI, "1k"),
            (1234000, Format::DecimalSI, "1234k"),
            (1024, Format::BinarySI, "1Ki"),
            (1000000, Format::DecimalExponent, "1e6"),
            (1024 * 1024, Format::BinarySI, "1Mi"),
            (0, Format::BinarySI, "0"),
            (i64::MIN, Format::BinarySI, "-8Ei"),
            (i64::MAX, Format::DecimalSI, "9223372036854775807"),
        ] {
            let made = Quantity::from_bytes(value, format);
            assert_eq!(made.canonical(), want, "{value}");
            assert_eq!(made.value(), Some(value));
            assert_eq!(made.format(), format);
        }
        for (milli, format, want) in [
            (1, Format::DecimalSI, "1m"),
            (1000, Format::DecimalSI, "1"),
            (1234000, Format::DecimalSI, "1234"),
            (1024, Format::BinarySI, "1024m"),
            (1000000, Format::DecimalExponent, "1e3"),
            (1024 * 1024, Format::BinarySI, "1048576m"),
            (-1500, Format::DecimalSI, "-1500m"),
        ] {
            let made = Quantity::from_milli(milli, format);
            assert_eq!(made.canonical(), want, "{milli}");
            assert_eq!(made.milli_value(), Some(milli));
        }
    }

    #[test]
    fn value_rounds_toward_positive_infinity() {
        assert_eq!(q("9.01").value(), Some(10));
        assert_eq!(q("-9.01").value(), Some(-9));
        assert_eq!(q("-1.1Ki").value(), Some(-1126));
        assert_eq!(q("-0.5").value(), Some(0));
        assert_eq!(q("1n").milli_value(), Some(1));
        assert_eq!(q("-1n").milli_value(), Some(0));
        assert_eq!(q("12E").value(), None);
        assert_eq!(q("1e999999999").value(), None);
        assert_eq!(q("1e-9").value(), Some(1));
        assert_eq!(q("8E").milli_value(), None);
    }

    #[test]
    fn equality_hash_and_order_use_the_value() {
        let pairs = [
            ("1Gi", "1073741824"),
            ("1000m", "1"),
            ("1e3", "1k"),
            ("0Ki", "0"),
            ("-0", "0e5"),
        ];
        for (a, b) in pairs {
            assert_eq!(q(a), q(b), "{a} == {b}");
            assert_eq!(hash_of(&q(a)), hash_of(&q(b)), "hash {a} {b}");
            assert_eq!(q(a).cmp(&q(b)), Ordering::Equal);
        }
        let ascending = [
            "-1e999999999",
            "-8E",
            "-1Gi",
            "-1",
            "-999m",
            "-1n",
            "0",
            "1n",
            "999m",
            "1",
            "1001m",
            "1Ki",
            "1025",
            "1Gi",
            "1e18",
            "1Ei",
            "12E",
            "1e30",
            "1.0000000000000000000000000000001e30",
            "1e999999999",
        ];
        for (i, a) in ascending.iter().enumerate() {
            for (j, b) in ascending.iter().enumerate() {
                assert_eq!(q(a).cmp(&q(b)), i.cmp(&j), "{a} vs {b}");
            }
        }
        assert!(q("1Gi") > q("1G"));
    }

    #[test]
    fn add_and_sub_are_exact_and_follow_go_formats() {
        // TestAdd / TestSub.
        let sum = q("10")
            .checked_add(&Quantity::from_bytes(1, Format::BinarySI))
            .unwrap();
        assert_eq!(
            (sum.canonical().as_str(), sum.format()),
            ("11", Format::DecimalSI)
        );
        let sum = Quantity::from_bytes(10, Format::BinarySI)
            .checked_add(&q("1"))
            .unwrap();
        assert_eq!(sum.format(), Format::BinarySI);
        assert_eq!(q("10").checked_sub(&q("1e1")).unwrap(), q("0"));
        // TestQuantityAddZeroPreservesSuffix / TestQuantitySubZeroPreservesSuffix.
        for text in ["100m", "1Gi"] {
            let value = q(text);
            assert_eq!(value.checked_add(&q("0")).unwrap().canonical(), text);
            assert_eq!(q("0").checked_add(&value).unwrap().canonical(), text);
            assert_eq!(value.checked_sub(&q("0")).unwrap().canonical(), text);
            assert_eq!(
                q("0").checked_sub(&value).unwrap().canonical(),
                value.neg().canonical()
            );
        }
        assert_eq!(
            q("1Gi").checked_sub(&q("512Mi")).unwrap().canonical(),
            "512Mi"
        );
        assert_eq!(
            q("1Gi").checked_sub(&q("1G")).unwrap().canonical(),
            "73741824"
        );
        assert_eq!(
            q("100m").checked_add(&q("1n")).unwrap().canonical(),
            "100000001n"
        );
        assert_eq!(q("1.5").checked_sub(&q("2")).unwrap().canonical(), "-500m");
        assert_eq!(q("8Ei").checked_add(&q("8Ei")).unwrap().value(), None);
        assert_eq!(
            q("1E").checked_add(&q("1n")).unwrap().canonical(),
            "1000000000000000000000000001n"
        );
        // Exact far beyond i64 and back.
        let big = q("99999999999999999999999999999999999999");
        assert_eq!(big.checked_add(&q("1")), Some(q("1e38")));
        assert_eq!(q("1e38").checked_sub(&q("1")), Some(big.clone()));
        assert_eq!(big.checked_add(&q("1n")), None);
        assert_eq!(q("1e999999999").checked_add(&q("1")), None);
        assert_eq!(
            q("1e999999999").checked_add(&q("-1e999999999")),
            Some(q("0"))
        );
        assert_eq!(
            q("1e999999999")
                .checked_add(&q("1e999999999"))
                .unwrap()
                .canonical(),
            "2e999999999"
        );
        // Go's 1024Ei prints "1"; this keeps the value.
        let kibi_exbi = from_plain_decimal(&(1u128 << 70).to_string(), Format::BinarySI);
        assert_eq!(kibi_exbi.canonical(), "1024Ei");
        assert_eq!(q("1000E").canonical(), "1000E");
        assert_eq!(q("1000E").neg().canonical(), "-1000E");
    }

    #[test]
    fn neg_keeps_format_and_negates_value() {
        let n = q("1Gi").neg();
        assert_eq!(
            (n.canonical().as_str(), n.format(), n.is_negative()),
            ("-1Gi", Format::BinarySI, true)
        );
        assert_eq!(n.neg(), q("1Gi"));
        assert!(!q("0").neg().is_negative());
        assert!(q("0").neg().is_zero());
    }

    #[test]
    fn from_json_follows_unmarshal_json() {
        assert_eq!(Quantity::from_json("\"1Gi\"").unwrap().canonical(), "1Gi");
        assert_eq!(
            Quantity::from_json("\"\t100m\n\"").unwrap().canonical(),
            "100m"
        );
        assert_eq!(
            Quantity::from_json("\u{a0}1\u{3000}").unwrap().canonical(),
            "1"
        );
        assert!(Quantity::from_json("null").unwrap().is_zero());
        assert!(Quantity::from_json("\"\"").is_err());
        assert!(Quantity::from_json("\"").is_err());
        assert!(Quantity::from_json(" \"1\"").is_err());
        assert!(Quantity::from_json("\"1\\u0030\"").is_err());
        assert!(Quantity::from_json("1.5e3").is_ok());
    }

    #[test]
    fn approximate_f64_saturates() {
        assert_eq!(q("1e999999999").approximate_f64(), f64::INFINITY);
        assert_eq!(q("-12e500").approximate_f64(), f64::NEG_INFINITY);
        assert_eq!(q("12E").approximate_f64(), 1.2e19);
        assert_eq!(q("9223372036854775807").approximate_f64(), 2f64.powi(63));
        assert_eq!(q("0").approximate_f64().to_bits(), 0f64.to_bits());
        assert_eq!(q("5n").approximate_f64(), 5e-9);
    }

    #[test]
    fn serializes_as_canonical_string() {
        assert_eq!(serde_json::to_string(&q("1024Mi")).unwrap(), "\"1Gi\"");
        assert_eq!(serde_json::to_string(&q("100.035k")).unwrap(), "\"100035\"");
    }

    #[test]
    fn format_bytes_is_short_and_never_looks_exact_when_it_is_not() {
        for (bytes, want) in [
            (0, "0"),
            (500, "500"),
            (1023, "1023"),
            (-1023, "-1023"),
            (1024, "1Ki"),
            (1536, "1.5Ki"),
            (1025, "1.0Ki"),
            (33554432, "32Mi"),
            (1572864, "1536Ki"),
            (1288490188, "1.2Gi"),
            (1073741825, "1.0Gi"),
            (1048575, "1.0Mi"),
            (1342177280, "1280Mi"),
            (1395864371, "1.3Gi"),
            (1363148800, "1300Mi"),
            (1350565888, "1288Mi"),
            (1351646208, "1.26Gi"),
            (1_024_000_000, "1024M"),
            (1351646209, "1.26Gi"),
            (-1288490188, "-1.2Gi"),
            (i64::MAX, "8.0Ei"),
            (i64::MIN, "-8Ei"),
        ] {
            assert_eq!(format_bytes(bytes), want, "{bytes}");
        }
    }

    /// Every operation on every odd input must return, never panic.
    #[test]
    fn odd_inputs_never_panic() {
        let fragments = [
            "",
            "0",
            "1",
            "9",
            "00",
            ".",
            "-",
            "+",
            "e",
            "E",
            "i",
            "K",
            "Ki",
            "Ei",
            "Pi",
            "n",
            "m",
            "u",
            "k",
            "M",
            "G",
            "T",
            "P",
            "é",
            "🦀",
            " ",
            "\u{a0}",
            "\0",
            "e-",
            "e+",
            "1e999999999",
            "1e-999999999",
            "99999999999999999999",
            "e9999999999",
            "9223372036854775808",
            "\"",
        ];
        let mut inputs: Vec<String> = [
            "1e",
            ".",
            "+.e",
            "--1",
            "1e999999999",
            "1E999999999",
            "-1e-999999999",
            "1e2147483647",
            "1e-2147483648",
            "10e2147483647",
            "1e2147483648",
            ".e",
            "-.",
            "+.Ki",
            "0.Ei",
            "Ei",
            "١",
            "1\u{301}",
            "1 Ki",
            "1Ki ",
            "1..",
            "..1",
            "1.e5",
            "1e5.",
            "-e-9",
            "-e-10",
            "99999999999999999999999999999999999999Ei",
            "1e38",
            "1e-38",
            "null",
            "\"1\"",
            "\"",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for a in fragments {
            for b in fragments {
                inputs.push(format!("{a}{b}"));
            }
        }
        // A deterministic pseudo-random walk over the grammar's alphabet.
        let alphabet: Vec<char> = "0123456789.+-eEinumkKMGTP é".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for k in 0..(state % 12) {
                s.push(alphabet[((state >> (k * 5)) % alphabet.len() as u64) as usize]);
            }
            inputs.push(s);
        }
        let probes = [
            q("1"),
            q("-1n"),
            q("1Gi"),
            q("1e999999999"),
            q("99999999999999999999999999999999999999"),
        ];
        for input in &inputs {
            let outcome = std::panic::catch_unwind(|| {
                let quoted = Quantity::from_json(&format!("\"{input}\""));
                for parsed in [Quantity::parse(input), Quantity::from_json(input), quoted] {
                    let Ok(value) = parsed else { continue };
                    let canonical = value.canonical();
                    // The canonical text always parses back to the same value.
                    assert_eq!(
                        Quantity::parse(&canonical).as_ref(),
                        Ok(&value),
                        "{canonical}"
                    );
                    let _ = (value.value(), value.milli_value(), value.approximate_f64());
                    let _ = (
                        value.neg().canonical(),
                        hash_of(&value),
                        serde_json::to_string(&value),
                    );
                    for probe in &probes {
                        let _ = (
                            value.checked_add(probe),
                            value.checked_sub(probe),
                            value.cmp(probe),
                        );
                        if let Some(sum) = value.checked_add(probe) {
                            assert_eq!(sum.checked_sub(probe).as_ref(), Some(&value));
                        }
                    }
                }
            });
            assert!(outcome.is_ok(), "panicked on {input:?}");
        }
        assert!(inputs.len() > 1000);
    }
}
