// The audit's comparison on small hand-made configurations: each case states the one difference
// it makes, and the diff must report exactly that (missing, extra or different) and nothing else.
// The XML cases are parsed against the vendored OpenROADM 2.2.1 modules, as device answers are.
#include "southbound/config_diff.h"

#include <gtest/gtest.h>

#include "southbound/openconfig.h"
#include "southbound/repair_edit.h"
#include "southbound/yang.h"

namespace lightmesh::southbound {
namespace {

const EntryKey kMc{"interface", "DEG1-TTP-TXRX-mc-279:290"};
const EntryKey kXc{"roadm-connections", "SRG1-PP1-TXRX-DEG1-TTP-TXRX-279:290"};
const std::vector<std::string> kLcps = {"DEG1-TTP-TXRX", "SRG1-PP1-TXRX", "XPDR1-NETWORK1"};

bool owned(const EntryKey& k) { return named_by_lightmesh(k, kLcps); }

ConfigEntries small_intent() {
  return {{kMc, {{"mc-ttp/min-freq", "193.0625"}, {"mc-ttp/max-freq", "193.1375"}}},
          {kXc, {{"source/src-if", "a"}, {"destination/dst-if", "b"}}}};
}

TEST(ConfigDiff, IdenticalIsClean) {
  EXPECT_TRUE(diff_config(small_intent(), small_intent(), owned).clean());
}

TEST(ConfigDiff, AnEntryTheDeviceLacksIsMissingAndNothingElse) {
  ConfigEntries running = small_intent();
  running.erase(kXc);
  const ConfigDiff d = diff_config(small_intent(), running, owned);
  ASSERT_EQ(d.missing.size(), 1u);
  EXPECT_EQ(d.missing[0], kXc);
  EXPECT_EQ(d.missing[0].text(),
            "roadm-connections[connection-name='SRG1-PP1-TXRX-DEG1-TTP-TXRX-279:290']");
  EXPECT_TRUE(d.extra.empty());
  EXPECT_TRUE(d.different.empty());
}

TEST(ConfigDiff, AnEntryLightmeshDoesNotIntendIsExtraOnlyIfNamedAsLightmeshNamesEntries) {
  ConfigEntries running = small_intent();
  const EntryKey ours{"interface", "XPDR1-NETWORK1-279:290"};
  const EntryKey theirs{"interface", "OSC1-management"};
  running[ours] = {{"och/frequency", "193.1"}};
  running[theirs] = {{"description", "set up by hand"}};
  const ConfigDiff d = diff_config(small_intent(), running, owned);
  ASSERT_EQ(d.extra.size(), 1u);
  EXPECT_EQ(d.extra[0], ours);
  EXPECT_TRUE(d.missing.empty());
  EXPECT_TRUE(d.different.empty());
}

TEST(ConfigDiff, AChangedValueAndALeafOnOneSideAreDifferent) {
  ConfigEntries running = small_intent();
  running[kMc]["mc-ttp/min-freq"] = "193.05";
  running[kXc].erase("destination/dst-if");
  running[kXc]["description"] = "x";
  const ConfigDiff d = diff_config(small_intent(), running, owned);
  EXPECT_TRUE(d.missing.empty());
  EXPECT_TRUE(d.extra.empty());
  ASSERT_EQ(d.different.size(), 2u);
  EXPECT_EQ(d.different[0].entry, kMc);
  ASSERT_EQ(d.different[0].leaves.size(), 1u);
  EXPECT_EQ(d.different[0].leaves[0].leaf, "mc-ttp/min-freq");
  EXPECT_EQ(d.different[0].leaves[0].intended, "193.0625");
  EXPECT_EQ(d.different[0].leaves[0].running, "193.05");
  EXPECT_EQ(d.different[1].entry, kXc);
  ASSERT_EQ(d.different[1].leaves.size(), 2u);  // in leaf path order
  EXPECT_EQ(d.different[1].leaves[0].leaf, "description");
  EXPECT_EQ(d.different[1].leaves[0].intended, std::nullopt);
  EXPECT_EQ(d.different[1].leaves[1].leaf, "destination/dst-if");
  EXPECT_EQ(d.different[1].leaves[1].running, std::nullopt);
}

TEST(ConfigDiff, LightmeshNamesEndInASlotRangeAfterAnInventoryPort) {
  EXPECT_TRUE(owned({"interface", "DEG1-TTP-TXRX-nmc-279:290"}));
  EXPECT_TRUE(owned({"roadm-connections", "DEG1-TTP-TXRX-SRG1-PP1-TXRX-1:8"}));
  EXPECT_FALSE(owned({"interface", "DEG2-TTP-TXRX-nmc-279:290"}));  // not this device's port
  EXPECT_FALSE(owned({"interface", "DEG1-TTP-TXRX-nmc-279:"}));
  EXPECT_FALSE(owned({"interface", "DEG1-TTP-TXRX-nmc-2a:290"}));
  EXPECT_FALSE(owned({"interface", "DEG1-TTP-TXRX"}));
}

// Two configurations as a device would answer them: the intent and a drifted copy.
constexpr const char* kHead =
    "<org-openroadm-device xmlns=\"http://org/openroadm/device\">"
    "<info><node-type>rdm</node-type></info>";
std::string mc_xml(const std::string& name, const std::string& min_freq) {
  return "<interface><name>" + name +
         "</name><type xmlns:x=\"http://org/openroadm/interfaces\">"
         "x:mediaChannelTrailTerminationPoint</type><mc-ttp "
         "xmlns=\"http://org/openroadm/media-channel-interfaces\"><min-freq>" +
         min_freq + "</min-freq><max-freq>193.1375</max-freq></mc-ttp></interface>";
}

class ConfigDiffXml : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = openroadm_context(yang_dir());
    ASSERT_TRUE(c.has_value()) << c.error().to_string();
    ctx_ = std::move(*c);
  }
  DataTree parse(const std::string& body) {
    auto t = parse_running(ctx_.get(), kHead + body + "</org-openroadm-device>", "test");
    EXPECT_TRUE(t.has_value()) << t.error().to_string();
    return t ? std::move(*t) : DataTree();
  }
  YangContext ctx_;
};

TEST_F(ConfigDiffXml, CanonicalValuesCompareEqualAndTheRepairWritesBack) {
  const std::string a = "DEG1-TTP-TXRX-mc-279:290", b = "DEG1-TTP-TXRX-mc-291:302";
  const std::string c = "DEG1-TTP-TXRX-mc-303:314";
  // Intended: a and b. Running: a written with a trailing zero (the same decimal64 value), b
  // with another min-freq, c that lightmesh does not intend.
  DataTree want = parse(mc_xml(a, "193.0625") + mc_xml(b, "193.1375"));
  DataTree have = parse(mc_xml(a, "193.06250") + mc_xml(b, "193.125") + mc_xml(c, "193.2"));
  const ConfigEntries w = config_entries(want.get());
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w.at({"interface", a}).at("type"),
            "org-openroadm-interfaces:mediaChannelTrailTerminationPoint");
  const ConfigDiff d = diff_config(w, config_entries(have.get()), owned);
  EXPECT_TRUE(d.missing.empty());
  ASSERT_EQ(d.different.size(), 1u);
  EXPECT_EQ(d.different[0].entry.name, b);
  ASSERT_EQ(d.different[0].leaves.size(), 1u);
  EXPECT_EQ(d.different[0].leaves[0].leaf, "mc-ttp/min-freq");
  ASSERT_EQ(d.extra.size(), 1u);
  EXPECT_EQ(d.extra[0].name, c);

  // The repair rewrites b whole and removes c; its undo puts back b and c as they were.
  auto edit = repair_edit(ctx_.get(), want.get(), have.get(), d, true);
  ASSERT_TRUE(edit.has_value()) << edit.error().to_string();
  auto forward = parse_config(ctx_.get(), edit->xml, "repair");
  ASSERT_TRUE(forward.has_value()) << forward.error().to_string() << "\n" << edit->xml;
  const ConfigEntries f = config_entries(forward->get());
  ASSERT_EQ(f.size(), 2u) << edit->xml;
  EXPECT_EQ(f.at({"interface", b}).at("mc-ttp/min-freq"), "193.1375");
  EXPECT_EQ(f.at({"interface", c}).size(), 0u);  // the key alone
  EXPECT_NE(edit->xml.find("operation=\"replace\""), std::string::npos) << edit->xml;
  EXPECT_NE(edit->xml.find("operation=\"remove\""), std::string::npos) << edit->xml;
  EXPECT_EQ(edit->xml.find("operation=\"create\""), std::string::npos) << edit->xml;
  auto undo = parse_config(ctx_.get(), edit->undo_xml, "undo");
  ASSERT_TRUE(undo.has_value()) << undo.error().to_string();
  const ConfigEntries u = config_entries(undo->get());
  EXPECT_EQ(u.at({"interface", b}).at("mc-ttp/min-freq"), "193.125");
  EXPECT_EQ(u.at({"interface", c}).at("mc-ttp/min-freq"), "193.2");

  // Without extra removal, c is left alone.
  auto keep = repair_edit(ctx_.get(), want.get(), have.get(), d, false);
  ASSERT_TRUE(keep.has_value());
  EXPECT_EQ(keep->xml.find(c), std::string::npos) << keep->xml;
}

// An OpenConfig device: media channels are entries, components only through their optical channel.
std::string oc_channel(const std::string& index, const std::string& lower) {
  return "<channel><index>" + index + "</index><config><index>" + index +
         "</index><lower-frequency>" + lower +
         "</lower-frequency><upper-frequency>193137500</upper-frequency></config><source><config>"
         "<port-name>DEG1-LINE</port-name></config></source></channel>";
}
std::string oc_component(const std::string& name, const std::string& frequency) {
  std::string x = "<component><name>" + name + "</name><config><name>" + name + "</name></config>";
  if (!frequency.empty())
    x += "<optical-channel xmlns=\"http://openconfig.net/yang/terminal-device\"><config>"
         "<frequency>" +
         frequency +
         "</frequency><operational-mode>1</operational-mode>"
         "</config></optical-channel>";
  return x + "</component>";
}
std::string oc_config(const std::string& channels, const std::string& components) {
  std::string x;
  if (!channels.empty())
    x += "<wavelength-router xmlns=\"http://openconfig.net/yang/wavelength-router\">"
         "<media-channels>" +
         channels + "</media-channels></wavelength-router>";
  return x + "<components xmlns=\"http://openconfig.net/yang/platform\">" + components +
         "</components>";
}

TEST(ConfigDiff, OpenConfigEntriesAreLightmeshsByIndexOrOpticalChannel) {
  DeviceEntry d{.model = kOpenConfig};
  d.degrees = {{.fiber = "f1", .degree = 1, .port = "DEG1-LINE"},
               {.fiber = "f2", .degree = 2, .port = "DEG2-LINE"}};
  d.add_drops = {{.srg_port = "SRG1-AD1", .transponder_port = "T1", .optical_channel = "OCH1"}};
  EXPECT_EQ(media_channel_index(3, 1, 279), 3001279u);
  EXPECT_TRUE(openconfig_owned({kOpenConfigChannel, "3001279"}, d));
  EXPECT_TRUE(openconfig_owned({kOpenConfigChannel, "1002001"}, d));
  EXPECT_FALSE(openconfig_owned({kOpenConfigChannel, "4001279"}, d));  // no port 4
  EXPECT_FALSE(openconfig_owned({kOpenConfigChannel, "1001279"}, d));  // a port to itself
  EXPECT_FALSE(openconfig_owned({kOpenConfigChannel, "1002769"}, d));  // slot 769
  EXPECT_FALSE(openconfig_owned({kOpenConfigChannel, "7"}, d));
  EXPECT_TRUE(openconfig_owned({kOpenConfigComponent, "OCH1"}, d));
  EXPECT_FALSE(openconfig_owned({kOpenConfigComponent, "T1"}, d));
  d.model = kOpenRoadm221;
  EXPECT_FALSE(openconfig_owned({kOpenConfigChannel, "3001279"}, d));
}

TEST(ConfigDiffOpenConfigXml, MissingDifferentAndExtraAreRepairedOnTheOpticalChannelOnly) {
  auto c = all_models_context(yang_dir());
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  const ly_ctx* ctx = c->get();
  auto parse = [&](const std::string& xml) {
    auto t = parse_running(ctx, xml, "test");
    EXPECT_TRUE(t.has_value()) << t.error().to_string();
    return t ? std::move(*t) : DataTree();
  };
  // Intended: channel 1002279 and OCH1 tuned. Running: the channel gone, OCH1 at another
  // frequency, OCH2 tuned by no service, and an untuned OCH3 (no entry at all).
  // The intent as the driver sends it: the optical channel's leaves with nc:operation="create".
  std::string tuned = oc_component("OCH1", "193100000");
  tuned.replace(tuned.find("<frequency>"), 11,
                "<frequency xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" "
                "nc:operation=\"create\">");
  auto intended = parse_config(ctx, oc_config(oc_channel("1002279", "193062500"), tuned), "intent");
  ASSERT_TRUE(intended.has_value()) << intended.error().to_string();
  DataTree want = std::move(*intended);
  DataTree have =
      parse(oc_config("", oc_component("OCH1", "193150000") + oc_component("OCH2", "193200000") +
                              oc_component("OCH3", "")));
  const ConfigEntries w = config_entries(want.get());
  ASSERT_EQ(w.size(), 2u);
  const EntryKey ch{kOpenConfigChannel, "1002279"}, och1{kOpenConfigComponent, "OCH1"};
  EXPECT_EQ(w.at(ch).at("config/lower-frequency"), "193062500");
  EXPECT_EQ(w.at(ch).at("source/config/port-name"), "DEG1-LINE");
  EXPECT_EQ(w.at(och1).at("optical-channel/config/frequency"), "193100000");
  EXPECT_EQ(w.at(och1).size(), 2u);  // only the optical channel's leaves
  const ConfigEntries h = config_entries(have.get());
  EXPECT_EQ(h.size(), 2u);  // OCH1 and OCH2: OCH3 is not tuned
  const ConfigDiff d = diff_config(w, h, [](const EntryKey&) { return true; });
  ASSERT_EQ(d.missing.size(), 1u);
  EXPECT_EQ(d.missing[0].text(), "channel[index='1002279']");
  ASSERT_EQ(d.different.size(), 1u);
  EXPECT_EQ(d.different[0].entry.text(), "component[name='OCH1']/optical-channel");
  ASSERT_EQ(d.extra.size(), 1u);
  EXPECT_EQ(d.extra[0].name, "OCH2");

  auto edit = repair_edit(ctx, want.get(), have.get(), d, true);
  ASSERT_TRUE(edit.has_value()) << edit.error().to_string();
  auto forward = parse_config(ctx, edit->xml, "repair");
  ASSERT_TRUE(forward.has_value()) << forward.error().to_string() << "\n" << edit->xml;
  const ConfigEntries f = config_entries(forward->get());
  EXPECT_EQ(f.at(ch), w.at(ch)) << edit->xml;
  EXPECT_EQ(f.at(och1), w.at(och1)) << edit->xml;
  // The component itself is never replaced or removed: the operations sit on the channel and on
  // the optical channels.
  EXPECT_EQ(edit->xml.find("<component nc:operation"), std::string::npos) << edit->xml;
  EXPECT_EQ(edit->xml.find("<component operation"), std::string::npos) << edit->xml;
  EXPECT_NE(edit->xml.find("operation=\"remove\""), std::string::npos) << edit->xml;
  EXPECT_EQ(edit->xml.find("operation=\"create\""), std::string::npos) << edit->xml;
  auto undo = parse_config(ctx, edit->undo_xml, "undo");
  ASSERT_TRUE(undo.has_value()) << undo.error().to_string() << "\n" << edit->undo_xml;
  const ConfigEntries u = config_entries(undo->get());
  EXPECT_EQ(u.at(och1).at("optical-channel/config/frequency"), "193150000");
  EXPECT_EQ(u.at({kOpenConfigComponent, "OCH2"}).at("optical-channel/config/frequency"),
            "193200000");
  EXPECT_NE(edit->undo_xml.find("1002279"), std::string::npos) << edit->undo_xml;
}

}  // namespace
}  // namespace lightmesh::southbound
