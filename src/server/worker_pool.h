// WorkerPool: threads that run jobs which may block (a request's handler waiting for its durable
// commit, a device, the database). A thread starts whenever a job finds none idle, up to `max`, and
// stays for the next job, so a burst gets its threads and a quiet server holds few.
//
//   WorkerPool pool(128);
//   pool.run([] { ... });
//   pool.shutdown();  // runs what is queued, then joins
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lightmesh::server {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t max);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void run(std::function<void()> job);
  // Runs the jobs already queued, then joins every thread. Jobs run after it are dropped.
  void shutdown();

 private:
  void work();

  const std::size_t max_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  std::vector<std::thread> threads_;        // guarded by mu_
  std::size_t idle_ = 0;                    // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
};

}  // namespace lightmesh::server
