// DepartureQueue: the connections in service, ordered by departure time (a binary min-heap).
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
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Departure& top() const { return heap_.front(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  void push(const Departure& d) {
    std::size_t i = heap_.size();
    heap_.push_back(d);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!(d.time < heap_[parent].time)) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = d;
  }

  void pop() {
    const Departure last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1].time < heap_[child].time) ++child;
      if (!(heap_[child].time < last.time)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = last;
  }

 private:
  std::vector<Departure> heap_;
};

}  // namespace lightmesh::sim
