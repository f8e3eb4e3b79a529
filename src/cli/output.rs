//! Standard output as a Unix tool treats it: a reader that stops reading (`| head -1`) ends the
//! output normally, without an error message or a failing exit code.

use std::io::{self, ErrorKind, Write};

/// Passes writes through until the reader goes away; from then on accepts and drops them, so
/// a command finishes its work (files it writes) and exits 0 as ripgrep or `ls` would.
pub struct UntilClosed<'a> {
    inner: &'a mut dyn Write,
    closed: bool,
}

impl<'a> UntilClosed<'a> {
    pub fn new(inner: &'a mut dyn Write) -> UntilClosed<'a> {
        UntilClosed { inner, closed: false }
    }

    fn absorb<T>(&mut self, result: io::Result<T>, whole: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(whole)
            }
            other => other,
        }
    }
}

impl Write for UntilClosed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.absorb(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.absorb(result, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that takes `room` bytes and then goes away.
    struct Pipe {
        taken: Vec<u8>,
        room: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() >= self.room {
                return Err(ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room - self.taken.len());
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_the_output_quietly_other_errors_still_fail() {
        let mut pipe = Pipe {
            taken: Vec::new(),
            room: 5,
        };
        let mut out = UntilClosed::new(&mut pipe);
        writeln!(out, "first line").expect("a closed pipe is not an error");
        writeln!(out, "second line").expect("nor is writing after it");
        out.flush().expect("nor is flushing");
        assert_eq!(pipe.taken, b"first");

        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full;
        assert!(writeln!(UntilClosed::new(&mut full), "x").is_err());
    }
}
