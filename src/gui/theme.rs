//! The look: the font, text sizes, colours (with a colour-blind-safe palette), and the
//! one way a row of controls is drawn, with its shortcut and focus ring.

use bevy::prelude::*;

use crate::content::{Content, RegionKind};

/// The reading font: DejaVu Sans, proportional (Latin, Cyrillic, punctuation, arrows,
/// shapes; cut to those by `tools/subset_fonts.sh`), built into the binary so the window
/// needs no asset folder to speak.
const SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The interface's font.
#[derive(Resource, Clone)]
pub(super) struct UiFont {
    pub sans: Handle<Font>,
}

impl UiFont {
    /// The reading font at `px`.
    pub fn at(&self, px: f32) -> TextFont {
        TextFont {
            font: FontSource::Handle(self.sans.clone()),
            font_size: FontSize::Px(px),
            ..default()
        }
    }
}

pub(super) fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let sans = fonts.add(Font::from_bytes(SANS.to_vec()));
    commands.insert_resource(UiFont { sans });
}

/// Text sizes, in logical pixels at interface size 100% (the UI scale multiplies them).
pub(super) const SMALL: f32 = 14.0;
pub(super) const BODY: f32 = 16.0;
pub(super) const HEADING: f32 = 20.0;
pub(super) const TITLE: f32 = 44.0;

pub(super) const BG: Color = Color::srgb(0.07, 0.09, 0.12);
/// The frame's panels: opaque, so a zoomed map never shows through them.
pub(super) const PANEL: Color = Color::srgb(0.04, 0.05, 0.07);
/// A page's box: opaque, so nothing behind it shows through the text.
pub(super) const PAGE: Color = Color::srgb(0.05, 0.06, 0.08);
pub(super) const TEXT: Color = Color::srgb(0.94, 0.94, 0.91);
pub(super) const DIM: Color = Color::srgb(0.62, 0.65, 0.68);
pub(super) const ACCENT: Color = Color::srgb(0.98, 0.83, 0.45);
pub(super) const BUTTON: Color = Color::srgb(0.16, 0.2, 0.26);
pub(super) const BUTTON_HOVER: Color = Color::srgb(0.25, 0.33, 0.44);
pub(super) const BUTTON_ON: Color = Color::srgb(0.42, 0.32, 0.12);
pub(super) const BUTTON_OFF: Color = Color::srgb(0.1, 0.11, 0.13);
pub(super) const FOCUS: Color = Color::srgb(1.0, 0.9, 0.35);
pub(super) const QUADRANT_OFF: Color = Color::srgb(0.12, 0.14, 0.17);
pub(super) const QUADRANT_ON: Color = Color::srgb(0.72, 0.5, 0.16);

/// Each state's colour, by seat: on the map, in the table and in the debrief's charts.
/// Five hues far apart (and, colour-blind-safe, Okabe–Ito's without the yellow the open
/// borders use).
pub(super) fn seat_colour(seat: usize, colour_blind: bool) -> Color {
    let palette = if colour_blind {
        // Okabe–Ito: orange, sky blue, bluish green, reddish purple, blue.
        [
            Color::srgb(0.90, 0.62, 0.0),
            Color::srgb(0.34, 0.71, 0.91),
            Color::srgb(0.0, 0.62, 0.45),
            Color::srgb(0.80, 0.60, 0.70),
            Color::srgb(0.0, 0.45, 0.70),
        ]
    } else {
        // Blue, green, purple, orange, rose.
        [
            Color::srgb(0.30, 0.52, 0.80),
            Color::srgb(0.36, 0.68, 0.36),
            Color::srgb(0.62, 0.42, 0.78),
            Color::srgb(0.88, 0.56, 0.22),
            Color::srgb(0.84, 0.42, 0.56),
        ]
    };
    palette[seat % palette.len()]
}

/// A region's fill on the map.
pub(super) fn region_colour(content: &Content, r: usize, colour_blind: bool) -> Color {
    match content.regions[r].kind {
        RegionKind::Afghan if colour_blind => Color::srgb(0.80, 0.78, 0.70),
        RegionKind::Afghan => Color::srgb(0.72, 0.62, 0.42),
        RegionKind::State => {
            let seat = content
                .states
                .iter()
                .position(|s| s.region.index() == r)
                .unwrap_or(0);
            seat_colour(seat, colour_blind)
        }
        RegionKind::Neighbour => Color::srgb(0.28, 0.30, 0.33),
    }
}

/// Text that reads on a fill: near-black on light colours, near-white on dark ones.
pub(super) fn text_on(fill: Color) -> Color {
    let c = fill.to_linear();
    let luminance = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
    if luminance > 0.18 {
        Color::srgb(0.06, 0.06, 0.07)
    } else {
        TEXT
    }
}

/// Threat tokens' colours, by token kind (militants, narcotics, refugees in the shipped
/// content): none shares a colour with an open border.
pub(super) fn token_colour(kind: usize, colour_blind: bool) -> Color {
    let colours = if colour_blind {
        // Okabe–Ito vermillion, reddish purple, white.
        [
            Color::srgb(0.84, 0.37, 0.0),
            Color::srgb(0.8, 0.47, 0.65),
            Color::srgb(0.98, 0.98, 0.98),
        ]
    } else {
        [
            Color::srgb(0.86, 0.1, 0.1),
            Color::srgb(0.55, 0.15, 0.78),
            Color::srgb(0.98, 0.9, 0.3),
        ]
    };
    colours[kind % colours.len()]
}

/// A border's colour by how porous it is (0: sealed, 1: wide open): blue to amber (to
/// Okabe–Ito yellow, colour-blind-safe), told apart by lightness too; drawn over a dark
/// outline so it reads on any fill.
pub(super) fn porosity_colour(t: f32, colour_blind: bool) -> Color {
    let t = t.clamp(0.0, 1.0);
    let (sealed, open) = if colour_blind {
        ([0.0, 0.45, 0.70], [0.94, 0.89, 0.26])
    } else {
        ([0.20, 0.45, 0.95], [1.0, 0.64, 0.0])
    };
    let mix = |i: usize| sealed[i] + (open[i] - sealed[i]) * t;
    Color::srgb(mix(0), mix(1), mix(2))
}

/// WCAG 2's contrast ratio between two opaque colours (1 to 21).
#[cfg(test)]
pub(super) fn contrast(a: Color, b: Color) -> f32 {
    let lum = |c: Color| {
        let c = c.to_srgba();
        let lin = |v: f32| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_wcag_aa_contrast_on_what_it_is_drawn_on() {
        // AA: 4.5 for body text. Text, dim text and the accent on the panels and pages.
        for ground in [BG, PANEL, PAGE] {
            for ink in [TEXT, DIM, ACCENT] {
                let c = contrast(ink, ground);
                assert!(c >= 4.5, "{ink:?} on {ground:?}: {c:.2}");
            }
        }
        // The rows' labels on their buttons (dim only on closed ones).
        for ground in [BUTTON, BUTTON_HOVER, BUTTON_ON] {
            assert!(contrast(TEXT, ground) >= 4.5, "{ground:?}");
        }
        assert!(contrast(DIM, BUTTON_OFF) >= 4.5);
        // The quadrants' names: light on the unlit ones, dark on the lit one.
        assert!(contrast(TEXT, QUADRANT_OFF) >= 4.5);
        assert!(contrast(PAGE, QUADRANT_ON) >= 4.5);
    }

    #[test]
    fn projector_mode_keeps_the_smallest_text_at_18_px_or_more() {
        // At every interface size offered, in a 1280×720 window and larger ones.
        for ui_scale in super::super::UI_SCALES {
            for height in [720.0, 768.0, 1080.0] {
                let display = super::super::DisplaySettings {
                    ui_scale,
                    projector: true,
                    ..Default::default()
                };
                let px = SMALL * super::super::ui_scale_for(&display, height);
                assert!(px >= 18.0, "{ui_scale} at {height}: {px}");
            }
        }
    }

    /// The characters the font maps (its cmap's format 4 and 12 subtables).
    fn mapped(font: &[u8]) -> std::collections::HashSet<u32> {
        let u16_at = |i: usize| u32::from(u16::from_be_bytes([font[i], font[i + 1]]));
        let u32_at =
            |i: usize| u32::from_be_bytes([font[i], font[i + 1], font[i + 2], font[i + 3]]);
        let tables = u16_at(4) as usize;
        let cmap = (0..tables)
            .map(|t| 12 + 16 * t)
            .find(|&r| &font[r..r + 4] == b"cmap")
            .map(|r| u32_at(r + 8) as usize)
            .expect("the font has a cmap");
        let mut out = std::collections::HashSet::new();
        for i in 0..u16_at(cmap + 2) as usize {
            let sub = cmap + u32_at(cmap + 4 + 8 * i + 4) as usize;
            match u16_at(sub) {
                4 => {
                    let segs = u16_at(sub + 6) as usize / 2;
                    let ends = sub + 14;
                    let starts = ends + 2 * segs + 2;
                    let deltas = starts + 2 * segs;
                    let offsets = deltas + 2 * segs;
                    for k in 0..segs {
                        let (a, b) = (u16_at(starts + 2 * k), u16_at(ends + 2 * k));
                        let delta = u16_at(deltas + 2 * k);
                        let offset = u16_at(offsets + 2 * k) as usize;
                        for c in (a..=b).filter(|&c| c != 0xFFFF) {
                            // The glyph a code point maps to; 0 is "no glyph".
                            let glyph = if offset == 0 {
                                (c + delta) & 0xFFFF
                            } else {
                                let at = offsets + 2 * k + offset + 2 * (c - a) as usize;
                                match u16_at(at) {
                                    0 => 0,
                                    g => (g + delta) & 0xFFFF,
                                }
                            };
                            if glyph != 0 {
                                out.insert(c);
                            }
                        }
                    }
                }
                12 => {
                    for g in 0..u32_at(sub + 12) as usize {
                        let r = sub + 16 + 12 * g;
                        out.extend(u32_at(r)..=u32_at(r + 4));
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_font_has_every_character_the_interface_and_the_content_write() {
        let have = mapped(SANS);
        assert!(have.contains(&u32::from('Ж')) && have.contains(&u32::from('▲')));
        // The cut dropped the rest of the mathematical operators (so the check can fail).
        assert!(!have.contains(&0x221E), "infinity (U+221E) was cut");
        let mut text = String::new();
        for dir in [
            "assets/i18n",
            "assets/cards",
            "assets/rules",
            "assets/states",
            "assets/map",
            "levels",
        ] {
            for entry in std::fs::read_dir(dir).expect(dir) {
                let path = entry.expect("a file").path();
                if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("ftl" | "ron")
                ) {
                    text.push_str(&std::fs::read_to_string(&path).expect("text"));
                }
            }
        }
        // And what the window's code writes itself (markers, arrows, shapes).
        for file in std::fs::read_dir("src/gui").expect("src/gui") {
            let path = file.expect("a file").path();
            if path.extension().and_then(|e| e.to_str()) == Some("rs") {
                text.push_str(&std::fs::read_to_string(&path).expect("text"));
            }
        }
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && !have.contains(&u32::from(*c)))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }
}
