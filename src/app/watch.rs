//! Noticing that the chronicle's file changed on disk, so the window can read it again.
//!
//! The file's folder is watched (editors save by writing a new file and renaming it over the old
//! one, which a watch on the file itself would lose). A change is acted on once it has settled
//! ([`SETTLE`] without further events), and only when the file's size or time differs from when
//! it was read. Where the system's watcher cannot be had, the file is looked at every
//! [`POLL_EVERY`] instead.

use notify::Watcher as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

/// How long a file must stay quiet after a change before it is read.
pub const SETTLE: Duration = Duration::from_millis(300);
/// How often the file is looked at when the system's watcher is not available.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// What identifies a version of a file: its time of change and size.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

enum How {
    /// Events from the system's watcher (kept alive with it).
    Notify {
        _watcher: notify::RecommendedWatcher,
        events: mpsc::Receiver<()>,
    },
    /// Looking at the file now and then; when it is next due.
    Poll { next: Instant },
}

/// Watches one file.
pub struct FileWatch {
    path: PathBuf,
    how: How,
    /// The file as last read.
    loaded: Stamp,
    /// A change seen and when the last event of it came, until it has settled.
    changed: Option<Instant>,
}

impl FileWatch {
    /// Watches `path` (as it is now, taken as read). `wake` is called from the watcher's thread
    /// when something happens, so the window can come round to look.
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> FileWatch {
        let path = path.to_path_buf();
        let how = match notify_watch(&path, wake) {
            Ok((watcher, events)) => How::Notify {
                _watcher: watcher,
                events,
            },
            Err(_) => How::Poll {
                next: Instant::now() + POLL_EVERY,
            },
        };
        FileWatch {
            loaded: stamp(&path),
            path,
            how,
            changed: None,
        }
    }

    /// The same, always looking now and then (what happens where the watcher fails).
    #[cfg(test)]
    pub fn polling(path: &Path) -> FileWatch {
        FileWatch {
            loaded: stamp(path),
            path: path.to_path_buf(),
            how: How::Poll {
                next: Instant::now() + POLL_EVERY,
            },
            changed: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the system's watcher is in use (else the file is looked at every two seconds).
    pub fn is_notified(&self) -> bool {
        matches!(self.how, How::Notify { .. })
    }

    /// Takes the file as it is now as read (after reading it).
    pub fn mark_loaded(&mut self) {
        self.loaded = stamp(&self.path);
        self.changed = None;
    }

    /// Whether the file changed since it was read and has settled: true once per change, after
    /// which it counts as read. While a change is settling, says how long to wait to look again.
    pub fn poll(&mut self, now: Instant) -> (bool, Option<Duration>) {
        match &mut self.how {
            How::Notify { events, .. } => {
                if events.try_iter().count() > 0 {
                    self.changed = Some(now);
                }
            }
            How::Poll { next } => {
                if now >= *next {
                    *next = now + POLL_EVERY;
                    if self.changed.is_none() && stamp(&self.path) != self.loaded {
                        self.changed = Some(now);
                    }
                }
            }
        }
        let Some(since) = self.changed else {
            return (false, self.poll_wait(now));
        };
        let quiet = now.saturating_duration_since(since);
        if quiet < SETTLE {
            return (false, Some(SETTLE - quiet));
        }
        self.changed = None;
        let current = stamp(&self.path);
        // Gone (in the middle of a rename) or unchanged: nothing to read.
        if current.is_none() || current == self.loaded {
            return (false, self.poll_wait(now));
        }
        self.loaded = current;
        (true, self.poll_wait(now))
    }

    fn poll_wait(&self, now: Instant) -> Option<Duration> {
        match self.how {
            How::Poll { next } => Some(next.saturating_duration_since(now)),
            How::Notify { .. } => None,
        }
    }
}

/// The watches on the files of the layers shown beneath the chronicle (added with "open as an
/// added layer" or `--layer`), one per layer that came from a file, by the layer's position.
/// A layer's name is the path it was read from; a layer without a file (the embedded default
/// layers) has no watch.
#[derive(Default)]
pub struct LayerWatches {
    /// The layers' names when the watches were made, and each one's watch.
    layers: Vec<(String, Option<FileWatch>)>,
}

impl LayerWatches {
    /// Follows the layers now shown (`names`, in order): a watch is made for each new layer
    /// whose name is a file (with `make`), and kept for a layer still there. Then polls them:
    /// returns the positions of layers whose file changed and settled, and how long to wait
    /// to look again, if a watch needs that.
    pub fn poll(
        &mut self,
        names: &[&str],
        now: Instant,
        make: impl Fn(&Path) -> FileWatch,
    ) -> (Vec<usize>, Option<Duration>) {
        let same = self.layers.len() == names.len() && self.layers.iter().zip(names).all(|((a, _), b)| a == b);
        if !same {
            let mut old = std::mem::take(&mut self.layers);
            for name in names {
                let kept = old.iter().position(|(n, _)| n == name).map(|k| old.remove(k).1);
                let watch = kept.unwrap_or_else(|| {
                    let path = Path::new(name);
                    path.is_file().then(|| make(path))
                });
                self.layers.push((name.to_string(), watch));
            }
        }
        let mut changed = Vec::new();
        let mut wait: Option<Duration> = None;
        for (k, (_, watch)) in self.layers.iter_mut().enumerate() {
            let Some(watch) = watch else { continue };
            let (now_changed, w) = watch.poll(now);
            if now_changed {
                changed.push(k);
            }
            if let Some(w) = w {
                wait = Some(wait.map_or(w, |old| old.min(w)));
            }
        }
        (changed, wait)
    }

    /// How many layers are watched.
    pub fn watched(&self) -> usize {
        self.layers.iter().filter(|(_, w)| w.is_some()).count()
    }
}

/// A watcher on the file's folder that passes on events naming the file.
fn notify_watch(
    path: &Path,
    wake: impl Fn() + Send + 'static,
) -> notify::Result<(notify::RecommendedWatcher, mpsc::Receiver<()>)> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_os_string());
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        let ours = event
            .paths
            .iter()
            .any(|p| p.file_name().map(|n| n.to_os_string()) == name);
        if ours && tx.send(()).is_ok() {
            wake();
        }
    })?;
    watcher.watch(&folder, notify::RecursiveMode::NonRecursive)?;
    Ok((watcher, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_sees_a_change_once_it_has_settled_and_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::polling(&path);
        let t0 = Instant::now();
        assert!(!watch.poll(t0).0, "nothing changed");
        std::fs::write(&path, "two, longer").unwrap();
        // Not yet due: the file is looked at every two seconds.
        assert!(!watch.poll(t0 + Duration::from_millis(100)).0);
        let due = t0 + POLL_EVERY + Duration::from_millis(10);
        assert!(!watch.poll(due).0, "seen, but not settled");
        assert!(watch.poll(due + SETTLE).0, "settled: read it");
        assert!(!watch.poll(due + SETTLE * 2).0, "once per change");
        assert!(!watch.poll(due + POLL_EVERY * 2).0, "unchanged since read");
    }

    #[test]
    fn each_layer_from_a_file_is_watched_and_a_change_names_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        let b = dir.path().join("b.json");
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        let (a_name, b_name) = (a.display().to_string(), b.display().to_string());
        let names = [a_name.as_str(), "The war in Korea (embedded)", b_name.as_str()];
        let mut watches = LayerWatches::default();
        let t0 = Instant::now();
        assert_eq!(watches.poll(&names, t0, FileWatch::polling).0, Vec::<usize>::new());
        assert_eq!(watches.watched(), 2, "the embedded layer has no file");
        std::fs::write(&b, "b, changed").unwrap();
        let due = t0 + POLL_EVERY + Duration::from_millis(10);
        assert!(watches.poll(&names, due, FileWatch::polling).0.is_empty(), "settling");
        assert_eq!(watches.poll(&names, due + SETTLE, FileWatch::polling).0, vec![2]);
        assert!(
            watches.poll(&names, due + SETTLE * 2, FileWatch::polling).0.is_empty(),
            "once"
        );
        // A layer added later is watched too; those already watched keep their watch.
        let c = dir.path().join("c.json");
        std::fs::write(&c, "c").unwrap();
        let c_name = c.display().to_string();
        let more = [names[0], names[1], names[2], c_name.as_str()];
        let t1 = due + SETTLE * 3;
        assert!(watches.poll(&more, t1, FileWatch::polling).0.is_empty());
        assert_eq!(watches.watched(), 3);
        std::fs::write(&a, "a, changed").unwrap();
        std::fs::write(&c, "c, changed").unwrap();
        let due = t1 + POLL_EVERY + Duration::from_millis(10);
        watches.poll(&more, due, FileWatch::polling);
        assert_eq!(watches.poll(&more, due + SETTLE, FileWatch::polling).0, vec![0, 3]);
    }

    #[test]
    fn a_file_gone_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::polling(&path);
        std::fs::remove_file(&path).unwrap();
        let t = Instant::now() + POLL_EVERY + Duration::from_millis(10);
        assert!(!watch.poll(t).0);
        assert!(!watch.poll(t + SETTLE).0);
    }

    #[test]
    fn the_system_watcher_reports_a_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::new(&path, || {});
        if !watch.is_notified() {
            // No inotify here (a container without it): the polling test covers this machine.
            return;
        }
        // Saved as editors do: a new file renamed over the old.
        let temp = dir.path().join(".c.json.tmp");
        std::fs::write(&temp, "two, longer").unwrap();
        std::fs::rename(&temp, &path).unwrap();
        // Wait for the event (it comes from another thread), then for it to settle.
        let mut seen = false;
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(20));
            let (changed, _) = watch.poll(Instant::now());
            if changed {
                seen = true;
                break;
            }
        }
        assert!(seen, "the rename over the file was noticed");
    }
}
