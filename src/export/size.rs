//! Picture sizes as people type them ("1920x1080"), read in one place for the command line and
//! the export window.

/// Parses "1920x1080" (or "1920X1080"): two whole numbers of pixels from 16 to 16384.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("size \"{text}\" must be WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let side = |v: &str| v.trim().parse::<u32>().ok().filter(|&n| (16..=16384).contains(&n));
    match (side(w), side(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!(
            "size \"{text}\" must be two whole numbers of pixels from 16 to 16384"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_within_the_limits() {
        assert_eq!(parse_size("1920x1080"), Ok((1920, 1080)));
        assert_eq!(parse_size(" 640 X 360 "), Ok((640, 360)));
        assert!(parse_size("big").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("15x100").unwrap_err().contains("16 to 16384"));
        assert!(parse_size("16385x100").is_err());
        assert!(parse_size("100x-5").is_err());
    }
}
