"""pytest plugin: point LocalStack's test fixtures at fakeaws.

LocalStack's own conftests (tests/conftest.py, tests/aws/conftest.py)
load its fixtures and the snapshot plugin; this plugin only changes where
they talk to and how strictly snapshots are verified:

- the gateway LocalStack's clients use (config.GATEWAY_LISTEN, which
  tests/aws/conftest.py pins to 4566) becomes 127.0.0.1:LSSNAP_PORT, and
  LocalStack is never started in-process;
- test_s3control.py's S3 Control endpoint is http, not https: LocalStack
  serves TLS and plain HTTP on one port, fakeaws plain HTTP only (a TLS
  handshake with it hangs);
- with LSSNAP_STRICT=1 the `skip_snapshot_verify` markers (LocalStack's
  list of its own known differences from AWS) are ignored: every path of
  every snapshot is compared with the recording.
"""

import os

import pytest


def _gateway():
    from localstack import config

    port = int(os.environ["LSSNAP_PORT"])
    config.GATEWAY_LISTEN = config.UniqueHostAndPortList(
        [config.HostAndPort(host="127.0.0.1", port=port)]
    )


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    _gateway()
    if hasattr(config.option, "start_localstack"):
        config.option.start_localstack = False
    if os.environ.get("LSSNAP_STRICT") == "1":
        import localstack_snapshot.pytest.snapshot as snap

        snap.is_aws = lambda: True


def pytest_collection_modifyitems(session, config, items):
    for module in {item.module for item in items if getattr(item, "module", None)}:
        endpoint = getattr(module, "s3_control_endpoint", None)
        if isinstance(endpoint, str) and endpoint.startswith("https://"):
            module.s3_control_endpoint = "http://" + endpoint[len("https://") :]
