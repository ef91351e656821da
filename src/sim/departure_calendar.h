// DepartureCalendar: the connections in service, filed by departure time into buckets one mean
// inter-arrival gap wide (a calendar queue, Brown 1988), so that each arrival releases what has
// left before it by looking at about one bucket.
//
//   DepartureCalendar c(gap, horizon);
//   c.add({arrival + holding, arrival, path, start, slots});
//   c.release_until(now, [&](const Connection& d) { free(d); });
//
// Why not a heap: the releases due before an arrival commute (each only clears its own slots), so
// they need no order among themselves, only "every departure ≤ now". A heap pays log n dependent
// comparisons per departure to keep an order nobody reads; here filing is an append and releasing
// is a scan of the buckets that time has passed (on average one, holding about one connection).
// Buckets keep their capacity, so after the warm-up nothing is allocated.
//
// A bucket holds every connection whose bucket number ≡ its index modulo the bucket count; a
// connection filed more than a calendar length ahead waits in its bucket until its own turn (it is
// checked and kept, which costs little since the calendar spans many mean holding times).
//
// The items filed are Connections (the path and block to free), or with failures the index of a
// service record (BasicDepartureCalendar<T> for any T with a `departure` time).
//
// Thread-compatible: one per replication. Deterministic: the same calls give the same releases in
// the same order.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace lightmesh::sim {

struct Connection {
  double departure = 0;
  double arrival = 0;
  std::uint32_t path = 0;   // index into the PathTable
  std::uint16_t start = 0;  // first slot of the block
  std::uint16_t slots = 0;  // block width, guard included
};

template <typename Item>
class BasicDepartureCalendar {
 public:
  // `width`: the bucket width (the mean gap between arrivals is a good choice); `span`: the time
  // the calendar should cover without wrapping (a few mean holding times). Both finite and > 0,
  // else one bucket serves all.
  BasicDepartureCalendar(double width, double span) {
    std::size_t buckets = 1;
    if (std::isfinite(width) && width > 0 && std::isfinite(span) && span > 0) {
      const double wanted = std::min(span / width, static_cast<double>(kMaxBuckets));
      while (static_cast<double>(buckets) < wanted) buckets *= 2;
      per_width_ = 1.0 / width;
    }
    head_.assign(buckets, kNil);
    mask_ = buckets - 1;
  }

  std::size_t size() const { return size_; }

  void add(const Item& c) {
    std::uint32_t i = free_;
    if (i != kNil) {
      free_ = nodes_[i].next;
    } else {
      i = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    std::uint32_t& head = head_[bucket_of(c.departure) & mask_];
    nodes_[i] = {c, head};
    head = i;
    ++size_;
  }

  // Calls f(item) for every item with departure ≤ now and removes it. `now` never
  // decreases between calls; an infinite `now` releases everything.
  template <typename F>
  void release_until(double now, F&& f) {
    if (size_ == 0) {
      next_ = bucket_of(now);
      return;
    }
    const std::uint64_t last = std::isfinite(now) ? bucket_of(now) : next_ + mask_;
    // Past buckets are wholly due; when time jumped more than a calendar length, one lap suffices.
    const std::uint64_t end = std::min(last, next_ + mask_ + 1);
    for (std::uint64_t b = next_; b <= end && size_ > 0; ++b) drain(head_[b & mask_], now, f);
    next_ = last;
  }

  // Every item still in service, in no particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (std::uint32_t head : head_)
      for (std::uint32_t i = head; i != kNil; i = nodes_[i].next) f(nodes_[i].c);
  }

 private:
  static constexpr std::size_t kMaxBuckets = 1 << 20;

  // Times are ≥ 0, so truncation is floor; a product rather than a quotient, and the same one for
  // filing and releasing, so a time and its bucket always agree (the product is monotone in t).
  std::uint64_t bucket_of(double t) const {
    const double b = t * per_width_;
    return b < 9e18 ? static_cast<std::uint64_t>(b) : ~0ULL >> 1;  // NaN (0 × ∞) gives the cap too
  }

  template <typename F>
  void drain(std::uint32_t& head, double now, F& f) {
    std::uint32_t* link = &head;
    while (*link != kNil) {
      const std::uint32_t i = *link;
      Node& node = nodes_[i];
      if (node.c.departure <= now) {
        f(node.c);
        *link = node.next;
        node.next = free_;
        free_ = i;
        --size_;
      } else {
        link = &node.next;
      }
    }
  }

  struct Node {
    Item c;
    std::uint32_t next;
  };
  static constexpr std::uint32_t kNil = ~0u;

  double per_width_ = 0;  // 1 / bucket width; 0: a single bucket
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::uint64_t next_ = 0;           // the first bucket number not yet wholly released
  std::vector<std::uint32_t> head_;  // per bucket, the first node of its list, or kNil
  std::vector<Node> nodes_;
  std::uint32_t free_ = kNil;  // the first unused node
};

using DepartureCalendar = BasicDepartureCalendar<Connection>;

}  // namespace lightmesh::sim
