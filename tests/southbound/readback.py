#!/usr/bin/env python3
"""Reads emulated (or real) OpenROADM 2.2.1 and OpenConfig devices back with ncclient, a NETCONF
client lightmesh did not write, and prints what each holds as JSON: {"PORT": {"interfaces": {name:
{leaf: text}}, "connections": {name: {"src-if", "dst-if", "opticalControlMode"}},
"media_channels": {index: {"name", "lower-frequency", "upper-frequency", "admin-status", "source",
"dest"}}, "optical_channels": {component: {"frequency", "target-output-power",
"operational-mode"}}}}. An OpenConfig component is listed only when its optical-channel config
holds something. Values are the device's text, unconverted, so the caller compares them exactly.

usage: readback.py HOST PORT [PORT ...]   (user lightmesh, password in LIGHTMESH_DEVICE_PASSWORD)
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

from ncclient import manager
from ncclient.operations.errors import TimeoutExpiredError
from ncclient.transport.errors import TransportError

DEV = "{http://org/openroadm/device}"
WR = "{http://openconfig.net/yang/wavelength-router}"
PLATFORM = "{http://openconfig.net/yang/platform}"
TERMINAL = "{http://openconfig.net/yang/terminal-device}"


def local(tag):
    return tag.split("}", 1)[-1]


def read(host, port):
    with manager.connect(host=host, port=port, username="lightmesh",
                         password=os.environ["LIGHTMESH_DEVICE_PASSWORD"], hostkey_verify=False,
                         allow_agent=False, look_for_keys=False, timeout=60) as m:
        root = ET.fromstring(m.get_config(source="running").data_xml.encode())
    out = {"interfaces": {}, "connections": {}}
    for itf in root.iter(DEV + "interface"):
        fields = {}
        for leaf in itf.iter():
            if leaf is itf or len(leaf):
                continue
            fields[local(leaf.tag)] = (leaf.text or "").strip()
        out["interfaces"][fields["name"]] = fields
    for c in root.iter(DEV + "roadm-connections"):
        fields = {}
        for leaf in c.iter():
            if leaf is c or len(leaf):
                continue
            fields[local(leaf.tag)] = (leaf.text or "").strip()
        out["connections"][fields["connection-name"]] = fields
    out["media_channels"] = {}
    for ch in root.iter(WR + "channel"):
        config = ch.find(WR + "config")
        fields = {local(leaf.tag): (leaf.text or "").strip() for leaf in config}
        for end in ("source", "dest"):
            port = ch.find("{0}{1}/{0}config/{0}port-name".format(WR, end))
            if port is not None:
                fields[end] = (port.text or "").strip()
        out["media_channels"][ch.find(WR + "index").text.strip()] = fields
    out["optical_channels"] = {}
    for comp in root.iter(PLATFORM + "component"):
        config = comp.find("{0}optical-channel/{0}config".format(TERMINAL))
        if config is not None and len(config):
            out["optical_channels"][comp.find(PLATFORM + "name").text.strip()] = {
                local(leaf.tag): (leaf.text or "").strip() for leaf in config}
    return out


def read_patiently(host, port):
    # Under a full parallel `make test` on two cores a reply can take long, and a session whose
    # messages stall past the device's read timeout is closed by the device: both are retried, so
    # only a device that never answers fails the read.
    for attempt in range(3):
        try:
            return read(host, port)
        except (TimeoutExpiredError, TransportError):
            if attempt == 2:
                raise


def main():
    host = sys.argv[1]
    print(json.dumps({p: read_patiently(host, int(p)) for p in sys.argv[2:]}))


if __name__ == "__main__":
    main()
