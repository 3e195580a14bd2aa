"""pytest plugin for conformance/awsdocs/run.sh: gives the awsdocs Python
test suites back their --use-real-aws-may-incur-charges option.

python/test_tools/README.md still says every stubber honours that option,
but the option left python/test_tools/fixtures/common.py in d83a8246e6
("Python DynamoDB MVP", 2022): since then make_stubber always stubs. This
plugin restores the wiring common.py had before (c0426fc3e6): with the
option, a stubber is made with use_stubs=False, is never activated, and
every call goes to the endpoint (AWS_ENDPOINT_URL: fakeaws). The stubbers'
own add_response/add_client_error/assert_no_pending_responses already do
nothing when use_stubs is False.
"""
import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--use-real-aws-may-incur-charges", action="store_true", default=False,
        help="Send the examples' calls to the endpoint instead of botocore's Stubber.")


def pytest_configure(config):
    if not config.getoption("--use-real-aws-may-incur-charges"):
        return
    from test_tools.example_stubber import ExampleStubber

    init = ExampleStubber.__init__
    activate = ExampleStubber.activate
    deactivate = ExampleStubber.deactivate

    def passthrough_init(self, client, use_stubs=True):
        init(self, client, False)

    def passthrough_activate(self):
        if self.use_stubs:
            activate(self)

    def passthrough_deactivate(self):
        if self.use_stubs:
            deactivate(self)

    ExampleStubber.__init__ = passthrough_init
    ExampleStubber.activate = passthrough_activate
    ExampleStubber.deactivate = passthrough_deactivate


@pytest.fixture(name="use_real_aws")
def fixture_use_real_aws(request):
    """The fixture common.py had: whether the option is on."""
    return request.config.getoption("--use-real-aws-may-incur-charges")
