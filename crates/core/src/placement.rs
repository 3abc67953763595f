//! Where a definition card goes: below its term if it fits, else above, and never off-screen horizontally.

/// A rectangle in viewport coordinates (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// Where to put the card, in viewport coordinates, and whether it sits above the anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub above: bool,
}

/// Gap between the term and the card, and the minimum distance from the viewport edge.
pub const GAP: f64 = 6.0;
pub const MARGIN: f64 = 8.0;

/// Places a card of `card_w`×`card_h` next to `anchor` inside a `vw`×`vh` viewport.
pub fn place_card(anchor: Rect, card_w: f64, card_h: f64, vw: f64, vh: f64) -> Placement {
    let below_top = anchor.top + anchor.height + GAP;
    let room_below = vh - below_top - MARGIN;
    let room_above = anchor.top - GAP - MARGIN;
    let above = card_h > room_below && room_above > room_below;
    let top = if above {
        anchor.top - GAP - card_h
    } else {
        below_top
    };
    // Fits on neither side (a tall card on a small phone): keep it on screen even if it covers the term.
    let max_top = (vh - card_h - MARGIN).max(MARGIN);
    let top = top.clamp(MARGIN, max_top);
    let max_left = (vw - card_w - MARGIN).max(MARGIN);
    let left = anchor.left.clamp(MARGIN, max_left);
    Placement { left, top, above }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(left: f64, top: f64) -> Rect {
        Rect {
            left,
            top,
            width: 80.0,
            height: 20.0,
        }
    }

    #[test]
    fn below_by_default_aligned_with_term() {
        let p = place_card(anchor(100.0, 100.0), 300.0, 150.0, 1200.0, 800.0);
        assert_eq!(
            p,
            Placement {
                left: 100.0,
                top: 126.0,
                above: false
            }
        );
    }

    #[test]
    fn flips_above_near_the_bottom() {
        let p = place_card(anchor(100.0, 700.0), 300.0, 150.0, 1200.0, 800.0);
        assert!(p.above);
        assert_eq!(p.top, 700.0 - GAP - 150.0);
    }

    #[test]
    fn a_card_that_fits_neither_above_nor_below_stays_on_screen() {
        // Found by the e2e tap test: a 353 px card under a term in the middle of a 640 px phone screen.
        let p = place_card(
            Rect {
                left: 20.0,
                top: 310.0,
                width: 60.0,
                height: 24.0,
            },
            344.0,
            353.0,
            360.0,
            640.0,
        );
        assert!(
            p.top >= MARGIN && p.top + 353.0 <= 640.0 - MARGIN + 1e-9,
            "{p:?}"
        );
        // Taller than the viewport: pinned to the top margin (CSS caps its height and lets it scroll).
        let p = place_card(
            Rect {
                left: 20.0,
                top: 310.0,
                width: 60.0,
                height: 24.0,
            },
            344.0,
            900.0,
            360.0,
            640.0,
        );
        assert_eq!(p.top, MARGIN);
    }

    #[test]
    fn never_runs_off_either_side() {
        // A term at the right edge of a 360 px phone.
        let p = place_card(anchor(330.0, 100.0), 300.0, 150.0, 360.0, 640.0);
        assert_eq!(p.left, 360.0 - 300.0 - MARGIN);
        let p = place_card(anchor(-20.0, 100.0), 300.0, 150.0, 360.0, 640.0);
        assert_eq!(p.left, MARGIN);
        // A card wider than the viewport is pinned to the left margin rather than pushed off the left edge.
        let p = place_card(anchor(50.0, 100.0), 400.0, 150.0, 360.0, 640.0);
        assert_eq!(p.left, MARGIN);
    }
}
