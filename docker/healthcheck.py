"""Container health checks without curl: `python docker/healthcheck.py web|worker|beat`."""

import os
import subprocess
import sys
import time
import urllib.request

kind = sys.argv[1] if len(sys.argv) > 1 else "web"
if kind == "web":
    # Plain HTTP from inside the container: /healthz is exempt from the HTTPS redirect.
    url = "http://" + os.environ.get("HEALTHCHECK_ADDRESS", "127.0.0.1:8000") + "/healthz"
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
        sys.exit(0 if response.status == 200 else 1)
elif kind == "worker":
    node = f"celery@{os.uname().nodename}"
    command = ["celery", "-A", "omdomme", "inspect", "ping", "-d", node, "--timeout", "10"]
    result = subprocess.run(command, capture_output=True, check=False)  # noqa: S603,S607 - fixed command
    sys.exit(result.returncode)
elif kind == "beat":
    # Beat writes its schedule file as it ticks; a file untouched for 10 minutes means a stuck beat.
    path = os.environ.get("BEAT_SCHEDULE", "/var/lib/omdomme/beat/celerybeat-schedule")
    candidates = [p for p in (path, path + ".db", path + ".dat") if os.path.exists(p)]
    sys.exit(0 if candidates and time.time() - max(os.path.getmtime(p) for p in candidates) < 600 else 1)
sys.exit(2)
