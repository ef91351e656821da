// What the TAPI tests share: a call that checks every TAPI answer it receives against TAPI 2.1.3
// with libyang (tapi_schema.h), so a test that reads an answer has also proved it valid.
//
//   HttpResponse r = tapi_call(*c, "GET", kTapiContext, "bank-token-1");  // fails the test if
//   invalid
//
// Which schema node an answer is checked as follows from its path, as RFC 8040 defines it: the
// data tree, a resource below it (checked in place of the same node of the whole tree the caller
// sees, so its references must resolve there), the child a POST created, or an RPC's output.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/controller.h"
#include "server/server_test_support.h"
#include "server/tapi_schema.h"

namespace lightmesh::server::test_support {

inline const std::string kTapiContext = "/restconf/data/tapi-common:context";

// The path without its query, percent-decoded, without trailing slashes.
inline std::string plain_path(const std::string& path) {
  std::string out;
  const std::string p = path.substr(0, path.find('?'));
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' && i + 2 < p.size()) {
      out.push_back(static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(p[i]);
    }
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// RESTCONF data-resource segments ("list=key") as a libyang data path ("list[uuid='key']"); every
// list TAPI's routes name is keyed by uuid.
inline std::string data_path(const std::vector<std::string>& segments) {
  std::string out;
  for (const std::string& s : segments) {
    const auto eq = s.find('=');
    out +=
        "/" + (eq == std::string::npos ? s : s.substr(0, eq) + "[uuid='" + s.substr(eq + 1) + "']");
  }
  return out;
}

// libyang's verdict on one TAPI answer ("" when valid or when there is nothing to check: an error,
// a 204, or a path outside /restconf).
inline std::string tapi_answer_errors(Controller& c, const std::string& method,
                                      const std::string& path, const std::string& token,
                                      const HttpResponse& r) {
  const std::string p = plain_path(path);
  if (p.rfind("/restconf/", 0) != 0 || r.status < 200 || r.status >= 300 || r.body.empty())
    return "";
  const TapiSchema& schema = TapiSchema::get();
  constexpr std::string_view kOperations = "/restconf/operations/";
  // A notification stream is checked event by event (tapi_notification_test.cpp).
  if (p.rfind("/restconf/streams/", 0) == 0) return "";
  constexpr std::string_view kData = "/restconf/data/";
  if (p.rfind(kOperations, 0) == 0) {
    const std::string context = call(c, "GET", kTapiContext, token).body;
    return schema.output_errors(p.substr(kOperations.size()), r.body, context);
  }
  if (p.rfind(kData, 0) != 0) return "not a RESTCONF data or operations path: " + p;
  std::vector<std::string> segments;
  for (std::size_t at = kData.size(); at <= p.size();) {
    const auto slash = p.find('/', at);
    segments.push_back(p.substr(at, slash == std::string::npos ? std::string::npos : slash - at));
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  if (segments.size() == 1 && method == "GET") return schema.data_errors(r.body);
  // GET answers the target itself, named as in the path; POST the child it created under it.
  std::vector<std::string> parent = segments;
  if (method == "GET") {
    const std::string target = segments.back().substr(0, segments.back().find('='));
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    const std::string local = target.substr(target.find(':') + 1);
    bool named = false;
    if (body.is_object() && body.size() == 1) {
      const std::string member = body.begin().key();
      named = member.substr(member.find(':') + 1) == local && member.find(':') != std::string::npos;
    }
    if (!named) return "the answer is not {\"<module>:" + local + "\": …}";
    parent.pop_back();
  }
  const std::string context = call(c, "GET", kTapiContext, token).body;
  return schema.subtree_errors(r.body, data_path(parent), context);
}

// One in-process request whose TAPI answer must validate against TAPI 2.1.3.
inline HttpResponse tapi_call(Controller& c, const std::string& method, const std::string& path,
                              const std::string& token, const std::string& body = "") {
  HttpResponse r = call(c, method, path, token, body);
  EXPECT_EQ(tapi_answer_errors(c, method, path, token, r), "")
      << method << " " << path << " answered " << r.status << ":\n"
      << r.body.substr(0, 4000);
  return r;
}

// The notifications a subscription's stream (its stream-address) gives now, each checked against
// tapi-notification's `notification` (RFC 8040 §6.4: the member beside eventTime).
inline std::vector<nlohmann::json> stream_notifications(
    Controller& c, const std::string& token, const std::string& stream_address,
    const std::map<std::string, std::string>& headers = {}) {
  HttpResponse r = call(c, "GET", stream_address, token, "", headers);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/event-stream");
  std::vector<nlohmann::json> out;
  if (!r.stream) return out;
  std::string all, chunk;
  while (r.stream->next(chunk, std::chrono::milliseconds(50)) && !chunk.empty()) all += chunk;
  for (std::size_t at = 0; (at = all.find("data: ", at)) != std::string::npos;) {
    const auto eol = all.find('\n', at);
    const auto wrapped = nlohmann::json::parse(all.substr(at + 6, eol - at - 6));
    const nlohmann::json& n = wrapped["ietf-restconf:notification"];
    EXPECT_TRUE(n.contains("eventTime")) << wrapped;
    const nlohmann::json inner = {
        {"tapi-notification:notification", n["tapi-notification:notification"]}};
    EXPECT_EQ(TapiSchema::get().notification_errors(inner.dump()), "") << inner;
    out.push_back(inner["tapi-notification:notification"]);
    at = eol;
  }
  return out;
}

}  // namespace lightmesh::server::test_support
