//! Drawing a sequence of days near the floor: the base map (land, borders, coasts, the map's
//! lines) is the same on every day with the same map, so it is drawn once per map and each day's
//! own part is drawn over a copy of it; the days are drawn on all cores. The pixels are those of a
//! single export of the same day, because rasterising a scene's first part and then its second
//! over it is what rasterising the whole does.

use super::{ExportError, Renderer};
use crate::render::raster::LabelCache;
use crate::render::raster::{self, RgbaImage};
use crate::render::svg::{RasterPiece, scene_part_to_pieces};
use crate::scene::Primitive;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// A day drawn: its number in the sequence (from 1), the day, its picture at the main size and,
/// when a second size was asked for, at that size too.
pub(super) struct DrawnDay {
    pub number: usize,
    pub day: NaiveDate,
    pub main: RgbaImage,
    pub second: Option<RgbaImage>,
}

/// The base map drawn at each size asked for.
struct Bases {
    main: raster::Pixmap,
    second: Option<raster::Pixmap>,
}

/// One day to draw: the base beneath it and the pieces of what the day adds.
struct Job {
    number: usize,
    day: NaiveDate,
    bases: Arc<Bases>,
    pieces: Vec<RasterPiece>,
}

/// Draws `days` through `renderer` at `main` pixels (and at `second`, if given), on all cores.
/// `work` runs on the drawing threads, once per day (encode and write a frame, quantise a GIF
/// frame); `each` then receives what `work` returned, in the order of `days`. The first error
/// stops the sequence and is returned.
pub(super) fn draw_days<T: Send>(
    renderer: &mut Renderer,
    days: &[NaiveDate],
    selected: Option<usize>,
    main: (u32, u32),
    second: Option<(u32, u32)>,
    work: impl Fn(&mut DrawnDay) -> Result<T, ExportError> + Sync,
    mut each: impl FnMut(T) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, days.len().max(1));
    let failed = AtomicBool::new(false);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<T, ExportError>)>();
    let labels = renderer.labels.clone();
    let pictures = Pictures::default();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (job_rx, failed, work, labels, pictures) = (&job_rx, &failed, &work, &*labels, &pictures);
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next job.
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(job)) = next else { break };
                    if failed.load(Ordering::Relaxed) {
                        continue;
                    }
                    let number = job.number;
                    let result = draw_job(job, labels, pictures).and_then(|mut drawn| {
                        let result = work(&mut drawn);
                        // The picture's memory, for a later day (see `Pictures`).
                        pictures.keep(std::mem::take(&mut drawn.main.pixels));
                        result
                    });
                    if result.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if done_tx.send((number, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut order = InOrder::new(&mut each);
        let produced = produce(renderer, days, selected, main, second, &job_tx, &failed, || {
            while let Ok((number, result)) = done_rx.try_recv() {
                order.take(number, result, &failed);
            }
        });
        drop(job_tx);
        for (number, result) in done_rx.iter() {
            order.take(number, result, &failed);
        }
        produced.and(order.finish())
    })
}

/// Builds each day's scene on the calling thread, draws a base whenever the map changes, and
/// queues the days; `between` runs after each day is queued, to hand on what is done.
#[allow(clippy::too_many_arguments)]
fn produce(
    renderer: &mut Renderer,
    days: &[NaiveDate],
    selected: Option<usize>,
    main: (u32, u32),
    second: Option<(u32, u32)>,
    jobs: &mpsc::SyncSender<Job>,
    failed: &AtomicBool,
    mut between: impl FnMut(),
) -> Result<(), ExportError> {
    let mut current: Option<(Vec<Primitive>, Arc<Bases>)> = None;
    for (i, &day) in days.iter().enumerate() {
        if failed.load(Ordering::Relaxed) {
            break;
        }
        let (scene, base_len, options) = match renderer.split_scene(day, selected) {
            Ok(split) => split,
            Err(e) => {
                failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
        };
        let base = &scene.primitives[..base_len];
        let bases = match &current {
            Some((primitives, bases)) if primitives.as_slice() == base => bases.clone(),
            _ => {
                let pieces = scene_part_to_pieces(&scene, 0..base_len, true, &options);
                let draw = |size: (u32, u32)| {
                    let mut pixmap = raster::new_pixmap(size.0, size.1)?;
                    raster::draw_pieces(&pieces, &mut pixmap, &renderer.labels)?;
                    Ok::<_, raster::RasterError>(pixmap)
                };
                let drawn = draw(main).and_then(|m| Ok((m, second.map(draw).transpose()?)));
                let (main_base, second_base) = match drawn {
                    Ok(pair) => pair,
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        return Err(e.into());
                    }
                };
                let bases = Arc::new(Bases {
                    main: main_base,
                    second: second_base,
                });
                current = Some((base.to_vec(), bases.clone()));
                bases
            }
        };
        let job = Job {
            number: i + 1,
            day,
            bases,
            pieces: scene_part_to_pieces(&scene, base_len..scene.primitives.len(), false, &options),
        };
        if jobs.send(job).is_err() {
            break;
        }
        between();
    }
    Ok(())
}

/// Draws a day's own part over copies of its bases.
fn draw_job(job: Job, labels: &LabelCache, pictures: &Pictures) -> Result<DrawnDay, ExportError> {
    let over = |base: &raster::Pixmap| -> Result<RgbaImage, ExportError> {
        let mut pixmap = pictures.copy_of(base);
        raster::draw_pieces(&job.pieces, &mut pixmap, labels)?;
        Ok(raster::pixmap_into_rgba(pixmap))
    };
    Ok(DrawnDay {
        number: job.number,
        day: job.day,
        main: over(&job.bases.main)?,
        second: job.bases.second.as_ref().map(over).transpose()?,
    })
}

/// The memory of pictures whose day is done, for the next days: a picture's worth of fresh
/// memory costs a page fault per 4 KB, more than drawing into memory already touched.
#[derive(Default)]
struct Pictures {
    spare: Mutex<Vec<Vec<u8>>>,
}

/// Spare pictures kept at most (one or two per drawing thread is all that is ever used).
const SPARE_PICTURES: usize = 8;

impl Pictures {
    /// A copy of `base`, in spare memory if there is some of the right size.
    fn copy_of(&self, base: &raster::Pixmap) -> raster::Pixmap {
        let spare = self.spare.lock().ok().and_then(|mut spare| spare.pop());
        match spare.filter(|d| d.capacity() >= base.data().len()) {
            Some(data) => raster::copy_into(base, data),
            None => base.clone(),
        }
    }

    /// Keeps a picture's memory for [`Pictures::copy_of`].
    fn keep(&self, data: Vec<u8>) {
        if data.capacity() == 0 {
            return;
        }
        if let Ok(mut spare) = self.spare.lock()
            && spare.len() < SPARE_PICTURES
        {
            spare.push(data);
        }
    }
}

/// Hands results on in sequence order, holding back those that finish early; keeps the first
/// error and drops everything after it.
struct InOrder<'f, T, F: FnMut(T) -> Result<(), ExportError>> {
    each: &'f mut F,
    next: usize,
    waiting: BTreeMap<usize, T>,
    error: Option<ExportError>,
}

impl<'f, T, F: FnMut(T) -> Result<(), ExportError>> InOrder<'f, T, F> {
    fn new(each: &'f mut F) -> Self {
        InOrder {
            each,
            next: 1,
            waiting: BTreeMap::new(),
            error: None,
        }
    }

    fn take(&mut self, number: usize, result: Result<T, ExportError>, failed: &AtomicBool) {
        if self.error.is_some() {
            return;
        }
        match result {
            Ok(value) => {
                self.waiting.insert(number, value);
            }
            Err(e) => {
                self.error = Some(e);
                self.waiting.clear();
                return;
            }
        }
        while let Some(value) = self.waiting.remove(&self.next) {
            self.next += 1;
            if let Err(e) = (self.each)(value) {
                failed.store(true, Ordering::Relaxed);
                self.error = Some(e);
                self.waiting.clear();
                return;
            }
        }
    }

    fn finish(self) -> Result<(), ExportError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
