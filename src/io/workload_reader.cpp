#include "io/workload_reader.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

constexpr std::string_view kKinds = "training, inference, cluster, sites or production";

// The uncompressed ST 2110-20 formats whose rates docs/sources.md §5 lists. The reader only needs
// their names: rates belong to whoever sizes the links.
constexpr std::array<std::string_view, 8> kVideoFormats = {
    "720p50", "720p60", "1080p50", "1080p60", "2160p50", "2160p60", "4320p50", "4320p60"};

std::string missing(const char* key) { return fmt::format("missing required field \"{}\"", key); }

// An id or a reference to one (a site, a GPU model, a format). A missing member's place is the
// member's own pointer ("/gpu_model"), so an answer's `where` names it even when the object
// lacking it is the document itself.
Result<std::string> required_text(const ObjectReader& r, const char* key) {
  LM_ASSIGN_OR_RETURN(auto v, r.id(key));
  if (!v) return r.doc().error(r.pointer(key), missing(key));
  return *v;
}

// A count that must be at least 1: "0 is not a parallel degree (expected a whole number
// 1…1,000,000,000)".
Result<std::optional<std::uint32_t>> count_at_least_one(const ObjectReader& r, const char* key,
                                                        const char* what,
                                                        const Bound& bound = limits::kModelSize) {
  // Zero (or −0) gets its own message, which says what the count is.
  if (const Json* raw = r.get(key); raw && raw->is_number() && raw->get<double>() == 0)
    return r.doc().error(r.pointer(key),
                         fmt::format("0 is not {} (expected {})", what, bound.describe()));
  return r.bounded_count(key, bound);
}

Result<std::uint32_t> required_count(const ObjectReader& r, const char* key, const char* what,
                                     const Bound& bound = limits::kModelSize) {
  LM_ASSIGN_OR_RETURN(auto v, count_at_least_one(r, key, what, bound));
  if (!v) return r.doc().error(r.pointer(key), missing(key));
  return *v;
}

Result<TrainingSpec> read_training(const ObjectReader& r) {
  const Document& doc = r.doc();
  LM_RETURN_IF_ERROR(r.only({"kind",   "name",   "gpus",     "gpu_model",      "params_b",
                             "layers", "hidden", "seq",      "micro_batch",    "micro_batches",
                             "tp",     "pp",     "dp",       "step_compute_s", "flops",
                             "mfu",    "sync",   "diloco_h", "max_slowdown",   "link_gbps"}));
  TrainingSpec t;
  LM_ASSIGN_OR_RETURN(t.gpus, required_count(r, "gpus", "a GPU count", limits::kWorkloadGpus));
  LM_ASSIGN_OR_RETURN(t.gpu_model, required_text(r, "gpu_model"));
  if (t.gpu_model.empty())
    return doc.error(r.pointer("gpu_model"), "an empty GPU model (expected e.g. \"H100\")");
  LM_ASSIGN_OR_RETURN(t.params_b, r.required_bounded("params_b", limits::kParamsB));
  LM_ASSIGN_OR_RETURN(t.layers, required_count(r, "layers", "a layer count"));
  LM_ASSIGN_OR_RETURN(t.hidden, required_count(r, "hidden", "a hidden size"));
  LM_ASSIGN_OR_RETURN(t.seq, required_count(r, "seq", "a sequence length"));
  LM_ASSIGN_OR_RETURN(auto micro_batch, count_at_least_one(r, "micro_batch", "a micro-batch size"));
  t.micro_batch = micro_batch.value_or(1);
  LM_ASSIGN_OR_RETURN(t.micro_batches,
                      count_at_least_one(r, "micro_batches", "a number of micro-batches"));
  LM_ASSIGN_OR_RETURN(t.tp, required_count(r, "tp", "a parallel degree"));
  LM_ASSIGN_OR_RETURN(t.pp, required_count(r, "pp", "a parallel degree"));
  LM_ASSIGN_OR_RETURN(t.dp, required_count(r, "dp", "a parallel degree"));
  // 64-bit: three 32-bit degrees can overflow 32 bits and wrap to a value that matches.
  const std::uint64_t product = std::uint64_t{t.tp} * t.pp * t.dp;
  if (product != t.gpus) {
    return doc.error(r.pointer("gpus"), fmt::format("{} is not tp × pp × dp = {} × {} × {} = {}",
                                                    t.gpus, t.tp, t.pp, t.dp, product));
  }
  if (t.pp > t.layers) {
    return doc.error(r.pointer("pp"),
                     fmt::format("{} pipeline stages for {} layers (expected pp ≤ layers: every "
                                 "stage holds at least one layer)",
                                 t.pp, t.layers));
  }

  LM_ASSIGN_OR_RETURN(t.step_compute_s, r.bounded("step_compute_s", limits::kSeconds));
  LM_ASSIGN_OR_RETURN(t.flops, r.bounded("flops", limits::kFlops));
  LM_ASSIGN_OR_RETURN(t.mfu, r.number("mfu", "a fraction 0 < mfu ≤ 1"));
  if (t.mfu && (*t.mfu <= 0 || *t.mfu > 1)) {
    return doc.error(
        r.pointer("mfu"),
        fmt::format("{:g} is not a model FLOPs utilisation (expected 0 < mfu ≤ 1)", *t.mfu));
  }
  // Exactly one way to the compute time, so a document never says two things the placer would
  // have to choose between.
  if (t.step_compute_s && t.mfu) {
    return doc.error(r.pointer("mfu"),
                     "both \"step_compute_s\" and \"mfu\" given (expected one: the measured step "
                     "time, or the FLOPs model with its utilisation)");
  }
  if (!t.step_compute_s && !t.mfu) {
    return doc.error(r.pointer(),
                     "neither \"step_compute_s\" nor \"mfu\" given (expected the compute time of "
                     "one step, or \"mfu\" with optional \"flops\")");
  }
  if (t.flops && !t.mfu) {
    return doc.error(r.pointer("flops"),
                     "\"flops\" is used only with \"mfu\" (expected \"mfu\" too, or no \"flops\")");
  }

  LM_ASSIGN_OR_RETURN(auto sync, r.string("sync"));
  if (sync) {
    if (*sync == "dp")
      t.sync = SyncMode::kDataParallel;
    else if (*sync == "diloco")
      t.sync = SyncMode::kDiloco;
    else
      return doc.error(r.pointer("sync"),
                       "unknown sync mode \"" + *sync + "\" (expected dp or diloco)");
  }
  LM_ASSIGN_OR_RETURN(auto h, count_at_least_one(r, "diloco_h", "a number of inner steps"));
  if (h && t.sync != SyncMode::kDiloco) {
    return doc.error(r.pointer("diloco_h"),
                     "\"diloco_h\" given with sync \"dp\" (expected \"sync\": \"diloco\", or no "
                     "\"diloco_h\")");
  }
  // docs/sources.md §4: DiLoCo runs H = 100–500 inner steps per outer all-reduce.
  if (t.sync == SyncMode::kDiloco) t.diloco_h = h.value_or(500);

  LM_ASSIGN_OR_RETURN(auto slowdown, r.bounded("max_slowdown", limits::kSlowdown));
  if (slowdown) {
    if (*slowdown < 1) {
      return doc.error(r.pointer("max_slowdown"),
                       fmt::format("{:g} is below 1 (expected a factor ≥ 1: the step time over "
                                   "the same job's step time in one site)",
                                   *slowdown));
    }
    t.max_slowdown = *slowdown;
  }
  LM_ASSIGN_OR_RETURN(t.link_gbps, r.bounded("link_gbps", limits::kBandwidthGbps));
  return t;
}

Result<InferenceSpec> read_inference(const ObjectReader& r) {
  const Document& doc = r.doc();
  LM_RETURN_IF_ERROR(r.only({"kind", "name", "data_site", "allowed_jurisdictions", "confidential",
                             "diskless", "gpus", "gpu_model", "bandwidth_gbps", "max_rtt_us",
                             "request_rate_per_s", "request_kb"}));
  InferenceSpec s;
  LM_ASSIGN_OR_RETURN(s.data_site, required_text(r, "data_site"));
  if (s.data_site.empty())
    return doc.error(r.pointer("data_site"), "an empty site id (expected the data site's id)");
  LM_ASSIGN_OR_RETURN(const Json* allowed, r.list("allowed_jurisdictions"));
  if (!allowed)
    return doc.error(r.pointer("allowed_jurisdictions"), missing("allowed_jurisdictions"));
  if (allowed->empty()) {
    return doc.error(r.pointer("allowed_jurisdictions"),
                     "an empty list allows no jurisdiction (expected e.g. [\"JP\"])");
  }
  for (std::size_t i = 0; i < allowed->size(); ++i) {
    const Json& j = (*allowed)[i];
    const std::string p = r.pointer("allowed_jurisdictions") + "/" + std::to_string(i);
    if (!j.is_string() || j.get<std::string>().empty())
      return doc.error(p, describe(j) + " is not a jurisdiction (expected e.g. \"JP\")");
    s.allowed_jurisdictions.push_back(j.get<std::string>());
  }
  LM_ASSIGN_OR_RETURN(auto confidential, r.boolean("confidential"));
  LM_ASSIGN_OR_RETURN(auto diskless, r.boolean("diskless"));
  s.confidential = confidential.value_or(true);
  s.diskless = diskless.value_or(true);
  LM_ASSIGN_OR_RETURN(s.gpus, required_count(r, "gpus", "a GPU count", limits::kWorkloadGpus));
  LM_ASSIGN_OR_RETURN(auto model, r.id("gpu_model"));
  s.gpu_model = model.value_or("");
  LM_ASSIGN_OR_RETURN(s.bandwidth_gbps,
                      r.required_bounded("bandwidth_gbps", limits::kBandwidthGbps));
  LM_ASSIGN_OR_RETURN(s.max_rtt_us, r.required_bounded("max_rtt_us", limits::kLatencyBoundUs));
  LM_ASSIGN_OR_RETURN(s.request_rate_per_s, r.bounded("request_rate_per_s", limits::kRatePerS));
  LM_ASSIGN_OR_RETURN(s.request_kb, r.bounded("request_kb", limits::kSizeKb));
  return s;
}

constexpr std::array<std::string_view, 3> kRoles = {"gpu", "cpu", "storage"};

Result<ClusterSpec> read_cluster(const ObjectReader& r) {
  const Document& doc = r.doc();
  LM_RETURN_IF_ERROR(r.only({"kind", "name", "roles", "edges", "split_roles"}));
  ClusterSpec c;
  const Json* roles = r.get("roles");
  if (!roles) return doc.error(r.pointer("roles"), missing("roles"));
  ObjectReader rr(doc, *roles, r.pointer("roles"));
  LM_RETURN_IF_ERROR(rr.expect_object());
  LM_RETURN_IF_ERROR(rr.only({"gpu", "cpu", "storage"}));
  if (!rr.has("gpu") && !rr.has("cpu") && !rr.has("storage"))
    return doc.error(rr.pointer(), "no role (expected at least one of gpu, cpu, storage)");
  if (const Json* g = rr.get("gpu")) {
    ObjectReader gr(doc, *g, rr.pointer("gpu"));
    LM_RETURN_IF_ERROR(gr.expect_object());
    LM_RETURN_IF_ERROR(gr.only({"gpus", "gpu_model"}));
    LM_ASSIGN_OR_RETURN(c.roles.gpus,
                        required_count(gr, "gpus", "a GPU count", limits::kWorkloadGpus));
    LM_ASSIGN_OR_RETURN(auto model, gr.id("gpu_model"));
    c.roles.gpu_model = model.value_or("");
  }
  if (const Json* cpu = rr.get("cpu")) {
    ObjectReader cr(doc, *cpu, rr.pointer("cpu"));
    LM_RETURN_IF_ERROR(cr.expect_object());
    LM_RETURN_IF_ERROR(cr.only({"cores"}));
    LM_ASSIGN_OR_RETURN(c.roles.cores,
                        required_count(cr, "cores", "a core count", limits::kWorkloadGpus));
  }
  if (const Json* st = rr.get("storage")) {
    ObjectReader sr(doc, *st, rr.pointer("storage"));
    LM_RETURN_IF_ERROR(sr.expect_object());
    LM_RETURN_IF_ERROR(sr.only({"tb"}));
    LM_ASSIGN_OR_RETURN(c.roles.storage_tb, sr.required_bounded("tb", limits::kStorageAskTb));
  }

  LM_ASSIGN_OR_RETURN(const Json* edges, r.list("edges"));
  if (edges) {
    for (std::size_t i = 0; i < edges->size(); ++i) {
      ObjectReader er(doc, (*edges)[i], r.pointer("edges") + "/" + std::to_string(i));
      LM_RETURN_IF_ERROR(er.expect_object());
      LM_RETURN_IF_ERROR(er.only({"a", "b", "max_rtt_us", "min_gbps"}));
      ClusterEdge e;
      for (auto [key, field] : {std::pair{"a", &e.a}, std::pair{"b", &e.b}}) {
        LM_ASSIGN_OR_RETURN(*field, required_text(er, key));
        bool known = false;
        for (auto role : kRoles) known = known || role == *field;
        if (!known) {
          return doc.error(er.pointer(key),
                           "unknown role \"" + *field + "\" (expected gpu, cpu or storage)");
        }
        if (!rr.has(field->c_str())) {
          return doc.error(er.pointer(key), "the role \"" + *field +
                                                "\" is not in \"roles\" (expected one of the "
                                                "roles the cluster asks for)");
        }
      }
      LM_ASSIGN_OR_RETURN(e.max_rtt_us, er.required_bounded("max_rtt_us", limits::kLatencyBoundUs));
      LM_ASSIGN_OR_RETURN(e.min_gbps, er.required_bounded("min_gbps", limits::kBandwidthGbps));
      for (std::size_t k = 0; k < c.edges.size(); ++k) {
        const ClusterEdge& o = c.edges[k];
        if ((o.a == e.a && o.b == e.b) || (o.a == e.b && o.b == e.a)) {
          return doc.error(er.pointer(),
                           fmt::format("a second edge between {} and {} (also {}/{}; expected one "
                                       "edge per pair of roles)",
                                       e.a, e.b, r.pointer("edges"), k));
        }
      }
      c.edges.push_back(std::move(e));
    }
  }
  LM_ASSIGN_OR_RETURN(auto split, r.boolean("split_roles"));
  c.split_roles = split.value_or(false);
  return c;
}

Result<SitesSpec> read_sites(const ObjectReader& r) {
  const Document& doc = r.doc();
  LM_RETURN_IF_ERROR(
      r.only({"kind", "name", "anchor", "max_rtt_us", "reserve", "equalize", "bandwidth_gbps"}));
  SitesSpec s;
  LM_ASSIGN_OR_RETURN(s.anchor, required_text(r, "anchor"));
  if (s.anchor.empty())
    return doc.error(r.pointer("anchor"), "an empty site id (expected the anchor site's id)");
  LM_ASSIGN_OR_RETURN(s.max_rtt_us, r.required_bounded("max_rtt_us", limits::kLatencyBoundUs));
  LM_ASSIGN_OR_RETURN(auto reserve, r.bounded_count("reserve", limits::kReserveCount));
  s.reserve = reserve.value_or(0);
  LM_ASSIGN_OR_RETURN(auto equalize, r.boolean("equalize"));
  s.equalize = equalize.value_or(false);
  if (s.equalize && s.reserve == 0) {
    return doc.error(r.pointer("equalize"),
                     "\"equalize\" applies to reserved paths (expected \"reserve\" ≥ 1)");
  }
  LM_ASSIGN_OR_RETURN(auto bw, r.bounded("bandwidth_gbps", limits::kBandwidthGbps));
  s.bandwidth_gbps = bw.value_or(s.bandwidth_gbps);
  return s;
}

Result<ProductionSpec> read_production(const ObjectReader& r) {
  const Document& doc = r.doc();
  LM_RETURN_IF_ERROR(r.only(
      {"kind", "name", "venue", "gallery", "cameras", "format", "redundancy", "max_one_way_us"}));
  ProductionSpec p;
  LM_ASSIGN_OR_RETURN(p.venue, required_text(r, "venue"));
  if (p.venue.empty())
    return doc.error(r.pointer("venue"), "an empty site id (expected the venue's site id)");
  LM_ASSIGN_OR_RETURN(p.gallery, required_text(r, "gallery"));
  if (p.gallery.empty())
    return doc.error(r.pointer("gallery"), "an empty site id (expected the gallery's site id)");
  if (p.gallery == p.venue) {
    return doc.error(r.pointer("gallery"), "\"" + p.gallery +
                                               "\" is also the venue (expected the production "
                                               "centre to be another site)");
  }
  LM_ASSIGN_OR_RETURN(p.cameras,
                      required_count(r, "cameras", "a camera count", limits::kCameraCount));
  LM_ASSIGN_OR_RETURN(p.format, required_text(r, "format"));
  bool known = false;
  for (auto f : kVideoFormats) known = known || f == p.format;
  if (!known) {
    std::string list;
    for (auto f : kVideoFormats) list += (list.empty() ? "" : ", ") + std::string(f);
    return doc.error(r.pointer("format"),
                     "unknown video format \"" + p.format + "\" (expected one of: " + list + ")");
  }
  LM_ASSIGN_OR_RETURN(auto redundancy, r.string("redundancy"));
  if (redundancy) {
    if (*redundancy == "none")
      p.redundancy = Redundancy::kNone;
    else if (*redundancy == "2022-7")
      p.redundancy = Redundancy::kSt2022_7;
    else
      return doc.error(r.pointer("redundancy"),
                       "unknown redundancy \"" + *redundancy + "\" (expected none or 2022-7)");
  }
  LM_ASSIGN_OR_RETURN(p.max_one_way_us,
                      r.required_bounded("max_one_way_us", limits::kLatencyBoundUs));
  return p;
}

Result<WorkloadSpec> workload_from_document(const Document& doc) {
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_ASSIGN_OR_RETURN(auto kind, top.string("kind"));
  if (!kind)
    return doc.error("/kind", fmt::format("missing required field \"kind\" (expected {})", kKinds));
  WorkloadSpec w;
  LM_ASSIGN_OR_RETURN(auto name, top.id("name"));
  if (*kind == "training") {
    LM_ASSIGN_OR_RETURN(w.body, read_training(top));
  } else if (*kind == "inference") {
    LM_ASSIGN_OR_RETURN(w.body, read_inference(top));
  } else if (*kind == "cluster") {
    LM_ASSIGN_OR_RETURN(w.body, read_cluster(top));
  } else if (*kind == "sites") {
    LM_ASSIGN_OR_RETURN(w.body, read_sites(top));
  } else if (*kind == "production") {
    LM_ASSIGN_OR_RETURN(w.body, read_production(top));
  } else {
    return doc.error("/kind", fmt::format("unknown kind \"{}\" (expected {})", *kind, kKinds));
  }
  w.name = name.value_or("");
  return w;
}

}  // namespace

Result<WorkloadSpec> read_workload(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  return workload_from_document(doc);
}

Result<WorkloadSpec> read_workload_file(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return read_workload(text, path);
}

}  // namespace lightmesh::io
