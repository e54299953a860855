//! The look: the font, text sizes, colours (with a colour-blind-safe palette), and the
//! one way a row of controls is drawn, with its shortcut and focus ring.

use bevy::prelude::*;

use crate::content::{Content, RegionKind};

/// The interface font: DejaVu Sans Mono (Latin, Cyrillic, dashes), built into the binary
/// so the window needs no asset folder to speak.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// The font handle every text uses.
#[derive(Resource, Clone)]
pub(super) struct UiFont(pub Handle<Font>);

impl UiFont {
    pub fn at(&self, px: f32) -> TextFont {
        TextFont {
            font: FontSource::Handle(self.0.clone()),
            font_size: FontSize::Px(px),
            ..default()
        }
    }
}

pub(super) fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let handle = fonts.add(Font::from_bytes(FONT.to_vec()));
    commands.insert_resource(UiFont(handle));
}

/// Text sizes, in logical pixels at interface size 100% (the UI scale multiplies them).
pub(super) const SMALL: f32 = 14.0;
pub(super) const BODY: f32 = 16.0;
pub(super) const HEADING: f32 = 20.0;
pub(super) const TITLE: f32 = 44.0;

pub(super) const BG: Color = Color::srgb(0.07, 0.09, 0.12);
pub(super) const PANEL: Color = Color::srgba(0.04, 0.05, 0.07, 0.94);
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
pub(super) fn seat_colour(seat: usize, colour_blind: bool) -> Color {
    let palette = if colour_blind {
        // Okabe–Ito: orange, sky blue, bluish green, yellow, blue.
        [
            Color::srgb(0.90, 0.62, 0.0),
            Color::srgb(0.34, 0.71, 0.91),
            Color::srgb(0.0, 0.62, 0.45),
            Color::srgb(0.94, 0.89, 0.26),
            Color::srgb(0.0, 0.45, 0.70),
        ]
    } else {
        [
            Color::srgb(0.30, 0.55, 0.75),
            Color::srgb(0.35, 0.65, 0.45),
            Color::srgb(0.60, 0.45, 0.70),
            Color::srgb(0.80, 0.55, 0.30),
            Color::srgb(0.40, 0.62, 0.62),
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

/// Threat tokens' colours, by token kind (militants, narcotics, refugees in the shipped
/// content).
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
            Color::srgb(0.85, 0.15, 0.15),
            Color::srgb(0.6, 0.2, 0.75),
            Color::srgb(0.95, 0.85, 0.3),
        ]
    };
    colours[kind % colours.len()]
}

/// A border's colour by how porous it is (0: sealed, 1: wide open).
pub(super) fn porosity_colour(t: f32, colour_blind: bool) -> Color {
    let t = t.clamp(0.0, 1.0);
    if colour_blind {
        // Blue (sealed) to vermillion (open): told apart by lightness as well as hue.
        Color::srgb(0.0 + 0.84 * t, 0.45 - 0.08 * t, 0.70 - 0.7 * t)
    } else {
        Color::srgb(0.2 + 0.8 * t, 0.85 - 0.6 * t, 0.3)
    }
}

/// sRGB bytes of a colour, for pictures drawn on the CPU.
pub(super) fn rgba8(c: Color) -> [u8; 4] {
    c.to_srgba().to_u8_array()
}
