"""Stand-ins for ministack's in-process request context, which the suite's
conftest resets before each test: the tests run against a remote server
(fakeaws), so there is nothing to reset."""


def set_request_account_id(_account_id):
    pass


def set_request_region(_region):
    pass
