//! What the halves of a split run share: h as fed back, double-buffered, and each half's
//! count of finished steps, which is the whole synchronisation. Either thread may take
//! either half's next step (whoever comes first), so a thread that the system has put to
//! sleep never holds the other up for more than the step it has in hand, and one thread
//! alone runs the whole sequence.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, TryLockError};

/// Spins before a waiting thread takes the other half's step itself and starts yielding
/// its core: a step's work is tens of microseconds, so a partner running on the other
/// core is a few microseconds behind at most; one descheduled by other load may be
/// milliseconds away, and spinning then would only take the core it needs. Taking the
/// other half any sooner moves its weights between the cores' caches for nothing.
const SPINS: u32 = 500;

/// h_t for every unit, as f64 bits, twice: step t reads buffer t mod 2 and writes
/// buffer t + 1 mod 2, so that the next step's writes never meet this step's reads.
pub(super) struct Shared {
    h: [Vec<AtomicU64>; 2],
}

impl Shared {
    /// For `hidden` units.
    pub(super) fn new(hidden: usize) -> Shared {
        let buffer = || (0..hidden).map(|_| AtomicU64::new(0)).collect();
        Shared {
            h: [buffer(), buffer()],
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
}

/// One half's work and how many of its steps are done.
pub(super) struct Lane<W> {
    work: Mutex<W>,
    done: AtomicUsize,
}

impl<W> Lane<W> {
    /// Work not yet started.
    pub(super) fn new(work: W) -> Lane<W> {
        Lane {
            work: Mutex::new(work),
            done: AtomicUsize::new(0),
        }
    }
}

/// Takes part in running `steps` steps of every lane: each step, `step(work, t)` for its
/// own lane, `first`, then for any other lane whose step t nobody has taken after
/// [`SPINS`] spins (at once when `alone`: no other thread takes part) (so that with two threads each keeps to its half, whose weights stay
/// in its core's cache), then waits until every lane has finished step t. The Release store and
/// Acquire loads of `done` order a step's h before the next step's reads. Returns early
/// if a lane's lock was poisoned (a step panicked on another thread), so that scope can
/// report that panic instead of hanging.
pub(super) fn take_part<W>(
    lanes: &[Lane<W>],
    first: usize,
    alone: bool,
    steps: usize,
    step: impl Fn(&mut W, usize),
) {
    let count = lanes.len();
    for t in 0..steps {
        let mut spins = 0;
        loop {
            let mut waiting = false;
            for (k, lane) in (0..count).map(|k| (k, &lanes[(first + k) % count])) {
                if lane.done.load(Ordering::Acquire) > t {
                    continue;
                }
                if k > 0 && spins < SPINS && !alone {
                    waiting = true;
                    continue;
                }
                match lane.work.try_lock() {
                    Ok(mut work) => {
                        // Another thread may have finished it between the check and the
                        // lock.
                        if lane.done.load(Ordering::Acquire) == t {
                            step(&mut work, t);
                            lane.done.store(t + 1, Ordering::Release);
                        }
                    }
                    Err(TryLockError::WouldBlock) => waiting = true,
                    Err(TryLockError::Poisoned(_)) => return,
                }
            }
            if !waiting {
                break;
            }
            if spins < SPINS {
                spins += 1;
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}
