// Goal lines for `make bench`: a measured figure printed beside the target and their ratio.
//
//   double s = median_seconds(5, [&] { plan(...); });
//   print_goal("plan 1,000 demands, 500 nodes", s, 1.0);
//
// scripts/run-bench.sh collects every line starting with "GOAL" into the closing summary.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace lightmesh::bench {

// Median wall time of `runs` calls, in seconds.
template <typename F>
double median_seconds(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

inline std::string human_seconds(double s) {
  char buf[64];
  if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.1f µs", s * 1e6);
  else if (s < 1.0)
    std::snprintf(buf, sizeof buf, "%.2f ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

// "GOAL  <what>: <measured> (goal < <goal>; 0.42 × goal) ok|MISSED"
inline void print_goal(const std::string& what, double seconds, double goal_seconds) {
  std::printf("GOAL  %-58s %10s  (goal < %s; %.3f × goal) %s\n", what.c_str(),
              human_seconds(seconds).c_str(), human_seconds(goal_seconds).c_str(),
              seconds / goal_seconds, seconds < goal_seconds ? "ok" : "MISSED");
  std::fflush(stdout);
}

}  // namespace lightmesh::bench
