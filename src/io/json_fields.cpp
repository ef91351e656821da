#include "io/json_fields.h"

#include <fmt/format.h>

#include <cmath>

#include "core/limits.h"

namespace lightmesh::io {

NamedFields::NamedFields(const Document& doc, const Json& object, std::string pointer,
                         std::string who)
    : r_(doc, object, std::move(pointer)), object_(&object), who_(std::move(who)) {}

bool NamedFields::present(const char* key) const {
  return object_->is_object() && object_->contains(key);
}

Error NamedFields::error(const char* key, const std::string& message) const {
  return r_.doc().error(key ? r_.pointer(key) : r_.pointer(), printable(who_ + ": " + message));
}

Error NamedFields::missing(const char* key, const std::string& expected) const {
  return r_.doc().error(
      r_.pointer(), printable(fmt::format("{}: missing required field \"{}\" (expected {})", who_,
                                          key, expected)));
}

Error NamedFields::named(const Error& e) const {
  return Error(e.code(), printable(who_ + ": " + e.message())).at(e.file(), e.place());
}

Status NamedFields::expect_object() const {
  if (auto s = r_.expect_object(); !s) return named(s.error());
  return {};
}

Result<std::optional<double>> NamedFields::number(const char* key, const char* expected) const {
  auto v = r_.number(key, expected);
  if (!v) return named(v.error());
  return *v;
}

Result<double> NamedFields::required(const char* key, const char* expected) const {
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected));
  if (!v) return missing(key, expected);
  return *v;
}

Result<double> NamedFields::number_or(const char* key, const char* expected,
                                      double fallback) const {
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected));
  return v.value_or(fallback);
}

Result<std::optional<double>> NamedFields::non_negative(const char* key,
                                                        const char* expected) const {
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected));
  if (v && *v < 0) return error(key, fmt::format("{:g} is negative (expected {})", *v, expected));
  return v;
}

Result<std::optional<double>> NamedFields::positive(const char* key, const char* expected) const {
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected));
  if (v && *v <= 0)
    return error(key, fmt::format("{:g} is not positive (expected {})", *v, expected));
  return v;
}

Result<double> NamedFields::in_unit(const char* key, const char* expected, double value,
                                    double lower, double upper, const char* hint) const {
  if (value < lower || value >= upper) {
    return error(key, fmt::format("{:g} is out of range for {} ({:g} ≤ x < {:g}): {}", value,
                                  expected, lower, upper, hint));
  }
  return value;
}

Result<std::optional<double>> NamedFields::bounded(const char* key, const Bound& bound) const {
  auto v = r_.bounded(key, bound);
  if (!v) return named(v.error());
  return *v;
}

Result<double> NamedFields::required_bounded(const char* key, const Bound& bound) const {
  LM_ASSIGN_OR_RETURN(auto v, bounded(key, bound));
  if (!v) return missing(key, bound.describe());
  return *v;
}

Result<double> NamedFields::bounded_or(const char* key, const Bound& bound, double fallback) const {
  LM_ASSIGN_OR_RETURN(auto v, bounded(key, bound));
  return v.value_or(fallback);
}

Result<bool> NamedFields::flag(const char* key, bool fallback) const {
  auto v = r_.boolean(key);
  if (!v) return named(v.error());
  return v->value_or(fallback);
}

Result<std::optional<std::string>> NamedFields::text(const char* key) const {
  auto v = r_.string(key);
  if (!v) return named(v.error());
  return *v;
}

Result<std::optional<std::string>> NamedFields::id(const char* key) const {
  auto v = r_.id(key);
  if (!v) return named(v.error());
  return *v;
}

Result<std::string> NamedFields::required_text(const char* key, const char* expected) const {
  LM_ASSIGN_OR_RETURN(auto v, id(key));
  if (!v) return missing(key, expected);
  if (v->empty()) return error(key, std::string("an empty name (expected ") + expected + ")");
  return *v;
}

Result<const Json*> NamedFields::object(const char* key) const {
  const Json* v = get(key);
  if (v && !v->is_object()) return error(key, describe(*v) + " is not an object (expected {…})");
  return v;
}

Result<std::optional<std::vector<double>>> NamedFields::numbers(const char* key, std::size_t size,
                                                                bool non_empty,
                                                                const char* expected) const {
  auto list = r_.list(key);
  if (!list) return named(list.error());
  if (!*list) return std::optional<std::vector<double>>{};
  std::vector<double> out;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const Json& v = (**list)[i];
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      return r_.doc().error(
          r_.pointer(key) + "/" + std::to_string(i),
          printable(fmt::format("{}: {} in \"{}\" is not a finite number (expected {})", who_,
                                describe(v), key, expected)));
    }
    out.push_back(v.get<double>());
  }
  if (size > 0 && out.size() != size) {
    return error(key,
                 fmt::format("{} values where {} are expected ({})", out.size(), size, expected));
  }
  if (non_empty && out.empty()) {
    return error(key, std::string("an empty list (expected ") + expected + ")");
  }
  return std::optional<std::vector<double>>{std::move(out)};
}

Result<std::optional<std::vector<std::string>>> NamedFields::names(const char* key) const {
  auto list = r_.list(key);
  if (!list) return named(list.error());
  if (!*list) return std::optional<std::vector<std::string>>{};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const Json& v = (**list)[i];
    if (!v.is_string()) {
      return r_.doc().error(r_.pointer(key) + "/" + std::to_string(i),
                            printable(fmt::format("{}: {} in \"{}\" is not a type_variety name",
                                                  who_, describe(v), key)));
    }
    LM_RETURN_IF_ERROR(
        check_id_length(r_.doc(), r_.pointer(key) + "/" + std::to_string(i), v.get<std::string>()));
    out.push_back(v.get<std::string>());
  }
  return std::optional<std::vector<std::string>>{std::move(out)};
}

Status dispersion_not_zero(const NamedFields& f, const char* key, double value) {
  if (std::abs(value) >= limits::kMinDispersionSM2) return {};
  return f.error(key, fmt::format("{:g} s/m² is too close to 0 (expected at least {:g} either "
                                  "side of 0: the GN model divides by the dispersion)",
                                  value, limits::kMinDispersionSM2));
}

Result<std::optional<double>> roadm_target_dbm(const NamedFields& f, const char* key) {
  LM_ASSIGN_OR_RETURN(auto dbm, f.bounded(key, limits::kPowerDbm));
  if (dbm && *dbm == 0) {
    return f.error(key, fmt::format("0 dBm reads as no target in GNPy (expected a power other "
                                    "than 0 within {})",
                                    limits::kPowerDbm.describe()));
  }
  return dbm;
}

}  // namespace lightmesh::io
