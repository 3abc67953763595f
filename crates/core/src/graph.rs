//! Deterministic graph layout for the relationship map: prominent nodes in the centre, the others on
//! concentric rings ordered by where their neighbours are. Ring radii are chosen so that no two node boxes
//! (circle plus label below it) can overlap: neighbouring slots are at least one box diagonal apart.
//! O(n log n); the same input always gives the same picture.

/// A node to place. `label` is wrapped into lines to estimate its box.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutNode {
    pub label: String,
    pub prominent: bool,
}

/// A node's place: centre of its circle, radius, and its label box (centred under the circle).
#[derive(Clone, Debug, PartialEq)]
pub struct NodePlace {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub lines: Vec<String>,
    pub label_w: f64,
}

impl NodePlace {
    /// The whole box of the node: circle and label, as (left, top, right, bottom).
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let half_w = (self.label_w / 2.0).max(self.r);
        let bottom = self.y + self.r + LABEL_GAP + self.lines.len() as f64 * LINE_H;
        (self.x - half_w, self.y - self.r, self.x + half_w, bottom)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodePlace>,
    /// The view box that holds every node box, with a margin: (x, y, width, height).
    pub view_box: (f64, f64, f64, f64),
}

pub const FONT_PX: f64 = 12.0;
pub const LINE_H: f64 = 14.0;
pub const LABEL_GAP: f64 = 4.0;
const CHAR_W: f64 = 0.6 * FONT_PX;
const MAX_LINE_CHARS: usize = 16;
const GAP: f64 = 10.0;
const MARGIN: f64 = 16.0;

/// Greedy word wrap at `MAX_LINE_CHARS` (a long word stays whole on its own line).
pub fn wrap_label(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= MAX_LINE_CHARS => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn box_of(n: &LayoutNode) -> (Vec<String>, f64, f64, f64) {
    let lines = wrap_label(&n.label);
    let label_w = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_W;
    let r = if n.prominent { 22.0 } else { 12.0 };
    let w = label_w.max(2.0 * r);
    let h = 2.0 * r + LABEL_GAP + lines.len() as f64 * LINE_H;
    (lines, label_w, r, (w * w + h * h).sqrt())
}

/// Lays out `nodes` with undirected `edges` (pairs of indices; out-of-range pairs are ignored).
pub fn layout_graph(nodes: &[LayoutNode], edges: &[(usize, usize)]) -> Layout {
    let n = nodes.len();
    let boxes: Vec<(Vec<String>, f64, f64, f64)> = nodes.iter().map(box_of).collect();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a < n && b < n && a != b {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    let mut pos: Vec<Option<(f64, f64)>> = vec![None; n];

    // Prominent nodes on a small central ring, first one at the top.
    let centre: Vec<usize> = (0..n).filter(|&i| nodes[i].prominent).collect();
    let centre_diag = centre.iter().map(|&i| boxes[i].3).fold(0.0, f64::max) + GAP;
    let mut radius = if centre.len() <= 1 {
        0.0
    } else {
        centre_diag / (2.0 * (std::f64::consts::PI / centre.len() as f64).sin())
    };
    for (k, &i) in centre.iter().enumerate() {
        let a = -std::f64::consts::FRAC_PI_2
            + k as f64 * std::f64::consts::TAU / centre.len().max(1) as f64;
        pos[i] = Some((radius * a.cos(), radius * a.sin()));
    }

    // The rest, ring by ring: nodes next to placed ones first (breadth-first from the centre), so each ring
    // gathers the neighbours of the ring inside it.
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut frontier: Vec<usize> = centre.clone();
    centre.iter().for_each(|&i| seen[i] = true);
    loop {
        let mut next: Vec<usize> = Vec::new();
        for &f in &frontier {
            for &m in &adj[f] {
                if !seen[m] {
                    seen[m] = true;
                    next.push(m);
                }
            }
        }
        if next.is_empty() {
            // Disconnected rest: continue with the lowest unplaced index.
            match (0..n).find(|&i| !seen[i]) {
                Some(i) => {
                    seen[i] = true;
                    next.push(i);
                }
                None => break,
            }
        }
        next.sort_unstable();
        order.extend(&next);
        frontier = next;
    }

    // Rings are one (largest) box diagonal apart, so nodes on different rings cannot overlap either.
    let sep = boxes.iter().map(|b| b.3).fold(0.0, f64::max) + GAP;
    let mut idx = 0;
    while idx < order.len() {
        let ring_r = if centre.is_empty() && idx == 0 {
            0.0
        } else {
            radius + sep
        };
        // Fill the ring while the chord between neighbouring slots stays ≥ the largest box diagonal on it.
        let mut take = 1;
        let mut diag = boxes[order[idx]].3;
        while idx + take < order.len() {
            let d = diag.max(boxes[order[idx + take]].3);
            let slots = (take + 1) as f64;
            if 2.0 * ring_r * (std::f64::consts::PI / slots).sin() < d + GAP {
                break;
            }
            diag = d;
            take += 1;
        }
        let members: Vec<usize> = order[idx..idx + take].to_vec();
        // Preferred angle: towards the mean of placed neighbours; ties by index.
        let mut pref: Vec<(f64, usize)> = members
            .iter()
            .map(|&m| {
                let (mut sx, mut sy, mut c) = (0.0, 0.0, 0);
                for &nb in &adj[m] {
                    if let Some((x, y)) = pos[nb] {
                        sx += x;
                        sy += y;
                        c += 1;
                    }
                }
                let a = if c > 0 && (sx != 0.0 || sy != 0.0) {
                    sy.atan2(sx)
                } else {
                    m as f64 * 2.399_963
                };
                (a.rem_euclid(std::f64::consts::TAU), m)
            })
            .collect();
        pref.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let start = pref.first().map_or(0.0, |p| p.0);
        for (k, &(_, m)) in pref.iter().enumerate() {
            let a = start + k as f64 * std::f64::consts::TAU / take as f64;
            pos[m] = Some(if take == 1 && ring_r == 0.0 {
                (0.0, 0.0)
            } else {
                (ring_r * a.cos(), ring_r * a.sin())
            });
        }
        radius = ring_r;
        idx += take;
    }

    let places: Vec<NodePlace> = (0..n)
        .map(|i| {
            let (x, y) = pos[i].unwrap_or((0.0, 0.0));
            let (lines, label_w, r, _) = boxes[i].clone();
            NodePlace {
                x,
                y,
                r,
                lines,
                label_w,
            }
        })
        .collect();
    let (mut l, mut t, mut r, mut b) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for p in &places {
        let (pl, pt, pr, pb) = p.bounds();
        l = l.min(pl);
        t = t.min(pt);
        r = r.max(pr);
        b = b.max(pb);
    }
    Layout {
        nodes: places,
        view_box: (
            l - MARGIN,
            t - MARGIN,
            r - l + 2.0 * MARGIN,
            b - t + 2.0 * MARGIN,
        ),
    }
}

/// Pan and zoom of the map, applied as `translate(tx, ty) scale(scale)` in view-box units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Default for ViewTransform {
    fn default() -> Self {
        Self {
            scale: 1.0,
            tx: 0.0,
            ty: 0.0,
        }
    }
}

pub const MIN_SCALE: f64 = 0.5;
pub const MAX_SCALE: f64 = 8.0;

impl ViewTransform {
    /// Zooms by `factor` keeping the point (`px`, `py`) (view-box units) where it is on screen.
    pub fn zoom_about(self, px: f64, py: f64, factor: f64) -> Self {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let k = scale / self.scale;
        Self {
            scale,
            tx: px - (px - self.tx) * k,
            ty: py - (py - self.ty) * k,
        }
    }

    pub fn pan(self, dx: f64, dy: f64) -> Self {
        Self {
            tx: self.tx + dx,
            ty: self.ty + dy,
            ..self
        }
    }

    pub fn to_svg(self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.tx, self.ty, self.scale
        )
    }

    /// Where a point of the graph ends up.
    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.tx, y * self.scale + self.ty)
    }
}

/// Converts a pointer position inside an element of size `w`×`h` (CSS px) showing `view_box` with
/// `preserveAspectRatio="xMidYMid meet"` into view-box units; also returns view-box units per CSS pixel.
pub fn screen_to_view_box(
    view_box: (f64, f64, f64, f64),
    w: f64,
    h: f64,
    sx: f64,
    sy: f64,
) -> (f64, f64, f64) {
    let (vx, vy, vw, vh) = view_box;
    if w <= 0.0 || h <= 0.0 {
        return (vx, vy, 1.0);
    }
    let k = (vw / w).max(vh / h);
    let (ox, oy) = ((w * k - vw) / 2.0, (h * k - vh) / 2.0);
    (vx - ox + sx * k, vy - oy + sy * k, k)
}

/// The SVG path of an edge from `a` to `b`, stopping at the circles' rims (so an arrowhead touches the
/// target), bent sideways by `bend` view-box units (to separate parallel edges); with its midpoint.
pub fn edge_path(a: &NodePlace, b: &NodePlace, bend: f64) -> (String, (f64, f64)) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let (sx, sy) = (a.x + ux * a.r, a.y + uy * a.r);
    let (ex, ey) = (b.x - ux * (b.r + 3.0), b.y - uy * (b.r + 3.0));
    // Control point: the middle, pushed along the normal.
    let (cx, cy) = ((sx + ex) / 2.0 - uy * bend, (sy + ey) / 2.0 + ux * bend);
    let mid = (
        0.25 * sx + 0.5 * cx + 0.25 * ex,
        0.25 * sy + 0.5 * cy + 0.25 * ey,
    );
    (
        format!("M{sx:.1} {sy:.1} Q{cx:.1} {cy:.1} {ex:.1} {ey:.1}"),
        mid,
    )
}

/// A direction of an arrow key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// Keyboard travel along edges: the neighbour of `from` that lies most nearly in `dir` (within 80° of it),
/// the nearest on ties. `neighbours` are indices into `nodes`.
pub fn neighbour_in_direction(
    nodes: &[NodePlace],
    from: usize,
    neighbours: &[usize],
    dir: Direction,
) -> Option<usize> {
    let o = nodes.get(from)?;
    let (dx, dy) = match dir {
        Direction::Up => (0.0, -1.0),
        Direction::Down => (0.0, 1.0),
        Direction::Left => (-1.0, 0.0),
        Direction::Right => (1.0, 0.0),
    };
    let limit = 80f64.to_radians().cos();
    neighbours
        .iter()
        .filter(|&&n| n != from)
        .filter_map(|&n| {
            let p = nodes.get(n)?;
            let (vx, vy) = (p.x - o.x, p.y - o.y);
            let len = (vx * vx + vy * vy).sqrt();
            if len == 0.0 {
                return None;
            }
            let cos = (vx * dx + vy * dy) / len;
            (cos >= limit).then_some((n, cos, len))
        })
        .max_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then(b.2.total_cmp(&a.2))
                .then(b.0.cmp(&a.0))
        })
        .map(|(n, _, _)| n)
}

/// Whether two node boxes overlap (touching is fine).
pub fn overlaps(a: &NodePlace, b: &NodePlace) -> bool {
    let (al, at, ar, ab) = a.bounds();
    let (bl, bt, br, bb) = b.bounds();
    al < br && bl < ar && at < bb && bt < ab
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, prominent: usize) -> (Vec<LayoutNode>, Vec<(usize, usize)>) {
        // Labels of very different lengths, so boxes differ in size.
        let names = [
            "UK",
            "Entity with a long descriptive name",
            "Org",
            "Military Cooperation Plan 2026–27",
            "A b",
        ];
        let nodes = (0..n)
            .map(|i| LayoutNode {
                label: format!("{} {i}", names[i % names.len()]),
                prominent: i < prominent,
            })
            .collect();
        // A deterministic pseudo-random graph: each node links to one or two earlier ones.
        let mut edges = Vec::new();
        let mut s: u64 = 42;
        for i in 1..n {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            edges.push((i, (s >> 33) as usize % i));
            if i > 3 {
                edges.push((i, (s >> 17) as usize % (i / 2)));
            }
        }
        (nodes, edges)
    }

    fn assert_no_overlap(l: &Layout) {
        for i in 0..l.nodes.len() {
            for j in i + 1..l.nodes.len() {
                assert!(
                    !overlaps(&l.nodes[i], &l.nodes[j]),
                    "nodes {i} and {j} overlap: {:?} {:?}",
                    l.nodes[i],
                    l.nodes[j]
                );
            }
        }
    }

    fn assert_inside(l: &Layout) {
        let (x, y, w, h) = l.view_box;
        for p in &l.nodes {
            let (a, b, c, d) = p.bounds();
            assert!(
                a >= x && b >= y && c <= x + w && d <= y + h,
                "{p:?} outside {:?}",
                l.view_box
            );
        }
    }

    #[test]
    fn deterministic_inside_and_without_overlaps() {
        for (n, p) in [(1, 0), (2, 0), (3, 3), (4, 1), (20, 3), (60, 3), (500, 3)] {
            let (nodes, edges) = graph(n, p);
            let a = layout_graph(&nodes, &edges);
            assert_eq!(a, layout_graph(&nodes, &edges), "same input, same picture");
            assert_no_overlap(&a);
            assert_inside(&a);
        }
    }

    #[test]
    fn prominent_nodes_sit_in_the_middle() {
        let (nodes, edges) = graph(30, 3);
        let l = layout_graph(&nodes, &edges);
        let dist = |p: &NodePlace| (p.x * p.x + p.y * p.y).sqrt();
        let inner = l.nodes[..3].iter().map(dist).fold(0.0, f64::max);
        assert!(l.nodes[3..].iter().all(|p| dist(p) > inner));
    }

    #[test]
    fn disconnected_nodes_and_bad_edges_are_placed() {
        let nodes: Vec<LayoutNode> = (0..5)
            .map(|i| LayoutNode {
                label: format!("n{i}"),
                prominent: i == 0,
            })
            .collect();
        let l = layout_graph(&nodes, &[(0, 1), (7, 9), (2, 2)]);
        assert_no_overlap(&l);
        assert_inside(&l);
    }

    #[test]
    fn arrow_keys_follow_edges_in_their_direction() {
        let at = |x: f64, y: f64| NodePlace {
            x,
            y,
            r: 10.0,
            lines: vec![],
            label_w: 0.0,
        };
        let nodes = vec![
            at(0.0, 0.0),
            at(100.0, 10.0),
            at(-50.0, 0.0),
            at(0.0, -80.0),
            at(5.0, 90.0),
            at(300.0, 0.0),
        ];
        let nb = [1, 2, 3, 4];
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &nb, Direction::Right),
            Some(1),
            "the one in that direction"
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &[1, 5], Direction::Right),
            Some(5),
            "straighter wins"
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &nb, Direction::Left),
            Some(2)
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &nb, Direction::Up),
            Some(3)
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &nb, Direction::Down),
            Some(4)
        );
        // Only neighbours count: 5 is to the right but not linked.
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &[5], Direction::Left),
            None
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 0, &[], Direction::Left),
            None
        );
        assert_eq!(
            neighbour_in_direction(&nodes, 9, &nb, Direction::Left),
            None
        );
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let t = ViewTransform::default().pan(10.0, -5.0);
        let (gx, gy) = (40.0, 25.0); // a graph point…
        let (px, py) = t.apply(gx, gy); // …on screen here
        let z = t.zoom_about(px, py, 2.0);
        let (qx, qy) = z.apply(gx, gy);
        assert!((qx - px).abs() < 1e-9 && (qy - py).abs() < 1e-9);
        assert_eq!(z.scale, 2.0);
        assert_eq!(
            ViewTransform::default().zoom_about(0.0, 0.0, 100.0).scale,
            MAX_SCALE
        );
        assert_eq!(
            ViewTransform::default().zoom_about(0.0, 0.0, 0.01).scale,
            MIN_SCALE
        );
    }

    #[test]
    fn screen_points_map_into_a_letterboxed_view_box() {
        // A 200×100 view box shown in a 400×400 element: scale 0.5 units/px, 100 px bands top and bottom.
        let (x, y, k) = screen_to_view_box((0.0, 0.0, 200.0, 100.0), 400.0, 400.0, 200.0, 200.0);
        assert_eq!((x, y, k), (100.0, 50.0, 0.5));
        let (_, y, _) = screen_to_view_box((0.0, 0.0, 200.0, 100.0), 400.0, 400.0, 0.0, 100.0);
        assert_eq!(y, 0.0);
    }

    #[test]
    fn edges_stop_at_the_rims_and_bend_apart() {
        let a = NodePlace {
            x: 0.0,
            y: 0.0,
            r: 10.0,
            lines: vec![],
            label_w: 0.0,
        };
        let b = NodePlace {
            x: 100.0,
            y: 0.0,
            r: 20.0,
            lines: vec![],
            label_w: 0.0,
        };
        let (p, mid) = edge_path(&a, &b, 0.0);
        assert_eq!(p, "M10.0 0.0 Q43.5 0.0 77.0 0.0");
        assert_eq!(mid, (43.5, 0.0));
        let (_, up) = edge_path(&a, &b, 20.0);
        let (_, down) = edge_path(&a, &b, -20.0);
        assert!(
            up.1 > 0.0 && down.1 < 0.0,
            "opposite bends separate parallel edges"
        );
    }

    #[test]
    fn wraps_long_labels() {
        assert_eq!(
            wrap_label("Military Cooperation Plan 2026–27"),
            ["Military", "Cooperation Plan", "2026–27"]
        );
        assert_eq!(wrap_label("India"), ["India"]);
        assert_eq!(wrap_label(""), [""]);
    }

    #[test]
    fn two_thousand_nodes_lay_out() {
        let (nodes, edges) = graph(2000, 3);
        let l = layout_graph(&nodes, &edges);
        assert_eq!(l.nodes.len(), 2000);
        assert_inside(&l);
    }
}
