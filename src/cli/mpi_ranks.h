// MpiRanks: the processes that `mpirun -n K lightmesh simulate …` starts, as `simulate` sees them.
// Each rank runs its share of the study's tasks (sim::TaskShare); rank 0 gathers every rank's
// totals, merges them and writes the output, so K ranks print what one process prints.
//
//   LM_ASSIGN_OR_RETURN(MpiRanks ranks, MpiRanks::join());
//   auto totals = sim::run_study_share(study, threads, ranks.share());
//   ranks.gather(totals);
//   if (ranks.root()) print(sim::merge_study(study, totals));
//
// A process not started by mpirun (or a build without MPI) is one rank of one. MPI is joined once
// per process and left when the MpiRanks is destroyed. Not thread-safe: one per process.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "sim/simulation.h"

namespace lightmesh::cli {

class MpiRanks {
 public:
  // Fails when mpirun started several ranks but this build has no MPI (each would run the whole
  // study and print it).
  static Result<MpiRanks> join();
  ~MpiRanks();
  MpiRanks(MpiRanks&& other) noexcept;
  MpiRanks& operator=(MpiRanks&&) = delete;
  MpiRanks(const MpiRanks&) = delete;
  MpiRanks& operator=(const MpiRanks&) = delete;

  std::uint32_t rank() const { return rank_; }
  std::uint32_t size() const { return size_; }
  bool root() const { return rank_ == 0; }
  sim::TaskShare share() const { return {rank_, size_}; }

  // Collective: every rank sends the totals of the tasks it owns to rank 0, which puts them in
  // place in its own `totals`. Other ranks' vectors are left as they were.
  void gather(std::vector<sim::ReplicationTotals>& totals) const;

  // Whether this build can run under mpirun ("built with MPI" in `lightmesh simulate --help`).
  static bool available();

 private:
  MpiRanks(std::uint32_t rank, std::uint32_t size, bool joined)
      : rank_(rank), size_(size), joined_(joined) {}
  std::uint32_t rank_ = 0;
  std::uint32_t size_ = 1;
  bool joined_ = false;  // this object called MPI_Init and will call MPI_Finalize
};

}  // namespace lightmesh::cli
