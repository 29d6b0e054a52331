"""A real local SMTP server for tests (aiosmtpd), with scripted answers.

``SmtpServer(fail_first=2, code=421)`` answers ``421`` to the first two messages' DATA and accepts
the rest; ``code=550`` refuses them for good. ``received`` holds every accepted message.
"""

from __future__ import annotations

import email
import socket
import threading
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, fail_first: int, code: int):
        self.fail_first = fail_first
        self.code = code
        self.attempts = 0
        self.received: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.attempts += 1
            if self.attempts <= self.fail_first:
                if self.code >= 500:
                    return f"{self.code} 5.7.1 Message refused for good"
                return f"{self.code} 4.3.2 Try again later"
            self.received.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, *, fail_first: int = 0, code: int = 421):
        self.handler = _Handler(fail_first, code)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def received(self) -> list[Message]:
        return self.handler.received

    @property
    def attempts(self) -> int:
        return self.handler.attempts

    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
