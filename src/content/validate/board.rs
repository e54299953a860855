//! The board: regions and borders.

use super::*;

impl V<'_> {
    pub(super) fn resolve_regions(
        &mut self,
        bf: &SourceFile,
        board: &raw::RawBoard,
    ) -> Vec<RegionDef> {
        let mut out = Vec::new();
        for r in &board.regions {
            let at = bf.find_id(&r.id).unwrap_or(0);
            self.check_text(bf, at, &r.name, "region name");
            if let Some(label) = &r.label {
                self.check_text(bf, at, label, "region label");
            }
            let finite = r
                .polygons
                .iter()
                .flatten()
                .chain(std::iter::once(&r.centroid))
                .all(|(x, y)| x.is_finite() && y.is_finite());
            if !finite {
                self.d.at(
                    bf,
                    at,
                    format!(
                        "region `{}` has a coordinate that is not a finite number",
                        r.id
                    ),
                );
            }
            for (i, p) in r.polygons.iter().enumerate() {
                if p.len() < 3 {
                    self.d.at(
                        bf,
                        at,
                        format!(
                            "polygon {} of region `{}` has {} points; expected at least 3",
                            i + 1,
                            r.id,
                            p.len()
                        ),
                    );
                }
            }
            out.push(RegionDef {
                id: r.id.clone(),
                name: r.name.clone(),
                label: r.label.clone(),
                kind: r.kind,
                centroid: r.centroid,
                polygons: r.polygons.clone(),
            });
        }
        out
    }

    pub(super) fn resolve_borders(
        &mut self,
        bf: &SourceFile,
        board: &raw::RawBoard,
        max_porosity: i32,
    ) -> Vec<BorderDef> {
        let mut out = Vec::new();
        let mut cursor = bf.find_field("borders", 0).unwrap_or(0);
        for b in &board.borders {
            let at = bf
                .find_field("a", cursor)
                .and_then(|a| bf.find_quoted(&b.a, a))
                .unwrap_or(cursor);
            cursor = at + 1;
            let a = self.region_ref(bf, at, &b.a);
            let bb = self.region_ref(bf, bf.find_quoted(&b.b, at).unwrap_or(at), &b.b);
            let (Some(a), Some(bb)) = (a, bb) else {
                continue;
            };
            if a == bb {
                self.d
                    .at(bf, at, format!("border joins region `{}` to itself", b.a));
                continue;
            }
            let key = (a.index().min(bb.index()), a.index().max(bb.index()));
            if self.borders.contains_key(&key) {
                self.d.at(
                    bf,
                    at,
                    format!("duplicate border between `{}` and `{}`", b.a, b.b),
                );
                continue;
            }
            if b.porosity < 0 || b.porosity > max_porosity {
                self.d.at(
                    bf,
                    bf.find_field("porosity", at).unwrap_or(at),
                    format!(
                        "border `{}`–`{}` has porosity {}; expected 0..{}",
                        b.a, b.b, b.porosity, max_porosity
                    ),
                );
            }
            self.borders.insert(key, out.len());
            out.push(BorderDef {
                a,
                b: bb,
                length_km: b.length_km,
                porosity: b.porosity.clamp(0, max_porosity.max(0)),
                crossings: b.crossings.iter().map(|c| (c.name.clone(), c.at)).collect(),
                line: b.line.clone(),
            });
        }
        out
    }

    pub(super) fn region_ref(
        &mut self,
        file: &SourceFile,
        at: usize,
        id: &str,
    ) -> Option<RegionId> {
        match self.regions.get(id) {
            Some(i) => Some(RegionId(i as u16)),
            None => {
                let at = file.find_quoted(id, at).unwrap_or(at);
                let exp = self.regions.expected_for(id);
                self.d.at(file, at, format!("unknown region `{id}`; {exp}"));
                None
            }
        }
    }
}
