//! The threads judgements run on: as many as the machine has cores, fed by one queue.
//!
//! A judgement is CPU work (tens of microseconds to verify an NCA signature, seconds for a
//! large XML document). Run on the async workers it would stall every connection; run by
//! `spawn_blocking`, each request in flight gets a thread of its own, and at 64 requests
//! on 2 cores the threads take turns, switching and evicting each other's caches. Here
//! the requests admitted ([`super::ServerConfig::max_concurrent`]) wait in the queue, and
//! at most one judgement a core runs: the cores do the work, the queue holds the rest.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of threads and their queue. Dropping the last handle ends the threads
/// once the queue is empty.
pub(super) struct Pool {
    queue: mpsc::Sender<Job>,
}

impl Pool {
    /// A pool with one thread a core (at least one).
    pub(super) fn new() -> Pool {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (queue, jobs) = mpsc::channel::<Job>();
        let jobs = Arc::new(Mutex::new(jobs));
        for i in 0..threads {
            let jobs = jobs.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("qoltanba-judge-{i}"))
                .spawn(move || loop {
                    let job = match jobs.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    match job {
                        // A job that panics (a defect) answers 500 through its channel;
                        // the thread goes on.
                        Ok(job) => {
                            let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
                        }
                        Err(_) => return,
                    }
                });
            if spawned.is_err() && i == 0 {
                // No thread at all: the jobs run where they are queued (see `run`).
                break;
            }
        }
        Pool { queue }
    }

    /// Queue `work`; its result (an `Err` if it panicked) arrives on the receiver.
    pub(super) fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> tokio::sync::oneshot::Receiver<std::thread::Result<T>> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let result = std::panic::catch_unwind(AssertUnwindSafe(work));
            let _ = tx.send(result);
        });
        if let Err(mpsc::SendError(job)) = self.queue.send(job) {
            // Every thread is gone (none could be started): run it here.
            job();
        }
        rx
    }
}
