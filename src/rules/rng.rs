//! Integer randomness on top of ChaCha8: uniform draws and shuffles that give the same
//! results on every platform.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// A generator for a seed.
pub fn seeded(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A uniform integer in `0..n` (0 when `n` is 0), without modulo bias.
pub fn below(rng: &mut ChaCha8Rng, n: u32) -> u32 {
    if n <= 1 {
        return 0;
    }
    let zone = u32::MAX - (u32::MAX - n + 1) % n;
    loop {
        let v = rng.next_u32();
        if v <= zone {
            return v % n;
        }
    }
}

/// Whether a `percent` chance comes up.
pub fn chance(rng: &mut ChaCha8Rng, percent: u32) -> bool {
    percent > 0 && (percent >= 100 || below(rng, 100) < percent)
}

/// Fisher–Yates shuffle.
pub fn shuffle<T>(rng: &mut ChaCha8Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i as u32 + 1) as usize;
        items.swap(i, j);
    }
}

/// A small, fast SplitMix64 stream for the bots' tie-breaks (a ChaCha8 stream made 256
/// bytes at each seeding, and a bot seeds one for every order it weighs). Not for the
/// rules: their streams stay ChaCha8, so every saved game replays as it was.
#[derive(Debug, Clone)]
pub struct Mix(u64);

impl Mix {
    pub fn new(seed: u64) -> Self {
        Mix(seed)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 32) as u32
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), without bias: Lemire's
    /// multiply-and-shift, which divides only in the rare case it must reject a draw.
    pub fn below(&mut self, n: u32) -> u32 {
        if n <= 1 {
            return 0;
        }
        let mut m = u64::from(self.next_u32()) * u64::from(n);
        if (m as u32) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u32) < threshold {
                m = u64::from(self.next_u32()) * u64::from(n);
            }
        }
        (m >> 32) as u32
    }
}

/// A seed derived from a base seed and a few words (for independent streams, such as a
/// bot's), mixed with SplitMix64.
pub fn derive(seed: u64, words: &[u64]) -> u64 {
    let mut x = seed;
    for &w in words {
        x ^= w.wrapping_add(0x9e37_79b9_7f4a_7c15);
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x = z ^ (z >> 31);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED_BELOW: [u32; 5] = [617, 845, 104, 798, 492];
    const PINNED_SHUFFLE: [u32; 8] = [2, 6, 5, 1, 4, 0, 7, 3];

    #[test]
    fn below_stays_in_range_and_is_reproducible() {
        let mut a = seeded(7);
        let mut b = seeded(7);
        for n in 1..200 {
            let x = below(&mut a, n);
            assert!(x < n);
            assert_eq!(x, below(&mut b, n));
        }
    }

    #[test]
    fn the_streams_give_pinned_values() {
        // Pinned output: if ChaCha8, its seeding or these draws change, every saved game
        // and class code changes with them, and this test says so. `derive` is checked
        // against an independent SplitMix64 in a few lines of Python.
        let mut r = seeded(42);
        let first: Vec<u32> = (0..5).map(|_| below(&mut r, 1000)).collect();
        assert_eq!(first, PINNED_BELOW);
        let mut items: Vec<u32> = (0..8).collect();
        shuffle(&mut seeded(7), &mut items);
        assert_eq!(items, PINNED_SHUFFLE);
        assert_eq!(derive(1, &[2]), 0xbeeb_8da1_658e_ec67);
        assert_eq!(derive(2021, &[3, 1]), 0xc136_201b_2ff8_4943);
    }

    #[test]
    fn the_bots_stream_is_uniform_and_in_range() {
        // Every value of a small range comes up about equally often, and none outside it.
        for n in [1u32, 2, 3, 10, 400] {
            let mut m = Mix::new(u64::from(n));
            let mut counts = vec![0u32; n as usize];
            let draws = 4000 * n;
            for _ in 0..draws {
                let x = m.below(n);
                assert!(x < n.max(1));
                counts[x as usize] += 1;
            }
            for c in counts {
                assert!((3400..4600).contains(&c), "n {n}: {c}");
            }
        }
        assert_eq!(Mix::new(5).below(0), 0);
    }
}
