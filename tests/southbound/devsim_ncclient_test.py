#!/usr/bin/env python3
"""lightmesh-devsim checked by ncclient, a NETCONF client lightmesh did not write: YANG-invalid
edits (a dangling leafref, a wrong type, an unknown element) are refused as a device refuses them,
create/delete keep their RFC 6241 meaning, a lock keeps other sessions out, commit and
discard-changes move the candidate as they should, and restart-empty forgets every service.

usage: devsim_ncclient_test.py LIGHTMESH_DEVSIM NETWORK_JSON   (run by ctest)
"""
import os
import shutil
import signal
import sys
import tempfile
import time
import unittest

from ncclient import manager
from ncclient.operations import RPCError

from devsim_start import start

DEVSIM, NETWORK = sys.argv[1], sys.argv[2]
PASSWORD = "ncclient-test-password"

ITF = """<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
<org-openroadm-device xmlns="http://org/openroadm/device"
    xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><interface nc:operation="{op}">
<name>{name}</name>{body}</interface></org-openroadm-device></config>"""
MC_BODY = """<type xmlns:openROADM-if="http://org/openroadm/interfaces">openROADM-if:mediaChannelTrailTerminationPoint</type>
<supporting-circuit-pack-name>DEG1</supporting-circuit-pack-name><supporting-port>{port}</supporting-port>
<mc-ttp xmlns="http://org/openroadm/media-channel-interfaces"><min-freq>{lo}</min-freq><max-freq>193.125</max-freq></mc-ttp>"""


def mc(name, op="create", port="TTP", lo="193.075"):
    return ITF.format(op=op, name=name, body=MC_BODY.format(port=port, lo=lo) if op != "delete" else "")


class DevsimByNcclient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="lightmesh-devsim-ncclient-")
        cls.inventory = os.path.join(cls.dir, "devices.json")
        cls.control = os.path.join(cls.dir, "control")
        os.makedirs(cls.control)
        env = dict(os.environ, LIGHTMESH_DEVICE_PASSWORD=PASSWORD)
        global BASE_PORT
        try:
            cls.proc, BASE_PORT = start(DEVSIM, NETWORK, cls.inventory, env, first=30000,
                                        stride=37, extra=("--control-dir", cls.control))
        except AssertionError:
            shutil.rmtree(cls.dir)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        cls.proc.wait(timeout=30)
        shutil.rmtree(cls.dir)

    def connect(self):
        return manager.connect(host="127.0.0.1", port=BASE_PORT, username="lightmesh",
                               password=PASSWORD, hostkey_verify=False, allow_agent=False,
                               look_for_keys=False, timeout=60)

    def refused(self, m, config, tag):
        with self.assertRaises(RPCError) as e:
            m.edit_config(target="candidate", config=config)
        self.assertEqual(e.exception.tag, tag, e.exception.message)
        return e.exception.message

    def running(self, m):
        return m.get_config(source="running").data_xml

    def test_wrong_password_is_refused(self):
        with self.assertRaises(Exception):
            manager.connect(host="127.0.0.1", port=BASE_PORT, username="lightmesh",
                            password="wrong", hostkey_verify=False, allow_agent=False,
                            look_for_keys=False, timeout=10)

    def test_yang_invalid_edits_are_refused(self):
        with self.connect() as m:
            msg = self.refused(m, mc("bad-ref", port="NO-SUCH-PORT"), "invalid-value")
            self.assertIn("leafref", msg)
            msg = self.refused(m, mc("bad-type", lo="not-a-frequency"), "invalid-value")
            self.assertIn("decimal64", msg)
            unknown = ITF.format(op="create", name="x", body="<no-such-leaf>1</no-such-leaf>")
            self.refused(m, unknown, "invalid-value")
            m.discard_changes()
            self.assertNotIn("bad-ref", m.get_config(source="candidate").data_xml)

    def test_create_delete_commit_discard(self):
        with self.connect() as m, m.locked("candidate"):
            m.edit_config(target="candidate", config=mc("mc-a"))
            self.refused(m, mc("mc-a"), "data-exists")
            self.assertNotIn("mc-a", self.running(m))
            m.validate(source="candidate")
            m.commit()
            self.assertIn("<name>mc-a</name>", self.running(m))
            m.edit_config(target="candidate", config=mc("mc-a", op="delete"))
            self.refused(m, mc("mc-a", op="delete"), "data-missing")
            m.discard_changes()
            self.assertIn("<name>mc-a</name>", m.get_config(source="candidate").data_xml)
            m.edit_config(target="candidate", config=mc("mc-a", op="remove"))
            m.commit()
            self.assertNotIn("mc-a", self.running(m))

    def test_lock_keeps_other_sessions_out(self):
        with self.connect() as a, self.connect() as b:
            with a.locked("candidate"):
                self.refused(b, mc("mc-b"), "in-use")
                with self.assertRaises(RPCError):
                    b.lock("candidate")
            b.edit_config(target="candidate", config=mc("mc-b"))
            b.discard_changes()

    def test_refuse_commit_then_restart_empty(self):
        with self.connect() as m:
            m.edit_config(target="candidate", config=mc("mc-c"))
            m.commit()
            with open(os.path.join(self.control, "tmp"), "w") as f:
                f.write("refuse-commit\n")
            os.rename(os.path.join(self.control, "tmp"), os.path.join(self.control, "LSE"))
            time.sleep(0.2)
            m.edit_config(target="candidate", config=mc("mc-d"))
            with self.assertRaises(RPCError) as e:
                m.commit()
            self.assertIn("commit refused", e.exception.message)
            m.discard_changes()
            self.assertIn("mc-c", self.running(m))
        with open(os.path.join(self.control, "tmp"), "w") as f:
            f.write("restart-empty\n")
        os.rename(os.path.join(self.control, "tmp"), os.path.join(self.control, "LSE"))
        time.sleep(0.3)
        with self.connect() as m:
            running = self.running(m)
            self.assertNotIn("mc-c", running)
            self.assertIn("<circuit-pack-name>DEG1</circuit-pack-name>", running)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
