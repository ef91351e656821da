// Typed access to the members of one JSON object that belongs to a named thing — an equipment
// entry (Edfa "std_medium_gain"), a topology element (Fiber "span 1") — so that every error names
// the file, the member's JSON pointer, the thing and what was expected:
// "eqpt_config.json: /Edfa/3/nf_min: Edfa \"amp\": \"x\" is not a number (expected dB)".
//
//   NamedFields f(doc, doc.root["Edfa"][3], "/Edfa/3", "Edfa \"amp\"");
//   LM_ASSIGN_OR_RETURN(double nf, f.required("nf_min", "the NF at gain_flatmax in dB"));
//
// Internal to io (it exposes nlohmann/json through json_doc.h). A member that is null reads as
// absent, except where `present` asks. Not thread-safe per object.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/json_doc.h"

namespace lightmesh::io {

class NamedFields {
 public:
  NamedFields(const Document& doc, const Json& object, std::string pointer, std::string who);

  const ObjectReader& reader() const { return r_; }
  const Json& json() const { return *object_; }
  const std::string& who() const { return who_; }
  // Names the thing anew (once its name is read from the object itself).
  void rename(std::string who) { who_ = std::move(who); }

  bool has(const char* key) const { return r_.has(key); }
  // Present even when null (`"att_in": null` differs from no att_in at all in GNPy).
  bool present(const char* key) const;
  const Json* get(const char* key) const { return r_.get(key); }
  std::string pointer(const char* key) const { return r_.pointer(key); }
  const std::string& pointer() const { return r_.pointer(); }

  // "who: message" at the member `key` (or at the object itself when key is null).
  Error error(const char* key, const std::string& message) const;
  Error missing(const char* key, const std::string& expected) const;
  // Re-words an ObjectReader error so that it names the thing too.
  Error named(const Error& e) const;

  Status expect_object() const;
  Result<std::optional<double>> number(const char* key, const char* expected) const;
  Result<double> required(const char* key, const char* expected) const;
  Result<double> number_or(const char* key, const char* expected, double fallback) const;
  // A number that must not be negative (a length, a loss), or must be above zero.
  Result<std::optional<double>> non_negative(const char* key, const char* expected) const;
  Result<std::optional<double>> positive(const char* key, const char* expected) const;
  // `value` (read from `key`) must be ≥ lower and < upper; leaving the range means it was
  // written in another unit, which `hint` names. The message states the range and the hint.
  Result<double> in_unit(const char* key, const char* expected, double value, double lower,
                         double upper, const char* hint) const;
  // A number within `bound` (core/limits.h); required_bounded fails when absent.
  Result<std::optional<double>> bounded(const char* key, const Bound& bound) const;
  Result<double> required_bounded(const char* key, const Bound& bound) const;
  Result<double> bounded_or(const char* key, const Bound& bound, double fallback) const;
  Result<bool> flag(const char* key, bool fallback) const;
  Result<std::optional<std::string>> text(const char* key) const;
  // A name that identifies something (a uid, a type_variety, a mode's format): at most
  // limits::kMaxNameBytes bytes; required_text also refuses an empty one.
  Result<std::optional<std::string>> id(const char* key) const;
  Result<std::string> required_text(const char* key, const char* expected) const;
  // The member as an object; nullptr when absent or null.
  Result<const Json*> object(const char* key) const;
  // A list of numbers; `size` > 0 demands exactly that many, `non_empty` at least one.
  Result<std::optional<std::vector<double>>> numbers(const char* key, std::size_t size,
                                                     bool non_empty, const char* expected) const;
  // A list of type_variety names, each at most limits::kMaxNameBytes bytes.
  Result<std::optional<std::vector<std::string>>> names(const char* key) const;

 private:
  ObjectReader r_;
  const Json* object_;
  std::string who_;
};

// GNPy's dispersion in s/m², read into `value`: refused when closer to 0 than
// limits::kMinDispersionSM2, which the GN model would divide by.
Status dispersion_not_zero(const NamedFields& f, const char* key, double value);

// GNPy's per-channel ROADM target (target_pch_out_db) in dBm: within limits::kPowerDbm and not
// exactly 0 (nor −0), which GNPy reads as no target at all, since it tests the target for truth;
// refused here, the file and field are named rather than a ROADM left without a target.
Result<std::optional<double>> roadm_target_dbm(const NamedFields& f, const char* key);

}  // namespace lightmesh::io
