#!/usr/bin/env python3
"""Changes an emulated (or real) OpenROADM 2.2.1 device behind lightmesh's back, with ncclient, as an
operator at the device's own console would: edit the candidate, then commit.

usage: tamper.py HOST PORT delete-connection NAME
       tamper.py HOST PORT set-control-mode NAME MODE    (MODE: off, power or gainLoss)
       tamper.py HOST PORT delete-media-channel INDEX    (an OpenConfig wavelength router)
(user lightmesh, password in LIGHTMESH_DEVICE_PASSWORD)
"""
import os
import sys
from xml.sax.saxutils import escape

from ncclient import manager
from ncclient.operations.errors import TimeoutExpiredError
from ncclient.transport.errors import TransportError

EDIT = """<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
<org-openroadm-device xmlns="http://org/openroadm/device"
    xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0">{}</org-openroadm-device></config>"""
OPENCONFIG_EDIT = """<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
<wavelength-router xmlns="http://openconfig.net/yang/wavelength-router"
    xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><media-channels>{}</media-channels>
</wavelength-router></config>"""


def main():
    host, port, what, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], escape(sys.argv[4])
    if what == "delete-connection":
        body = EDIT.format(
            '<roadm-connections nc:operation="remove"><connection-name>{}</connection-name>'
            '</roadm-connections>'.format(name))
    elif what == "delete-media-channel":
        body = OPENCONFIG_EDIT.format(
            '<channel nc:operation="remove"><index>{}</index></channel>'.format(name))
    elif what == "set-control-mode":
        body = EDIT.format(
            '<roadm-connections nc:operation="merge"><connection-name>{}</connection-name>'
            '<opticalControlMode>{}</opticalControlMode></roadm-connections>'.format(
                name, escape(sys.argv[5])))
    else:
        sys.exit("tamper.py: unknown change " + what)
    # Under a full parallel `make test` on two cores a session can time out or drop: the change is
    # retried (both changes are idempotent: remove and merge), so only a
    # device that never takes it fails.
    for attempt in range(3):
        try:
            change(host, port, body)
            return
        except (TimeoutExpiredError, TransportError):
            if attempt == 2:
                raise


def change(host, port, body):
    m = manager.connect(host=host, port=port, username="lightmesh",
                        password=os.environ["LIGHTMESH_DEVICE_PASSWORD"], hostkey_verify=False,
                        allow_agent=False, look_for_keys=False, timeout=60)
    try:
        m.edit_config(target="candidate", config=body)
        m.commit()
    finally:
        try:
            m.close_session()
        except (TimeoutExpiredError, TransportError):
            pass  # the change is committed; a session that drops while closing is no matter


if __name__ == "__main__":
    main()
