#!/usr/bin/env python3
"""Runs the commands a Markdown document shows and compares their output with what it shows.

    scripts/docs-test.py --lightmesh build/lightmesh --source . docs/cli.md

The document stays the single source (docs/testing.md, "Docs tests"). In its fenced blocks:

- `$ COMMAND` lines, each followed by the output the document shows for it, are run and compared
  (stdout and stderr together, as a terminal shows them). In the shown output a line that is only
  `…` stands for any number of lines, and `…` inside a line for any text. A last line
  `(exit status N)` is the exit status the command must end with; without it, 0.
- A `sh` block without prompts lists commands whose output is not shown: each must exit 0.
- `<!-- docs-test: not run: REASON -->` just before a block lists its commands as not run, with
  the reason, instead of running them. Any other command than `lightmesh` or `export` in a block
  without that marker is an error, so nothing is skipped silently.
- `lightmesh serve …` is started in the background on a free loopback port (the document's
  `--listen` port, 8080 by default, stands for it in commands and output), and `LIGHTMESH_URL` and
  `LIGHTMESH_TOKEN` are exported for the commands after it, as its own output suggests.

Everything runs in a fresh temporary directory holding links to the source's examples/, tests/,
data/ and docs/, so commands that write files write there. Volatile parts are masked on both sides
before comparing: tokens, token hashes, times and the binary's own path (`lightmesh` stands for
it). Exits 1 if any command differs.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ELLIPSIS = "…"
SKIP_MARKER = re.compile(r"<!--\s*docs-test:\s*not run:\s*(.*?)\s*-->")
EXIT_STATUS = re.compile(r"\(exit status (\d+)\)")
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
COMMAND_TIMEOUT_S = 120

# Masked alike in the shown and the actual output: what differs on every run.
MASKS = [
    (re.compile(r"\blm-[0-9a-f]{64}\b"), "lm-<token>"),
    (re.compile(r"\bsha256:[0-9a-f]{64}\b"), "sha256:<hash>"),
    (re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\b"), "<time>"),
]


class Command:
    def __init__(self, path, line, text, expected, shown, skip_reason):
        self.path = path
        self.line = line
        self.text = text
        self.expected = expected  # lines, when `shown`
        self.shown = shown  # the document shows its output
        self.skip_reason = skip_reason


def complete(text):
    """Whether `text` is a whole shell command, not one cut inside a quoted string."""
    try:
        shlex.split(text)
        return True
    except ValueError:
        return False


def looks_like_commands(body):
    """A plain block of runnable lightmesh commands, not a synopsis (`NETWORK`, `[--k N]`, `a|b`)
    nor messages (`lightmesh: …`)."""
    lines = [l.strip() for l in body if l.strip()]
    if not lines:
        return False
    for l in lines:
        if not l.startswith("lightmesh ") or re.search(r"[\[|]|\b[A-Z][A-Z_]+\b", l):
            return False
    return True


def parse(path):
    """The commands of every fenced block of `path`, in order."""
    lines = open(path, encoding="utf-8").read().split("\n")
    commands = []
    i = 0
    last_text = ""  # the last non-blank line outside a block
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip():
                last_text = lines[i]
            i += 1
            continue
        indent, lang = fence.group(1), fence.group(2)
        start = i + 1
        j = start
        while j < len(lines) and not re.match(r"^\s*```\s*$", lines[j]):
            j += 1
        body = [l[len(indent):] if l.startswith(indent) else l for l in lines[start:j]]
        marker = SKIP_MARKER.search(last_text)
        skip = marker.group(1) if marker else None
        if any(l.startswith("$ ") for l in body):
            current = None
            for k, l in enumerate(body):
                if l.startswith("$ "):
                    current = Command(path, start + k + 1, l[2:], [], True, skip)
                    commands.append(current)
                elif current is not None:
                    current.expected.append(l)
        elif lang == "" and looks_like_commands(body):
            # Commands in a plain block would be skipped unseen: make them fail instead.
            commands.append(Command(path, start + 1, body[0].strip(), [], False, skip))
            commands[-1].unmarked = True
        elif lang in ("sh", "bash", "shell", "console"):
            pending, first = "", 0
            for k, l in enumerate(body):
                text = l if pending else re.sub(r"\s{2,}#.*$", "", l).strip()
                if not pending and (not text or text.startswith("#")):
                    continue
                if not pending:
                    first = k
                pending = pending + "\n" + text if pending else text
                if complete(pending):
                    commands.append(Command(path, start + first + 1, pending, [], False, skip))
                    pending = ""
        last_text = ""
        i = j + 1
    return commands


def mask(line):
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def line_matches(expected, actual):
    if ELLIPSIS not in expected:
        return expected == actual
    parts = [re.escape(p) for p in expected.split(ELLIPSIS)]
    return re.fullmatch(".*".join(parts), actual) is not None


def output_matches(expected, actual):
    """Whether `actual` lines match `expected`, where a line `…` matches any number of lines."""
    memo = {}

    def match(e, a):
        if (e, a) in memo:
            return memo[(e, a)]
        if e == len(expected):
            result = a == len(actual)
        elif expected[e].strip() == ELLIPSIS:
            result = any(match(e + 1, k) for k in range(a, len(actual) + 1))
        else:
            result = a < len(actual) and line_matches(expected[e], actual[a]) and match(e + 1, a + 1)
        memo[(e, a)] = result
        return result

    return match(0, 0)


def strip_blank_tail(lines):
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


class Session:
    """One document's shell: a work directory, the environment, and the server it started."""

    def __init__(self, lightmesh, source):
        self.dir = tempfile.mkdtemp(prefix="lightmesh-docs-")
        for name in ("examples", "tests", "data", "docs"):
            os.symlink(os.path.join(source, name), os.path.join(self.dir, name))
        bin_dir = os.path.join(self.dir, ".bin")
        os.mkdir(bin_dir)
        self.binary = os.path.realpath(lightmesh)
        os.symlink(self.binary, os.path.join(bin_dir, "lightmesh"))
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("LIGHTMESH_")}
        self.env["PATH"] = bin_dir + os.pathsep + self.env.get("PATH", "")
        self.env["COLUMNS"] = "200"
        self.server = None
        self.doc_port = None
        self.port = None

    def close(self):
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def to_actual(self, text):
        if self.port:
            text = text.replace(f"127.0.0.1:{self.doc_port}", f"127.0.0.1:{self.port}")
        return text

    def to_doc(self, text):
        text = text.replace(self.binary, "lightmesh")
        if self.port:
            text = text.replace(f"127.0.0.1:{self.port}", f"127.0.0.1:{self.doc_port}")
        return text

    def serve(self, text):
        """Starts `lightmesh serve …` on a free port; returns its output up to its prompt."""
        if self.server:
            raise RuntimeError("a second lightmesh serve in one document")
        args = shlex.split(text.rstrip("&").strip())
        self.doc_port = 8080
        if "--listen" in args:
            k = args.index("--listen")
            self.doc_port = int(args[k + 1].rsplit(":", 1)[1])
            args[k + 1] = "127.0.0.1:0"
        else:
            args += ["--listen", "127.0.0.1:0"]
        log = open(os.path.join(self.dir, ".serve.log"), "w+", encoding="utf-8")
        self.server = subprocess.Popen(args, cwd=self.dir, env=self.env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 30
        out = ""
        while time.time() < deadline:
            log.seek(0)
            out = log.read()
            if "Ctrl-C stops it." in out or self.server.poll() is not None:
                break
            time.sleep(0.05)
        found = re.search(r"controller on https?://127\.0\.0\.1:(\d+)", out)
        if not found:
            raise RuntimeError("lightmesh serve did not start:\n" + out)
        self.port = int(found.group(1))
        db = args[args.index("--db") + 1] if "--db" in args else "lightmesh.db"
        scheme = "https" if "--tls-cert" in args else "http"
        self.env["LIGHTMESH_URL"] = f"{scheme}://127.0.0.1:{self.port}"
        token_file = os.path.join(self.dir, db + ".admin-token")
        if os.path.exists(token_file):
            self.env["LIGHTMESH_TOKEN"] = open(token_file, encoding="utf-8").read().strip()
        return out, 0

    def run(self, text):
        """Runs one command in the document's shell; returns its output and exit status."""
        text = self.to_actual(text)
        if re.match(r"^lightmesh\s+serve\b", text):
            return self.serve(text)
        env_file = os.path.join(self.dir, ".env")
        script = (f"{text}\n__status=$?\nexport -p > {shlex.quote(env_file)}\nexit $__status\n")
        done = subprocess.run(["bash", "-c", script], cwd=self.dir, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=COMMAND_TIMEOUT_S)
        if os.path.exists(env_file):
            exported = subprocess.run(
                ["bash", "-c", f". {shlex.quote(env_file)}; env -0"], cwd=self.dir,
                env=self.env, stdout=subprocess.PIPE).stdout.decode()
            self.env = dict(kv.split("=", 1) for kv in exported.split("\0") if "=" in kv)
            os.remove(env_file)
        return done.stdout.decode("utf-8", "replace"), done.returncode


def runnable(command):
    first = command.text.split()[0] if command.text.split() else ""
    return first in ("lightmesh", "export")


def check(command, session):
    """None when the command behaves as shown, else a description of the difference."""
    out, status = session.run(command.text)
    actual = strip_blank_tail([mask(session.to_doc(l)) for l in out.split("\n")])
    command.actual = strip_blank_tail([session.to_doc(l).rstrip() for l in out.split("\n")])
    if status != 0:
        command.actual.append(f"(exit status {status})")
    if not command.shown:
        return None if status == 0 else f"exit status {status}:\n" + "\n".join(actual)
    expected = strip_blank_tail([mask(l) for l in command.expected])
    want_status = 0
    if expected and EXIT_STATUS.fullmatch(expected[-1]):
        want_status = int(EXIT_STATUS.fullmatch(expected[-1]).group(1))
        expected = strip_blank_tail(expected[:-1])
    if status != want_status:
        return f"exit status {status}, the document shows {want_status}:\n" + "\n".join(actual)
    if output_matches(expected, actual):
        return None
    diff = difflib.unified_diff(expected, actual, "shown", "actual", lineterm="", n=2)
    return "output differs:\n" + "\n".join(diff)


def updated(expected, actual):
    """The actual output, keeping the shown output's first and last elided parts."""
    cut = [k for k, l in enumerate(expected) if l.strip() == ELLIPSIS]
    if not cut:
        return actual
    head, tail = cut[0], len(expected) - cut[-1] - 1
    if head + tail >= len(actual):
        return actual
    indent = expected[cut[0]][: len(expected[cut[0]]) - len(expected[cut[0]].lstrip())]
    return actual[:head] + [indent + ELLIPSIS] + (actual[len(actual) - tail:] if tail else [])


def rewrite(path, fixes):
    """Replaces the shown output of each failing command of `path` (a maintainer's aid)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for c in sorted(fixes, key=lambda c: -c.line):
        first = c.line  # 0-based index of the first output line
        lines[first:first + len(c.expected)] = updated(c.expected, c.actual)
    open(path, "w", encoding="utf-8").write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lightmesh", required=True, help="the built lightmesh binary")
    parser.add_argument("--source", required=True, help="the source tree (examples/ and docs/)")
    parser.add_argument("--update", action="store_true",
                        help="write the actual output into the document where it differs")
    parser.add_argument("documents", nargs="+")
    a = parser.parse_args()

    ran = failed = skipped = 0
    for doc in a.documents:
        path = os.path.join(a.source, doc) if not os.path.isabs(doc) else doc
        session = Session(a.lightmesh, os.path.abspath(a.source))
        fixes = []
        try:
            for c in parse(path):
                where = f"{doc}:{c.line}"
                shown = c.text.split("\n")[0] + (" …" if "\n" in c.text else "")
                if c.skip_reason is not None:
                    skipped += 1
                    print(f"not run  {where}: {shown}  ({c.skip_reason})")
                    continue
                if getattr(c, "unmarked", False):
                    failed += 1
                    print(f"FAIL     {where}: {shown}\n  commands in a plain block: show them as "
                          "`$ COMMAND` with their output, or in a sh block")
                    continue
                if not runnable(c):
                    failed += 1
                    print(f"FAIL     {where}: {shown}\n  not a lightmesh command, and the block has "
                          "no <!-- docs-test: not run: REASON --> marker")
                    continue
                ran += 1
                try:
                    problem = check(c, session)
                except (RuntimeError, subprocess.TimeoutExpired) as e:
                    problem = str(e)
                if problem and c.shown and hasattr(c, "actual"):
                    fixes.append(c)
                if problem:
                    failed += 1
                    print(f"FAIL     {where}: {shown}\n" +
                          "\n".join("  " + l for l in problem.split("\n")))
                else:
                    print(f"ok       {where}: {shown}")
        finally:
            session.close()
        if a.update and fixes:
            rewrite(path, fixes)
    print(f"{ran} commands run, {failed} failed, {skipped} not run")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
