//! The board's shapes as meshes, tessellated by lyon: a region's outlines filled (several
//! rings at once, even-odd, so a ring inside another is a hole), and a border drawn as a
//! stroke with a width in map units (rounded joins, so a border's bends stay clean).

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use lyon_tessellation::math::point;
use lyon_tessellation::path::Path;
use lyon_tessellation::{
    BuffersBuilder, FillOptions, FillRule, FillTessellator, FillVertex, LineCap, LineJoin,
    StrokeOptions, StrokeTessellator, StrokeVertex, VertexBuffers,
};

/// Flattening tolerance in map units (the outlines are polylines already; this only
/// bounds the round joins and caps).
const TOLERANCE: f32 = 0.5;

/// A path of the rings (closed) or a line (open), skipping points that are not finite.
fn path(rings: &[&[(f32, f32)]], closed: bool) -> Option<Path> {
    let mut b = Path::builder();
    let mut any = false;
    for ring in rings {
        let pts: Vec<_> = ring
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| point(x, y))
            .collect();
        if pts.len() < 2 || (closed && pts.len() < 3) {
            continue;
        }
        b.begin(pts[0]);
        for p in &pts[1..] {
            b.line_to(*p);
        }
        b.end(closed);
        any = true;
    }
    any.then(|| b.build())
}

/// A flat mesh from tessellated buffers (none when nothing came out).
fn to_mesh(buffers: VertexBuffers<[f32; 2], u32>) -> Option<Mesh> {
    if buffers.indices.is_empty() {
        return None;
    }
    let n = buffers.vertices.len();
    let positions: Vec<[f32; 3]> = buffers.vertices.iter().map(|p| [p[0], p[1], 0.0]).collect();
    let mut mesh = Mesh::new(
        PrimitiveTopology::TriangleList,
        // Kept in the main world too: picking reads the triangles.
        RenderAssetUsages::default(),
    );
    mesh.insert_attribute(Mesh::ATTRIBUTE_POSITION, positions);
    mesh.insert_attribute(Mesh::ATTRIBUTE_NORMAL, vec![[0.0, 0.0, 1.0]; n]);
    mesh.insert_attribute(Mesh::ATTRIBUTE_UV_0, vec![[0.0, 0.0]; n]);
    mesh.insert_indices(Indices::U32(buffers.indices));
    Some(mesh)
}

/// The triangles filling `rings` (even-odd: a ring inside another is a hole).
pub fn fill_buffers(rings: &[&[(f32, f32)]]) -> VertexBuffers<[f32; 2], u32> {
    let mut buffers: VertexBuffers<[f32; 2], u32> = VertexBuffers::new();
    if let Some(p) = path(rings, true) {
        let options = FillOptions::tolerance(TOLERANCE).with_fill_rule(FillRule::EvenOdd);
        let result = FillTessellator::new().tessellate_path(
            &p,
            &options,
            &mut BuffersBuilder::new(&mut buffers, |v: FillVertex| v.position().to_array()),
        );
        if result.is_err() {
            // An outline lyon cannot fill (self-crossing beyond repair): nothing, rather
            // than half a region.
            return VertexBuffers::new();
        }
    }
    buffers
}

/// A mesh filling `rings`.
pub fn fill(rings: &[&[(f32, f32)]]) -> Option<Mesh> {
    to_mesh(fill_buffers(rings))
}

/// A mesh drawing `line` as a stroke `width` map units wide, with round joins and caps.
pub fn stroke(line: &[(f32, f32)], width: f32) -> Option<Mesh> {
    let p = path(&[line], false)?;
    let mut buffers: VertexBuffers<[f32; 2], u32> = VertexBuffers::new();
    let options = StrokeOptions::tolerance(TOLERANCE)
        .with_line_width(width.max(0.1))
        .with_line_join(LineJoin::Round)
        .with_line_cap(LineCap::Round);
    StrokeTessellator::new()
        .tessellate_path(
            &p,
            &options,
            &mut BuffersBuilder::new(&mut buffers, |v: StrokeVertex| v.position().to_array()),
        )
        .ok()?;
    to_mesh(buffers)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twice the area the triangles cover.
    fn area2(b: &VertexBuffers<[f32; 2], u32>) -> f32 {
        b.indices
            .chunks(3)
            .map(|t| {
                let (a, p, c) = (
                    b.vertices[t[0] as usize],
                    b.vertices[t[1] as usize],
                    b.vertices[t[2] as usize],
                );
                ((p[0] - a[0]) * (c[1] - a[1]) - (p[1] - a[1]) * (c[0] - a[0])).abs()
            })
            .sum()
    }

    #[test]
    fn a_concave_ring_is_filled_whole_either_way_round() {
        // An L shape of area 3.
        let l = [
            (0.0, 0.0),
            (2.0, 0.0),
            (2.0, 1.0),
            (1.0, 1.0),
            (1.0, 2.0),
            (0.0, 2.0),
        ];
        assert!((area2(&fill_buffers(&[&l])) - 6.0).abs() < 1e-3);
        let mut cw = l;
        cw.reverse();
        assert!((area2(&fill_buffers(&[&cw])) - 6.0).abs() < 1e-3);
    }

    #[test]
    fn a_ring_inside_another_is_a_hole() {
        let outer = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)];
        let inner = [(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0)];
        // 16 - 4 = 12, twice that.
        assert!((area2(&fill_buffers(&[&outer, &inner])) - 24.0).abs() < 1e-3);
    }

    #[test]
    fn degenerate_outlines_give_nothing_and_never_panic() {
        assert!(fill(&[]).is_none());
        assert!(fill(&[&[(0.0, 0.0), (1.0, 1.0)]]).is_none());
        assert!(fill(&[&[(f32::NAN, 0.0), (1.0, f32::INFINITY), (2.0, 2.0)]]).is_none());
        assert!(stroke(&[(0.0, 0.0)], 3.0).is_none());
        assert!(stroke(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)], 4.0).is_some());
    }
}
