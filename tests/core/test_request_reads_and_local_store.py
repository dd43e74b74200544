"""``core.request_reads`` (the keys of a request read in one round trip) and ``core.local_store`` (a
process's own store of entries that never change under their key)."""

from django.test import RequestFactory

from core import local_store, request_reads


def test_found_answers_only_for_keys_read_in_the_round_trip():
    request = RequestFactory().get("/")
    assert request_reads.found(request, ["a"]) is None, "nothing read yet"
    request_reads.remember(request, ["a", "b"], {"a": 1})
    assert request_reads.found(request, ["a", "b"]) == {"a": 1}, "b was read and is not in the cache"
    assert request_reads.found(request, ["a", "c"]) is None, "c was not read: ask the cache"


def test_registered_providers_name_their_keys_for_a_request(monkeypatch):
    monkeypatch.setattr(request_reads, "_providers", [])
    request_reads.register(lambda request: [f"user:{request.path}"])
    assert request_reads.keys_for(RequestFactory().get("/x")) == ["user:/x"]


def test_the_local_store_keeps_the_most_recently_used(monkeypatch):
    monkeypatch.setattr(local_store, "SIZE", 2)
    local_store.put("one", 1)
    local_store.put("two", 2)
    assert local_store.get("one") == 1  # now the most recently used
    local_store.put("three", 3)
    assert local_store.get("two") is None
    assert (local_store.get("one"), local_store.get("three")) == (1, 3)
    local_store.clear()
    assert local_store.get("one", "gone") == "gone"
