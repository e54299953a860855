//! Triangulating region outlines: ear clipping, enough for simple (possibly concave)
//! polygons of a few hundred points.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// Twice the signed area of a ring (positive when counter-clockwise).
fn area2(p: &[(f32, f32)]) -> f32 {
    let n = p.len();
    (0..n)
        .map(|i| {
            let (a, b) = (p[i], p[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum()
}

fn cross(o: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

fn inside(p: (f32, f32), a: (f32, f32), b: (f32, f32), c: (f32, f32)) -> bool {
    cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
}

/// Triangle indices for a simple ring, counter-clockwise.
pub fn triangulate(points: &[(f32, f32)]) -> Vec<u32> {
    let n = points.len();
    if n < 3 {
        return Vec::new();
    }
    let mut idx: Vec<usize> = (0..n).collect();
    if area2(points) < 0.0 {
        idx.reverse();
    }
    let mut out = Vec::with_capacity((n - 2) * 3);
    let mut guard = 0;
    while idx.len() > 3 && guard < n * n {
        guard += 1;
        let m = idx.len();
        let mut clipped = false;
        for i in 0..m {
            let (ia, ib, ic) = (idx[(i + m - 1) % m], idx[i], idx[(i + 1) % m]);
            let (a, b, c) = (points[ia], points[ib], points[ic]);
            if cross(a, b, c) <= 0.0 {
                continue;
            }
            let blocked = idx
                .iter()
                .any(|&j| j != ia && j != ib && j != ic && inside(points[j], a, b, c));
            if !blocked {
                out.extend([ia as u32, ib as u32, ic as u32]);
                idx.remove(i);
                clipped = true;
                break;
            }
        }
        if !clipped {
            // Degenerate leftovers (collinear points): fan them so nothing is lost.
            break;
        }
    }
    for i in 1..idx.len().saturating_sub(1) {
        out.extend([idx[0] as u32, idx[i] as u32, idx[i + 1] as u32]);
    }
    out
}

/// A flat mesh for one outline.
pub fn polygon(points: &[(f32, f32)]) -> Option<Mesh> {
    let indices = triangulate(points);
    if indices.is_empty() {
        return None;
    }
    let positions: Vec<[f32; 3]> = points.iter().map(|&(x, y)| [x, y, 0.0]).collect();
    let normals = vec![[0.0, 0.0, 1.0]; points.len()];
    let uvs = vec![[0.0, 0.0]; points.len()];
    let mut mesh = Mesh::new(
        PrimitiveTopology::TriangleList,
        // Kept in the main world too: picking reads the triangles.
        RenderAssetUsages::default(),
    );
    mesh.insert_attribute(Mesh::ATTRIBUTE_POSITION, positions);
    mesh.insert_attribute(Mesh::ATTRIBUTE_NORMAL, normals);
    mesh.insert_attribute(Mesh::ATTRIBUTE_UV_0, uvs);
    mesh.insert_indices(Indices::U32(indices));
    Some(mesh)
}

#[cfg(test)]
mod tests {
    use super::triangulate;

    #[test]
    fn concave_ring_gives_n_minus_2_triangles() {
        // An L shape.
        let l = [
            (0.0, 0.0),
            (2.0, 0.0),
            (2.0, 1.0),
            (1.0, 1.0),
            (1.0, 2.0),
            (0.0, 2.0),
        ];
        assert_eq!(triangulate(&l).len(), (l.len() - 2) * 3);
        let mut cw = l;
        cw.reverse();
        assert_eq!(triangulate(&cw).len(), (l.len() - 2) * 3);
    }
}
