//! Class 4: right answers in reasonable notations that were refused: corners with
//! tight commas inside each point, lists separated by semicolons, and an option with a
//! clause about the variable. Each is read, and a wrong one stays wrong.

mod common;

use common::{expect, large_z, trend};
use nnhw_core::{Polygon, Value};
use nnhw_grade::Verdict;

fn polygon(corners: &[[f64; 2]]) -> Value {
    Value::Polygon(Polygon {
        corners: corners.to_vec(),
        closed: true,
    })
}

#[test]
fn commas_inside_a_corner_separate_its_coordinates() {
    let square = polygon(&[[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]);
    expect(
        &square,
        Verdict::Right,
        &[
            "[(1,1), (-1,1), (-1,-1), (1,-1)]",
            "[(1,1),(−1,1),(−1,−1),(1,−1)]",
            "[(1, 1), (-1, 1), (-1, -1), (1, -1)]",
            "[(1,1), (-1, 1), (-1,-1), (1, -1)]",
            "[[1,1], [-1,1], [-1,-1], [1,-1]]",
            "((1,1), (-1,1), (-1,-1), (1,-1))",
            "[(-1,-1), (1,-1), (1,1), (-1,1)]",
            "[(1,1), (1,-1), (-1,-1), (-1,1)]",
            "[(1,1); (-1,1); (-1,-1); (1,-1)]",
            "[[1; 1], [-1; 1], [-1; -1], [1; -1]]",
        ],
    );
    expect(
        &square,
        Verdict::Wrong,
        &[
            "[(1,1), (-1,-1), (-1,1), (1,-1)]",
            "[(1,1), (-1,1), (-1,-1), (1,-2)]",
            "[(1,1), (-1,1), (-1,-1)]",
        ],
    );
    let wide = polygon(&[[1.5, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.5, -1.0]]);
    expect(
        &wide,
        Verdict::Right,
        &[
            "[(1.5,1), (-1,1), (-1,-1), (1.5,-1)]",
            "[(1.5,1), (-1, 1), (-1,-1), (1.5, -1)]",
            "[(1.5,1),(-1,1),(-1,-1),(1.5,-1)]",
        ],
    );
    expect(
        &wide,
        Verdict::Wrong,
        &["[(1.4,1), (-1,1), (-1,-1), (1.5,-1)]"],
    );
    // A decimal comma inside a corner that also has a spaced comma is not guessed at.
    expect(
        &wide,
        Verdict::Unusable,
        &["[(1,5, 1), (-1, 1), (-1, -1), (1,5, -1)]"],
    );
}

#[test]
fn decimal_commas_in_a_flat_list_are_still_refused() {
    let list = Value::numbers(&[0.5, 0.1]);
    expect(
        &list,
        Verdict::Unusable,
        &["[0,5, 0,1]", "[0,5; 0,1]", "[0,5;0,1]"],
    );
    expect(
        &list,
        Verdict::Right,
        &["[0.5, 0.1]", "[0.5,0.1]", "[0.5; 0.1]"],
    );
}

#[test]
fn semicolons_separate_a_list_written_with_them_throughout() {
    let o1 = Value::numbers(&[0.5, 0.119, 0.953]);
    expect(
        &o1,
        Verdict::Right,
        &[
            "[0.5; 0.119; 0.953]",
            "[0.5;0.119;0.953]",
            "(0.5; 0.119; 0.953)",
            "{0.5 ; 0.119 ; 0.953}",
            "[1/2; 0.119; 0.953]",
        ],
    );
    expect(
        &o1,
        Verdict::Wrong,
        &["[0.5; 0.119; 0.95]", "[0.953; 0.119; 0.5]"],
    );
    expect(
        &o1,
        Verdict::Unusable,
        &[
            "[0,5; 0,119; 0,953]",
            "[0.5; 0.119, 0.953]",
            "[0.5; 0.119]",
            "[0.5; 0.119; 0.953; 1]",
            "[0.5 0.119 0.953]",
        ],
    );
    let matrix = Value::matrix(&[[1.0, 2.0], [3.0, 4.0]]);
    expect(
        &matrix,
        Verdict::Right,
        &["[[1, 2]; [3, 4]]", "[[1; 2], [3; 4]]"],
    );
    expect(&matrix, Verdict::Unusable, &["[1, 2; 3, 4]"]);
}

#[test]
fn an_option_with_a_clause_about_the_growing_variable_is_that_option() {
    let smaller = trend("smaller");
    let larger = trend("larger");
    let says_smaller = [
        "decreases as beta increases",
        "decreases as β increases",
        "smaller when beta grows",
        "it gets smaller as β grows",
        "smaller with increasing beta",
        "decreases with increasing β",
        "as beta increases, it decreases",
        "As β grows, smaller.",
        "with larger beta it gets smaller",
        "it decreases when the beta goes up",
        "decreasing as beta rises",
    ];
    expect(&smaller, Verdict::Right, &says_smaller);
    expect(&larger, Verdict::Wrong, &says_smaller);
    let says_larger = [
        "increases as beta increases",
        "larger when β grows",
        "grows with increasing beta",
    ];
    expect(&larger, Verdict::Right, &says_larger);
    expect(&smaller, Verdict::Wrong, &says_larger);
    // A clause about the variable shrinking, or about something not a variable, is not
    // read: `increases as beta decreases` is no `increases`.
    for value in [&smaller, &larger] {
        expect(
            value,
            Verdict::Unusable,
            &[
                "increases as beta decreases",
                "decreases as beta decreases",
                "smaller as β shrinks",
                "larger with decreasing beta",
                "as beta decreases, it increases",
                "decreases as the gap increases",
                "decreases as beta does not increase",
                "decreases as beta increases and increases",
                "not decreases as beta increases",
                "decreases as -beta increases",
                "smaller as larger increases",
            ],
        );
    }
    let small = large_z("small");
    expect(
        &small,
        Verdict::Right,
        &[
            "vanishes as z grows",
            "small as z increases",
            "vanishes as |z| increases",
            "approaches 0 as |z| grows",
        ],
    );
    expect(
        &small,
        Verdict::Unusable,
        &["small as z decreases", "large as z decreases"],
    );
    expect(&large_z("large"), Verdict::Wrong, &["vanishes as z grows"]);
}
