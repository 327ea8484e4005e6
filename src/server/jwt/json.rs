//! A token's JSON read strictly: objects whose members are each named once, and a
//! payload signed only as the client wrote it.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::Failure;

/// A JSON object, every member named once; `what` names it in a refusal ("jwt: the
/// header").
pub(super) fn object(bytes: &[u8], what: &str) -> Result<Map<String, Value>, Failure> {
    let mut d = serde_json::Deserializer::from_slice(bytes);
    let value = Strict::deserialize(&mut d)
        .and_then(|v| d.end().map(|()| v))
        .map_err(|e| {
            Failure::bad_request(format!(
                "{what} is not a JSON object with distinct members ({:?} error at column {})",
                e.classify(),
                e.column()
            ))
        })?;
    match value.0 {
        Value::Object(m) => Ok(m),
        _ => Err(Failure::bad_request(format!("{what} is not a JSON object"))),
    }
}

/// The octets `/jwt/encode` signs as the payload: the client's JSON object `text` written
/// compactly, or a 400 when that would not say what the client sent. A member named twice
/// is refused (serde_json keeps the last, a gateway or log before the service may read the
/// first: the token would be read two ways, and `/jwt/decode` refuses such a payload), and
/// so is a number serde_json would write back as other text ([`numbers_as_written`]).
pub(super) fn signable_payload(text: &str) -> Result<Vec<u8>, Failure> {
    let payload = object(text.as_bytes(), "jwt.payload")?;
    numbers_as_written(text, "jwt.payload", "signed", Same::Spelling)?;
    serde_json::to_vec(&payload)
        .map_err(|_| Failure::bad_request("jwt.payload: not serialisable as JSON"))
}

/// Is every number of `text` (JSON already read whole) written back by serde_json as the
/// same text? serde_json holds an integer beyond 64 bits as an f64 and writes it rounded,
/// in exponent form (`123456789012345678901234567890` became `1.2345678901234568e29`), and
/// writes a fraction in its shortest form (`1.50` as `1.5`, `1e3` as `1000.0`): a number
/// is signed as written or refused, never changed. Each number is read and written back
/// alone, as serde_json reads it inside the object (a number's reading does not depend on
/// where it stands). `same` compares the number as written with serde_json's text of it:
/// spelling for what the service signs, value for what it hands out of a token another
/// library wrote. The position, not the number, is named in the refusal: `what`
/// names the JSON, `done` what would be done to the number (`signed`, `handed out`).
pub(super) fn numbers_as_written(
    text: &str,
    what: &str,
    done: &str,
    same: Same,
) -> Result<(), Failure> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                // A string (already read as JSON): skip to its closing quote, escapes
                // included.
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                let number = text.get(start..i).unwrap_or_default();
                let written = serde_json::from_str::<Value>(number)
                    .ok()
                    .and_then(|v| serde_json::to_string(&v).ok());
                if !written.is_some_and(|w| same.holds(number, &w)) {
                    let rule = same.rule();
                    return Err(Failure::bad_request(format!(
                        "{what}: the number at octet {start} would not be {done} as written: {rule}"
                    )));
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// How a number as written must compare with serde_json's text of it.
#[derive(Clone, Copy)]
pub(super) enum Same {
    /// The same text: what the service signs is what the client wrote.
    Spelling,
    /// The same value ([`same_value`]): what the service hands out of a token another
    /// library wrote.
    Value,
}

impl Same {
    fn holds(self, written: &str, read_back: &str) -> bool {
        match self {
            Same::Spelling => written == read_back,
            Same::Value => same_value(written, read_back),
        }
    }

    /// What the client must send instead, for the refusal.
    fn rule(self) -> &'static str {
        match self {
            Same::Spelling => "an integer must fit in 64 bits, any other number must be written as it reads back (1.5, not 1.50 or 15e-1; 1000, not 1e3); send such a value as a string",
            Same::Value => "an integer must fit in 64 bits, any other number in a 64-bit float exactly as written (no more digits than it holds); sign such a value as a string",
        }
    }
}

/// Are the JSON numbers `a` and `b` one value: the same decimal, whatever the spelling
/// (`1e-05` and `1e-5`, `1.5E7` and `15000000.0`, `-0` and `0`)? A token's claims are
/// handed out as serde_json writes them: a float as Python or Java spells it comes back
/// respelt but equal (review 100: refused as other text), an integer beyond 64 bits comes
/// back rounded, another value (review 98). Unreadable text is no value.
fn same_value(a: &str, b: &str) -> bool {
    match (decimal(a), decimal(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A JSON number as (negative, significant digits, power of ten): `-1.50e2` is
/// `(true, "15", 1)`; zero is `(false, "", 0)` whatever its sign or spelling.
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty()
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let leading = digits.bytes().take_while(|&b| b == b'0').count();
    let digits = digits.get(leading..).unwrap_or_default();
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return Some((false, String::new(), 0));
    }
    let zeros = i64::try_from(digits.len() - trimmed.len()).ok()?;
    let places = i64::try_from(fraction.len()).ok()?;
    let power = exponent.checked_sub(places)?.checked_add(zeros)?;
    Some((negative, trimmed.to_string(), power))
}

/// A JSON value in which no object names a member twice (serde_json keeps the last of
/// two, another reader the first: a header with two `alg`s would be read two ways).
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if out.contains_key(&name) {
                // The name is not repeated in the answer: it is the client's text.
                return Err(de::Error::custom("a member named twice"));
            }
            let Strict(v) = map.next_value()?;
            out.insert(name, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::same_value;

    #[test]
    fn numbers_of_one_value_whatever_the_spelling() {
        for (a, b) in [
            ("1e-05", "1e-5"),
            ("1.5E7", "15000000.0"),
            ("1e+21", "1e21"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("1.50", "1.5"),
            ("1000", "1e3"),
            ("-3.25", "-3.25"),
            ("0.30000000000000004", "0.30000000000000004"),
            ("9223372036854775807", "9223372036854775807"),
        ] {
            assert!(same_value(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("123456789012345678901234567890", "1.2345678901234568e29"),
            ("1e-400", "0.0"),
            ("-1", "1"),
            ("0.1000000000000000055511151231257827", "0.1"),
            ("1e99999999999999999999", "1e3"),
            ("abc", "abc"),
            ("", ""),
        ] {
            assert!(!same_value(a, b), "{a} {b}");
        }
    }
}
