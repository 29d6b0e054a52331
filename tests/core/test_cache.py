"""The production cache backend (omdomme.core.cache) on a real Redis: one client per connection pool,
shared by every operation and thread, and the values round trip as with Django's own backend."""

import os
import threading

import pytest

from omdomme.core.cache import SharedClientRedisCache

REDIS_URL = os.environ.get("TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/12")


@pytest.fixture
def cache():
    backend = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-cache-{os.getpid()}"})
    yield backend
    backend.clear()


def test_every_operation_shares_one_client(cache):
    first = cache._cache.get_client()
    cache.set("a", {"n": 1})
    assert cache.get_many(["a", "missing"]) == {"a": {"n": 1}}
    assert cache.add("a", 2) is False
    assert cache._cache.get_client(write=True) is first
    cache.delete("a")
    assert cache.get("a", "gone") == "gone"


def test_threads_share_the_client_safely(cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"t{n}-{i}", i)
                assert cache.get(f"t{n}-{i}") == i
        except AssertionError as exc:  # pragma: no cover - the failure is the report
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
