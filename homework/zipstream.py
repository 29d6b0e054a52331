"""Stream a ZIP archive without building it in memory or on disk: ``zipfile`` writes into a small
buffer that is emptied after every chunk (unseekable output, so entries use data descriptors)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

CHUNK = 64 * 1024


class _Sink:
    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._offset = 0

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self._offset

    def flush(self) -> None:
        return None

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


class TextSource:
    """A text (such as a submission's text answer) as a ZIP entry, UTF-8 encoded."""

    def __init__(self, text: str) -> None:
        self._data = text.encode("utf-8")

    def open(self, mode: str = "rb"):

        return io.BytesIO(self._data)


def stream_zip(entries: Iterable[tuple[str, object]]) -> Iterator[bytes]:
    """``entries``: (name inside the archive, a FieldFile or file-like object opened on demand)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, source in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            try:
                handle = source.open("rb")
            except FileNotFoundError:
                continue
            with handle, archive.open(info, mode="w", force_zip64=True) as target:
                while chunk := handle.read(CHUNK):
                    target.write(chunk)
                    data = sink.drain()
                    if data:
                        yield data
            data = sink.drain()
            if data:
                yield data
    data = sink.drain()
    if data:
        yield data
