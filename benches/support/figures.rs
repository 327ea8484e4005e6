//! Figures the side-by-side benches share: settings from the environment, medians, and
//! rates and durations as the reports print them.

use std::time::Duration;

pub fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn diff(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    Some(b?.saturating_sub(a?))
}

pub fn median(it: impl Iterator<Item = Duration>) -> Duration {
    let mut v: Vec<Duration> = it.collect();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

pub fn median_opt(it: impl Iterator<Item = Option<Duration>>) -> Option<Duration> {
    let v: Option<Vec<Duration>> = it.collect();
    v.filter(|v| !v.is_empty()).map(|v| median(v.into_iter()))
}

pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{} ...", &s[..i]),
        None => s.to_string(),
    }
}

pub fn fmt_rate(x: f64) -> String {
    if x >= 100.0 {
        let n = x.round() as u64;
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{x:.1}")
    }
}

pub fn fmt_d(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 100.0 {
        format!("{s:.0} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.1} us", s * 1e6)
    }
}
