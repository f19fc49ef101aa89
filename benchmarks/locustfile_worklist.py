"""Locust users for bench_worklist.py: each is its own logged-in caseworker, loading a page.

BENCH_PAGE chooses the page: /mine-opgaver/ (the worklist) or / (the baseline). BENCH_SESSIONS
holds one session key per user, made by the benchmark, so password hashing (a deliberate
~0.5 s per login) is not part of what is measured.
"""

import itertools
import os

from locust import HttpUser, between, task

PAGE = os.environ.get("BENCH_PAGE", "/mine-opgaver/")
SESSIONS = os.environ["BENCH_SESSIONS"].split(",")
_numbers = itertools.count()


class Caseworker(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        session_key = SESSIONS[next(_numbers) % len(SESSIONS)]
        self.client.cookies.set("sessionid", session_key, domain="127.0.0.1")

    @task
    def page(self):
        with self.client.get(PAGE, name=PAGE, catch_response=True) as response:
            if response.status_code != 200 or "log-ind" in response.url:
                response.failure(f"status {response.status_code}")
