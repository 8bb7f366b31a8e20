//! Keyboard movement in the paged matrix (a grid with a roving tabindex): arrows between cells,
//! Home/End along a row, Ctrl+Home/End to the corners, PageUp/PageDown by a page of robots.
//! Positions cover the whole shown matrix, not only the page on screen: moving past the edge of
//! a page turns the page.

/// A cell of the shown matrix: `row` indexes the shown robots; `col` 0 is the robot name (the row
/// header), `col` k ≥ 1 the k-th shown repository.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    RowStart,
    RowEnd,
    First,
    Last,
    PageUp,
    PageDown,
}

impl Move {
    /// The move a key makes (`KeyboardEvent.key`), if any.
    pub fn from_key(key: &str, ctrl: bool) -> Option<Move> {
        Some(match key {
            "ArrowLeft" => Move::Left,
            "ArrowRight" => Move::Right,
            "ArrowUp" => Move::Up,
            "ArrowDown" => Move::Down,
            "Home" if ctrl => Move::First,
            "End" if ctrl => Move::Last,
            "Home" => Move::RowStart,
            "End" => Move::RowEnd,
            "PageUp" => Move::PageUp,
            "PageDown" => Move::PageDown,
            _ => return None,
        })
    }
}

/// Keeps `p` inside `rows` × `cols` (`cols` counts the row-header column).
pub fn clamp(p: Pos, rows: usize, cols: usize) -> Pos {
    Pos {
        row: p.row.min(rows.saturating_sub(1)),
        col: p.col.min(cols.saturating_sub(1)),
    }
}

/// Where `m` lands from `p` in `rows` × `cols`, with `page` rows per page.
pub fn step(p: Pos, m: Move, rows: usize, cols: usize, page: usize) -> Pos {
    let p = clamp(p, rows, cols);
    let (last_row, last_col) = (rows.saturating_sub(1), cols.saturating_sub(1));
    let page = page.max(1);
    match m {
        Move::Left => Pos {
            col: p.col.saturating_sub(1),
            ..p
        },
        Move::Right => Pos {
            col: (p.col + 1).min(last_col),
            ..p
        },
        Move::Up => Pos {
            row: p.row.saturating_sub(1),
            ..p
        },
        Move::Down => Pos {
            row: (p.row + 1).min(last_row),
            ..p
        },
        Move::RowStart => Pos { col: 0, ..p },
        Move::RowEnd => Pos { col: last_col, ..p },
        Move::First => Pos { row: 0, col: 0 },
        Move::Last => Pos {
            row: last_row,
            col: last_col,
        },
        Move::PageUp => Pos {
            row: p.row.saturating_sub(page),
            ..p
        },
        Move::PageDown => Pos {
            row: (p.row + page).min(last_row),
            ..p
        },
    }
}

/// The pages (1-based) that show `p`: its row page, and its column page (the row header shows
/// on every column page, so it keeps `col_page`).
pub fn pages_of(
    p: Pos,
    rows_per_page: usize,
    cols_per_page: usize,
    col_page: usize,
) -> (usize, usize) {
    let row_page = p.row / rows_per_page.max(1) + 1;
    let col_page = if p.col == 0 {
        col_page
    } else {
        (p.col - 1) / cols_per_page.max(1) + 1
    };
    (row_page, col_page)
}

/// The one cell that takes Tab: the focused cell when it is on screen, else the first cell on
/// screen. `rows` and `cols` are the index ranges `[start, end)` of the shown robots and shown
/// repositories on screen.
pub fn tab_stop(focus: Pos, rows: (usize, usize), cols: (usize, usize)) -> Pos {
    let row_ok = focus.row >= rows.0 && focus.row < rows.1;
    let col_ok = focus.col == 0 || (focus.col > cols.0 && focus.col <= cols.1);
    if row_ok && col_ok {
        focus
    } else {
        Pos {
            row: rows.0,
            col: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: usize = 5;
    const C: usize = 4; // the row header and 3 repositories

    #[test]
    fn arrows_move_one_cell_and_stop_at_the_edges() {
        let p = Pos { row: 0, col: 0 };
        assert_eq!(step(p, Move::Left, R, C, 2), p);
        assert_eq!(step(p, Move::Up, R, C, 2), p);
        assert_eq!(step(p, Move::Right, R, C, 2), Pos { row: 0, col: 1 });
        assert_eq!(step(p, Move::Down, R, C, 2), Pos { row: 1, col: 0 });
        let corner = Pos { row: 4, col: 3 };
        assert_eq!(step(corner, Move::Right, R, C, 2), corner);
        assert_eq!(step(corner, Move::Down, R, C, 2), corner);
    }

    #[test]
    fn home_end_and_page_keys() {
        let p = Pos { row: 2, col: 2 };
        assert_eq!(step(p, Move::RowStart, R, C, 2), Pos { row: 2, col: 0 });
        assert_eq!(step(p, Move::RowEnd, R, C, 2), Pos { row: 2, col: 3 });
        assert_eq!(step(p, Move::First, R, C, 2), Pos { row: 0, col: 0 });
        assert_eq!(step(p, Move::Last, R, C, 2), Pos { row: 4, col: 3 });
        assert_eq!(step(p, Move::PageDown, R, C, 2), Pos { row: 4, col: 2 });
        assert_eq!(step(p, Move::PageDown, R, C, 10), Pos { row: 4, col: 2 });
        assert_eq!(step(p, Move::PageUp, R, C, 10), Pos { row: 0, col: 2 });
        assert_eq!(Move::from_key("Home", true), Some(Move::First));
        assert_eq!(Move::from_key("Home", false), Some(Move::RowStart));
        assert_eq!(Move::from_key("a", false), None);
    }

    #[test]
    fn a_position_outside_a_shrunken_matrix_is_pulled_back() {
        assert_eq!(clamp(Pos { row: 9, col: 9 }, 2, 3), Pos { row: 1, col: 2 });
        assert_eq!(clamp(Pos { row: 9, col: 9 }, 0, 1), Pos { row: 0, col: 0 });
        assert_eq!(
            step(Pos { row: 9, col: 9 }, Move::Left, 2, 3, 1),
            Pos { row: 1, col: 1 }
        );
    }

    #[test]
    fn moving_past_a_page_turns_it() {
        // 2 robots and 2 repositories per page.
        assert_eq!(pages_of(Pos { row: 1, col: 2 }, 2, 2, 1), (1, 1));
        assert_eq!(pages_of(Pos { row: 2, col: 3 }, 2, 2, 1), (2, 2));
        // The row header keeps the column page.
        assert_eq!(pages_of(Pos { row: 0, col: 0 }, 2, 2, 3), (1, 3));
    }

    #[test]
    fn the_tab_stop_is_on_screen() {
        let on = Pos { row: 3, col: 4 };
        assert_eq!(tab_stop(on, (2, 4), (2, 4)), on);
        // Paged away with the buttons: the first cell on screen takes Tab.
        assert_eq!(tab_stop(on, (0, 2), (0, 2)), Pos { row: 0, col: 0 });
        assert_eq!(
            tab_stop(Pos { row: 3, col: 0 }, (2, 4), (6, 8)),
            Pos { row: 3, col: 0 }
        );
    }
}
