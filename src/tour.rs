//! Tours: ordered stops for a lecture. (Being written.)
