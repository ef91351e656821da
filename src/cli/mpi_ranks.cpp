#include "cli/mpi_ranks.h"

#include <cstdlib>
#include <string>
#include <type_traits>

#ifdef LIGHTMESH_HAVE_MPI
#include <mpi.h>
#endif

namespace lightmesh::cli {

namespace {

// The number of ranks the launcher says it started, from its environment: Open MPI's mpirun, or
// a PMI launcher (MPICH's hydra, Slurm). 1 when the process was started some other way.
std::uint32_t launched_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* v = std::getenv(name)) {
      const long n = std::strtol(v, nullptr, 10);
      if (n > 1) return static_cast<std::uint32_t>(n);
    }
  }
  return 1;
}

}  // namespace

bool MpiRanks::available() {
#ifdef LIGHTMESH_HAVE_MPI
  return true;
#else
  return false;
#endif
}

Result<MpiRanks> MpiRanks::join() {
  const std::uint32_t launched = launched_ranks();
  if (launched == 1) return MpiRanks(0, 1, false);
#ifdef LIGHTMESH_HAVE_MPI
  MPI_Init(nullptr, nullptr);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return MpiRanks(static_cast<std::uint32_t>(rank), static_cast<std::uint32_t>(size), true);
#else
  return Error::invalid("started as one of " + std::to_string(launched) +
                        " MPI ranks, but this lightmesh was built without MPI (install Debian's "
                        "libopenmpi-dev and rebuild; the build says whether it found MPI)");
#endif
}

MpiRanks::MpiRanks(MpiRanks&& other) noexcept
    : rank_(other.rank_), size_(other.size_), joined_(other.joined_) {
  other.joined_ = false;
}

MpiRanks::~MpiRanks() {
#ifdef LIGHTMESH_HAVE_MPI
  if (joined_) MPI_Finalize();
#endif
}

void MpiRanks::gather(std::vector<sim::ReplicationTotals>& totals) const {
  if (size_ == 1) return;
#ifdef LIGHTMESH_HAVE_MPI
  static_assert(std::is_trivially_copyable_v<sim::ReplicationTotals>,
                "totals travel between ranks as bytes");
  constexpr int kTag = 14;
  // The indices a rank owns, in order: both ends know them, so only the totals travel.
  auto owned = [&](std::uint32_t part) {
    std::vector<std::size_t> out;
    const sim::TaskShare s{part, size_};
    for (std::size_t i = 0; i < totals.size(); ++i) {
      if (s.owns(i)) out.push_back(i);
    }
    return out;
  };
  // One message per rank; a study's totals are tens of bytes per task, far below MPI's int count.
  if (rank_ != 0) {
    std::vector<sim::ReplicationTotals> mine;
    for (const std::size_t i : owned(rank_)) mine.push_back(totals[i]);
    MPI_Send(mine.data(), static_cast<int>(mine.size() * sizeof(sim::ReplicationTotals)), MPI_BYTE,
             0, kTag, MPI_COMM_WORLD);
    return;
  }
  for (std::uint32_t source = 1; source < size_; ++source) {
    const std::vector<std::size_t> theirs = owned(source);
    std::vector<sim::ReplicationTotals> got(theirs.size());
    MPI_Recv(got.data(), static_cast<int>(got.size() * sizeof(sim::ReplicationTotals)), MPI_BYTE,
             static_cast<int>(source), kTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    for (std::size_t k = 0; k < theirs.size(); ++k) totals[theirs[k]] = got[k];
  }
#endif
}

}  // namespace lightmesh::cli
