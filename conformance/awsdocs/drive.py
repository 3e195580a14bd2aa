"""Runs one of the awsdocs Python scenarios as __main__ for
conformance/awsdocs/run.sh, answering its input() prompts from this
process's standard input, one line per prompt, the way a user types them:

    python3 drive.py SCRIPT.py < answers

What a person does by hand is done here:
- An answer line {totp} is replaced by the current TOTP code of the last
  virtual MFA device the script created (its Base32StringSeed, read from
  the CreateVirtualMFADevice response), {totp-prev} by the previous
  30-second step's code (EnableMFADevice takes two consecutive codes) and
  {totp-next} by the code of the first step after every step answered
  before, waiting for that step to begin (so no code is sent twice).
- webbrowser.open (the scripts show the device's QR code) does nothing.
- With DRIVE_NO_SIGNIN=1, requests.get to signin.aws.amazon.com (the
  console sign-in federation endpoint, which fakeaws does not serve)
  raises SigninNotServed instead of leaving the machine.
Each prompt and its answer are echoed, so the log reads like a session.
"""
import base64
import builtins
import hashlib
import hmac
import os
import runpy
import struct
import sys
import time
import webbrowser

import boto3

seeds = []
last_step = [0]


class SigninNotServed(Exception):
    """The scenario reached the AWS console sign-in federation endpoint."""


def totp(seed, step):
    key = base64.b32decode(seed.upper() + "=" * (-len(seed) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return "%06d" % (code % 1000000)


def answer(line):
    if "{totp" not in line:
        return line
    if not seeds:
        raise RuntimeError("a {totp} answer before any virtual MFA device was created")
    now = int(time.time()) // 30
    steps = {"{totp-prev}": now - 1, "{totp}": now, "{totp-next}": max(now, last_step[0] + 1)}
    for token, step in steps.items():
        if token in line:
            while int(time.time()) // 30 < step:
                time.sleep(0.5)
            last_step[0] = max(last_step[0], step)
            line = line.replace(token, totp(seeds[-1], step))
    return line


def scripted_input(prompt=""):
    line = sys.stdin.readline()
    if not line:
        raise EOFError("no answer left for prompt %r" % prompt)
    got = answer(line.rstrip("\n"))
    print("%s%s" % (prompt, got), flush=True)
    return got


def capture_seed(parsed, **_):
    seed = parsed.get("VirtualMFADevice", {}).get("Base32StringSeed")
    if seed:
        seeds.append(seed.decode() if isinstance(seed, bytes) else seed)


def no_signin(get):
    def wrapped(url, *args, **kwargs):
        if "signin.aws.amazon.com" in url:
            raise SigninNotServed("%s is AWS's console sign-in endpoint, not served here" % url)
        return get(url, *args, **kwargs)
    return wrapped


def main():
    script = os.path.abspath(sys.argv[1])
    boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register(
        "after-call.iam.CreateVirtualMFADevice", capture_seed)
    builtins.input = scripted_input
    webbrowser.open = lambda *a, **k: True
    if os.environ.get("DRIVE_NO_SIGNIN") == "1":
        import requests
        requests.get = no_signin(requests.get)
    sys.argv = [script] + sys.argv[2:]
    sys.path.insert(0, os.path.dirname(script))
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
