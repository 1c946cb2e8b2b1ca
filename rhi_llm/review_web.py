"""`rhi-llm review --web`: the flagged fields reviewed in a browser, on this computer only.

A Starlette app served by uvicorn on 127.0.0.1. Every request must carry the session's
token: in the address on the first load (the app then sets a cookie), and in the
``X-RHI-Token`` header for every decision posted. A request without it, or whose Host
header is not 127.0.0.1 or localhost on our port (DNS rebinding), gets 403. Pages, styles
and scripts are shipped in the package (``rhi_llm/web/``); nothing is fetched from any
other host.

Each decision goes through `review.record_decision`, as in the terminal review: written to
the run store at once with the reviewer and the time. The page sends the id of the newest
decision it showed: when someone decided the field since, both decisions are shown and the
reviewer says which stands; when the extraction itself changed, the field is shown again.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import uvicorn
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.review import (
    DecisionConflict,
    ReviewInputError,
    ReviewItem,
    describe_decision,
    describe_value,
    question_heading,
    record_decision,
    review_items,
    reviewer_name,
)
from rhi_llm.review_pages import page_png, quote_boxes
from rhi_llm.store import Store, open_store

COOKIE = "rhi_review_token"
HEADER = "x-rhi-token"
STATIC = Path(__file__).parent / "web" / "static"
PAGE_HEADERS = {
    "Cache-Control": "no-store",  # "back" shows the field as the store has it now
    # nothing but this app: no other host for scripts, styles, images or requests
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class Filters:
    """What the queue shows: a field, a council (part of its name), a flag code, the fields a
    reviewer decided, and only fields nobody decided."""

    field: str = ""
    council: str = ""
    flag: str = ""
    reviewer: str = ""
    undecided: bool = False

    @classmethod
    def of(cls, request: Request) -> Filters:
        query = request.query_params
        return cls(
            field=query.get("field", ""),
            council=query.get("council", ""),
            flag=query.get("flag", ""),
            reviewer=query.get("reviewer", ""),
            undecided=query.get("undecided", "") == "1",
        )

    def query(self) -> str:
        given = {k: v for k, v in self.__dict__.items() if v and k != "undecided"}
        return urlencode({**given, **({"undecided": "1"} if self.undecided else {})})

    def keep(self, item: ReviewItem) -> bool:
        if self.flag and self.flag not in {f.code for f in item.field.flags}:
            return False
        if self.reviewer and (item.decision is None or item.decision.reviewer != self.reviewer):
            return False
        return not (self.undecided and item.decision is not None)


def item_key(item: ReviewItem) -> str:
    return f"{item.sha256}:{item.field_id}"


def fingerprint(item: ReviewItem) -> str:
    """What the reviewer's page showed of the extraction: a new extraction changes it."""
    shown = json.dumps([item.path, item.field.model_dump(mode="json")], sort_keys=True)
    return hashlib.sha256(shown.encode()).hexdigest()[:16]


@dataclass
class ReviewApp:
    """The app's settings and the few things it keeps between requests."""

    db: Path
    token: str
    port: int
    reviewer: str
    images: dict[tuple[str, int], bytes] = field(default_factory=dict)
    boxes: dict[tuple[str, int, str], list[dict[str, float]]] = field(default_factory=dict)

    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("rhi_llm", "web/templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _all_items(store: Store, filters: Filters) -> list[ReviewItem]:
    field_id = filters.field if filters.field in FIELDS else None
    return review_items(store, field=field_id, council=filters.council or None)


def _progress(items: list[ReviewItem]) -> dict[str, Any]:
    decided = [item.decision.reviewer for item in items if item.decision is not None]
    return {
        "decided": len(decided),
        "left": len(items) - len(decided),
        "by": sorted(Counter(decided).items()),
    }


def _evidence(app: ReviewApp, item: ReviewItem) -> dict[str, Any]:
    """The letter's words around the quote, the table place, and the PDF page if at hand."""
    context = item.context()
    words: dict[str, Any] | None = None
    if context is not None:
        text, start, span, page = context
        if span is not None and 0 <= span[0] - start < span[1] - start <= len(text):
            a, b = span[0] - start, span[1] - start
            words = {"before": text[:a], "quote": text[a:b], "after": text[b:], "page": page}
        else:
            words = {"before": text, "quote": "", "after": "", "page": page}
    place = item.table_place()
    width = (
        1 + max((column for column, _ in (*place.heading, *place.row)), default=0) if place else 0
    )
    return {"words": words, "table": place, "table_width": width, "pdf": _pdf_page(app, item)}


def _letter_file(app: ReviewApp, item: ReviewItem) -> Path | None:
    """The PDF the letter was read from, if it is still there and unchanged."""
    if item.row.letter.format != "pdf":
        return None
    path = Path(item.path)
    if not path.is_absolute():
        path = app.db.parent / path
    if not path.is_file():
        return None
    if hashlib.sha256(path.read_bytes()).hexdigest() != item.sha256:
        return None
    return path


def _pdf_page(app: ReviewApp, item: ReviewItem) -> dict[str, Any] | None:
    path = _letter_file(app, item)
    page, quote = item.field.page, item.field.quote
    if path is None or page is None:
        return None
    scanned = page in item.row.letter.ocr_pages
    key = (item.sha256, page, quote or "")
    if key not in app.boxes:
        found = (
            quote_boxes(path, page, quote, scanned=scanned, near=_how_far_down(item, page))
            if quote
            else []
        )
        app.boxes[key] = [box.__dict__ for box in found]
    return {"page": page, "scanned": scanned, "boxes": app.boxes[key]}


def _how_far_down(item: ReviewItem, page: int) -> float:
    """How far down its page's text the quote starts, 0 to 1 (0 when not known)."""
    doc, span = item.document, item.field.span
    if doc is None or not span or page > len(doc.page_starts):
        return 0.0
    start = doc.page_starts[page - 1]
    end = doc.page_starts[page] if page < len(doc.page_starts) else len(doc.text)
    return min(1.0, max(0.0, (span[0] - start) / max(1, end - start)))


def _item_view(item: ReviewItem, seen: int) -> dict[str, Any]:
    found = item.field
    return {
        "key": item_key(item),
        "item": item,
        "questions": [(question_heading(label), wording) for label, wording in item.questions()],
        "value": describe_value(found.value, found.unit, found.of),
        "status": found.status.replace("_", " "),
        "others": [
            (source, describe_value(other, found.unit, found.of))
            for source, other in found.alternatives.items()
        ],
        "derived": found.derived.arithmetic if found.derived is not None else None,
        "decision": describe_decision(item.decision) if item.decision else None,
        "seen": seen,
        "fingerprint": fingerprint(item),
    }


def build_app(app: ReviewApp) -> ASGIApp:
    """The Starlette app for one review session."""
    templates = _environment()

    def page(name: str, **values: Any) -> HTMLResponse:
        html = templates.get_template(name).render(**values)
        return HTMLResponse(html, headers=PAGE_HEADERS)

    def queue_page(request: Request) -> Response:
        filters = Filters.of(request)
        with open_store(app.db) as store:
            everything = _all_items(store, filters)
            ids = store.decision_ids()
        queue = [item for item in everything if filters.keep(item)]
        key = request.query_params.get("item")
        current = next((i for i in queue if item_key(i) == key), None)
        if current is None and key is None and queue:
            current = next((i for i in queue if i.decision is None), queue[0])
        view = None
        if current is not None:
            view = _item_view(current, ids.get((current.sha256, current.field_id), 0))
            view["evidence"] = _evidence(app, current)
        return page(
            "review.html",
            queue=[(item_key(i), i) for i in queue],
            view=view,
            filters=filters,
            query=filters.query(),
            progress=_progress(everything),
            reviewer=app.reviewer,
            token=app.token,
            fields=list(FIELDS),
            flag_codes=sorted({f.code for i in everything for f in i.field.flags}),
            reviewers=sorted({i.decision.reviewer for i in everything if i.decision}),
            changed=request.query_params.get("changed") == "1",
            missing=key not in (None, "done") and current is None,
            done=key == "done",
        )

    async def decide(request: Request) -> Response:
        try:
            body = await request.json()
            given = {k: body.get(k) for k in ("key", "action", "value", "status", "note")}
            seen, shown = int(body.get("seen", 0)), str(body.get("fingerprint", ""))
            name = reviewer_name(str(body.get("reviewer") or app.reviewer))
        except (ValueError, TypeError, AttributeError) as problem:
            return JSONResponse({"error": str(problem) or "a decision the app cannot read"}, 400)
        filters = Filters.of(request)
        with open_store(app.db) as store:
            items = _all_items(store, Filters())
            item = next((i for i in items if item_key(i) == given["key"]), None)
            if item is None or fingerprint(item) != shown:
                return JSONResponse({"stale": "this field changed since the page showed it"}, 409)
            try:
                record_decision(
                    store,
                    item,
                    str(given["action"] or ""),
                    name,
                    value=_text(given["value"]),
                    status=_text(given["status"]),
                    note=_text(given["note"]),
                    seen=seen,
                )
            except ReviewInputError as problem:
                return JSONResponse({"error": f"{problem}: nothing recorded"}, 400)
            except DecisionConflict as conflict:
                return JSONResponse(_conflict(conflict), 409)
        assert item.decision is not None
        return JSONResponse(
            {"recorded": describe_decision(item.decision), "next": _next(items, item, filters)}
        )

    def next_item(request: Request) -> Response:
        filters = Filters.of(request)
        with open_store(app.db) as store:
            items = _all_items(store, filters)
        current = next((i for i in items if item_key(i) == request.query_params.get("item")), None)
        return RedirectResponse(_next(items, current, filters), 303)

    def page_image(request: Request) -> Response:
        key = request.query_params.get("item", "")
        with open_store(app.db) as store:
            item = next((i for i in _all_items(store, Filters()) if item_key(i) == key), None)
        path = _letter_file(app, item) if item is not None else None
        if item is None or path is None or item.field.page is None:
            return Response("no page to show", 404)
        cache = (item.sha256, item.field.page)
        if cache not in app.images:
            app.images[cache] = page_png(path, item.field.page)
        return Response(app.images[cache], media_type="image/png")

    def report(request: Request) -> Response:
        from rhi_llm.report import report_from_store

        with open_store(app.db) as store:
            return HTMLResponse(report_from_store(store))

    def summary(request: Request) -> Response:
        from rhi_llm.summary import letter_contents, summarise
        from rhi_llm.summary_render import summary_html

        with open_store(app.db) as store:
            rows = store.current_rows()
            result = summarise(rows, store.decisions(), letter_contents(rows, store.document))
        return HTMLResponse(summary_html(result))

    routes = [
        Route("/", queue_page),
        Route("/next", next_item),
        Route("/decide", decide, methods=["POST"]),
        Route("/page.png", page_image),
        Route("/report", report),
        Route("/summary", summary),
    ]
    starlette = Starlette(routes=routes)
    starlette.mount("/static", StaticFiles(directory=STATIC))
    return _guarded(starlette, app)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _conflict(conflict: DecisionConflict) -> dict[str, Any]:
    return {
        "conflict": "someone else decided this field since the page showed it",
        "theirs": describe_decision(conflict.theirs) if conflict.theirs else "(no decision)",
        "mine": describe_decision(conflict.mine),
        "theirs_id": conflict.theirs_id,
    }


def _next(items: list[ReviewItem], current: ReviewItem | None, filters: Filters) -> str:
    """The address of the next undecided field after ``current`` (the queue's end: '/?done')."""
    queue = [item for item in items if filters.keep(item)]
    keys = [item_key(i) for i in queue]
    mine = item_key(current) if current is not None else None
    after = keys.index(mine) + 1 if mine in keys else 0
    for item in queue[after:]:
        if item.decision is None:
            return "/?" + urlencode({"item": item_key(item)}) + _and(filters)
    return "/?" + urlencode({"item": "done"}) + _and(filters)


def _and(filters: Filters) -> str:
    query = filters.query()
    return "&" + query if query else ""


def _guarded(inner: ASGIApp, app: ReviewApp) -> ASGIApp:
    """The app behind the two checks: the Host header, then the token."""

    async def guard(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await inner(scope, receive, send)
            return
        request = Request(scope)
        if request.headers.get("host", "") not in app.allowed_hosts():
            await Response("refused: this review only answers to 127.0.0.1", 403)(
                scope, receive, send
            )
            return
        given = request.query_params.get("token")
        if given is not None and _same(given, app.token):
            kept = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + ("?" + urlencode(kept) if kept else "")
            answer = RedirectResponse(target, 303)
            answer.set_cookie(COOKIE, app.token, httponly=True, samesite="strict")
            await answer(scope, receive, send)
            return
        if not _has_token(request, app.token):
            await Response("refused: open the address with its token, as printed", 403)(
                scope, receive, send
            )
            return
        await inner(scope, receive, send)

    return guard


def _has_token(request: Request, token: str) -> bool:
    header = request.headers.get(HEADER, "")
    if request.method != "GET":  # a decision must name the token itself, not only the cookie
        return _same(header, token)
    return _same(request.cookies.get(COOKIE, ""), token) or _same(header, token)


def _same(given: str, token: str) -> bool:
    """The token compared in constant time (as bytes: any text may be sent)."""
    return secrets.compare_digest(given.encode("utf-8", "replace"), token.encode())


def _listener(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))  # this computer only
    listener.listen(64)  # a browser opened at once waits for the server, is not refused
    return listener


def _server(session: ReviewApp) -> uvicorn.Server:
    config = uvicorn.Config(build_app(session), log_level="warning", lifespan="off")
    return uvicorn.Server(config)


def _session(db: Path, reviewer: str, listener: socket.socket) -> tuple[ReviewApp, str]:
    port = int(listener.getsockname()[1])
    session = ReviewApp(db=db, token=secrets.token_urlsafe(24), port=port, reviewer=reviewer)
    return session, f"http://127.0.0.1:{port}/?token={session.token}"


def serve(db: Path, reviewer: str, *, port: int = 0, open_browser: bool = True) -> None:
    """Serve the review on 127.0.0.1 until Ctrl-C; prints the address with its token."""
    import webbrowser

    listener = _listener(port)
    session, address = _session(db, reviewer, listener)
    print(f"review in your browser at {address}", flush=True)
    print("(only this computer can open it; Ctrl-C stops it)", flush=True)
    if open_browser:
        webbrowser.open(address)
    try:
        _server(session).run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    print("review stopped; every decision is in the run store", flush=True)


@contextmanager
def serving(db: Path, reviewer: str) -> Iterator[tuple[ReviewApp, str]]:
    """The review served on a free port from a thread while the block runs (for tests and
    the screenshot script): the session and its address with the token."""
    listener = _listener(0)
    session, address = _session(db, reviewer, listener)
    server = _server(session)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.025)
        yield session, address
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
