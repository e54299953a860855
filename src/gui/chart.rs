//! Line charts for the debrief, drawn with interface nodes: each straight piece of a line
//! is a thin node, rotated, over a few grid lines. Until 2026-12 the charts were drawn on
//! the CPU into one picture; its texture took the window's GPU allocator into a new block,
//! some 10 MB of the window's memory with the software renderer (`scripts/measure-window.sh`,
//! see the README). Here is the geometry only, so it is tested without a GPU.

use bevy::color::Color;

/// The chart's background and grid lines.
pub const BACKGROUND: Color = Color::srgb_u8(22, 26, 33);
pub const GRID: Color = Color::srgb_u8(52, 58, 68);
/// A chart's width over its height.
pub const ASPECT: f32 = 2.4;
/// The plot's inset from the chart's edges, as a share of the chart's height (the same
/// distance in pixels on the left and right).
const MARGIN: f32 = 0.04;
/// A one-value series is a stroke this long, as a share of the chart's width.
const DOT: f32 = 0.015;

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    pub colour: Color,
    /// One value per round.
    pub values: Vec<i64>,
}

/// A straight piece of a line as the interface places it: its centre (shares of the chart's
/// width and height, from the top left), its length (a share of the chart's width) and its
/// angle, clockwise from the horizontal, in radians.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub centre: (f32, f32),
    pub length: f32,
    pub angle: f32,
    pub colour: Color,
}

/// Where value `v`, point `i` of `n`, lands for the range `lo..=hi`: shares of the chart's
/// width and height, from the top left.
fn place(i: usize, n: usize, v: i64, (lo, hi): (i64, i64)) -> (f32, f32) {
    let span = (hi - lo).max(1) as f32;
    let mx = MARGIN / ASPECT;
    let x = if n <= 1 {
        0.5
    } else {
        mx + (1.0 - 2.0 * mx) * i as f32 / (n - 1) as f32
    };
    let t = (v.clamp(lo, hi) - lo) as f32 / span;
    (x, 1.0 - MARGIN - (1.0 - 2.0 * MARGIN) * t)
}

/// The grid lines at the quarters of the range, top to bottom, as shares of the height.
pub fn grid() -> [f32; 5] {
    [0.0, 0.25, 0.5, 0.75, 1.0].map(|q| MARGIN + (1.0 - 2.0 * MARGIN) * q)
}

/// The strokes that draw `series` over the range `lo..=hi`, each series after (so over)
/// the ones before it.
pub fn strokes(series: &[Series], lo: i64, hi: i64) -> Vec<Stroke> {
    let mut out = Vec::new();
    for s in series {
        let n = s.values.len();
        let points: Vec<(f32, f32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| place(i, n, v, (lo, hi)))
            .collect();
        if let [only] = points[..] {
            out.push(Stroke {
                centre: only,
                length: DOT,
                angle: 0.0,
                colour: s.colour,
            });
        }
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            // In units of the chart's height, where the angle is the one on screen.
            let (dx, dy) = ((b.0 - a.0) * ASPECT, b.1 - a.1);
            out.push(Stroke {
                centre: ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                length: dx.hypot(dy) / ASPECT,
                angle: dy.atan2(dx),
                colour: s.colour,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: Color = Color::srgb_u8(255, 0, 0);
    const BLUE: Color = Color::srgb_u8(0, 0, 255);

    /// A stroke's two ends, in shares of the width and height.
    fn ends(s: &Stroke) -> ((f32, f32), (f32, f32)) {
        let half = s.length * ASPECT / 2.0;
        let (c, d) = (s.angle.cos() * half, s.angle.sin() * half);
        (
            (s.centre.0 - c / ASPECT, s.centre.1 - d),
            (s.centre.0 + c / ASPECT, s.centre.1 + d),
        )
    }

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-5 && (a.1 - b.1).abs() < 1e-5
    }

    #[test]
    fn a_rising_line_runs_from_bottom_left_to_top_right() {
        let s = strokes(
            &[Series {
                colour: RED,
                values: vec![0, 10],
            }],
            0,
            10,
        );
        assert_eq!(s.len(), 1);
        let (a, b) = ends(&s[0]);
        assert!(a.0 < 0.05 && a.1 > 0.95, "{a:?}");
        assert!(b.0 > 0.95 && b.1 < 0.05, "{b:?}");
        // Up and to the right is anticlockwise: a negative angle.
        assert!(s[0].angle < 0.0);
        assert!(close(s[0].centre, (0.5, 0.5)));
    }

    #[test]
    fn strokes_join_point_to_point_and_stay_inside_the_chart() {
        let values = vec![3, 7, -9, 99, 5, 5];
        let s = strokes(
            &[
                Series {
                    colour: RED,
                    values: values.clone(),
                },
                Series {
                    colour: BLUE,
                    values: vec![10, 0],
                },
            ],
            0,
            10,
        );
        assert_eq!(s.len(), 5 + 1);
        // Red's strokes first, then blue's (drawn over).
        assert!(s[..5].iter().all(|s| s.colour == RED) && s[5].colour == BLUE);
        for (i, stroke) in s[..5].iter().enumerate() {
            let (a, b) = ends(stroke);
            assert!(close(a, place(i, 6, values[i], (0, 10))), "{i}: {a:?}");
            assert!(
                close(b, place(i + 1, 6, values[i + 1], (0, 10))),
                "{i}: {b:?}"
            );
            for p in [a, b] {
                assert!(
                    (0.0..=1.0).contains(&p.0) && (0.0..=1.0).contains(&p.1),
                    "{p:?}"
                );
            }
        }
        // Out-of-range values sit on the range's edges, on the top and bottom grid lines.
        let g = grid();
        assert!((ends(&s[1]).1.1 - g[4]).abs() < 1e-5);
        assert!((ends(&s[2]).1.1 - g[0]).abs() < 1e-5);
        // A level stretch is level.
        assert_eq!(s[4].angle, 0.0);
    }

    #[test]
    fn an_empty_or_single_point_chart_draws_without_panicking() {
        assert!(strokes(&[], 0, 0).is_empty());
        let one = strokes(
            &[Series {
                colour: RED,
                values: vec![3],
            }],
            3,
            3,
        );
        assert_eq!(one.len(), 1);
        assert!(close(one[0].centre, (0.5, 1.0 - MARGIN)));
        let none = strokes(
            &[Series {
                colour: RED,
                values: vec![],
            }],
            0,
            10,
        );
        assert!(none.is_empty());
    }
}
