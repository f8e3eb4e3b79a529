//! Headless export: the scene the window shows, written as SVG or PNG. (Being written.)
