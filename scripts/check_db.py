"""Exit non-zero with a clear message when the test PostgreSQL server does not answer."""

import sys

import psycopg

url = sys.argv[1]
server = url.rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(server, connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL does not answer at {url}: {str(exc).strip()}")
    print("Start it (see README) or point TEST_DATABASE_URL at a server that runs.")
    sys.exit(2)
