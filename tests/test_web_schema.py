"""The HTTP API against its own OpenAPI schema: whatever Schemathesis generates from it, the server
answers without a 500 (in-process through ASGI; tests/test_web.py runs the real server)."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import settings

from bot.config import load_settings
from bot.desks import Desk, LocalDesk
from bot.web import create_app
from retrieval import ArchiveQA
from retrieval.ingest import load_archive

from conftest import SEEDS

_home = Path(tempfile.mkdtemp(prefix="archive-qa-schema-"))
(_home / "settings.toml").write_text(
    f'[serve]\nrate_limit_per_minute = 1000000\n[telegram]\nfeedback_log = "{_home / "feedback.jsonl"}"\n',
    encoding="utf-8",
)
_settings = load_settings(_home / "settings.toml", environ={})
app = create_app(LocalDesk(Desk(ArchiveQA.from_archive(load_archive(SEEDS)), _settings)), _settings)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None)
def test_no_request_the_schema_allows_makes_the_server_fail(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text)
