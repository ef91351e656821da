// The inventory: the one the emulator generates is valid for its network and survives a round
// trip through JSON, and each kind of mistake is reported with the file and JSON pointer.
#include "southbound/inventory.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>

#include "server/server_test_support.h"
#include "southbound/host_key.h"

namespace lightmesh::southbound {
namespace {

using server::test_support::london;

std::string first_error(nlohmann::json doc) {
  auto inv = parse_inventory(doc.dump(), "devices.json", london());
  return inv ? "" : inv.error().to_string();
}

nlohmann::json generated() {
  return nlohmann::json::parse(
      inventory_json(default_inventory(london(), "127.0.0.1", 830)).dump());
}

TEST(Inventory, GeneratedOneIsValidAndRoundTrips) {
  const Inventory inv = default_inventory(london(), "127.0.0.1", 17830);
  ASSERT_EQ(inv.devices.size(), london().nodes().size());
  // Ports in node order.
  for (std::size_t i = 0; i < inv.devices.size(); ++i) {
    EXPECT_EQ(inv.devices[i].node, london().node(static_cast<NodeIndex>(i)).id);
    EXPECT_EQ(inv.devices[i].port, 17830 + i);
  }
  auto back = parse_inventory(inventory_json(inv).dump(), "devices.json", london());
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(inventory_json(*back), inventory_json(inv));
}

TEST(Inventory, OpenConfigOneIsValidRoundTripsAndMixesWithOpenRoadm) {
  const Inventory inv = default_inventory(london(), "127.0.0.1", 17830, kOpenConfig);
  const nlohmann::json doc = nlohmann::json::parse(inventory_json(inv).dump());
  auto back = parse_inventory(doc.dump(), "devices.json", london());
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(inventory_json(*back), inventory_json(inv));
  for (const DeviceEntry& d : back->devices) {
    EXPECT_EQ(d.model, kOpenConfig);
    for (const DegreePort& g : d.degrees) EXPECT_EQ(g.port, fmt::format("DEG{}-LINE", g.degree));
    for (std::size_t k = 0; k < d.add_drops.size(); ++k) {
      EXPECT_EQ(d.add_drops[k].srg_port, fmt::format("SRG1-AD{}", k + 1));
      EXPECT_EQ(d.add_drops[k].transponder_port, fmt::format("XPDR1-TRX{}", k + 1));
      EXPECT_EQ(d.add_drops[k].optical_channel, fmt::format("XPDR1-OCH{}", k + 1));
    }
  }
  // One device of each model in one inventory.
  nlohmann::json mixed = generated();
  mixed["devices"][1] = doc["devices"][1];
  EXPECT_EQ(first_error(mixed), "");
  // An OpenConfig add/drop without its optical channel.
  nlohmann::json broken = doc;
  for (auto& d : broken["devices"])
    if (d.contains("add_drops")) {
      d["add_drops"][0].erase("optical_channel");
      break;
    }
  EXPECT_NE(first_error(broken).find("/add_drops/0/optical_channel: missing required field"),
            std::string::npos)
      << first_error(broken);
}

TEST(Inventory, MistakesNameTheFileAndPointer) {
  auto doc = generated();
  doc["devices"][2]["port"] = 0;
  EXPECT_EQ(first_error(doc), "devices.json: /devices/2/port: 0 is not an integer from 1 to 65535");

  doc = generated();
  doc["devices"][1]["node"] = "NOWHERE";
  EXPECT_EQ(first_error(doc),
            "devices.json: /devices/1/node: \"NOWHERE\" is not an optical node of the network");

  doc = generated();
  doc["devices"][0]["degrees"].erase(0);
  EXPECT_NE(first_error(doc).find("devices.json: /devices/0/degrees: fibre \""), std::string::npos)
      << first_error(doc);

  doc = generated();
  doc["devices"].erase(doc["devices"].size() - 1);
  EXPECT_NE(first_error(doc).find("has no device"), std::string::npos);

  doc = generated();
  doc["devices"][0]["model"] = "gnmi";
  EXPECT_NE(first_error(doc).find("/devices/0/model: model \"gnmi\" is not supported"),
            std::string::npos);

  doc = generated();
  doc["devices"][0].erase("password_env");
  EXPECT_EQ(first_error(doc),
            "devices.json: /devices/0/password_env: missing required field \"password_env\"");

  EXPECT_EQ(parse_inventory("{", "devices.json", london()).error().to_string(),
            "devices.json: not valid JSON");
}

// A pinned host key survives the round trip; a malformed pin is refused at its pointer, quoted
// short however long it is.
TEST(Inventory, AHostKeyPinIsReadBackAndAMalformedOneNamed) {
  const std::string pin = "SHA256:" + std::string(42, 'x') + "Q";
  auto doc = generated();
  doc["devices"][3]["host_key_sha256"] = pin;
  auto inv = parse_inventory(doc.dump(), "devices.json", london());
  ASSERT_TRUE(inv.has_value()) << inv.error().to_string();
  EXPECT_EQ(inv->devices[3].host_key_sha256, pin);
  EXPECT_EQ(inventory_json(*inv)["devices"][3]["host_key_sha256"], pin);
  EXPECT_FALSE(inventory_json(*inv)["devices"][2].contains("host_key_sha256"));
  for (const nlohmann::json& bad :
       {nlohmann::json("MD5:aa:bb"), nlohmann::json(pin + "A"), nlohmann::json(pin.substr(1)),
        nlohmann::json("SHA256:" + std::string(42, 'x') + "="), nlohmann::json(7),
        nlohmann::json(std::string(100000, 'k'))}) {
    doc["devices"][3]["host_key_sha256"] = bad;
    const std::string e = first_error(doc);
    EXPECT_NE(e.find("devices.json: /devices/3/host_key_sha256: "), std::string::npos) << e;
    EXPECT_NE(e.find("is not an SSH host key fingerprint"), std::string::npos) << e;
    EXPECT_LT(e.size(), 300u);
  }
}

// The fingerprint is OpenSSH's: SHA-256 of the public key's blob, base64 without padding,
// computed here from the blob libssh exports, with OpenSSL.
TEST(HostKey, FingerprintIsOpenSshsSha256OfTheKeyBlob) {
  for (const auto type : {SSH_KEYTYPE_ECDSA_P256, SSH_KEYTYPE_ED25519}) {
    ssh_key key = nullptr;
    ASSERT_EQ(ssh_pki_generate(type, type == SSH_KEYTYPE_ED25519 ? 0 : 256, &key), SSH_OK);
    char* b64 = nullptr;
    ASSERT_EQ(ssh_pki_export_pubkey_base64(key, &b64), SSH_OK);
    const std::string blob_b64 = b64;
    ssh_string_free_char(b64);
    std::string blob(blob_b64.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(blob.data()),
                                  reinterpret_cast<const unsigned char*>(blob_b64.data()),
                                  static_cast<int>(blob_b64.size()));
    ASSERT_GT(n, 0);
    blob.resize(static_cast<std::size_t>(n) - std::count(blob_b64.end() - 2, blob_b64.end(), '='));
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(blob.data()), blob.size(), digest);
    unsigned char encoded[64] = {};
    EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
    std::string want = "SHA256:" + std::string(reinterpret_cast<char*>(encoded));
    while (want.back() == '=') want.pop_back();
    const std::string got = host_key_fingerprint(key);
    EXPECT_EQ(got, want);
    EXPECT_TRUE(is_host_key_fingerprint(got)) << got;
    ssh_key_free(key);
  }
}

std::vector<std::string> problems(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const Error& e : check_inventory(doc.dump(), "devices.json", london()).problems)
    out.push_back(e.to_string());
  return out;
}

TEST(InventoryCheck, ListsEveryProblemOncePerProblem) {
  auto doc = generated();
  doc["devices"][3]["degrees"][1]["fiber"] = "NO-SUCH-FIBRE";
  doc["devices"][5]["model"] = "gnmi";
  doc["devices"][6]["address"] = "300.1.2.-";
  EXPECT_EQ(
      problems(doc),
      (std::vector<std::string>{
          "devices.json: /devices/5/model: model \"gnmi\" is not supported (expected "
          "\"openroadm-2.2.1\" or \"openconfig\")",
          "devices.json: /devices/6/address: \"300.1.2.-\" is not an IPv4 or IPv6 address or a "
          "host name",
          fmt::format("devices.json: /devices/3/degrees/1/fiber: \"NO-SUCH-FIBRE\" is not a fibre "
                      "ending at node \"{}\"",
                      doc["devices"][3]["node"].get<std::string>()),
          fmt::format("devices.json: /devices/3/degrees: fibre \"{}\" ends at node \"{}\" but has "
                      "no degree",
                      generated()["devices"][3]["degrees"][1]["fiber"].get<std::string>(),
                      doc["devices"][3]["node"].get<std::string>())}));
}

TEST(InventoryCheck, UnknownAndDuplicateNodesAndSharedEndpoints) {
  auto doc = generated();
  const std::string node0 = doc["devices"][0]["node"];
  doc["devices"][1]["node"] = node0;  // node 1 is left without a device
  doc["devices"][2]["port"] = doc["devices"][0]["port"];
  doc["devices"][4]["node"] = "NOWHERE";
  const std::string node1 = generated()["devices"][1]["node"];
  const std::string node4 = generated()["devices"][4]["node"];
  EXPECT_EQ(
      problems(doc),
      (std::vector<std::string>{
          fmt::format("devices.json: /devices/1/node: node \"{}\" already has device 0", node0),
          "devices.json: /devices/2/port: 127.0.0.1:830 is already device 0's address and "
          "port",
          "devices.json: /devices/4/node: \"NOWHERE\" is not an optical node of the network",
          fmt::format("devices.json: /devices: node \"{}\" has no device", node1),
          fmt::format("devices.json: /devices: node \"{}\" has no device", node4)}));
}

TEST(InventoryCheck, PortsAreUniquePerDevice) {
  auto doc = generated();
  nlohmann::json* site = nullptr;
  for (auto& d : doc["devices"])
    if (d.contains("srg") && d["degrees"].size() >= 2) site = &d;
  ASSERT_NE(site, nullptr);
  (*site)["degrees"][1]["port"] = (*site)["degrees"][0]["port"];
  (*site)["degrees"][1]["circuit_pack"] = (*site)["degrees"][0]["circuit_pack"];
  (*site)["srg"]["add_drops"][1]["transponder_logical_connection_point"] =
      (*site)["srg"]["add_drops"][0]["transponder_logical_connection_point"];
  const std::string at = fmt::format("/devices/{}", site - &doc["devices"][0]);
  const auto found = problems(doc);
  ASSERT_EQ(found.size(), 2u) << nlohmann::json(found).dump(1);
  EXPECT_EQ(found[0], fmt::format("devices.json: {0}/degrees/1/port: port \"DEG1/TTP\" is already "
                                  "used at {0}/degrees/0/port",
                                  at));
  EXPECT_EQ(found[1],
            fmt::format("devices.json: {0}/srg/add_drops/1/transponder_logical_connection_point: "
                        "logical connection point \"XPDR1-NETWORK1\" is already used at "
                        "{0}/srg/add_drops/0/transponder_logical_connection_point",
                        at));
}

TEST(InventoryCheck, PasswordVariableNotSetIsAWarningNamingOnlyTheVariable) {
  auto doc = generated();
  doc["devices"][0]["password_env"] = "LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE";
  doc["devices"][1]["password_env"] = "1BAD NAME";
  unsetenv("LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE");
  const InventoryCheck c = check_inventory(doc.dump(), "devices.json", london());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].to_string(),
            "devices.json: /devices/1/password_env: \"1BAD NAME\" is not an environment "
            "variable's name (letters, digits and _, not starting with a digit)");
  bool warned = false;
  for (const Error& w : c.warnings)
    if (w.to_string() ==
        "devices.json: /devices/0/password_env: environment variable "
        "LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE (the device's password) is not set")
      warned = true;
  EXPECT_TRUE(warned);
  // Set, it is no warning, and its value appears nowhere.
  setenv("LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE", "s3cret-value", 1);
  doc["devices"][1]["password_env"] = "LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE";
  const InventoryCheck ok = check_inventory(doc.dump(), "devices.json", london());
  EXPECT_TRUE(ok.problems.empty());
  for (const Error& w : ok.warnings) {
    EXPECT_EQ(w.to_string().find("LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE"), std::string::npos);
    EXPECT_EQ(w.to_string().find("s3cret-value"), std::string::npos);
  }
  unsetenv("LIGHTMESH_TEST_UNSET_PASSWORD_VARIABLE");
}

TEST(InventoryCheck, HostNamesAndIpv6AreAddresses) {
  auto doc = generated();
  doc["devices"][0]["address"] = "roadm-a.example.net";
  doc["devices"][1]["address"] = "::1";
  EXPECT_TRUE(problems(doc).empty()) << nlohmann::json(problems(doc)).dump(1);
}

}  // namespace
}  // namespace lightmesh::southbound
