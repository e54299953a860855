//! Line charts drawn on the CPU into an RGBA image: one line per series over the rounds,
//! on a light grid, for the debrief. Pure pixel arithmetic, so it is tested without a GPU.

/// An RGBA picture, row by row from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// The chart's background and grid.
const BACKGROUND: [u8; 4] = [22, 26, 33, 255];
const GRID: [u8; 4] = [52, 58, 68, 255];
/// Pixels between the plot and the canvas edge.
const MARGIN: f32 = 4.0;
/// Half the line thickness, in pixels.
const HALF_WIDTH: f32 = 1.3;

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        let mut pixels = Vec::with_capacity((width * height * 4) as usize);
        for _ in 0..width * height {
            pixels.extend_from_slice(&BACKGROUND);
        }
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// The colour at `(x, y)`.
    #[cfg(test)]
    pub fn at(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.pixels[i],
            self.pixels[i + 1],
            self.pixels[i + 2],
            self.pixels[i + 3],
        ]
    }

    /// Blend `colour` over the pixel at `(x, y)` with coverage `alpha` (0..1).
    fn blend(&mut self, x: i64, y: i64, colour: [u8; 4], alpha: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let a = alpha.clamp(0.0, 1.0);
        let i = ((y as u32 * self.width + x as u32) * 4) as usize;
        for (px, new) in self.pixels[i..i + 3].iter_mut().zip(colour) {
            let (old, new) = (f32::from(*px), f32::from(new));
            *px = (old + (new - old) * a).round() as u8;
        }
    }

    fn hline(&mut self, y: i64, colour: [u8; 4]) {
        for x in 0..i64::from(self.width) {
            self.blend(x, y, colour, 1.0);
        }
    }

    /// An anti-aliased thick segment: every pixel near the segment is covered by how close
    /// its centre lies to it.
    fn segment(&mut self, a: (f32, f32), b: (f32, f32), colour: [u8; 4]) {
        let reach = HALF_WIDTH + 1.0;
        let x0 = (a.0.min(b.0) - reach).floor() as i64;
        let x1 = (a.0.max(b.0) + reach).ceil() as i64;
        let y0 = (a.1.min(b.1) - reach).floor() as i64;
        let y1 = (a.1.max(b.1) + reach).ceil() as i64;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let t = if len2 > 0.0 {
                    (((px - a.0) * dx + (py - a.1) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
                let d = ((px - cx).powi(2) + (py - cy).powi(2)).sqrt();
                let cover = HALF_WIDTH + 0.5 - d;
                if cover > 0.0 {
                    self.blend(x, y, colour, cover);
                }
            }
        }
    }
}

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    pub colour: [u8; 4],
    /// One value per round.
    pub values: Vec<i64>,
}

/// Where value `v` of `n` points at index `i` lands in a `w`×`h` plot for the range
/// `lo..=hi`.
fn place(i: usize, n: usize, v: i64, (lo, hi): (i64, i64), w: f32, h: f32) -> (f32, f32) {
    let span = (hi - lo).max(1) as f32;
    let x = if n <= 1 {
        w / 2.0
    } else {
        MARGIN + (w - 2.0 * MARGIN) * i as f32 / (n - 1) as f32
    };
    let t = (v.clamp(lo, hi) - lo) as f32 / span;
    let y = h - MARGIN - (h - 2.0 * MARGIN) * t;
    (x, y)
}

/// A chart of `series` over the range `lo..=hi`, `width`×`height` pixels, with grid lines
/// at the quarters. Later series are drawn over earlier ones.
pub fn line_chart(series: &[Series], lo: i64, hi: i64, width: u32, height: u32) -> Canvas {
    let mut c = Canvas::new(width.max(8), height.max(8));
    let (w, h) = (c.width as f32, c.height as f32);
    for q in 0..=4 {
        let y = MARGIN + (h - 2.0 * MARGIN) * q as f32 / 4.0;
        c.hline(y.round() as i64, GRID);
    }
    for s in series {
        let n = s.values.len();
        let points: Vec<(f32, f32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| place(i, n, v, (lo, hi), w, h))
            .collect();
        if points.len() == 1 {
            c.segment(points[0], points[0], s.colour);
        }
        for pair in points.windows(2) {
            c.segment(pair[0], pair[1], s.colour);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: [u8; 4] = [255, 0, 0, 255];
    const BLUE: [u8; 4] = [0, 0, 255, 255];

    #[test]
    fn a_rising_line_runs_from_bottom_left_to_top_right() {
        let c = line_chart(
            &[Series {
                colour: RED,
                values: vec![0, 10],
            }],
            0,
            10,
            100,
            50,
        );
        // Near the start, low down; near the end, high up; the other corners stay clear.
        assert_eq!(c.at(5, 45)[0], 255, "bottom left is on the line");
        assert_eq!(c.at(94, 4)[0], 255, "top right is on the line");
        assert_ne!(c.at(5, 5), RED, "top left is not");
        assert_ne!(c.at(94, 45), RED, "bottom right is not");
    }

    #[test]
    fn values_outside_the_range_are_clamped_and_later_series_draw_on_top() {
        let c = line_chart(
            &[
                Series {
                    colour: RED,
                    values: vec![50, 50, 50],
                },
                Series {
                    colour: BLUE,
                    values: vec![-9, 99, 5],
                },
            ],
            0,
            10,
            60,
            40,
        );
        assert_eq!(c.width * c.height * 4, c.pixels.len() as u32);
        // Both reach the top edge at the middle point; blue is drawn last.
        assert_eq!(c.at(30, 4), BLUE);
        // Red runs along the top: left of the middle, away from blue's climb, it shows.
        assert_eq!(c.at(6, 4)[0], 255);
    }

    #[test]
    fn an_empty_or_single_point_chart_draws_without_panicking() {
        let empty = line_chart(&[], 0, 0, 0, 0);
        assert_eq!((empty.width, empty.height), (8, 8));
        let one = line_chart(
            &[Series {
                colour: RED,
                values: vec![3],
            }],
            3,
            3,
            20,
            20,
        );
        assert!(one.pixels.chunks(4).any(|p| p[0] > 200));
    }
}
