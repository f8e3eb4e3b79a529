//! `chronoatlas synth` (hidden): a synthetic chronicle of any size, for benchmarks and load
//! tests: a million events over a century and twenty thousand places, with a tour of a hundred
//! thousand stops over it. Deterministic from `--seed`. Every record says it is synthetic; none
//! is history.

use super::Failure;
use crate::atomic_file::{self, OnExisting};
use crate::chronicle::{
    self, Chronicle, Event, HistoricalDate, LocationPrecision, Metadata, Period, Place, PlaceRank, SourceReference,
    Thread, View,
};
use crate::tour::{Stop, StopView, Tour};
use chrono::{Datelike, NaiveDate};
use compact_str::{CompactString, format_compact};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The arguments of `chronoatlas synth`.
#[derive(clap::Args, Debug, Clone)]
pub struct SynthArgs {
    /// How many events.
    #[arg(long, default_value_t = 1_000_000)]
    pub events: usize,
    /// How many places.
    #[arg(long, default_value_t = 20_000)]
    pub places: usize,
    /// The years the events fall in, first..last (last included): 1900..2000.
    #[arg(long, default_value = "1900..2000", value_parser = parse_years, allow_hyphen_values = true)]
    pub years: (i32, i32),
    /// The same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also one event at every place on this day (YYYY-MM-DD): the busiest day a map can have.
    #[arg(long, value_name = "DATE")]
    pub busy_day: Option<String>,
    /// The chronicle file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Also write a tour of this many stops over the chronicle, to --tour-out.
    #[arg(long, value_name = "N", requires = "tour_out")]
    pub tour_stops: Option<usize>,
    /// The tour file to write.
    #[arg(long, value_name = "FILE", requires = "tour_stops")]
    pub tour_out: Option<PathBuf>,
    /// Replace the output files if they exist.
    #[arg(long)]
    pub overwrite: bool,
}

fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("{text:?}: write the years as FIRST..LAST, e.g. 1900..2000"))?;
    let year = |s: &str| s.trim().parse::<i32>().map_err(|e| format!("{s:?} is not a year: {e}"));
    let (first, last) = (year(a)?, year(b)?);
    if !(1..=9999).contains(&first) || !(1..=9999).contains(&last) || last < first {
        return Err(format!("{text:?}: years from 1 to 9999, the first not after the last"));
    }
    Ok((first, last))
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub events: usize,
    pub places: usize,
    /// First and last year, both included.
    pub years: (i32, i32),
    pub seed: u64,
    /// One more event at every place on this day.
    pub busy_day: Option<NaiveDate>,
}

impl Spec {
    /// A million events over 1900–2000 and 20,000 places: the size the window must stay fast at.
    pub const MILLION: Spec = Spec {
        events: 1_000_000,
        places: 20_000,
        years: (1900, 2000),
        seed: 1,
        busy_day: None,
    };
}

/// xorshift64*: small, fast and deterministic; enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Never zero, and seeds 1, 2, 3 far apart.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly normal, mean 0 and deviation 1 (sum of four uniforms).
    fn normalish(&mut self) -> f64 {
        ((0..4).map(|_| self.unit()).sum::<f64>() - 2.0) * 1.732
    }
}

/// Centres the synthetic places gather around: approximate positions of populous regions on
/// land, so the map looks like a map of events rather than of noise.
const CENTRES: [(f64, f64); 32] = [
    (2.3, 48.9),
    (-0.1, 51.5),
    (13.4, 52.5),
    (37.6, 55.8),
    (30.3, 59.9),
    (12.5, 41.9),
    (-3.7, 40.4),
    (21.0, 52.2),
    (28.9, 41.0),
    (31.2, 30.0),
    (51.4, 35.7),
    (44.4, 33.3),
    (77.2, 28.6),
    (72.9, 19.1),
    (88.4, 22.6),
    (116.4, 39.9),
    (121.5, 31.2),
    (113.3, 23.1),
    (126.9, 37.6),
    (139.7, 35.7),
    (106.8, -6.2),
    (100.5, 13.8),
    (151.2, -33.9),
    (-74.0, 40.7),
    (-87.6, 41.9),
    (-118.2, 34.1),
    (-99.1, 19.4),
    (-46.6, -23.5),
    (-58.4, -34.6),
    (3.4, 6.5),
    (36.8, -1.3),
    (28.0, -26.2),
];

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ren", "sta", "vor", "dun", "bel", "ash", "tir", "gon", "el", "ya", "zu", "ber", "min", "or",
    "tal", "nes", "quin", "har", "sol", "ped", "ru",
];

const WHAT: [&str; 12] = [
    "Meeting at",
    "Strike in",
    "Treaty signed at",
    "Battle near",
    "Election in",
    "Flood at",
    "Conference in",
    "Delegation arrives in",
    "Riot in",
    "Fire at",
    "Railway opened to",
    "Newspaper founded in",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w: String = (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    if let Some(first) = w.get(..1) {
        let upper = first.to_uppercase();
        w.replace_range(..1, &upper);
    }
    w
}

/// Thread ids and names: a dozen strands.
const THREADS: usize = 12;

fn day_of(first: NaiveDate, days: usize, rng: &mut Rng) -> NaiveDate {
    first + chrono::Days::new(rng.below(days.max(1)) as u64)
}

/// The places of the synthetic chronicle.
fn places(spec: &Spec, rng: &mut Rng) -> Vec<Place> {
    (0..spec.places)
        .map(|k| {
            let (lon, lat) = CENTRES[rng.below(CENTRES.len())];
            let spread = 1.0 + 4.0 * rng.unit();
            let lon = (lon + rng.normalish() * spread * 1.3).clamp(-179.9, 179.9);
            let lat = (lat + rng.normalish() * spread).clamp(-85.0, 85.0);
            let roll = rng.below(100);
            let precision = match roll {
                0 => LocationPrecision::Region,
                1..=5 => LocationPrecision::Exact,
                _ => LocationPrecision::City,
            };
            let rank = match rng.below(100) {
                _ if precision == LocationPrecision::Region => None,
                0 => Some(PlaceRank::Capital),
                1..=10 => Some(PlaceRank::City),
                11..=50 => Some(PlaceRank::Town),
                51..=85 => Some(PlaceRank::Village),
                _ => None,
            };
            let syllables = 2 + rng.below(2);
            Place {
                id: format!("p-{k}"),
                name: word(rng, syllables),
                other_names: Vec::new(),
                lon: (lon * 1e4).round() / 1e4,
                lat: (lat * 1e4).round() / 1e4,
                precision,
                radius_km: (precision == LocationPrecision::Region).then(|| 50.0 + 150.0 * rng.unit().round()),
                area: None,
                in_force: None,
                note: String::new(),
                rank,
                placed_by_name: None,
            }
        })
        .collect()
}

/// Generates the events one by one, so a file of a million is written without holding them.
struct Events<'a> {
    spec: Spec,
    places: &'a [Place],
    actors: Vec<CompactString>,
    rng: Rng,
    first: NaiveDate,
    days: usize,
}

impl<'a> Events<'a> {
    fn new(spec: &Spec, places: &'a [Place], rng: &mut Rng) -> Events<'a> {
        let first = NaiveDate::from_ymd_opt(spec.years.0, 1, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(spec.years.1, 12, 31).unwrap_or(first);
        let days = ((end - first).num_days() + 1).max(1) as usize;
        let actors = (0..400)
            .map(|_| format_compact!("{} {}", word(rng, 2), word(rng, 3)))
            .collect();
        Events {
            spec: *spec,
            places,
            actors,
            rng: Rng::new(rng.next_u64()),
            first,
            days,
        }
    }

    /// The date of an event: mostly days, some ranges, months, approximate days and years.
    fn date(&mut self) -> HistoricalDate {
        let day = day_of(self.first, self.days, &mut self.rng);
        let text = match self.rng.below(100) {
            0..=84 => day.format("%Y-%m-%d").to_string(),
            85..=89 => {
                let end = day + chrono::Days::new(1 + self.rng.below(30) as u64);
                format!("{}/{}", day.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
            }
            90..=94 => day.format("%Y-%m").to_string(),
            95..=97 => format!("{}~", day.format("%Y-%m-%d")),
            _ => format!("{:04}", day.year()),
        };
        HistoricalDate::parse(&text).unwrap_or_else(|_| HistoricalDate::day(day))
    }

    /// A place, the busy ones far more often (a skewed draw), as in any real chronicle.
    fn place(&mut self) -> usize {
        let u = self.rng.unit();
        ((u * u * u) * self.places.len() as f64) as usize % self.places.len().max(1)
    }

    fn event(&mut self, k: usize) -> Event {
        let date = self.date();
        let place = (!self.places.is_empty()).then(|| self.place());
        let title = match place {
            Some(p) => format_compact!("{} {}", WHAT[self.rng.below(WHAT.len())], self.places[p].name),
            None => format_compact!("Synthetic event {k}"),
        };
        let thread = (self.rng.below(10) < 8).then(|| format_compact!("strand-{}", 1 + self.rng.below(THREADS)));
        let actors = (0..self.rng.below(3))
            .map(|_| self.actors[self.rng.below(self.actors.len())].clone())
            .collect();
        let summary = if self.rng.below(4) == 0 {
            format!("Synthetic event number {k}, generated for load tests; not history.")
        } else {
            String::new()
        };
        Event {
            id: format_compact!("e-{k}"),
            title,
            date,
            date_text: CompactString::default(),
            places: place
                .map(|p| CompactString::from(&self.places[p].id))
                .into_iter()
                .collect(),
            place_inferred: false,
            actors,
            thread,
            summary,
            quote: String::new(),
            footnotes: Vec::new(),
            citations: Vec::new(),
            disputes: Vec::new(),
        }
    }

    /// All events: `spec.events` spread over the years, then one at every place on the busy day.
    fn all(mut self) -> impl Iterator<Item = Event> + 'a {
        let busy = self.spec.busy_day;
        let n = self.spec.events;
        let places = self.places;
        (0..n).map(move |k| self.event(k)).chain(
            busy.into_iter()
                .flat_map(move |day| places.iter().enumerate().map(move |(k, p)| (day, k, p)))
                .map(|(day, k, p)| Event {
                    id: format_compact!("e-busy-{k}"),
                    title: format_compact!("Everywhere at once: {}", p.name),
                    date: HistoricalDate::day(day),
                    date_text: CompactString::default(),
                    places: vec![CompactString::from(&p.id)],
                    place_inferred: false,
                    actors: Vec::new(),
                    thread: Some(CompactString::const_new("strand-1")),
                    summary: String::new(),
                    quote: String::new(),
                    footnotes: Vec::new(),
                    citations: Vec::new(),
                    disputes: Vec::new(),
                }),
        )
    }
}

/// The chronicle without its events: metadata, threads, places, views and periods.
fn frame(spec: &Spec, places: Vec<Place>) -> Chronicle {
    let (first, last) = spec.years;
    let mut chronicle = Chronicle::new(Metadata {
        title: format!(
            "Synthetic chronicle: {} events, {} places, {first}–{last}",
            spec.events, spec.places
        ),
        description: format!(
            "Generated by `chronoatlas synth --seed {}` for benchmarks and load tests. Every record is \
             invented; none is history.",
            spec.seed
        ),
        source: SourceReference {
            reference: "None: synthetic data, generated by chronoatlas synth.".to_string(),
            short: "synthetic data".to_string(),
        },
        sources: Vec::new(),
        attribution: "Synthetic data (chronoatlas synth); not history.".to_string(),
        licence: "CC0".to_string(),
        opening: Some(chronicle::Opening {
            date: Some(format!("{:04}-10-19", first + (last - first) / 2)),
            view: Some("world".to_string()),
        }),
    });
    chronicle.threads = (1..=THREADS)
        .map(|k| Thread {
            id: format!("strand-{k}"),
            name: format!("Strand {k}"),
            description: "A synthetic strand of events.".to_string(),
        })
        .collect();
    chronicle.places = places;
    let view = |id: &str, name: &str, bbox: [f64; 4]| View {
        id: id.to_string(),
        name: name.to_string(),
        bbox: chronicle::GeoBox::new(bbox[0], bbox[1], bbox[2], bbox[3]),
    };
    chronicle.views = vec![
        view("world", "The world", [-170.0, -50.0, 175.0, 72.0]),
        view("europe", "Europe", [-12.0, 35.0, 45.0, 62.0]),
        view("east-asia", "East Asia", [95.0, 15.0, 145.0, 50.0]),
        view("paris", "Around Paris", [0.0, 47.5, 4.6, 50.2]),
    ];
    chronicle.periods = (first / 10 * 10..=last)
        .step_by(10)
        .map(|decade| Period {
            id: format!("the-{decade}s"),
            name: format!("The {decade}s"),
            date: HistoricalDate::parse(&format!("{decade:04}/{:04}", decade + 9))
                .unwrap_or_else(|_| HistoricalDate::day(NaiveDate::MIN)),
        })
        .collect();
    chronicle
}

/// The synthetic chronicle in memory (for benchmarks and tests), indexed as a load would.
pub fn chronicle(spec: &Spec) -> Chronicle {
    let mut rng = Rng::new(spec.seed);
    let places = places(spec, &mut rng);
    let events: Vec<Event> = Events::new(spec, &places, &mut rng).all().collect();
    let mut chronicle = frame(spec, places);
    chronicle.events = events;
    chronicle.reindex();
    chronicle
}

/// An event as written: the fields it uses, none of the empty ones.
#[derive(Serialize)]
struct Compact<'a> {
    id: &'a str,
    title: &'a str,
    date: &'a HistoricalDate,
    #[serde(skip_serializing_if = "<[CompactString]>::is_empty")]
    places: &'a [CompactString],
    #[serde(skip_serializing_if = "Option::is_none")]
    thread: Option<&'a str>,
    #[serde(skip_serializing_if = "<[CompactString]>::is_empty")]
    actors: &'a [CompactString],
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
}

/// Writes the chronicle of `spec` as JSON, one event a line, without holding the events.
pub fn write_chronicle(spec: &Spec, out: &mut dyn Write) -> std::io::Result<usize> {
    let mut rng = Rng::new(spec.seed);
    let places = places(spec, &mut rng);
    let events = Events::new(spec, &places, &mut rng);
    let header = frame(spec, places.clone());
    // Everything but the events, through serde; the events streamed after it.
    let mut head = serde_json::to_value(&header).map_err(std::io::Error::other)?;
    if let Some(object) = head.as_object_mut() {
        object.remove("events");
        object.remove("movements");
        object.remove("footnotes");
    }
    let head = serde_json::to_string(&head).map_err(std::io::Error::other)?;
    let head = head.strip_suffix('}').unwrap_or(&head);
    write!(out, "{head},\n\"events\": [\n")?;
    let mut count = 0;
    for event in events.all() {
        if count > 0 {
            out.write_all(b",\n")?;
        }
        let compact = Compact {
            id: &event.id,
            title: &event.title,
            date: &event.date,
            places: &event.places,
            thread: event.thread.as_deref(),
            actors: &event.actors,
            summary: &event.summary,
        };
        serde_json::to_writer(&mut *out, &compact).map_err(std::io::Error::other)?;
        count += 1;
    }
    out.write_all(b"\n]}\n")?;
    Ok(count)
}

/// A tour of `stops` stops over `chronicle`: events drawn at random, each on its first day,
/// the view a box around its place (every third stop a named view instead).
pub fn tour(chronicle: &Chronicle, stops: usize, seed: u64, chronicle_file: &str) -> Tour {
    let mut rng = Rng::new(seed ^ 0x5EED);
    let stops = (0..stops)
        .filter_map(|k| {
            let event = chronicle.events.get(rng.below(chronicle.events.len().max(1)))?;
            let place = event.places.first().and_then(|p| chronicle.place(p));
            // Every third stop a named view that holds the place, the others a box around it.
            let holding = |p: &Place| {
                chronicle.views.iter().rev().find(|v| {
                    let (w, s, e, n) = v.bbox.to_tuple();
                    (w..=e).contains(&p.lon) && (s..=n).contains(&p.lat)
                })
            };
            let view = match place {
                Some(p) if k % 3 == 0 && holding(p).is_some() => holding(p).map(|v| StopView::Bookmark(v.id.clone())),
                Some(p) => Some(StopView::Bbox([
                    (p.lon - 6.0).max(-180.0),
                    (p.lat - 4.0).max(-85.0),
                    (p.lon + 6.0).min(180.0),
                    (p.lat + 4.0).min(85.0),
                ])),
                None => None,
            };
            Some(Stop {
                date: event.date.first_day(),
                view,
                event: Some(event.id.to_string()),
                caption: format!("Stop {}: {}", k + 1, event.title),
                notes: if k % 5 == 0 {
                    "Synthetic speaker notes.\nA second line.".to_string()
                } else {
                    String::new()
                },
            })
        })
        .collect();
    let stops: Vec<Stop> = stops;
    Tour {
        format: crate::tour::TOUR_FORMAT.to_string(),
        title: format!("A synthetic tour of {} stops", stops.len()),
        chronicle: chronicle_file.to_string(),
        stops,
    }
}

/// Runs `chronoatlas synth`.
pub fn run(args: &SynthArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let busy_day = match &args.busy_day {
        Some(text) => Some(chronicle::date::parse_day(text).map_err(|e| Failure(format!("--busy-day {text:?}: {e}")))?),
        None => None,
    };
    let spec = Spec {
        events: args.events,
        places: args.places,
        years: args.years,
        seed: args.seed,
        busy_day,
    };
    let on_existing = if args.overwrite {
        OnExisting::Replace
    } else {
        OnExisting::Refuse
    };
    let failure = |path: &Path, e: std::io::Error| Failure(format!("{}: cannot write: {e}", path.display()));
    let mut count = 0;
    atomic_file::write_with(&args.output, on_existing, |w| {
        count = write_chronicle(&spec, w)?;
        Ok(())
    })
    .map_err(|e| failure(&args.output, e))?;
    let write_err = |e: std::io::Error| Failure(format!("cannot write output: {e}"));
    writeln!(
        out,
        "{}: {count} events, {} places, {}–{}, seed {}",
        args.output.display(),
        spec.places,
        spec.years.0,
        spec.years.1,
        spec.seed
    )
    .map_err(write_err)?;
    if let (Some(stops), Some(path)) = (args.tour_stops, &args.tour_out) {
        // The tour needs the events; the chronicle is read back as the window would read it.
        let loaded = crate::chronicle::load_file(&args.output).map_err(Failure::from)?;
        let name = args
            .output
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let tour = tour(&loaded, stops, spec.seed, &name);
        let text = serde_json::to_string(&tour).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        atomic_file::write_bytes(path, on_existing, text.as_bytes()).map_err(|e| failure(path, e))?;
        writeln!(out, "{}: a tour of {} stops", path.display(), tour.stops.len()).map_err(write_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Spec {
        Spec {
            events: 2_000,
            places: 300,
            years: (1900, 1910),
            seed: 7,
            busy_day: NaiveDate::from_ymd_opt(1905, 10, 19),
        }
    }

    #[test]
    fn the_file_written_loads_as_the_chronicle_built_in_memory_and_is_valid() {
        let spec = small();
        let mut bytes = Vec::new();
        let count = write_chronicle(&spec, &mut bytes).unwrap();
        assert_eq!(count, 2_300);
        let text = String::from_utf8(bytes).unwrap();
        let loaded = chronicle::load_str(&text, "synth.json").unwrap();
        let built = chronicle(&spec);
        assert_eq!(loaded.events.len(), built.events.len());
        assert_eq!(loaded.places.len(), 300);
        for (a, b) in loaded.events.iter().zip(&built.events) {
            assert_eq!(
                (&a.id, &a.title, &a.date, &a.places),
                (&b.id, &b.title, &b.date, &b.places)
            );
        }
        let problems = chronicle::validate(&loaded, None);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_chronicle_and_another_seed_another() {
        let a = chronicle(&small());
        let b = chronicle(&small());
        let c = chronicle(&Spec { seed: 8, ..small() });
        let titles = |c: &Chronicle| c.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&a), titles(&b));
        assert_ne!(titles(&a), titles(&c));
    }

    #[test]
    fn the_tour_fits_its_chronicle() {
        let c = chronicle(&small());
        let tour = tour(&c, 500, 7, "synth.json");
        assert_eq!(tour.stops.len(), 500);
        let problems = crate::tour::check(&tour, &c);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn years_are_read_as_first_dot_dot_last() {
        assert_eq!(parse_years("1900..2000"), Ok((1900, 2000)));
        assert!(parse_years("2000..1900").is_err());
        assert!(parse_years("1900-2000").is_err());
    }
}
