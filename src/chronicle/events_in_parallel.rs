//! A large chronicle's JSON read on all cores. Its events are nearly all of the file (a million
//! events are 150 MB), and serde_json reads one document on one core: here a scan of the text
//! finds each event of the top-level `"events"` list, the events are read in runs on every core,
//! and the rest is read as the document with an empty list in their place.
//!
//! Anything unexpected (no such list, a list that is not of objects, text the scan does not
//! understand, an event or the rest that does not read) gives `None`, and the caller reads the
//! whole text as before, so a bad file is reported exactly as it always was.

use super::{Chronicle, Event};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// Texts shorter than this are read in one go: threads would cost more than they save.
pub(crate) const FROM_BYTES: usize = 4 << 20;

/// The scan hands on the events in runs of this many, to be read on whichever core is free; the
/// runs read are moved into the list in order as they come.
const RUN_EVENTS: usize = 8192;

/// `text` (no byte-order mark) read as a chronicle, its events on every core; `None` when it
/// must be read in one go (see the module's documentation).
pub(crate) fn read(text: &str) -> Option<Chronicle> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (run_tx, run_rx) = mpsc::channel::<(usize, Vec<Range<usize>>)>();
    let run_rx = Mutex::new(run_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Option<Vec<Event>>)>();
    let failed = AtomicBool::new(false);
    let read_run = |ranges: &[Range<usize>]| -> Option<Vec<Event>> {
        let events: Option<Vec<Event>> = ranges
            .iter()
            .map(|r| serde_json::from_str(&text[r.clone()]).ok())
            .collect();
        if events.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        events
    };
    // Once the scan is over and its sender dropped, waiting for a run never waits long.
    let take_run = || run_rx.lock().unwrap_or_else(|e| e.into_inner()).recv().ok();
    let (failed, take_run, read_run) = (&failed, &take_run, &read_run);
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..cores)
            .map(|_| {
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    while let Some((k, ranges)) = take_run() {
                        let events = if failed.load(Ordering::Relaxed) {
                            None
                        } else {
                            read_run(&ranges)
                        };
                        if done_tx.send((k, events)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(done_tx);
        let read = read_here(text, run_tx, done_rx, take_run, read_run, failed);
        if read.is_none() {
            // The helpers skip the runs still queued.
            failed.store(true, Ordering::Relaxed);
        }
        // A helper that panicked has lost its run: the text is then read in one go.
        // Every helper joined, so none's panic is left for the scope to raise.
        let joined: Vec<bool> = helpers.into_iter().map(|h| h.join().is_ok()).collect();
        let helpers_done = joined.iter().all(|&ok| ok);
        read.filter(|_| helpers_done && !failed.load(Ordering::Relaxed))
    })
}

/// Reads the events of a run's texts; `None` if one does not read.
type ReadRun<'a> = dyn Fn(&[Range<usize>]) -> Option<Vec<Event>> + 'a;

/// The calling thread's part of [`read`]: scans the text, handing on runs of events, reads the
/// rest of the document, then reads runs too and puts the runs read in order.
fn read_here(
    text: &str,
    run_tx: mpsc::Sender<(usize, Vec<Range<usize>>)>,
    done_rx: mpsc::Receiver<(usize, Option<Vec<Event>>)>,
    take_run: &dyn Fn() -> Option<(usize, Vec<Range<usize>>)>,
    read_run: &ReadRun<'_>,
    failed: &AtomicBool,
) -> Option<Chronicle> {
    let mut runs = 0;
    let mut count = 0;
    let mut current = Vec::with_capacity(RUN_EVENTS);
    let list = scan(text.as_bytes(), |event| {
        current.push(event);
        count += 1;
        if current.len() == RUN_EVENTS {
            let _ = run_tx.send((runs, std::mem::replace(&mut current, Vec::with_capacity(RUN_EVENTS))));
            runs += 1;
        }
    });
    if !current.is_empty() {
        let _ = run_tx.send((runs, current));
        runs += 1;
    }
    // No more runs: a thread waiting for one is told so once the last is taken.
    drop(run_tx);
    let Some(list) = list else {
        failed.store(true, Ordering::Relaxed);
        return None;
    };
    let mut rest = String::with_capacity(text.len() - list.len() + 2);
    rest.push_str(&text[..list.start]);
    rest.push_str("[]");
    rest.push_str(&text[list.end..]);
    let mut chronicle: Chronicle = serde_json::from_str(&rest).ok()?;
    drop(rest);
    if !chronicle.events.is_empty() {
        return None;
    }
    let mut events = Vec::with_capacity(count);
    let mut waiting: BTreeMap<usize, Vec<Event>> = BTreeMap::new();
    let mut next = 0;
    while next < runs {
        while let Ok((k, run)) = done_rx.try_recv() {
            waiting.insert(k, run?);
        }
        while let Some(run) = waiting.remove(&next) {
            events.extend(run);
            next += 1;
        }
        if next == runs {
            break;
        }
        // Read a run here, or wait for one being read elsewhere.
        let (k, run) = match take_run() {
            Some((k, ranges)) => (k, read_run(&ranges)),
            None => done_rx.recv().ok()?,
        };
        waiting.insert(k, run?);
    }
    chronicle.events = events;
    Some(chronicle)
}

/// Finds the `"events"` list of the top-level object, the key written plainly, once, holding
/// only objects, handing each event's text to `on_event` in order; the list's place, or `None`
/// for anything else.
fn scan(bytes: &[u8], mut on_event: impl FnMut(Range<usize>)) -> Option<Range<usize>> {
    let mut i = skip_space(bytes, 0);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut found: Option<Range<usize>> = None;
    loop {
        i = skip_space(bytes, i);
        match bytes.get(i)? {
            b'}' => break,
            b'"' => {}
            _ => return None,
        }
        let key = i..string_end(bytes, i)?;
        i = skip_space(bytes, key.end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(bytes, i + 1);
        if &bytes[key] == b"\"events\"" {
            if found.is_some() || bytes.get(i) != Some(&b'[') {
                return None;
            }
            let list = list_of_objects(bytes, i, &mut on_event)?;
            i = list.end;
            found = Some(list);
        } else {
            i = value_end(bytes, i)?;
        }
        i = skip_space(bytes, i);
        match bytes.get(i)? {
            b',' => i += 1,
            b'}' => break,
            _ => return None,
        }
    }
    // Nothing but space may follow the object.
    (skip_space(bytes, i + 1) == bytes.len()).then_some(())?;
    found
}

/// The list starting at `start` (a `[`), each of its items, all objects, handed to `on_item`.
fn list_of_objects(bytes: &[u8], start: usize, on_item: &mut impl FnMut(Range<usize>)) -> Option<Range<usize>> {
    let mut i = skip_space(bytes, start + 1);
    if bytes.get(i) == Some(&b']') {
        return Some(start..i + 1);
    }
    loop {
        if bytes.get(i) != Some(&b'{') {
            return None;
        }
        let end = value_end(bytes, i)?;
        on_item(i..end);
        i = skip_space(bytes, end);
        match bytes.get(i)? {
            b',' => i = skip_space(bytes, i + 1),
            b']' => return Some(start..i + 1),
            _ => return None,
        }
    }
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Just past the string starting at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        match bytes[i] {
            b'"' => return Some(i + 1),
            _ => i += 2,
        }
    }
}

/// Just past the value starting at `start`: a string, an object or list (strings inside them
/// skipped whole), or a scalar up to the next delimiter. serde_json checks the value itself.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = start;
            while !matches!(
                bytes.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                i += 1;
            }
            (i > start).then_some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events_of(text: &str) -> Option<Vec<&str>> {
        let mut events = Vec::new();
        scan(text.as_bytes(), |r| events.push(&text[r]))?;
        Some(events)
    }

    #[test]
    fn the_scan_finds_each_event_of_the_top_level_list() {
        let text = r#" { "metadata": {"events": [1], "t": "a \" ] }"}, "events" : [ {"a": "}"} ,{"b": [{}]}],
            "x": -1.5e3 } "#;
        assert_eq!(events_of(text), Some(vec![r#"{"a": "}"}"#, r#"{"b": [{}]}"#]));
        assert_eq!(events_of(r#"{"events": []}"#), Some(vec![]));
    }

    #[test]
    fn events_read_in_runs_are_the_events_read_in_one_go() {
        let event = |i: usize| {
            format!(
                r#"{{"id": "e{i}", "title": "T {i} }}, {{", "date": "1950-10-{:02}"}}"#,
                1 + i % 30
            )
        };
        let events: Vec<String> = (0..3 * RUN_EVENTS + 17).map(event).collect();
        let text = format!(
            r#"{{"metadata": {{"title": "x", "source": {{"reference": "r", "short": "s"}}}}, "events": [{}], "views": []}}"#,
            events.join(",\n")
        );
        let in_runs = read(&text).expect("read in runs");
        let in_one_go: Chronicle = serde_json::from_str(&text).unwrap();
        assert_eq!(in_runs.events.len(), events.len());
        assert_eq!(
            serde_json::to_string(&in_runs).unwrap(),
            serde_json::to_string(&in_one_go).unwrap()
        );
        // An event that does not read: the caller reads the text in one go, for its error.
        assert!(read(&text.replace(r#""id": "e5000""#, r#""id": 5000"#)).is_none());
    }

    #[test]
    fn the_scan_gives_up_on_anything_unexpected() {
        for text in [
            r#"{"metadata": {}}"#,
            r#"{"events": [{}], "events": [{}]}"#,
            r#"{"events": [{}, 3]}"#,
            r#"{"events": [{},, {}]}"#,
            r#"{"events": [{}] "x": 1}"#,
            r#"{"events": [{}]} trailing"#,
            r#"{"events": {"a": 1}}"#,
            r#"{"ev\u0065nts": [{}]}"#,
            r#"{"events": [{"a": "unterminated}]}"#,
            r#"[{"events": []}]"#,
        ] {
            assert!(events_of(text).is_none(), "{text}");
        }
    }
}
