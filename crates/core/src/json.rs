//! A small JSON reader and writer for the app's own formats (compiled content, saved study progress, embed
//! messages), written for the wasm's size: serde_json's generic deserializer and serde's derived visitors
//! cost the first view about a tenth of its code. The compiler still writes content with serde (native, size
//! does not matter there); tests decode the same files with both and compare.
//!
//! The reader is strict where serde_json is (no trailing commas, no comments, no control characters or lone
//! surrogates in strings, no fractions where an integer is expected, no duplicate fields) and lenient where
//! serde's derives are (unknown fields are skipped, missing `Option` fields are `None`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// What went wrong, and where: a byte offset into the input, shown as line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub what: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.what, self.line, self.column
        )
    }
}

pub type Res<T> = Result<T, JsonError>;

/// A cursor over JSON text.
pub struct Json<'a> {
    src: &'a str,
    at: usize,
}

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    fn from_json(j: &mut Json<'_>) -> Res<Self>;
}

/// Reads one `T` from the whole of `src` (only whitespace may follow it).
pub fn from_str<T: FromJson>(src: &str) -> Res<T> {
    let mut j = Json::new(src);
    let v = T::from_json(&mut j)?;
    j.end()?;
    Ok(v)
}

impl<'a> Json<'a> {
    pub fn new(src: &'a str) -> Self {
        Self { src, at: 0 }
    }

    /// An error at the current position.
    pub fn error(&self, what: &str) -> JsonError {
        let before = &self.src.as_bytes()[..self.at.min(self.src.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        JsonError {
            line,
            column: self.at.min(self.src.len()) - start + 1,
            what: what.into(),
        }
    }

    fn fail<T>(&self, what: &str) -> Res<T> {
        Err(self.error(what))
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let b = self.src.as_bytes();
        while let Some(&c) = b.get(self.at) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(c);
            }
            self.at += 1;
        }
        None
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> Res<()> {
        if self.eat(c) {
            Ok(())
        } else {
            self.fail(what)
        }
    }

    fn word(&mut self, w: &str) -> bool {
        if self.peek().is_some() && self.src[self.at..].starts_with(w) {
            self.at += w.len();
            true
        } else {
            false
        }
    }

    /// Only whitespace is left.
    pub fn end(&mut self) -> Res<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.fail("trailing characters"),
        }
    }

    /// Consumes a `null` if one comes next.
    pub fn null(&mut self) -> bool {
        self.word("null")
    }

    pub fn bool(&mut self) -> Res<bool> {
        if self.word("true") {
            Ok(true)
        } else if self.word("false") {
            Ok(false)
        } else {
            self.fail("expected a boolean")
        }
    }

    /// The text of a number, checked against JSON's grammar.
    fn number_text(&mut self) -> Res<(&'a str, bool)> {
        self.peek();
        let b = self.src.as_bytes();
        let start = self.at;
        let mut i = start;
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > s
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let lead = i;
        if !digits(&mut i) || (b[lead] == b'0' && i > lead + 1) {
            return self.fail("expected a number");
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            i += 1;
            integer = false;
            if !digits(&mut i) {
                self.at = i;
                return self.fail("expected a digit");
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            integer = false;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digits(&mut i) {
                self.at = i;
                return self.fail("expected a digit");
            }
        }
        self.at = i;
        Ok((&self.src[start..i], integer))
    }

    /// A whole number within `min..=max`.
    pub fn int(&mut self, min: i64, max: i64) -> Res<i64> {
        let start = self.at;
        let (text, integer) = self.number_text()?;
        match text.parse::<i64>() {
            Ok(n) if integer && (min..=max).contains(&n) => Ok(n),
            _ => {
                self.at = start;
                self.peek();
                self.fail("expected a whole number in range")
            }
        }
    }

    /// Any number, in hundredths, rounded half away from zero and clamped to `min..=max`: old saved progress
    /// kept its ease as a fraction (2.36). Exact decimal arithmetic, so float parsing stays out of the wasm.
    pub fn hundredths(&mut self, min: i64, max: i64) -> Res<i64> {
        let (text, _) = self.number_text()?;
        let (negative, text) = match text.strip_prefix('-') {
            Some(t) => (true, t),
            None => (false, text),
        };
        let (mantissa, exp) = match text.find(['e', 'E']) {
            Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap_or(i64::MAX)),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // The digits, and where the point falls among them once scaled by 100.
        let digits = || int.bytes().chain(frac.bytes()).map(|d| i64::from(d - b'0'));
        let point = (int.len() as i64)
            .saturating_add(2)
            .saturating_add(exp.clamp(-10_000, 10_000));
        let mut value: i64 = 0;
        let mut round_up = false;
        for (k, d) in digits().enumerate() {
            let k = k as i64;
            if k < point {
                value = value.saturating_mul(10).saturating_add(d);
            } else if k == point {
                round_up = d >= 5;
            }
        }
        for _ in digits().count() as i64..point.max(0) {
            value = value.saturating_mul(10);
        }
        value = value.saturating_add(i64::from(round_up));
        Ok(if negative { -value } else { value }.clamp(min, max))
    }

    /// A string, unescaped.
    pub fn string(&mut self) -> Res<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string, unescaped; borrowed from the input when it has no escapes (most keys and skipped values).
    pub fn str(&mut self) -> Res<Cow<'a, str>> {
        self.expect(b'"', "expected a string")?;
        let b = self.src.as_bytes();
        let mut out = String::new();
        let first = self.at;
        let mut run = self.at;
        loop {
            // The plain run up to the next quote or escape, found a word at a time (the article is mostly
            // such runs: a byte-at-a-time loop made this reader 1.6× slower than serde_json), then
            // checked for control characters in a loop the compiler can vectorise.
            let rest = &b[self.at..];
            let plain = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            match rest[..plain].iter().position(|&c| c < 0x20) {
                Some(k) => {
                    self.at += k;
                    return self.fail("control character in string");
                }
                None => self.at += plain,
            }
            let Some(&c) = b.get(self.at) else {
                return self.fail("unterminated string");
            };
            match c {
                b'"' => {
                    let tail = &self.src[run..self.at];
                    self.at += 1;
                    if run == first {
                        return Ok(Cow::Borrowed(tail));
                    }
                    out.push_str(tail);
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    out.push_str(&self.src[run..self.at]);
                    self.at += 1;
                    let e = b.get(self.at).copied();
                    self.at += 1;
                    let ch = match e {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.at -= 1;
                            return self.fail("invalid escape");
                        }
                    };
                    out.push(ch);
                    run = self.at;
                }
                0..=0x1f => return self.fail("control character in string"),
                _ => self.at += 1,
            }
        }
    }

    fn hex4(&mut self) -> Res<u32> {
        let h = self
            .src
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match h {
            Some(h) => {
                self.at += 4;
                Ok(h)
            }
            None => self.fail("invalid \\u escape"),
        }
    }

    fn unicode_escape(&mut self) -> Res<char> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.src[self.at..].starts_with("\\u") {
                return self.fail("lone surrogate in string");
            }
            self.at += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return self.fail("lone surrogate in string");
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).map_or_else(|| self.fail("lone surrogate in string"), Ok)
    }

    /// An array, each element read by `each`.
    pub fn array(&mut self, each: &mut dyn FnMut(&mut Self) -> Res<()>) -> Res<()> {
        self.expect(b'[', "expected an array")?;
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            each(self)?;
            if self.eat(b']') {
                return Ok(());
            }
            self.expect(b',', "expected `,` or `]`")?;
        }
    }

    /// An object, each member's value read by `each`, given its key (which it must consume: [`Self::skip`]
    /// what it does not know).
    pub fn object(&mut self, each: &mut dyn FnMut(&mut Self, &str) -> Res<()>) -> Res<()> {
        self.expect(b'{', "expected an object")?;
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            let key = self.str()?;
            self.expect(b':', "expected `:`")?;
            each(self, &key)?;
            if self.eat(b'}') {
                return Ok(());
            }
            self.expect(b',', "expected `,` or `}`")?;
        }
    }

    /// Reads past any value.
    pub fn skip(&mut self) -> Res<()> {
        match self.peek() {
            Some(b'"') => self.str().map(drop),
            Some(b'{') => self.object(&mut |j, _| j.skip()),
            Some(b'[') => self.array(&mut Self::skip),
            Some(b't' | b'f') => self.bool().map(drop),
            Some(b'n') if self.null() => Ok(()),
            _ => self.number_text().map(drop),
        }
    }

    /// The text of the next value, checked and skipped.
    pub fn raw(&mut self) -> Res<&'a str> {
        self.peek();
        let start = self.at;
        self.skip()?;
        Ok(&self.src[start..self.at])
    }

    /// Reads a member's value into its slot; a second value for the same member is an error.
    pub fn field<T: FromJson>(&mut self, slot: &mut Option<T>, key: &str) -> Res<()> {
        if slot.is_some() {
            return self.fail(&format!("duplicate field `{key}`"));
        }
        *slot = Some(T::from_json(self)?);
        Ok(())
    }

    /// A member every value has.
    pub fn need<T>(&self, slot: Option<T>, key: &str) -> Res<T> {
        slot.ok_or_else(|| self.error(&format!("missing field `{key}`")))
    }

    /// A string that must be one of `keys`, as the index of the one it is.
    pub fn one_of(&mut self, keys: &[&str]) -> Res<usize> {
        let start = self.at;
        let s = self.str()?;
        match keys.iter().position(|k| *k == s) {
            Some(i) => Ok(i),
            None => {
                self.at = start;
                self.peek();
                self.fail(&format!("unknown variant `{s}`"))
            }
        }
    }

    /// An externally tagged enum's value (`{"variant": …}`): `read` is given the index of the variant among
    /// `tags`.
    pub fn tagged<T>(
        &mut self,
        tags: &[&str],
        read: &mut dyn FnMut(&mut Self, usize) -> Res<T>,
    ) -> Res<T> {
        self.expect(b'{', "expected an object")?;
        let start = self.at;
        let tag = self.str()?;
        let Some(i) = tags.iter().position(|k| *k == tag) else {
            self.at = start;
            return self.fail(&format!("unknown variant `{tag}`"));
        };
        self.expect(b':', "expected `:`")?;
        let v = read(self, i)?;
        self.expect(b'}', "expected `}`")?;
        Ok(v)
    }
}

/// Implements [`FromJson`] for a struct read as an object: `required` members must be there, `optional`
/// ones default when absent (as serde's `#[serde(default)]` and `Option` fields do), `skipped` ones are never
/// read (`#[serde(skip)]`).
#[macro_export]
macro_rules! json_struct {
    ($ty:ident { $($f:ident),* $(,)? }
     $(optional { $($o:ident),* $(,)? })?
     $(skipped { $($s:ident),* $(,)? })?) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(j: &mut $crate::json::Json<'_>) -> $crate::json::Res<Self> {
                $(let mut $f = None;)*
                $($(let mut $o = None;)*)?
                j.object(&mut |j, k| match k {
                    $(stringify!($f) => j.field(&mut $f, k),)*
                    $($(stringify!($o) => j.field(&mut $o, k),)*)?
                    _ => j.skip(),
                })?;
                Ok(Self {
                    $($f: j.need($f, stringify!($f))?,)*
                    $($($o: $o.unwrap_or_default(),)*)?
                    $($($s: Default::default(),)*)?
                })
            }
        }
    };
}

/// Implements [`FromJson`] for an enum of unit variants read as strings.
#[macro_export]
macro_rules! json_unit_enum {
    ($ty:ident { $($v:ident = $k:literal),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(j: &mut $crate::json::Json<'_>) -> $crate::json::Res<Self> {
                const ALL: &[$ty] = &[$($ty::$v),*];
                Ok(ALL[j.one_of(&[$($k),*])?])
            }
        }
    };
}

impl FromJson for String {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        j.string()
    }
}

impl FromJson for bool {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        j.bool()
    }
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(j: &mut Json<'_>) -> Res<Self> {
                // The range check makes the conversion exact.
                j.int(<$t>::MIN as i64, <$t>::MAX as i64).map(|n| n as $t)
            }
        }
    )*};
}
ints!(u8, u16, u32, i32, i64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        if j.null() {
            Ok(None)
        } else {
            T::from_json(j).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        let mut v = Vec::new();
        j.array(&mut |j| {
            v.push(T::from_json(j)?);
            Ok(())
        })?;
        Ok(v)
    }
}

/// A map whose keys read as `K` from their text.
pub trait JsonKey: Sized + Ord {
    fn from_key(k: &str) -> Option<Self>;
}

impl JsonKey for String {
    fn from_key(k: &str) -> Option<Self> {
        Some(k.into())
    }
}

impl<K: JsonKey, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(j: &mut Json<'_>) -> Res<Self> {
        let mut m = BTreeMap::new();
        j.object(&mut |j, k| {
            let Some(key) = K::from_key(k) else {
                return j.fail(&format!("unknown key `{k}`"));
            };
            m.insert(key, V::from_json(j)?);
            Ok(())
        })?;
        Ok(m)
    }
}

/// Writes `s` as a JSON string.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Default)]
    struct Point {
        x: i32,
        y: Option<u8>,
        tags: Vec<String>,
        note: String,
        cached: bool,
    }
    crate::json_struct!(Point { x, y } optional { tags, note } skipped { cached });

    #[derive(Debug, PartialEq, Clone, Copy)]
    enum Colour {
        Red,
        DarkBlue,
    }
    crate::json_unit_enum!(Colour { Red = "red", DarkBlue = "dark-blue" });

    #[test]
    fn structs_read_like_serde_derives() {
        let p: Point =
            from_str(r#" {"x": -3, "y": null, "extra": {"a": [1, 2.5e3, "x", true, null]}} "#)
                .unwrap();
        assert_eq!(
            p,
            Point {
                x: -3,
                ..Default::default()
            }
        );
        let p: Point =
            from_str(r#"{"tags":["a","b"],"y":7,"x":0,"note":"n","cached":true}"#).unwrap();
        assert_eq!(p.tags, ["a", "b"]);
        assert_eq!((p.y, p.note.as_str(), p.cached), (Some(7), "n", false));
        let e = from_str::<Point>(r#"{"y":1}"#).unwrap_err();
        assert!(e.what.contains("missing field `x`"), "{e}");
        let e = from_str::<Point>(r#"{"x":1,"x":2}"#).unwrap_err();
        assert!(e.what.contains("duplicate field `x`"), "{e}");
    }

    #[test]
    fn numbers_are_checked_against_grammar_and_range() {
        assert_eq!(from_str::<u8>("255"), Ok(255));
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        for bad in [
            "256", "-1", "1.0", "1e2", "01", "-", "+1", "1.", ".5", "0x1", "",
        ] {
            assert!(from_str::<u8>(bad).is_err(), "{bad}");
        }
        let hundredths = |s: &str| Json::new(s).hundredths(-10_000, 10_000);
        for (text, h) in [
            ("2.36", 236),
            ("2.5", 250),
            ("3", 300),
            ("2.345", 235),
            ("2.3449", 234),
            ("1.3e0", 130),
            ("25e-1", 250),
            ("0.0236E2", 236),
            ("-0.5", -50),
            ("0.004", 0),
            ("0.005", 1),
            ("1e300", 10_000),
            ("-1e300", -10_000),
            ("1e-300", 0),
            ("2.5000000000000004", 250),
            ("123456789012345678901234567890", 10_000),
        ] {
            assert_eq!(hundredths(text), Ok(h), "{text}");
        }
        assert!(hundredths("1e").is_err());
        assert!(hundredths("\"NaN\"").is_err());
    }

    #[test]
    fn strings_unescape_and_refuse_what_json_refuses() {
        assert_eq!(
            from_str::<String>(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00 हिन्दी""#).unwrap(),
            "a\"b\\c/d\né😀 हिन्दी"
        );
        for bad in [
            "\"a",
            "\"\\x\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"\\u12\"",
            "\"a\u{1}b\"",
            "'a'",
        ] {
            assert!(from_str::<String>(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn structure_errors_name_line_and_column() {
        let e = from_str::<Vec<u8>>("[1,\n 2,\n x]").unwrap_err();
        assert_eq!((e.line, e.column), (3, 2), "{e}");
        for bad in [
            "[1,]",
            "[1 2]",
            "{\"x\":1,}",
            "[1] 2",
            "{\"x\" 1}",
            "[",
            "nul",
        ] {
            assert!(from_str::<Vec<Point>>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            from_str::<Vec<Colour>>(r#"["red","dark-blue"]"#),
            Ok(vec![Colour::Red, Colour::DarkBlue])
        );
        let e = from_str::<Colour>(r#""blue""#).unwrap_err();
        assert!(e.what.contains("unknown variant `blue`"), "{e}");
    }

    #[test]
    fn raw_values_are_the_exact_text_and_written_strings_read_back() {
        let mut j = Json::new(r#"{"a": [1, {"b": "]"}] , "c": 2}"#);
        let mut raw = None;
        j.object(&mut |j, k| {
            if k == "a" {
                raw = Some(j.raw()?);
                Ok(())
            } else {
                j.skip()
            }
        })
        .unwrap();
        assert_eq!(raw, Some(r#"[1, {"b": "]"}]"#));
        let tricky = "q\"uote\\ new\nline \u{1} tab\t हिन्दी 😀";
        let mut out = String::new();
        write_string(&mut out, tricky);
        assert_eq!(from_str::<String>(&out).unwrap(), tricky);
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), tricky);
    }
}
