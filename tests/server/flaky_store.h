// A SQLite store whose commits a test can make fail, as a full disk would, or hold at a gate while
// it acts, for the tests of what a failed or slow commit leaves behind.
//
//   std::atomic<bool> fail{false};
//   auto store = std::make_unique<FlakyStore>(store::SqliteStore::open(db).value(), &fail);
//   fail = true;   // every commit from now on answers "disk full (test)"
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/sqlite_store.h"

namespace lightmesh::server::test_support {

// Holds a commit until the test lets it go on, so a test can act while one is under way.
struct CommitGate {
  std::mutex mu;
  std::condition_variable cv;
  bool closed = false;   // commits wait while closed
  bool entered = false;  // a commit is waiting at the gate

  void pass() {
    std::unique_lock<std::mutex> lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return !closed; });
  }
  void wait_entered() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return entered; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mu);
    closed = false;
    cv.notify_all();
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu);
    closed = true;
    entered = false;
  }
};

// A SQLite store whose group commits can be made to fail, as a full disk would, or held.
class FlakyStore final : public store::Store {
 public:
  FlakyStore(std::unique_ptr<store::SqliteStore> inner, std::atomic<bool>* fail,
             CommitGate* gate = nullptr)
      : inner_(std::move(inner)), fail_(fail), gate_(gate) {}
  Status commit(const fabric::Changes& c, const Network& net,
                const store::StoredReply* reply) override {
    if (*fail_) return Error::io("disk full (test)");
    return inner_->commit(c, net, reply);
  }
  bool shares_commits() const override { return true; }
  Status commit_group(const store::CommitGroup& group, const Network& net) override {
    if (gate_) gate_->pass();
    if (*fail_) return Error::io("disk full (test)");
    return inner_->commit_group(group, net);
  }
  Status load_into(fabric::Fabric& f) override { return inner_->load_into(f); }
  Result<std::optional<store::StoredReply>> find_reply(const std::string& tenant,
                                                       const std::string& key) override {
    return inner_->find_reply(tenant, key);
  }

 private:
  std::unique_ptr<store::SqliteStore> inner_;
  std::atomic<bool>* fail_;
  CommitGate* gate_;
};

}  // namespace lightmesh::server::test_support
