// DepartureQueue: the connections in service, ordered by departure time (a 4-ary min-heap).
//
//   DepartureQueue q;  q.push({t + holding, path, start, slots});
//   while (!q.empty() && q.top().time <= now) { release(q.top()); q.pop(); }
//
// Why only departures: arrivals form a Poisson process, so the next arrival is drawn when the
// current one is served and never needs to sit in a queue. The heap then holds only the
// connections in service (a few hundred on NSFNET at 250 Erlang), and its vector, once grown, is
// reused for the whole run: no allocation per request. Equal times come out in an order fixed by
// the pushes, so a run is reproducible.
//
// Thread-compatible: one per replication.
#pragma once

#include <cstdint>
#include <vector>

namespace lightmesh::sim {

struct Departure {
  double time = 0;
  std::uint32_t path = 0;   // index into the PathTable
  std::uint16_t start = 0;  // first slot of the block
  std::uint16_t slots = 0;  // block width, guard included
};

class DepartureQueue {
 public:
  bool empty() const { return time_.empty(); }
  std::size_t size() const { return time_.size(); }
  double top_time() const { return time_.front(); }
  Departure top() const {
    return {time_.front(), what_.front().path, what_.front().start, what_.front().slots};
  }
  void reserve(std::size_t n) {
    time_.reserve(n);
    what_.reserve(n);
  }
  void clear() {
    time_.clear();
    what_.clear();
  }

  void push(const Departure& d) {
    std::size_t i = time_.size();
    time_.push_back(d.time);
    what_.push_back({});
    double* t = time_.data();
    Payload* w = what_.data();
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!(d.time < t[parent])) break;
      t[i] = t[parent];
      w[i] = w[parent];
      i = parent;
    }
    t[i] = d.time;
    w[i] = {d.path, d.start, d.slots};
  }

  // Floyd's bottom-up removal: the hole at the root walks down to a leaf along the smallest child,
  // then the last element rises from there, which is short since it came from the bottom. Four
  // children per node halve the depth (4 levels for 300 connections instead of 8); the three
  // comparisons that pick the smallest child are independent of each other, and the times sit in
  // their own array, so the four children of a node are 32 contiguous bytes.
  void pop() {
    const std::size_t n = time_.size() - 1;  // size after removal
    double* t = time_.data();
    Payload* w = what_.data();
    std::size_t i = 0;
    while (true) {
      const std::size_t c = kArity * i + 1;
      if (c >= n) break;
      std::size_t best = c;
      if (c + kArity <= n) {
        const std::size_t a = c + static_cast<std::size_t>(t[c + 1] < t[c]);
        const std::size_t b = c + 2 + static_cast<std::size_t>(t[c + 3] < t[c + 2]);
        best = t[b] < t[a] ? b : a;
      } else {
        for (std::size_t k = c + 1; k < n; ++k)
          if (t[k] < t[best]) best = k;
      }
      t[i] = t[best];
      w[i] = w[best];
      i = best;
    }
    const double last_time = t[n];
    const Payload last = w[n];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!(last_time < t[parent])) break;
      t[i] = t[parent];
      w[i] = w[parent];
      i = parent;
    }
    t[i] = last_time;
    w[i] = last;
    time_.pop_back();
    what_.pop_back();
  }

 private:
  struct Payload {
    std::uint32_t path;
    std::uint16_t start;
    std::uint16_t slots;
  };
  static constexpr std::size_t kArity = 4;
  std::vector<double> time_;
  std::vector<Payload> what_;
};

}  // namespace lightmesh::sim
