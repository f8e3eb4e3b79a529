//! The fonts a document uses, embedded: each bundled font cut down to the glyphs of the
//! document's characters (with `subsetter`), given a character map again (the subsetter keeps
//! none, being made for PDF) and written as an `@font-face` rule with a base64 `data:` URL. A
//! viewer that reads `@font-face` then draws the text as the export does on a machine without
//! these fonts.

use skrifa::MetadataProvider;
use std::fmt::Write;

/// One font cut down: its family, whether it is the text font, its bytes.
pub(super) struct EmbeddedFont {
    pub family: String,
    pub text_font: bool,
    pub bytes: Vec<u8>,
}

/// The bundled fonts, then the system fonts loaded for scripts they lack (see
/// [`crate::fonts::system_fonts`]; single-face files only, as a collection cannot be cut here),
/// cut down to the characters of `texts`: each character goes to the first font that has it, as
/// the rasteriser chooses; fonts that draw none are left out.
pub(super) fn subsets<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<EmbeddedFont> {
    let mut chars: Vec<char> = texts.flat_map(str::chars).filter(|c| !c.is_control()).collect();
    chars.sort_unstable();
    chars.dedup();
    let system = crate::fonts::system_fonts();
    let fonts: Vec<(String, &[u8])> = crate::fonts::all()
        .iter()
        .map(|f| (f.family.to_string(), f.bytes))
        .chain(
            system
                .iter()
                .filter(|f| f.index == 0)
                .map(|f| (f.family.clone(), f.data.as_slice())),
        )
        .collect();
    let mut per_font: Vec<Vec<(char, u16)>> = vec![Vec::new(); fonts.len()];
    let faces: Vec<Option<skrifa::FontRef>> = fonts
        .iter()
        .map(|(_, bytes)| skrifa::FontRef::new(bytes).ok())
        .collect();
    for c in chars {
        for (k, face) in faces.iter().enumerate() {
            let Some(face) = face else {
                continue;
            };
            if let Some(gid) = face.charmap().map(c)
                && let Ok(gid) = u16::try_from(gid.to_u32())
                && gid != 0
            {
                per_font[k].push((c, gid));
                break;
            }
        }
    }
    fonts
        .iter()
        .zip(per_font)
        .enumerate()
        .filter(|(_, (_, map))| !map.is_empty())
        .filter_map(|(k, ((family, bytes), map))| {
            Some(EmbeddedFont {
                family: family.clone(),
                text_font: k == 0,
                bytes: subset(bytes, &map)?,
            })
        })
        .collect()
}

/// `font` with only the glyphs of `map` (character, glyph), renumbered, with a character map
/// for them and the original's OS/2 table; `None` if the font cannot be cut.
fn subset(font: &[u8], map: &[(char, u16)]) -> Option<Vec<u8>> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(_, gid) in map {
        remapper.remap(gid);
    }
    let cut = subsetter::subset(font, 0, &remapper).ok()?;
    let new_map: Vec<(u32, u16)> = map
        .iter()
        .filter_map(|&(c, gid)| Some((c as u32, remapper.get(gid)?)))
        .collect();
    let mut extra = vec![(*b"cmap", cmap(&new_map))];
    if let Some(os2) = table(font, b"OS/2") {
        extra.push((*b"OS/2", os2.to_vec()));
    }
    with_tables(&cut, extra)
}

/// The table directory of a font: (tag, offset, length) per table.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], usize, usize)>> {
    let count = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?) as usize;
    (0..count)
        .map(|i| {
            let record = font.get(12 + 16 * i..28 + 16 * i)?;
            let tag: [u8; 4] = record[0..4].try_into().ok()?;
            let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
            let length = u32::from_be_bytes(record[12..16].try_into().ok()?) as usize;
            Some((tag, offset, length))
        })
        .collect()
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let (_, offset, length) = tables(font)?.into_iter().find(|t| &t.0 == tag)?;
    font.get(offset..offset.checked_add(length)?)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `font` with `extra` tables added (or replacing its own of the same tag), checksums redone.
fn with_tables(font: &[u8], extra: Vec<([u8; 4], Vec<u8>)>) -> Option<Vec<u8>> {
    let mut all: Vec<([u8; 4], Vec<u8>)> = tables(font)?
        .into_iter()
        .filter(|(tag, _, _)| !extra.iter().any(|(t, _)| t == tag))
        .map(|(tag, offset, length)| Some((tag, font.get(offset..offset.checked_add(length)?)?.to_vec())))
        .collect::<Option<_>>()?;
    all.extend(extra);
    all.sort_by_key(|(tag, _)| *tag);
    let count = u16::try_from(all.len()).ok().filter(|&n| (1..=64).contains(&n))?;
    let selector = 15 - count.leading_zeros() as u16; // floor(log2(count))
    let search_range = (1u16 << selector) * 16;
    let mut out = font.get(0..4)?.to_vec();
    for v in [count, search_range, selector, count * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * all.len();
    let mut head_at = None;
    for (tag, data) in &mut all {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0);
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &all {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out.get_mut(at..at + 4)?.copy_from_slice(&adjustment.to_be_bytes());
    }
    Some(out)
}

/// A `cmap` table for `map` (code point, glyph), sorted by code point: format 4 for the Basic
/// Multilingual Plane (which every reader knows) and format 12 for all.
fn cmap(map: &[(u32, u16)]) -> Vec<u8> {
    let mut map = map.to_vec();
    map.sort_unstable();
    map.dedup_by_key(|m| m.0);
    let be16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_be_bytes());
    let be32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_be_bytes());
    // Format 4: one segment per character, then the closing 0xFFFF segment; at most 8000, to
    // stay within the subtable's 16-bit length (format 12 maps every character).
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter_map(|&(c, g)| Some((u16::try_from(c).ok().filter(|&c| c != 0xFFFF)?, g)))
        .take(8000)
        .collect();
    let segments = bmp.len() + 1;
    let seg_x2 = (segments * 2) as u16;
    let selector = 15 - (segments as u16).leading_zeros() as u16;
    let search = 2 * (1u16 << selector);
    let mut f4 = Vec::new();
    be16(&mut f4, 4);
    be16(&mut f4, (16 + 8 * segments) as u16);
    be16(&mut f4, 0);
    be16(&mut f4, seg_x2);
    be16(&mut f4, search);
    be16(&mut f4, selector);
    be16(&mut f4, seg_x2.wrapping_sub(search));
    for &(c, _) in &bmp {
        be16(&mut f4, c);
    }
    be16(&mut f4, 0xFFFF);
    be16(&mut f4, 0);
    for &(c, _) in &bmp {
        be16(&mut f4, c);
    }
    be16(&mut f4, 0xFFFF);
    for &(c, g) in &bmp {
        be16(&mut f4, g.wrapping_sub(c));
    }
    be16(&mut f4, 1);
    for _ in 0..segments {
        be16(&mut f4, 0);
    }
    let mut f12 = Vec::new();
    be16(&mut f12, 12);
    be16(&mut f12, 0);
    be32(&mut f12, (16 + 12 * map.len()) as u32);
    be32(&mut f12, 0);
    be32(&mut f12, map.len() as u32);
    for &(c, g) in &map {
        be32(&mut f12, c);
        be32(&mut f12, c);
        be32(&mut f12, u32::from(g));
    }
    let mut out = Vec::new();
    be16(&mut out, 0);
    be16(&mut out, 2);
    for (encoding, offset) in [(1u16, 20u32), (10, 20 + f4.len() as u32)] {
        be16(&mut out, 3);
        be16(&mut out, encoding);
        be32(&mut out, offset);
    }
    out.extend(f4);
    out.extend(f12);
    out
}

/// Standard base64 with padding.
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A `<style>` element with an `@font-face` rule per font, or nothing for no fonts.
pub(super) fn style_element(fonts: &[EmbeddedFont], text_weight: u16) -> String {
    if fonts.is_empty() {
        return String::new();
    }
    let mut out = String::from("<style>");
    for font in fonts {
        let (mime, format) = if font.bytes.starts_with(b"OTTO") {
            ("font/otf", "opentype")
        } else {
            ("font/ttf", "truetype")
        };
        let _ = write!(out, "@font-face{{font-family:\"{}\";", font.family);
        if font.text_font {
            let _ = write!(out, "font-weight:{text_weight};");
        }
        let _ = write!(
            out,
            "src:url(data:{mime};base64,{}) format(\"{format}\")}}",
            base64(&font.bytes)
        );
    }
    out.push_str("</style>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn subsets_map_their_characters_and_are_small() {
        let fonts = subsets(["Seoul 서울", "Москва 北京"].into_iter());
        assert_eq!(fonts.len(), 2);
        let text = &fonts[0];
        assert!(text.text_font && text.bytes.len() < 20_000, "{}", text.bytes.len());
        let face = skrifa::FontRef::new(&text.bytes).unwrap();
        for c in "Seoul Москва".chars() {
            assert!(face.charmap().map(c).is_some_and(|g| g.to_u32() != 0), "{c}");
        }
        assert!(face.charmap().map('x').is_none());
        let cjk = skrifa::FontRef::new(&fonts[1].bytes).unwrap();
        for c in "서울北京".chars() {
            let gid = cjk.charmap().map(c).unwrap();
            // The glyph has an outline.
            let glyph = cjk.outline_glyphs().get(gid).unwrap();
            let mut pen = skrifa::outline::pen::ControlBoundsPen::new();
            glyph.draw(skrifa::instance::Size::unscaled(), &mut pen).unwrap();
            assert!(pen.bounding_box().is_some(), "{c}");
        }
        assert!(fonts[1].bytes.len() < 20_000, "{}", fonts[1].bytes.len());
    }
}
