//! Standard output and error without `print!`'s and `eprint!`'s panics.
//!
//! `print!` panics when standard output is closed (`qoltanba verify … | head -1`), and
//! `eprint!` when standard error is: a backtrace and exit 101, a code outside the table
//! (reviews 46 and 48). What the reader no longer wants is dropped; the exit code stays the
//! verdict's (or the error's).

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

/// `eprint!`, what cannot be written dropped.
#[allow(unused_macros)]
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprintln!`, what cannot be written dropped.
macro_rules! errln {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
