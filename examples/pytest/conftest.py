"""pytest fixtures: one fakeaws for the whole session, and boto3 sessions for
an account's root (a 12-digit access key id is that account's root; its
secret is "test")."""

import boto3
import pytest

from fakeaws_server import running_fakeaws


@pytest.fixture(scope="session")
def fakeaws_endpoint():
    with running_fakeaws() as endpoint:
        yield endpoint


@pytest.fixture
def root_session():
    def make(account):
        return boto3.Session(aws_access_key_id=account, aws_secret_access_key="test",
                             region_name="us-east-1")
    return make
