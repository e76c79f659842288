"""The API against its own OpenAPI schema (issue 19 item 7b): schemathesis generates requests for every
operation, valid and ill-formed, in-process through the WSGI app with a personal API token. No answer may
be a 5xx or break the schema it documents.

Bounded for CI: ZHIFA_FUZZ_EXAMPLES examples per operation (default 5); `make fuzz` runs it with more.
The data is a small fixture (two counties, four agencies, a user with every business role), not the demo:
loading the demo takes minutes.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import OfficerFactory
from zhifa.accounts import services as accounts
from zhifa.accounts.choices import BUSINESS_ROLES
from zhifa.wsgi import application

EXAMPLES = int(os.environ.get("ZHIFA_FUZZ_EXAMPLES", "5"))
# In CI only the fuzzing phase (max EXAMPLES per operation); `make fuzz` adds the coverage phase, which
# walks every boundary of every parameter (many requests per operation).
LONG = EXAMPLES > 5
config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": LONG}}})

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=config)
# Revoking the caller's own token would end the run's credentials half-way.
schema = schema.exclude(path_regex=r"/tokens/\{token_id\}/revoke$")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app is called directly, not through Django's test client, so it would run
    close_old_connections at the end of each request: on PostgreSQL that closes the connection that holds
    the test's transaction (SQLite's in-memory database is never closed). Do as the test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, agencies, make_user):
    user = make_user(agencies["east_market"], *sorted(BUSINESS_ROLES), username="fuzzer")
    OfficerFactory(agency=agencies["east_market"], name="张伟", user=user)
    _, key = accounts.api_token_create(actor=user, name="fuzz")
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=not os.environ.get("ZHIFA_FUZZ_RANDOM"),
)
def test_api_answers_within_its_schema(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error, response_schema_conformance])
