"""Start fakeaws on a free loopback port for a test session.

`running_fakeaws()` is a context manager that starts the `fakeaws` binary
(from $FAKEAWS_BIN or PATH) with an ephemeral store on 127.0.0.1:0, reads the
URL it prints on its first line, and stops it on exit. conftest.py wraps it in
a pytest fixture; it works without pytest too.
"""

import contextlib
import os
import shutil
import subprocess


@contextlib.contextmanager
def running_fakeaws(*args, timeout=30):
    binary = os.environ.get("FAKEAWS_BIN") or shutil.which("fakeaws")
    if not binary:
        raise RuntimeError("fakeaws binary not found: set FAKEAWS_BIN or put fakeaws on PATH "
                           "(go install github.com/fakeaws/fakeaws/cmd/fakeaws@latest)")
    proc = subprocess.Popen([binary, "--ephemeral", "--addr", "127.0.0.1:0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = proc.stdout.readline().strip()  # "fakeaws listening on http://127.0.0.1:PORT"
        prefix = "fakeaws listening on "
        if not first.startswith(prefix):
            raise RuntimeError(f"fakeaws did not start: first line {first!r}")
        yield first[len(prefix):]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
