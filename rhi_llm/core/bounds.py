"""Bounds on one HTTP request to a model endpoint: a total deadline and a response size cap.

httpx's timeout applies to each read, not to the request: a server that sends one byte a
second never trips it, and a body of any size is read whole into memory. `BoundedClient` is
the HTTP client the openai SDK is given (`Settings.client`): every request it sends, from
connecting to the last byte of the body, must end within ``deadline`` seconds (a monotonic
clock, checked while the body is read), and the body may hold at most ``max_bytes`` bytes,
counted as they arrive (a declared Content-Length over the cap is refused before reading).

Breaking a bound raises `DeadlinePassed` (an httpx timeout: the SDK reports it as a timed-out
request, which the retry policy may try again) or `BodyOverCap` (a transport error: the SDK
reports a failed connection, which the model backend recognises and does not retry).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

try:  # the openai SDK 3 sends with httpx2, its 2.x releases with httpx
    import httpx2 as http
except ImportError:  # pragma: no cover - only with openai 2.x installed
    import httpx as http  # type: ignore[no-redef,import-not-found,unused-ignore]

# what the openai SDK's own client allows (its defaults, given up by passing a client)
LIMITS = http.Limits(max_connections=1000, max_keepalive_connections=100)


class DeadlinePassed(http.TimeoutException):
    """The request took longer than its total deadline."""

    def __init__(self, seconds: float, *, request: http.Request | None = None) -> None:
        super().__init__(
            f"no complete answer within the request deadline of {seconds:g} s", request=request
        )
        self.seconds = seconds


class BodyOverCap(http.TransportError):
    """The response body was larger than the cap."""

    def __init__(self, cap: int, *, request: http.Request | None = None) -> None:
        super().__init__(
            f"the answer was larger than the response size cap of {cap} bytes", request=request
        )
        self.cap = cap


class _CappedStream(http.AsyncByteStream):
    """A response body that raises `BodyOverCap` once more than ``cap`` bytes arrived."""

    def __init__(self, inner: Any, cap: int, request: http.Request) -> None:
        self.inner = inner
        self.cap = cap
        self.request = request
        self.received = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.inner:
            self.received += len(chunk)
            if self.received > self.cap:
                raise BodyOverCap(self.cap, request=self.request)
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()


class BoundedClient(http.AsyncClient):
    """An httpx client whose every request keeps to a total deadline and a body size cap."""

    def __init__(self, *, deadline: float, max_bytes: int, **options: Any) -> None:
        options.setdefault("limits", LIMITS)
        options.setdefault("follow_redirects", True)
        super().__init__(**options)
        self.deadline = deadline
        self.max_bytes = max_bytes

    async def send(
        self, request: http.Request, *, stream: bool = False, **options: Any
    ) -> http.Response:
        try:
            async with asyncio.timeout(self.deadline):
                response = await super().send(request, stream=True, **options)
                try:
                    self._cap(response, request)
                    if not stream:
                        await response.aread()
                except BaseException:
                    await response.aclose()
                    raise
        except TimeoutError:
            raise DeadlinePassed(self.deadline, request=request) from None
        if stream:  # read later by the caller: the cap holds, the deadline cannot
            return response
        if len(response.content) > self.max_bytes:  # decompressed beyond the cap
            raise BodyOverCap(self.max_bytes, request=request)
        return response

    def _cap(self, response: http.Response, request: http.Request) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise BodyOverCap(self.max_bytes, request=request)
        response.stream = _CappedStream(response.stream, self.max_bytes, request)
