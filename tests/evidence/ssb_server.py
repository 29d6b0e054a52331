"""A local stand-in for Statistics Norway's PxWebApi v0, answering exactly as the real API does.

GET  /<table>/  -> the table's metadata: {"title", "variables": [{"code", "text", "values", "valueTexts",
                   "elimination"?, "time"?}]}
POST /<table>/  -> a JSON-stat 2.0 dataset for the query's selection (filter "item"), dimensions in the
                   order Region, ContentsCode, Tid (eliminated variables left out), missing cells null
                   with status "..", and PxWeb's "extension" block.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FakeTable:
    title: str
    regions: dict[str, str]  # code -> label
    contents: dict[str, str]  # ContentsCode -> label
    years: list[str]
    data: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (region, contents, year) -> value
    eliminated: list[tuple[str, str]] = field(default_factory=list)  # extra variables SSB sums when left out


@dataclass
class FakeSSB:
    tables: dict[str, FakeTable]
    mode: dict[str, str] = field(default_factory=dict)  # table -> "slow" | "malformed" | "http500"
    delay: float = 3.0
    requests: list[tuple[str, str, dict | None]] = field(default_factory=list)
    base_url: str = ""

    def metadata(self, table_id: str) -> dict:
        t = self.tables[table_id]
        variables = [
            {
                "code": "Region",
                "text": "region",
                "values": list(t.regions),
                "valueTexts": list(t.regions.values()),
                "elimination": True,
            }
        ]
        for code, text in t.eliminated:
            variables.append(
                {"code": code, "text": text, "values": ["0"], "valueTexts": ["i alt"], "elimination": True}
            )
        variables.append(
            {
                "code": "ContentsCode",
                "text": "statistikkvariabel",
                "values": list(t.contents),
                "valueTexts": list(t.contents.values()),
            }
        )
        variables.append({"code": "Tid", "text": "år", "values": t.years, "valueTexts": t.years, "time": True})
        return {"title": t.title, "variables": variables}

    def dataset(self, table_id: str, query: dict) -> tuple[int, dict | str]:
        t = self.tables[table_id]
        selection = {q["code"]: q["selection"] for q in query["query"]}
        if query.get("response", {}).get("format") != "json-stat2":
            return 400, "Bad request"
        chosen = {}
        for code, allowed in (("Region", t.regions), ("ContentsCode", t.contents), ("Tid", t.years)):
            sel = selection.get(code)
            if sel is None:
                chosen[code] = list(allowed)
                continue
            if sel["filter"] != "item" or any(v not in allowed for v in sel["values"]):
                return 400, "Bad request"  # PxWebApi v0 refuses values the table does not have
            chosen[code] = list(sel["values"])
        values, status = [], {}
        for region in chosen["Region"]:
            for contents in chosen["ContentsCode"]:
                for year in chosen["Tid"]:
                    value = t.data.get((region, contents, year))
                    if value is None:
                        status[str(len(values))] = ".."
                    values.append(value)
        labels = {"Region": t.regions, "ContentsCode": t.contents, "Tid": {y: y for y in t.years}}
        dims = {}
        for code, text in (("Region", "region"), ("ContentsCode", "statistikkvariabel"), ("Tid", "år")):
            category = {
                "index": {c: i for i, c in enumerate(chosen[code])},
                "label": {c: labels[code][c] for c in chosen[code]},
            }
            if code == "ContentsCode":
                category["unit"] = {c: {"base": "personer", "decimals": 0} for c in chosen[code]}
            dims[code] = {"label": text, "category": category}
        doc = {
            "version": "2.0",
            "class": "dataset",
            "label": t.title,
            "source": "Statistisk sentralbyrå",
            "updated": "2025-02-20T07:00:00Z",
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
            "id": ["Region", "ContentsCode", "Tid"],
            "size": [len(chosen["Region"]), len(chosen["ContentsCode"]), len(chosen["Tid"])],
            "dimension": dims,
            "extension": {"px": {"tableid": table_id, "decimals": 0, "official-statistics": True, "language": "no"}},
            "value": values,
        }
        if status:
            doc["status"] = status
        return 200, doc


def _handler(fake: FakeSSB):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output quiet
            pass

        def _table(self) -> str | None:
            table_id = self.path.strip("/").split("/")[-1]
            return table_id if table_id in fake.tables else None

        def _send(self, status: int, body: dict | str | bytes) -> None:
            if isinstance(body, dict):
                payload = json.dumps(body).encode()
                ctype = "application/json; charset=utf-8"
            else:
                payload = body.encode() if isinstance(body, str) else body
                ctype = "text/plain; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        def do_GET(self) -> None:
            table_id = self._table()
            fake.requests.append(("GET", self.path, None))
            if table_id is None:
                return self._send(404, "Not found")
            return self._send(200, fake.metadata(table_id))

        def do_POST(self) -> None:
            table_id = self._table()
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            fake.requests.append(("POST", self.path, body))
            if table_id is None:
                return self._send(404, "Not found")
            mode = fake.mode.get(table_id)
            if mode == "slow":
                time.sleep(fake.delay)
            if mode == "malformed":
                # A body cut off half-way, as from a dropped connection behind a proxy.
                status, doc = fake.dataset(table_id, body)
                return self._send(200, json.dumps(doc)[:120].encode())
            if mode == "http500":
                return self._send(500, "Internal Server Error")
            status, doc = fake.dataset(table_id, body)
            return self._send(status, doc)

    return Handler


def start(fake: FakeSSB) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/api/v0/no/table/"
    return server
