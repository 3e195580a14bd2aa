"""Run LocalStack's pytest suites against a running fakeaws.

Started by run.sh as `python3.13 launch.py PYTEST_ARGS...` in a LocalStack
checkout (LocalStack's source needs Python >= 3.13), with LSSNAP_PATH (the
fetched pure-Python dependencies: localstack-snapshot, rolo, plux,
pytest-httpserver, cbor2 5.x; colon-separated), LSSNAP_SITE (site-packages
directories of another Python holding boto3, werkzeug, ...; searched after
this Python's own) and LSSNAP_PORT (fakeaws's port) set. Before pytest
starts it:

- puts the checkout's localstack-core and the dependencies on sys.path,
  then LSSNAP_SITE, then Debian's dist-packages (pytest, deepdiff, ...);
- provides the version modules an installed LocalStack/rolo/plux would
  have generated (localstack.version, ...);
- replaces the few LocalStack modules that need compiled packages this
  Python has no build of (cryptography, pydantic, openapi-core) and that
  no S3/IAM/STS test calls with modules of inert classes (UNAVAILABLE);
- gives pluggy 1.0 (Debian's) the name `Result` newer pluggy exports;
- resolves *.localhost.localstack.cloud and *.localhost to 127.0.0.1 in this process
  (there is no DNS; /etc/hosts stays untouched).

lssnap_plugin.py (loaded with -p) does the rest inside pytest.
"""

import os
import socket
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))


def _extend_path():
    checkout = os.getcwd()
    front = [HERE, checkout, os.path.join(checkout, "localstack-core")]
    front += [p for p in os.environ.get("LSSNAP_PATH", "").split(":") if p]
    sys.path[:0] = front
    sys.path += [p for p in os.environ.get("LSSNAP_SITE", "").split(":") if p]
    sys.path.append("/usr/lib/python3/dist-packages")


# LocalStack modules importing cryptography or pydantic (compiled; the
# Python LocalStack needs has no build of them here). The test fixtures
# import them only for names they never call in the S3/IAM/STS suites.
UNAVAILABLE = (
    "localstack.utils.crypto",
    "localstack.utils.catalog.common",
    "localstack.utils.catalog.catalog",
    "localstack.utils.catalog.plugins",
    "localstack.aws.catalog_exceptions",
    "localstack.aws.handlers.validation",  # openapi-core
)


def _unavailable_module(name):
    """A module whose every attribute is a class: it can be subclassed and
    instantiated at import time (handler chains do both), and its instances
    raise when called."""
    mod = types.ModuleType(name)

    def __getattr__(attr):
        if attr.startswith("__"):
            raise AttributeError(attr)

        def call(self, *args, **kwargs):
            raise RuntimeError(f"{name}.{attr} is not available in this runner")

        cls = type(attr, (), {"__init__": lambda self, *a, **k: None, "__call__": call})
        setattr(mod, attr, cls)
        return cls

    mod.__getattr__ = __getattr__
    sys.modules[name] = mod


def _constants_module(name, path, names):
    """A module holding only the literal constants `names` of the source
    file path (relative to the checkout), read without running it: the
    real module patches moto, which needs cryptography."""
    import ast

    source = os.path.join(os.getcwd(), path)
    with open(source, encoding="utf-8") as f:
        tree = ast.parse(f.read(), source)
    mod = types.ModuleType(name)
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                setattr(mod, target.id, ast.literal_eval(node.value))
    sys.modules[name] = mod


def _version_module(name, version):
    if name in sys.modules:
        return
    try:
        __import__(name)
    except ImportError:
        mod = types.ModuleType(name)
        mod.__version__ = mod.version = version
        mod.__version_tuple__ = mod.version_tuple = tuple(version.split("."))
        sys.modules[name] = mod


def _pluggy_result():
    import pluggy

    if not hasattr(pluggy, "Result"):
        from pluggy._result import _Result

        pluggy.Result = _Result


# LocalStack's host names (BUCKET.s3.localhost.localstack.cloud, ...) and the
# BUCKET.localhost hosts some tests build from LOCALSTACK_HOST's name.
LOOPBACK_SUFFIXES = (".localhost.localstack.cloud", ".localhost")
_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and (host == "localhost.localstack.cloud" or host.endswith(LOOPBACK_SUFFIXES)):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


def main():
    _extend_path()
    _version_module("rolo.version", "0.0.0")
    _version_module("plux.version", "1.14.0")
    _version_module("localstack.version", "4.0.0")
    for name in UNAVAILABLE:
        _unavailable_module(name)
    # test_iam.py reads its list of LocalStack's extra managed policies.
    _constants_module(
        "localstack.services.iam.iam_patches",
        "localstack-core/localstack/services/iam/iam_patches.py",
        {"ADDITIONAL_MANAGED_POLICIES"},
    )
    _pluggy_result()
    socket.getaddrinfo = _getaddrinfo
    import pytest

    return pytest.main(["-p", "lssnap_plugin"] + sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
