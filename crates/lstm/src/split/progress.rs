//! What the halves of a split run share: h as fed back, double-buffered, and how far
//! each half has got, which is the whole synchronisation (one store and one wait a step).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Spins before a waiting half starts yielding its core: a step's work is tens of
/// microseconds, so a partner running on the other core is a few microseconds behind at
/// most; one descheduled by other load may be milliseconds away, and spinning then would
/// only take the core it needs.
const SPINS: u32 = 2_000;

/// h_t for every unit, as f64 bits, twice: step t reads buffer t mod 2 and writes
/// buffer t + 1 mod 2, so that the next step's writes never meet this step's reads.
pub(super) struct Shared {
    h: [Vec<AtomicU64>; 2],
    /// Steps finished, per half; usize::MAX once a half has stopped, for whatever reason.
    done: Vec<AtomicUsize>,
}

impl Shared {
    /// For `hidden` units and `halves` halves.
    pub(super) fn new(hidden: usize, halves: usize) -> Shared {
        let buffer = || (0..hidden).map(|_| AtomicU64::new(0)).collect();
        Shared {
            h: [buffer(), buffer()],
            done: (0..halves).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// h_{t−1} as step t sees it, into `out`.
    pub(super) fn load(&self, t: usize, out: &mut [f64]) {
        for (o, v) in out.iter_mut().zip(&self.h[t % 2]) {
            *o = f64::from_bits(v.load(Ordering::Relaxed));
        }
    }

    /// Step t's h for units from `first` on, for step t + 1.
    pub(super) fn store(&self, t: usize, first: usize, h: &[f64]) {
        for (v, &x) in self.h[(t + 1) % 2][first..].iter().zip(h) {
            v.store(x.to_bits(), Ordering::Relaxed);
        }
    }

    /// Half `half` has finished step t; returns once every half has. The Release store
    /// and Acquire loads order this step's h before the next step's reads.
    pub(super) fn finish(&self, half: usize, t: usize) {
        self.done[half].store(t + 1, Ordering::Release);
        for (other, done) in self.done.iter().enumerate() {
            if other == half {
                continue;
            }
            let mut spins = 0;
            while done.load(Ordering::Acquire) < t + 1 {
                if spins < SPINS {
                    spins += 1;
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
        }
    }

    /// A guard that marks half `half` stopped when dropped, even by a panic, so that its
    /// partner never waits for a step that will not come.
    pub(super) fn stopping(&self, half: usize) -> Stop<'_> {
        Stop(&self.done[half])
    }
}

/// See [`Shared::stopping`].
pub(super) struct Stop<'a>(&'a AtomicUsize);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(usize::MAX, Ordering::Release);
    }
}
