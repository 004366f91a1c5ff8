"""The browser's tokeniser under Node's own test runner (tests/search/tokens.test.mjs): the shared
vectors run against site_templates/assets/search/1-tokens.js in seconds, Chromium or not."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ..conftest import ROOT

TEST_FILE = "tests/search/tokens.test.mjs"


def test_the_browser_tokeniser_passes_the_vectors_under_node() -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        message = "没有 Node.js：请安装 Debian 的 nodejs（sudo apt-get install nodejs）"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, "--test", TEST_FILE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
