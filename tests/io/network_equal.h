// Field-by-field comparison of two networks, for round-trip tests.
#pragma once

#include <gtest/gtest.h>

#include "model/network.h"

namespace lightmesh::testing {

inline void expect_same_network(const Network& a, const Network& b) {
  EXPECT_EQ(a.name(), b.name());
  ASSERT_EQ(a.sites().size(), b.sites().size());
  for (std::size_t i = 0; i < a.sites().size(); ++i) {
    const Site& x = a.site(static_cast<SiteIndex>(i));
    const Site& y = b.site(static_cast<SiteIndex>(i));
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.jurisdiction, y.jurisdiction);
    EXPECT_EQ(x.transceiver_ports, y.transceiver_ports);
    EXPECT_EQ(x.position.has_value(), y.position.has_value());
    if (x.position && y.position) {
      EXPECT_NEAR(x.position->lat, y.position->lat, 1e-6);
      EXPECT_NEAR(x.position->lon, y.position->lon, 1e-6);
    }
    EXPECT_EQ(x.pue, y.pue);
    EXPECT_EQ(x.power_price_usd_mwh, y.power_price_usd_mwh);
    EXPECT_EQ(x.compute.has_value(), y.compute.has_value());
    if (x.compute && y.compute) {
      EXPECT_EQ(x.compute->gpu_count(), y.compute->gpu_count());
      EXPECT_EQ(x.compute->cpu_cores, y.compute->cpu_cores);
      EXPECT_EQ(x.compute->storage_tb, y.compute->storage_tb);
      ASSERT_EQ(x.compute->gpus.size(), y.compute->gpus.size());
      for (std::size_t g = 0; g < x.compute->gpus.size(); ++g) {
        EXPECT_EQ(x.compute->gpus[g].model, y.compute->gpus[g].model);
        EXPECT_EQ(x.compute->gpus[g].confidential, y.compute->gpus[g].confidential);
        EXPECT_EQ(x.compute->gpus[g].diskless, y.compute->gpus[g].diskless);
      }
    }
  }
  ASSERT_EQ(a.nodes().size(), b.nodes().size());
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    EXPECT_EQ(a.node(static_cast<NodeIndex>(i)).id, b.node(static_cast<NodeIndex>(i)).id);
    EXPECT_EQ(a.node(static_cast<NodeIndex>(i)).kind, b.node(static_cast<NodeIndex>(i)).kind);
    EXPECT_DOUBLE_EQ(a.node(static_cast<NodeIndex>(i)).latency.value(),
                     b.node(static_cast<NodeIndex>(i)).latency.value());
  }
  ASSERT_EQ(a.fibers().size(), b.fibers().size());
  for (std::size_t i = 0; i < a.fibers().size(); ++i) {
    const Fiber& x = a.fiber(static_cast<FiberIndex>(i));
    const Fiber& y = b.fiber(static_cast<FiberIndex>(i));
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(a.node(x.a).id, b.node(y.a).id);
    EXPECT_EQ(a.node(x.b).id, b.node(y.b).id);
    EXPECT_NEAR(x.length.value(), y.length.value(), 1e-5);
    EXPECT_EQ(x.type, y.type);
    EXPECT_DOUBLE_EQ(x.delay.value(), y.delay.value());
    EXPECT_EQ(x.amplifiers, y.amplifiers);
    ASSERT_EQ(x.spans.size(), y.spans.size());
    for (std::size_t s = 0; s < x.spans.size(); ++s)
      EXPECT_NEAR(x.spans[s].length.value(), y.spans[s].length.value(), 1e-5);
  }
  ASSERT_EQ(a.catalogue().modes().size(), b.catalogue().modes().size());
  for (std::size_t i = 0; i < a.catalogue().modes().size(); ++i) {
    const auto& x = a.catalogue().modes()[i];
    const auto& y = b.catalogue().modes()[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.bit_rate, y.bit_rate);
    EXPECT_EQ(x.reach, y.reach);
    EXPECT_EQ(x.channel_width, y.channel_width);
    EXPECT_EQ(x.dsp_fec_latency, y.dsp_fec_latency);
  }
  EXPECT_DOUBLE_EQ(a.latency().transceiver_pair.value(), b.latency().transceiver_pair.value());
}

}  // namespace lightmesh::testing
