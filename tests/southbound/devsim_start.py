"""Starts lightmesh-devsim for a Python test: on a range of ports below Linux's ephemeral range
(32768 and up), chosen from the process id; a range another program holds makes the emulator exit,
and the next one is tried.

    proc, base_port = start(devsim, network, inventory, env, first=30000, stride=37)
"""
import os
import subprocess
import time


def start(devsim, network, inventory, env, first, stride, extra=()):
    """The running emulator and its first port, once it has written `inventory`."""
    for attempt in range(5):
        base_port = first + ((os.getpid() + attempt * stride) % 100) * 24
        proc = subprocess.Popen([devsim, network, "--base-port", str(base_port),
                                 "--inventory-out", inventory, *extra], env=env)
        deadline = time.time() + 30
        while not os.path.exists(inventory) and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        if os.path.exists(inventory):
            return proc, base_port
        proc.kill()
        proc.wait()
    raise AssertionError("lightmesh-devsim {} did not start".format(" ".join(extra)))
