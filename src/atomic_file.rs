//! Writing a file so that it is never lost: the new content goes into a temporary file in the
//! same folder, is flushed to disk, and only then renamed over the target (SQLite's rule). A
//! full disk, a read-only folder, an encoder failing half-way or a crash leave the old file
//! byte-identical, and every failure the process lives through removes the temporary file.
//!
//! Plain `std` and `tempfile`, no egui: export, tours, the window and the command line share it.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// What a write does when a file is already at the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnExisting {
    /// Replace it, in one rename: readers see the old file or the new one, never a mix. A
    /// symbolic link is followed, so the file it points to is replaced and the link kept.
    Replace,
    /// Leave it and fail with [`io::ErrorKind::AlreadyExists`]. Checked by the rename itself,
    /// so a file appearing while the content is produced is not replaced either.
    Refuse,
}

/// A file being written: a hidden temporary file beside the target until [`AtomicFile::commit`].
/// Dropped without a commit (an error, a panic), it removes itself and the target is untouched.
pub struct AtomicFile {
    temp: NamedTempFile,
    target: PathBuf,
    on_existing: OnExisting,
}

impl AtomicFile {
    /// Starts writing `path`. Fails at once when its folder is missing or not writable, or
    /// (refusing) when something is already at `path`, before any work is spent on the content.
    pub fn create(path: &Path, on_existing: OnExisting) -> io::Result<AtomicFile> {
        let target = match on_existing {
            OnExisting::Replace => resolve_links(path)?,
            OnExisting::Refuse => {
                check_free(path)?;
                path.to_path_buf()
            }
        };
        let file_name = target.file_name().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} does not name a file", path.display()),
            )
        })?;
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(file_name);
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // What `File::create` gives a new file (read-write for all, less the umask) rather than
        // the owner-only mode of temporary files: an exported picture is meant to be shared.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        // Same folder, so the rename never crosses file systems.
        let temp = builder.tempfile_in(folder_of(&target)).map_err(without_temp_name)?;
        Ok(AtomicFile {
            temp,
            target,
            on_existing,
        })
    }

    /// The file the content will end up in (a symbolic link's target when replacing).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Puts the written content in place: flushed and synced to disk first, then renamed. On
    /// an error the target is as it was and the temporary file is removed. Returns the target.
    pub fn commit(self) -> io::Result<PathBuf> {
        let target = self.target.clone();
        self.commit_as(std::iter::once(target))
    }

    /// Like [`AtomicFile::commit`] with [`OnExisting::Refuse`], trying each name in turn until
    /// one is free (numbered screenshot names). The names must be in the target's folder.
    pub fn commit_to_first_free(mut self, names: impl IntoIterator<Item = PathBuf>) -> io::Result<PathBuf> {
        self.on_existing = OnExisting::Refuse;
        self.commit_as(names)
    }

    fn commit_as(mut self, names: impl IntoIterator<Item = PathBuf>) -> io::Result<PathBuf> {
        self.temp.as_file_mut().flush()?;
        if self.on_existing == OnExisting::Replace
            && let Ok(meta) = fs::metadata(&self.target)
            && meta.is_file()
        {
            // A file others may only read stays so.
            self.temp.as_file().set_permissions(meta.permissions())?;
        }
        self.temp.as_file().sync_all()?;
        let mut temp = self.temp;
        let mut last_error = io::Error::new(io::ErrorKind::InvalidInput, "no file name to write to");
        for name in names {
            let persisted = match self.on_existing {
                OnExisting::Replace => temp.persist(&name),
                OnExisting::Refuse => temp.persist_noclobber(&name),
            };
            match persisted {
                Ok(_) => {
                    sync_folder(&name);
                    return Ok(name);
                }
                Err(e) => {
                    // Dropping the returned temporary file deletes it.
                    temp = e.file;
                    last_error = e.error;
                    if last_error.kind() != io::ErrorKind::AlreadyExists {
                        break;
                    }
                }
            }
        }
        Err(last_error)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.as_file_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.as_file_mut().flush()
    }
}

/// Writes the file at `path` with whatever `content` writes (buffered), atomically. An error
/// from `content` is returned as it is, and nothing changes on disk. Returns the file written.
pub fn write_with(
    path: &Path,
    on_existing: OnExisting,
    content: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let mut file = AtomicFile::create(path, on_existing)?;
    {
        let mut buffered = BufWriter::new(&mut file);
        content(&mut buffered)?;
        buffered.flush()?;
    }
    file.commit()
}

/// Writes `bytes` as the file at `path`, atomically. Returns the file written.
pub fn write_bytes(path: &Path, on_existing: OnExisting, bytes: &[u8]) -> io::Result<PathBuf> {
    write_with(path, on_existing, |w| w.write_all(bytes))
}

/// Fails with [`io::ErrorKind::AlreadyExists`] when anything is at `path`: a file, a folder, or
/// a symbolic link, even a dangling one. For early refusals; the commit checks again.
pub fn check_free(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", path.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Follows symbolic links from `path` to the file they end at (which need not exist yet), so
/// replacing writes through the link instead of replacing the link by a plain file.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // Linux's own limit on links followed in one lookup.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The error without the temporary file's name that `tempfile` appends: the user asked for the
/// target, which the caller names.
fn without_temp_name(e: io::Error) -> io::Error {
    let mut message = e.to_string();
    match message.find(" at path \"") {
        Some(at) => {
            message.truncate(at);
            io::Error::new(e.kind(), message)
        }
        None => e,
    }
}

/// Makes the rename itself durable. Best effort: the new file is already in place, and some
/// systems cannot open a folder for syncing.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}
