//! Splitting an integer amount by weights so the parts add up exactly: the largest
//! remainder method, ties broken by position so the result is deterministic.

/// Splits `amount` (≥ 0) into parts proportional to `weights` (each ≥ 0, not all 0),
/// summing exactly to `amount`. Returns all zeros when every weight is zero.
pub fn allocate_exactly(amount: i64, weights: &[f64]) -> Vec<i64> {
    let total: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if amount <= 0 || total <= 0.0 {
        return vec![0; weights.len()];
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given = 0i64;
    for (i, w) in weights.iter().enumerate() {
        let w = if w.is_finite() && *w > 0.0 { *w } else { 0.0 };
        let exact = amount as f64 * (w / total);
        let floor = exact.floor().clamp(0.0, amount as f64) as i64;
        parts.push(floor);
        given += floor;
        remainders.push((exact - floor as f64, i));
    }
    // Largest remainders first; on equal remainders the earlier position wins.
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = amount - given;
    // Float error can leave `left` outside 0..len; walk the remainders as often as needed.
    let positive: Vec<usize> = remainders
        .iter()
        .filter(|(_, i)| weights[*i].is_finite() && weights[*i] > 0.0)
        .map(|(_, i)| *i)
        .collect();
    let mut k = 0;
    while left > 0 && !positive.is_empty() {
        parts[positive[k % positive.len()]] += 1;
        left -= 1;
        k += 1;
    }
    while left < 0 {
        if let Some(i) = parts.iter().position(|p| *p > 0) {
            parts[i] -= 1;
            left += 1;
        } else {
            break;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_splits() {
        let cases: &[(i64, &[f64], &[i64])] = &[
            (100, &[1.0, 1.0, 1.0], &[34, 33, 33]),
            (
                10_000_000,
                &[0.4, 0.2, 0.4],
                &[4_000_000, 2_000_000, 4_000_000],
            ),
            (1, &[1.0, 1.0], &[1, 0]),
            (7, &[0.0, 1.0], &[0, 7]),
            (5, &[0.0, 0.0], &[0, 0]),
            (0, &[1.0], &[0]),
        ];
        for (amount, weights, expected) in cases {
            assert_eq!(
                allocate_exactly(*amount, weights),
                *expected,
                "{amount} by {weights:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn parts_sum_exactly_and_follow_the_weights(
            amount in 0i64..10_000_000_000,
            weights in proptest::collection::vec(0.0f64..100.0, 1..40),
        ) {
            let parts = allocate_exactly(amount, &weights);
            prop_assert_eq!(parts.len(), weights.len());
            let total: f64 = weights.iter().sum();
            if total > 0.0 {
                prop_assert_eq!(parts.iter().sum::<i64>(), amount);
                for (p, w) in parts.iter().zip(&weights) {
                    prop_assert!(*p >= 0);
                    // Each part is within one unit of its exact share.
                    let exact = amount as f64 * w / total;
                    prop_assert!((*p as f64 - exact).abs() <= 1.0 + exact * 1e-9, "{} vs {}", p, exact);
                }
            }
        }
    }
}
