"""`annotrain keys new`: a key pair that signs and verifies, kept private, never replaced."""

from __future__ import annotations

import stat

import pytest

from annotrain.commands.cli import main
from annotrain.signing.keys import key_id, load_private_key, public_key_text, raw_public_key
from annotrain.signing.tokens import open_token, sign


def test_keys_new_writes_a_usable_pair(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["keys", "new"]) == 0
    out = capsys.readouterr().out
    private, public, text = (
        tmp_path / "keys" / name for name in ("trainer.pem", "trainer.pub.pem", "trainer.pub.txt")
    )
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")  # PKCS#8
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    # The three files are one pair: what the private key signs, both public forms open.
    key = load_private_key(private)
    raw = raw_public_key(public.read_text(), "pem")
    assert raw_public_key(text.read_text(), "txt") == raw
    assert public_key_text("keys/trainer.pub.txt", tmp_path)[0] == text.read_text().strip()
    token = sign({"typ": "test"}, key)
    assert open_token(token, {key_id(raw): raw})["typ"] == "test"
    assert "public_key: keys/trainer.pub.pem" in out
    assert "out of version control" in out and "docs_dir" in out


def test_keys_new_takes_a_folder_and_a_name(tmp_path, capsys):
    assert main(["keys", "new", "--out", str(tmp_path / "secrets" / "2026"), "--name", "acme"]) == 0
    assert sorted(p.name for p in (tmp_path / "secrets" / "2026").iterdir()) == [
        "acme.pem", "acme.pub.pem", "acme.pub.txt",
    ]  # fmt: skip
    assert (
        f"public_key: {tmp_path / 'secrets' / '2026' / 'acme.pub.pem'}" in capsys.readouterr().out
    )


@pytest.mark.parametrize("existing", ["trainer.pem", "trainer.pub.pem", "trainer.pub.txt"])
def test_keys_new_never_replaces_a_file(tmp_path, capsys, existing):
    (tmp_path / existing).write_text("kept")
    assert main(["keys", "new", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / existing} already exists: a key pair is never replaced" in err
    assert (tmp_path / existing).read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == [existing]  # nothing half-written


def test_a_key_name_is_a_file_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["keys", "new", "--out", str(tmp_path), "--name", "../up"])
    assert usage.value.code == 2
    assert "'../up': use letters, digits" in capsys.readouterr().err
