// Workload documents (JSON or YAML), read into a WorkloadSpec: one document per file, its kind
// named by "kind". See docs/formats.md, "Workload documents".
//
//   LM_ASSIGN_OR_RETURN(WorkloadSpec w, read_workload_file("examples/workloads/training.json"));
//   if (w.kind() == WorkloadKind::kTraining) use(std::get<TrainingSpec>(w.body));
//
// The reader checks syntax, types, required and unknown fields and what a document says on its
// own (tp × pp × dp = gpus, max_slowdown ≥ 1, an edge's roles are listed …). It does not know the
// network: site ids and GPU models are checked when the workload is placed. Every error is one
// line naming the file, the JSON pointer (and the YAML line) and what was expected.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/workload_spec.h"

namespace lightmesh::io {

// Parses the text (JSON or YAML, by the file name's extension or by content) into a workload.
// `file` names the input in errors (a path, or e.g. "request body").
Result<WorkloadSpec> read_workload(std::string_view text, std::string_view file);

// Reads and parses a workload file.
Result<WorkloadSpec> read_workload_file(const std::string& path);

}  // namespace lightmesh::io
