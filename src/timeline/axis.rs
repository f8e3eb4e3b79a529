//! The time bar's pure geometry: days ↔ pixels and adaptive tick labels. (Being written.)
