//! Standard output without `print!`'s panic.
//!
//! `print!` panics when standard output is closed (`qoltanba verify … | head -1`): a
//! backtrace and exit 101, a code outside the table (review 46). What the reader no longer
//! wants is dropped; the exit code stays the verdict's.

/// `print!`, what cannot be written dropped.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// `println!`, what cannot be written dropped.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
