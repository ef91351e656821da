// Workload documents: each kind reads alike from JSON and YAML with its stated defaults, every
// rule of the format refuses a document with one line naming the file, the JSON pointer (plus the
// YAML line) and what was expected, and every example document parses.
#include "io/workload_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "io/load.h"

namespace lightmesh {
namespace {

using nlohmann::json;

json training() {
  return json::parse(R"({"kind": "training", "gpus": 64, "gpu_model": "H100", "params_b": 7,
    "layers": 32, "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 2, "dp": 4,
    "step_compute_s": 2.5})");
}

json inference() {
  return json::parse(R"({"kind": "inference", "data_site": "OTEMACHI",
    "allowed_jurisdictions": ["JP"], "gpus": 8, "bandwidth_gbps": 100, "max_rtt_us": 2000})");
}

json cluster() {
  return json::parse(R"({"kind": "cluster",
    "roles": {"gpu": {"gpus": 16}, "cpu": {"cores": 512}, "storage": {"tb": 100}},
    "edges": [{"a": "gpu", "b": "storage", "max_rtt_us": 500, "min_gbps": 400},
              {"a": "cpu", "b": "gpu", "max_rtt_us": 200, "min_gbps": 100}]})");
}

json sites() { return json::parse(R"({"kind": "sites", "anchor": "LSE", "max_rtt_us": 1000})"); }

json production() {
  return json::parse(R"({"kind": "production", "venue": "KAWASAKI", "gallery": "OTEMACHI",
    "cameras": 20, "format": "2160p50", "max_one_way_us": 1000})");
}

WorkloadSpec read_ok(const std::string& text, const std::string& file = "w.json") {
  auto r = io::read_workload(text, file);
  EXPECT_TRUE(r) << r.error().to_string();
  return r ? *r : WorkloadSpec{};
}

// The error a document must give; fails the test if it loads.
Error read_error(const std::string& text, const std::string& file = "w.json") {
  auto r = io::read_workload(text, file);
  EXPECT_FALSE(r) << "expected an error for: " << text;
  if (r) return Error::internal("loaded");
  EXPECT_EQ(r.error().file(), file);
  return r.error();
}

// The place is the exact pointer, the message says what is wrong and what was expected.
void expect_error(const json& doc, const std::string& pointer, const std::string& message_part) {
  const Error e = read_error(doc.dump());
  EXPECT_EQ(e.place(), pointer) << e.to_string();
  EXPECT_NE(e.message().find(message_part), std::string::npos)
      << "message \"" << e.message() << "\" lacks \"" << message_part << "\"";
}

json with(json doc, const std::string& key, json value) {
  doc[key] = std::move(value);
  return doc;
}

json without(json doc, const std::string& key) {
  doc.erase(key);
  return doc;
}

// ---- Valid documents and defaults ----

TEST(WorkloadReader, TrainingFieldsAndDefaults) {
  const WorkloadSpec w = read_ok(training().dump());
  ASSERT_EQ(w.kind(), WorkloadKind::kTraining);
  const auto& t = std::get<TrainingSpec>(w.body);
  EXPECT_EQ(t.gpus, 64u);
  EXPECT_EQ(t.gpu_model, "H100");
  EXPECT_DOUBLE_EQ(t.params_b, 7);
  EXPECT_EQ(t.layers, 32u);
  EXPECT_EQ(t.hidden, 4096u);
  EXPECT_EQ(t.seq, 4096u);
  EXPECT_EQ(t.tp * t.pp * t.dp, t.gpus);
  EXPECT_EQ(t.step_compute_s, 2.5);
  EXPECT_FALSE(t.mfu);
  EXPECT_FALSE(t.micro_batches);
  EXPECT_EQ(t.sync, SyncMode::kDataParallel);  // default "dp"
  EXPECT_EQ(t.diloco_h, 0u);                   // only DiLoCo has inner steps
  EXPECT_DOUBLE_EQ(t.max_slowdown, 1.05);      // the issue's default
  EXPECT_FALSE(t.link_gbps);
  EXPECT_EQ(read_ok(without(training(), "micro_batch").dump()).kind(), WorkloadKind::kTraining);
  EXPECT_EQ(
      std::get<TrainingSpec>(read_ok(without(training(), "micro_batch").dump()).body).micro_batch,
      1u);
}

TEST(WorkloadReader, TrainingOptionalFields) {
  json doc = without(training(), "step_compute_s");
  doc["name"] = "tsuzumi-7b";
  doc["mfu"] = 1;  // the upper edge is allowed
  doc["flops"] = 1e18;
  doc["micro_batches"] = 16;
  doc["sync"] = "diloco";
  doc["max_slowdown"] = 1;  // the lower edge is allowed
  doc["link_gbps"] = 400;
  const WorkloadSpec w = read_ok(doc.dump());
  EXPECT_EQ(w.name, "tsuzumi-7b");
  const auto& t = std::get<TrainingSpec>(w.body);
  EXPECT_EQ(t.mfu, 1.0);
  EXPECT_EQ(t.flops, 1e18);
  EXPECT_EQ(t.micro_batches, 16u);
  EXPECT_EQ(t.sync, SyncMode::kDiloco);
  EXPECT_EQ(t.diloco_h, 500u);  // docs/sources.md §4: H = 100–500
  EXPECT_DOUBLE_EQ(t.max_slowdown, 1.0);
  EXPECT_EQ(t.link_gbps, 400.0);
  doc["diloco_h"] = 100;
  EXPECT_EQ(std::get<TrainingSpec>(read_ok(doc.dump()).body).diloco_h, 100u);
}

TEST(WorkloadReader, InferenceFieldsAndDefaults) {
  const auto s = std::get<InferenceSpec>(read_ok(inference().dump()).body);
  EXPECT_EQ(s.data_site, "OTEMACHI");
  EXPECT_EQ(s.allowed_jurisdictions, std::vector<std::string>{"JP"});
  EXPECT_TRUE(s.confidential);  // residency defaults to the strict side
  EXPECT_TRUE(s.diskless);
  EXPECT_EQ(s.gpus, 8u);
  EXPECT_EQ(s.gpu_model, "");
  EXPECT_DOUBLE_EQ(s.bandwidth_gbps, 100);
  EXPECT_DOUBLE_EQ(s.max_rtt_us, 2000);
  EXPECT_FALSE(s.request_rate_per_s);
  json doc = inference();
  doc["confidential"] = false;
  doc["diskless"] = false;
  doc["gpu_model"] = "H100";
  doc["request_rate_per_s"] = 50;
  doc["request_kb"] = 4;
  const auto o = std::get<InferenceSpec>(read_ok(doc.dump()).body);
  EXPECT_FALSE(o.confidential);
  EXPECT_FALSE(o.diskless);
  EXPECT_EQ(o.gpu_model, "H100");
  EXPECT_EQ(o.request_rate_per_s, 50.0);
  EXPECT_EQ(o.request_kb, 4.0);
}

TEST(WorkloadReader, ClusterFieldsAndDefaults) {
  const auto c = std::get<ClusterSpec>(read_ok(cluster().dump()).body);
  EXPECT_EQ(c.roles.gpus, 16u);
  EXPECT_EQ(c.roles.cores, 512u);
  EXPECT_DOUBLE_EQ(c.roles.storage_tb, 100);
  ASSERT_EQ(c.edges.size(), 2u);
  EXPECT_EQ(c.edges[1].a, "cpu");
  EXPECT_EQ(c.edges[1].b, "gpu");
  EXPECT_DOUBLE_EQ(c.edges[1].max_rtt_us, 200);
  EXPECT_DOUBLE_EQ(c.edges[1].min_gbps, 100);
  EXPECT_FALSE(c.split_roles);
  // A role left out is not wanted (amount 0); edges are optional.
  const auto only_gpu = std::get<ClusterSpec>(
      read_ok(R"({"kind": "cluster", "roles": {"gpu": {"gpus": 8, "gpu_model": "H100"}},
                  "split_roles": true})")
          .body);
  EXPECT_EQ(only_gpu.roles.gpu_model, "H100");
  EXPECT_EQ(only_gpu.roles.cores, 0u);
  EXPECT_EQ(only_gpu.roles.storage_tb, 0.0);
  EXPECT_TRUE(only_gpu.edges.empty());
  EXPECT_TRUE(only_gpu.split_roles);
}

TEST(WorkloadReader, SitesFieldsAndDefaults) {
  const auto s = std::get<SitesSpec>(read_ok(sites().dump()).body);
  EXPECT_EQ(s.anchor, "LSE");
  EXPECT_DOUBLE_EQ(s.max_rtt_us, 1000);
  EXPECT_EQ(s.reserve, 0u);
  EXPECT_FALSE(s.equalize);
  EXPECT_DOUBLE_EQ(s.bandwidth_gbps, 10);  // the stated default
  json doc = sites();
  doc["reserve"] = 3;
  doc["equalize"] = true;
  doc["bandwidth_gbps"] = 100;
  const auto r = std::get<SitesSpec>(read_ok(doc.dump()).body);
  EXPECT_EQ(r.reserve, 3u);
  EXPECT_TRUE(r.equalize);
  EXPECT_DOUBLE_EQ(r.bandwidth_gbps, 100);
}

TEST(WorkloadReader, ProductionFieldsAndDefaults) {
  const auto p = std::get<ProductionSpec>(read_ok(production().dump()).body);
  EXPECT_EQ(p.venue, "KAWASAKI");
  EXPECT_EQ(p.gallery, "OTEMACHI");
  EXPECT_EQ(p.cameras, 20u);
  EXPECT_EQ(p.format, "2160p50");
  EXPECT_EQ(p.redundancy, Redundancy::kNone);
  EXPECT_DOUBLE_EQ(p.max_one_way_us, 1000);
  const auto r =
      std::get<ProductionSpec>(read_ok(with(production(), "redundancy", "2022-7").dump()).body);
  EXPECT_EQ(r.redundancy, Redundancy::kSt2022_7);
  // Every format of docs/sources.md §5 is known.
  for (const char* f :
       {"720p50", "720p60", "1080p50", "1080p60", "2160p50", "2160p60", "4320p50", "4320p60"}) {
    EXPECT_EQ(std::get<ProductionSpec>(read_ok(with(production(), "format", f).dump()).body).format,
              f);
  }
}

TEST(WorkloadReader, YamlReadsLikeJson) {
  const WorkloadSpec y = read_ok(R"(kind: training
name: tsuzumi-7b
gpus: 64
gpu_model: H100
params_b: 7
layers: 32
hidden: 4096
seq: 4096
micro_batch: 1
tp: 8
pp: 2
dp: 4
step_compute_s: 2.5
)",
                                 "job.yaml");
  const WorkloadSpec j = read_ok(with(training(), "name", "tsuzumi-7b").dump());
  const auto& a = std::get<TrainingSpec>(y.body);
  const auto& b = std::get<TrainingSpec>(j.body);
  EXPECT_EQ(y.name, j.name);
  EXPECT_EQ(a.gpus, b.gpus);
  EXPECT_EQ(a.gpu_model, b.gpu_model);
  EXPECT_EQ(a.params_b, b.params_b);
  EXPECT_EQ(a.tp, b.tp);
  EXPECT_EQ(a.pp, b.pp);
  EXPECT_EQ(a.dp, b.dp);
  EXPECT_EQ(a.step_compute_s, b.step_compute_s);
  EXPECT_EQ(a.max_slowdown, b.max_slowdown);

  const auto c = std::get<ClusterSpec>(read_ok(R"(kind: cluster
roles:
  gpu: {gpus: 16}
  storage: {tb: 100}
edges:
  - {a: gpu, b: storage, max_rtt_us: 500, min_gbps: 400}
)",
                                               "c.yml")
                                           .body);
  EXPECT_EQ(c.roles.gpus, 16u);
  EXPECT_EQ(c.roles.storage_tb, 100.0);
  ASSERT_EQ(c.edges.size(), 1u);
  EXPECT_EQ(c.edges[0].b, "storage");
}

// ---- Errors: the document as a whole ----

TEST(WorkloadReader, KindIsRequiredAndKnown) {
  expect_error(without(training(), "kind"), "/kind", "missing required field \"kind\"");
  const Error e = read_error(with(training(), "kind", "batch").dump());
  EXPECT_EQ(e.place(), "/kind");
  EXPECT_EQ(e.message(),
            "unknown kind \"batch\" (expected training, inference, cluster, sites or production)");
  expect_error(with(training(), "kind", 3), "/kind", "3 is not a string");
  expect_error(json::array(), "", "is not an object");
  expect_error(with(training(), "name", 3), "/name", "3 is not a string");
}

TEST(WorkloadReader, SyntaxErrorsAndEmptyInput) {
  EXPECT_EQ(read_error("", "w.json").to_string(),
            "w.json: the file is empty (expected a JSON or YAML object)");
  EXPECT_NE(read_error("{\"kind\": ", "w.json").message().find("invalid JSON"), std::string::npos);
  EXPECT_NE(read_error("kind: [training\n", "w.yaml").message().find("invalid YAML"),
            std::string::npos);
}

TEST(WorkloadReader, UnknownFieldsAreErrorsForEveryKind) {
  for (const json& doc : {training(), inference(), cluster(), sites(), production()}) {
    const Error e = read_error(with(doc, "tenant", "acme").dump());
    EXPECT_EQ(e.place(), "/tenant");
    EXPECT_NE(e.message().find("unknown field \"tenant\" (expected one of: kind, name"),
              std::string::npos)
        << e.message();
  }
  // A comment field is free, as in every lightmesh file.
  read_ok(with(training(), "description", "anything").dump());
  read_ok(with(training(), "_note", 1).dump());
}

// ---- Errors: training ----

TEST(WorkloadReader, TrainingRequiredFields) {
  for (const char* key :
       {"gpus", "gpu_model", "params_b", "layers", "hidden", "seq", "tp", "pp", "dp"}) {
    expect_error(without(training(), key), std::string("/") + key,
                 std::string("missing required field \"") + key);
  }
  // null is the same as leaving a field out.
  expect_error(with(training(), "tp", nullptr), "/tp", "missing required field \"tp\"");
}

TEST(WorkloadReader, TrainingTypes) {
  expect_error(with(training(), "gpus", "64"), "/gpus",
               "\"64\" is not a number (expected a whole number 1…10,000,000)");
  expect_error(with(training(), "gpus", 6.5), "/gpus", "6.5 is not a whole number");
  expect_error(with(training(), "params_b", "7B"), "/params_b", "\"7B\" is not a number");
  expect_error(with(training(), "gpu_model", 100), "/gpu_model", "100 is not a string");
  expect_error(with(training(), "gpu_model", ""), "/gpu_model", "an empty GPU model");
  expect_error(with(training(), "sync", true), "/sync", "true is not a string");
  expect_error(with(training(), "params_b", 0), "/params_b", "0 is out of range (expected 0 < x");
  expect_error(with(training(), "step_compute_s", -1), "/step_compute_s",
               "-1 is out of range (expected 0 < x ≤ 1,000,000 s)");
  expect_error(with(training(), "link_gbps", 0), "/link_gbps",
               "0 is out of range (expected 0.001 ≤ x");
}

TEST(WorkloadReader, TrainingParallelDegrees) {
  for (const char* key :
       {"tp", "pp", "dp", "gpus", "layers", "hidden", "seq", "micro_batch", "micro_batches"}) {
    expect_error(with(training(), key, 0), std::string("/") + key, "0 is not");
  }
  expect_error(with(training(), "tp", 0), "/tp",
               "0 is not a parallel degree (expected a whole number 1…");
  const Error e = read_error(with(training(), "gpus", 96).dump());
  EXPECT_EQ(e.place(), "/gpus");
  EXPECT_EQ(e.message(), "96 is not tp × pp × dp = 8 × 2 × 4 = 64");
  // A product beyond 32 bits must not wrap around to match: 2^16 × 2^16 × 1 = 2^32, not 0.
  json wrap = training();
  wrap["tp"] = 65536;
  wrap["pp"] = 1;
  wrap["dp"] = 65536;
  wrap["gpus"] = 1;
  expect_error(wrap, "/gpus", "= 4294967296");
  json deep = training();
  deep["layers"] = 2;
  deep["pp"] = 4;
  deep["dp"] = 2;
  expect_error(deep, "/pp", "4 pipeline stages for 2 layers");
}

TEST(WorkloadReader, TrainingComputeTime) {
  const json no_time = without(training(), "step_compute_s");
  expect_error(no_time, "", "neither \"step_compute_s\" nor \"mfu\"");
  expect_error(with(training(), "mfu", 0.4), "/mfu", "both \"step_compute_s\" and \"mfu\"");
  expect_error(with(no_time, "mfu", 0), "/mfu", "0 is not a model FLOPs utilisation");
  expect_error(with(no_time, "mfu", 1.2), "/mfu", "(expected 0 < mfu ≤ 1)");
  expect_error(with(no_time, "mfu", "high"), "/mfu", "\"high\" is not a number");
  expect_error(with(training(), "flops", 1e18), "/flops", "\"flops\" is used only with \"mfu\"");
  expect_error(with(with(no_time, "mfu", 0.4), "flops", -5), "/flops",
               "-5 is out of range (expected 0 < x ≤ 1e+30 FLOP)");
}

TEST(WorkloadReader, TrainingSyncAndSlowdown) {
  const Error e = read_error(with(training(), "sync", "async").dump());
  EXPECT_EQ(e.place(), "/sync");
  EXPECT_EQ(e.message(), "unknown sync mode \"async\" (expected dp or diloco)");
  expect_error(with(training(), "diloco_h", 100), "/diloco_h",
               "\"diloco_h\" given with sync \"dp\"");
  expect_error(with(with(training(), "sync", "dp"), "diloco_h", 100), "/diloco_h",
               "with sync \"dp\"");
  expect_error(with(with(training(), "sync", "diloco"), "diloco_h", 0), "/diloco_h", "0 is not");
  expect_error(with(training(), "max_slowdown", 0.99), "/max_slowdown",
               "0.99 is out of range (expected 1 ≤ x");
  expect_error(with(training(), "max_slowdown", "1.1"), "/max_slowdown", "is not a number");
}

// ---- Errors: inference ----

TEST(WorkloadReader, InferenceRules) {
  for (const char* key :
       {"data_site", "allowed_jurisdictions", "gpus", "bandwidth_gbps", "max_rtt_us"}) {
    expect_error(without(inference(), key), std::string("/") + key,
                 std::string("missing required field \"") + key);
  }
  expect_error(with(inference(), "data_site", ""), "/data_site", "an empty site id");
  expect_error(with(inference(), "allowed_jurisdictions", json::array()), "/allowed_jurisdictions",
               "an empty list allows no jurisdiction");
  expect_error(with(inference(), "allowed_jurisdictions", "JP"), "/allowed_jurisdictions",
               "\"JP\" is not a list");
  expect_error(with(inference(), "allowed_jurisdictions", json::array({"JP", 81})),
               "/allowed_jurisdictions/1", "81 is not a jurisdiction");
  expect_error(with(inference(), "allowed_jurisdictions", json::array({""})),
               "/allowed_jurisdictions/0", "\"\" is not a jurisdiction");
  expect_error(with(inference(), "confidential", "yes"), "/confidential", "\"yes\" is not true");
  expect_error(with(inference(), "diskless", 1), "/diskless", "1 is not true or false");
  expect_error(with(inference(), "gpus", 0), "/gpus", "0 is not a GPU count");
  expect_error(with(inference(), "bandwidth_gbps", 0), "/bandwidth_gbps",
               "0 is out of range (expected 0.001 ≤ x ≤ 10,000,000 Gb/s)");
  expect_error(with(inference(), "max_rtt_us", -10), "/max_rtt_us",
               "-10 is out of range (expected 0 < x ≤ 1,000,000 µs)");
  expect_error(with(inference(), "request_rate_per_s", 0), "/request_rate_per_s",
               "0 is out of range (expected 0 < x");
  expect_error(with(inference(), "request_kb", -1), "/request_kb",
               "-1 is out of range (expected 0 < x");
}

// ---- Errors: cluster ----

TEST(WorkloadReader, ClusterRoles) {
  expect_error(without(cluster(), "roles"), "/roles", "missing required field \"roles\"");
  expect_error(with(cluster(), "roles", json::array()), "/roles", "is not an object");
  expect_error(with(with(cluster(), "roles", json::object()), "edges", json::array()), "/roles",
               "no role (expected at least one of gpu, cpu, storage)");
  json tpu = cluster();
  tpu["roles"]["tpu"] = {{"count", 4}};
  expect_error(tpu, "/roles/tpu", "unknown field \"tpu\" (expected one of: gpu, cpu, storage)");
  json zero = cluster();
  zero["roles"]["gpu"]["gpus"] = 0;
  expect_error(zero, "/roles/gpu/gpus", "0 is not a GPU count");
  json no_cores = cluster();
  no_cores["roles"]["cpu"] = json::object();
  expect_error(no_cores, "/roles/cpu/cores", "missing required field \"cores\"");
  json tb = cluster();
  tb["roles"]["storage"]["tb"] = 0;
  expect_error(tb, "/roles/storage/tb", "0 is out of range (expected 0 < x ≤ 1,000,000,000 TB)");
  json extra = cluster();
  extra["roles"]["gpu"]["cores"] = 4;
  expect_error(extra, "/roles/gpu/cores", "unknown field \"cores\"");
  expect_error(with(cluster(), "split_roles", "no"), "/split_roles", "is not true or false");
}

TEST(WorkloadReader, ClusterEdges) {
  json bad_role = cluster();
  bad_role["edges"][0]["a"] = "fpga";
  expect_error(bad_role, "/edges/0/a", "unknown role \"fpga\" (expected gpu, cpu or storage)");
  json absent = cluster();
  absent["roles"].erase("storage");
  const Error e = read_error(absent.dump());
  EXPECT_EQ(e.place(), "/edges/0/b");
  EXPECT_NE(e.message().find("the role \"storage\" is not in \"roles\""), std::string::npos);
  json no_rtt = cluster();
  no_rtt["edges"][1].erase("max_rtt_us");
  expect_error(no_rtt, "/edges/1/max_rtt_us", "missing required field \"max_rtt_us\"");
  json zero_gbps = cluster();
  zero_gbps["edges"][0]["min_gbps"] = 0;
  expect_error(zero_gbps, "/edges/0/min_gbps",
               "0 is out of range (expected 0.001 ≤ x ≤ 10,000,000 Gb/s)");
  json zero_rtt = cluster();
  zero_rtt["edges"][1]["max_rtt_us"] = 0;
  expect_error(zero_rtt, "/edges/1/max_rtt_us",
               "0 is out of range (expected 0 < x ≤ 1,000,000 µs)");
  json twice = cluster();
  twice["edges"][1] = {{"a", "storage"}, {"b", "gpu"}, {"max_rtt_us", 1}, {"min_gbps", 1}};
  expect_error(twice, "/edges/1", "a second edge between storage and gpu (also /edges/0");
  expect_error(with(cluster(), "edges", json::object()), "/edges", "is not a list");
  json not_object = cluster();
  not_object["edges"][0] = "gpu-cpu";
  expect_error(not_object, "/edges/0", "is not an object");
}

// ---- Errors: sites ----

TEST(WorkloadReader, SitesRules) {
  expect_error(without(sites(), "anchor"), "/anchor", "missing required field \"anchor\"");
  expect_error(without(sites(), "max_rtt_us"), "/max_rtt_us",
               "missing required field \"max_rtt_us\"");
  expect_error(with(sites(), "anchor", ""), "/anchor", "an empty site id");
  expect_error(with(sites(), "max_rtt_us", 0), "/max_rtt_us",
               "0 is out of range (expected 0 < x ≤ 1,000,000 µs)");
  expect_error(with(sites(), "bandwidth_gbps", -10), "/bandwidth_gbps",
               "-10 is out of range (expected 0.001 ≤ x");
  expect_error(with(sites(), "reserve", -1), "/reserve",
               "-1 is out of range (expected a whole number 0…100,000)");
  expect_error(with(sites(), "equalize", true), "/equalize",
               "\"equalize\" applies to reserved paths");
}

// ---- Errors: production ----

TEST(WorkloadReader, ProductionRules) {
  for (const char* key : {"venue", "gallery", "cameras", "format", "max_one_way_us"}) {
    expect_error(without(production(), key), std::string("/") + key,
                 std::string("missing required field \"") + key);
  }
  expect_error(with(production(), "gallery", "KAWASAKI"), "/gallery", "is also the venue");
  expect_error(with(production(), "cameras", 0), "/cameras", "0 is not a camera count");
  const Error f = read_error(with(production(), "format", "8K").dump());
  EXPECT_EQ(f.place(), "/format");
  EXPECT_EQ(f.message(),
            "unknown video format \"8K\" (expected one of: 720p50, 720p60, 1080p50, 1080p60, "
            "2160p50, 2160p60, 4320p50, 4320p60)");
  const Error r = read_error(with(production(), "redundancy", "1+1").dump());
  EXPECT_EQ(r.place(), "/redundancy");
  EXPECT_EQ(r.message(), "unknown redundancy \"1+1\" (expected none or 2022-7)");
  expect_error(with(production(), "max_one_way_us", 0), "/max_one_way_us",
               "0 is out of range (expected 0 < x ≤ 1,000,000 µs)");
}

// ---- YAML errors carry the line ----

TEST(WorkloadReader, YamlErrorsNameTheLine) {
  const std::string head = "kind: training\ngpus: 64\ngpu_model: H100\nparams_b: 7\n";
  const std::string body = "layers: 32\nhidden: 4096\nseq: 4096\nstep_compute_s: 2.5\n";
  const Error zero = read_error(head + body + "tp: 0\npp: 2\ndp: 4\n", "job.yaml");
  EXPECT_EQ(zero.place(), "/tp (line 9)");
  EXPECT_EQ(zero.to_string(),
            "job.yaml: /tp (line 9): 0 is not a parallel degree (expected a whole number "
            "1…1,000,000,000)");
  const Error product = read_error(
      "kind: training\ngpus: 96\ngpu_model: H100\nparams_b: 7\n" + body + "tp: 8\npp: 2\ndp: 4\n",
      "job.yaml");
  EXPECT_EQ(product.place(), "/gpus (line 2)");
  EXPECT_EQ(product.message(), "96 is not tp × pp × dp = 8 × 2 × 4 = 64");

  const Error edge = read_error(R"(kind: cluster
roles:
  gpu: {gpus: 16}
edges:
  - a: gpu
    b: storage
    max_rtt_us: 500
    min_gbps: 400
)",
                                "c.yaml");
  EXPECT_EQ(edge.place(), "/edges/0/b (line 6)");

  const Error kind = read_error("kind: batch\n", "w.yml");
  EXPECT_EQ(kind.place(), "/kind (line 1)");
  const Error slowdown =
      read_error(head + body + "tp: 8\npp: 2\ndp: 4\nmax_slowdown: 0.5\n", "job.yaml");
  EXPECT_EQ(slowdown.place(), "/max_slowdown (line 12)");
  // yes/no are strings, not booleans.
  const Error yes = read_error(
      "kind: inference\ndata_site: A\nallowed_jurisdictions: [JP]\ngpus: 8\n"
      "bandwidth_gbps: 100\nmax_rtt_us: 2000\nconfidential: yes\n",
      "i.yaml");
  EXPECT_EQ(yes.place(), "/confidential (line 7)");
  // A missing member is named by its own pointer, at the line of the object that lacks it.
  const Error missing = read_error("kind: sites\nanchor: LSE\n", "s.yaml");
  EXPECT_EQ(missing.place(), "/max_rtt_us (line 1)");
  EXPECT_NE(missing.message().find("missing required field \"max_rtt_us\""), std::string::npos);
}

TEST(WorkloadReader, FileErrors) {
  auto r = io::read_workload_file("no/such/workload.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().file(), "no/such/workload.json");
  EXPECT_NE(r.error().message().find("cannot open file"), std::string::npos);
}

// ---- The examples ----

TEST(WorkloadReader, EveryExampleParses) {
  const std::filesystem::path dir =
      std::filesystem::path(LIGHTMESH_SOURCE_DIR) / "examples" / "workloads";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::set<WorkloadKind> kinds;
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".json" && ext != ".yaml" && ext != ".yml") continue;
    auto w = io::read_workload_file(entry.path().string());
    ASSERT_TRUE(w) << w.error().to_string();
    kinds.insert(w->kind());
    ++documents;
  }
  EXPECT_GE(documents, 5);
  EXPECT_EQ(kinds.size(), 5u) << "one example per kind at least";
}

// The sites and GPU models the examples name exist in the network examples/workloads/README.md
// pairs them with (the reader cannot know the network; a typo would only show when placing).
TEST(WorkloadReader, ExamplesNameSitesOfTheirNetwork) {
  const std::string root = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/";
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"training.json", "tokyo"},   {"training-diloco.yaml", "tokyo"},
      {"inference.json", "london"}, {"inference-refused.json", "london"},
      {"cluster.yaml", "london"},   {"sites.json", "london"},
      {"production.json", "tokyo"}, {"sovereign.json", "sovereign"}};
  for (const auto& [file, network] : pairs) {
    SCOPED_TRACE(file);
    auto w = io::read_workload_file(root + "workloads/" + file);
    ASSERT_TRUE(w) << w.error().to_string();
    auto net = io::load_network(root + network + "/network.json");
    ASSERT_TRUE(net) << net.error().to_string();
    std::vector<std::string> sites, models;
    if (const auto* t = std::get_if<TrainingSpec>(&w->body)) models.push_back(t->gpu_model);
    if (const auto* i = std::get_if<InferenceSpec>(&w->body)) {
      sites.push_back(i->data_site);
      if (!i->gpu_model.empty()) models.push_back(i->gpu_model);
    }
    if (const auto* c = std::get_if<ClusterSpec>(&w->body)) {
      if (!c->roles.gpu_model.empty()) models.push_back(c->roles.gpu_model);
    }
    if (const auto* s = std::get_if<SitesSpec>(&w->body)) sites.push_back(s->anchor);
    if (const auto* p = std::get_if<ProductionSpec>(&w->body)) {
      sites.push_back(p->venue);
      sites.push_back(p->gallery);
    }
    for (const auto& id : sites) EXPECT_NE(net->find_site(id), kNoIndex) << id;
    for (const auto& model : models) {
      bool found = false;
      for (const Site& s : net->sites()) {
        if (!s.compute) continue;
        for (const GpuPool& g : s.compute->gpus) found = found || g.model == model;
      }
      EXPECT_TRUE(found) << model;
    }
  }
}

}  // namespace
}  // namespace lightmesh
