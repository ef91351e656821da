#!/usr/bin/env python3
"""lightmesh-devsim --model openconfig checked by ncclient, a NETCONF client lightmesh did not
write: the starting configuration holds the inventory's platform components, a media channel and
an optical channel's settings are taken and read back as written, and YANG-invalid edits (a
source port that is no component, a frequency that is no uint64, an element the model lacks, a
tuned component that does not exist) are refused with invalid-value and leave nothing behind.

usage: devsim_openconfig_ncclient_test.py LIGHTMESH_DEVSIM NETWORK_JSON   (run by ctest)
"""
import json
import os
import shutil
import signal
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

from ncclient import manager
from ncclient.operations import RPCError

from devsim_start import start

DEVSIM, NETWORK = sys.argv[1], sys.argv[2]
PASSWORD = "ncclient-openconfig-test-password"
WR = "http://openconfig.net/yang/wavelength-router"
PLATFORM = "http://openconfig.net/yang/platform"
TERMINAL = "http://openconfig.net/yang/terminal-device"
NC = "urn:ietf:params:xml:ns:netconf:base:1.0"


def channel(index, src="DEG1-LINE", dst="DEG2-LINE", lower="193062500", upper="193137500",
            op="create", extra=""):
    return ("<config xmlns='{nc}'><wavelength-router xmlns='{wr}' xmlns:nc='{nc}'><media-channels>"
            "<channel nc:operation='{op}'><index>{i}</index><config><index>{i}</index>"
            "<lower-frequency>{lo}</lower-frequency><upper-frequency>{hi}</upper-frequency>{x}"
            "</config><source><config><port-name>{s}</port-name></config></source><dest><config>"
            "<port-name>{d}</port-name></config></dest></channel></media-channels>"
            "</wavelength-router></config>").format(nc=NC, wr=WR, op=op, i=index, lo=lower,
                                                    hi=upper, x=extra, s=src, d=dst)


def tune(component, frequency="193100000"):
    return ("<config xmlns='{nc}'><components xmlns='{p}'><component><name>{c}</name>"
            "<optical-channel xmlns='{t}'><config><frequency>{f}</frequency>"
            "<target-output-power>-1.25</target-output-power><operational-mode>2"
            "</operational-mode></config></optical-channel></component></components>"
            "</config>").format(nc=NC, p=PLATFORM, t=TERMINAL, c=component, f=frequency)


class OpenConfigDevsimByNcclient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="lightmesh-devsim-openconfig-ncclient-")
        cls.inventory = os.path.join(cls.dir, "devices.json")
        env = dict(os.environ, LIGHTMESH_DEVICE_PASSWORD=PASSWORD)
        # Apart from the OpenROADM emulator test's range.
        try:
            cls.proc, cls.base_port = start(DEVSIM, NETWORK, cls.inventory, env, first=27000,
                                            stride=41, extra=("--model", "openconfig"))
        except AssertionError:
            shutil.rmtree(cls.dir)
            raise
        with open(cls.inventory) as f:
            cls.device = json.load(f)["devices"][0]

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        cls.proc.wait(timeout=30)
        shutil.rmtree(cls.dir)

    def connect(self):
        return manager.connect(host="127.0.0.1", port=self.device["port"], username="lightmesh",
                               password=PASSWORD, hostkey_verify=False, allow_agent=False,
                               look_for_keys=False, timeout=60)

    def refused(self, m, config):
        with self.assertRaises(RPCError) as e:
            m.edit_config(target="candidate", config=config)
        self.assertEqual(e.exception.tag, "invalid-value", e.exception.message)
        return e.exception.message

    def test_inventory_and_starting_components_agree(self):
        self.assertEqual(self.device["model"], "openconfig")
        with self.connect() as m:
            root = ET.fromstring(m.get_config(source="running").data_xml.encode())
        names = {c.find("{%s}name" % PLATFORM).text for c in root.iter("{%s}component" % PLATFORM)}
        want = {d["port"] for d in self.device["degrees"]}
        for a in self.device["add_drops"]:
            want |= {a["port"], a["transceiver"], a["optical_channel"]}
        self.assertEqual(names, want)
        self.assertEqual(list(root.iter("{%s}channel" % WR)), [])

    def test_yang_invalid_edits_are_refused(self):
        with self.connect() as m:
            msg = self.refused(m, channel(7, src="NO-SUCH-PORT"))
            self.assertIn("leafref", msg)
            msg = self.refused(m, channel(8, lower="193.1"))
            self.assertIn("uint64", msg)
            self.refused(m, channel(9, extra="<no-such-leaf>1</no-such-leaf>"))
            # A component the device does not have: its name is a leafref to its own config.
            self.refused(m, tune("NO-SUCH-OCH"))
            m.discard_changes()
            candidate = m.get_config(source="candidate").data_xml
            self.assertNotIn("NO-SUCH", candidate)
            self.assertNotIn("<channel>", candidate)

    def test_media_channel_and_optical_channel_are_held_as_written(self):
        och = self.device["add_drops"][0]["optical_channel"]
        with self.connect() as m, m.locked("candidate"):
            m.edit_config(target="candidate", config=channel(1002279))
            m.edit_config(target="candidate", config=tune(och))
            m.validate(source="candidate")
            m.commit()
            root = ET.fromstring(m.get_config(source="running").data_xml.encode())
            ch = root.find(".//{%s}channel" % WR)
            self.assertEqual(ch.find("{%s}index" % WR).text, "1002279")
            self.assertEqual(ch.find("{0}config/{0}lower-frequency".format("{%s}" % WR)).text,
                             "193062500")
            self.assertEqual(ch.find("{0}config/{0}upper-frequency".format("{%s}" % WR)).text,
                             "193137500")
            self.assertEqual(ch.find("{0}source/{0}config/{0}port-name".format("{%s}" % WR)).text,
                             "DEG1-LINE")
            config = root.find(".//{0}optical-channel/{0}config".format("{%s}" % TERMINAL))
            got = {c.tag.split("}")[1]: c.text for c in config}
            self.assertEqual(got, {"frequency": "193100000", "target-output-power": "-1.25",
                                   "operational-mode": "2"})
            m.edit_config(target="candidate", config=channel(1002279, op="remove"))
            m.commit()
            self.assertNotIn("<channel>", m.get_config(source="running").data_xml)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
