"""A client that talks to the dashboard as a browser does: over Streamlit's WebSocket, with
its protocol messages (BackMsg up, ForwardMsg down), HTTP for the cookie hand-over after
sign-in and for downloads. No browser, no AppTest: what the load benchmark drives."""

from __future__ import annotations

import asyncio
import itertools
import time
import urllib.parse
from dataclasses import dataclass, field

import httpx
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

COOKIE = "pantau_sesi"
MARK = "pantau_peramban"  # the browser's own mark, given with the first page it loads
TEXTS = ("markdown", "heading", "alert", "text", "metric", "code")
WIDGETS = ("text_input", "button", "selectbox", "download_button", "checkbox", "toggle")


class ProtocolError(RuntimeError):
    """The app answered in a way a browser would show as an error."""


# What ends one session's visit (counted as its error; the other sessions go on).
FAILURES = (ProtocolError, ConnectionClosed, TimeoutError, OSError, KeyError)


@dataclass
class Page:
    """What one run of the app rendered: elapsed seconds until its run finished, every
    text shown, the widgets by label, exceptions, a redirect the app asked for."""

    elapsed: float = 0.0
    texts: list[str] = field(default_factory=list)
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)  # label -> (kind, proto)
    exceptions: list[str] = field(default_factory=list)
    redirect: str = ""
    payload: bytearray = field(default_factory=bytearray)  # every message's bytes

    def text(self) -> str:
        return "\n".join(self.texts)


class Browser:
    """One visitor: a cookie jar, a WebSocket to the app, the pages the navigation offers."""

    def __init__(
        self, base: str, timeout: float = 120.0, *, local: str = "", headers: dict | None = None
    ):
        self.base = base.rstrip("/")
        # The visitor's own address on this machine (127.0.0.2 …) and headers it adds to its
        # connection (a proxy's, forged): what a test of per-visitor limits needs.
        self.local, self.headers = local, headers or {}
        self.cookies: dict[str, str] = {}
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.session_id = ""
        self.current, self.query = "", ""  # the page shown and its address's query
        self._ws = None
        self._ids = itertools.count(1)

    async def open(self, path: str = "/") -> Page:
        """Connect (again) and run the page at `path` (with its query), as a page load does."""
        await self.close()
        if MARK not in self.cookies:  # a browser loads the page before it connects
            page = await self.fetch("/", follow=False, headers={"Accept": "text/html"})
            if MARK in page.cookies:
                self.cookies[MARK] = page.cookies[MARK]
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await connect(
            ws_url,
            subprotocols=[Subprotocol("streamlit")],
            origin=self.base,
            additional_headers=headers or None,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,  # a browser sends no pings
            **({"local_addr": (self.local, 0)} if self.local else {}),
        )
        target = urllib.parse.urlsplit(path)
        return await self.run(query=target.query, page=target.path.strip("/"))

    async def run(
        self, *, query: str | None = None, page: str | None = None, widgets: list[WidgetState] = ()
    ) -> Page:
        """One rerun, as a click or a changed widget sends it (on the page shown unless
        `page` names another); returns when it finished."""
        msg = BackMsg()
        state = msg.rerun_script
        if page is not None:
            self.current, self.query = self.pages.get(page, ""), ""
            state.page_name = page
        if query is not None:
            self.query = query
        state.query_string = self.query
        state.page_script_hash = self.current
        state.widget_states.widgets.extend(widgets)
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        shown = await self._until_finished()
        shown.elapsed = time.perf_counter() - started
        return shown

    async def _until_finished(self) -> Page:
        shown = Page()
        async with asyncio.timeout(self.timeout):
            while True:
                data = await self._ws.recv()
                shown.payload += data
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = msg.new_session.initialize.session_id
                    self.current = msg.new_session.page_script_hash
                elif kind == "navigation":
                    for app_page in msg.navigation.app_pages:
                        self.pages[app_page.url_pathname] = app_page.page_script_hash
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    _element(msg.delta.new_element, shown)
                elif kind == "page_info_changed":  # the app changed the address's query
                    self.query = msg.page_info_changed.query_string
                elif kind == "auth_redirect":
                    shown.redirect = msg.auth_redirect.url
                elif kind == "script_finished":
                    if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        return shown

    async def sign_in(self, username: str, password: str) -> Page:
        """The sign-in form, then the cookie hand-over the app redirects to, then the page
        again with the cookie: what a browser does after pressing Masuk."""
        answer = await self.submit_sign_in(username, password)
        if not answer.redirect:
            raise ProtocolError("sign-in refused: " + answer.text()[:200])
        back = await self.fetch(answer.redirect, follow=False)
        if COOKIE not in back.cookies:
            raise ProtocolError(f"no session cookie from {answer.redirect}")
        self.cookies[COOKIE] = back.cookies[COOKIE]
        return await self.open(urllib.parse.unquote(back.headers.get("location", "/")))

    async def submit_sign_in(self, username: str, password: str) -> Page:
        """Open the sign-in form and press Masuk: the app's answer (its redirect, if any)."""
        form = await self.open("/")
        user, secret, submit = (
            form.widgets.get(label) for label in ("Nama pengguna", "Kata sandi", "Masuk")
        )
        if not (user and secret and submit):
            raise ProtocolError("no sign-in form: " + form.text()[:200])
        states = [_string(user[1].id, username), _string(secret[1].id, password),
                  _trigger(submit[1].id)]  # fmt: skip
        return await self.run(widgets=states)

    async def choose(self, shown: Page, label: str, option: str) -> Page:
        """Pick `option` in the selectbox `label` of the page last shown."""
        _, proto = shown.widgets[label]
        return await self.run(widgets=[_string(proto.id, option)])

    async def download(self, shown: Page, label: str) -> tuple[float, int]:
        """Press the download button `label` (the file is made on request) and fetch the file:
        seconds and bytes."""
        _, proto = shown.widgets[label]
        started = time.perf_counter()
        msg = BackMsg()
        request = msg.backend_operation_request
        request.request_id = f"r{next(self._ids)}"
        request.session_id = self.session_id
        request.deferred_file.file_id = proto.deferred_file_id
        await self._ws.send(msg.SerializeToString())
        url = proto.url
        async with asyncio.timeout(self.timeout):
            while not url:
                answer = ForwardMsg()
                answer.ParseFromString(await self._ws.recv())
                if answer.WhichOneof("type") == "backend_operation_response":
                    if answer.backend_operation_response.error_msg:
                        raise ProtocolError(answer.backend_operation_response.error_msg)
                    url = answer.backend_operation_response.deferred_file.url
        got = await self.fetch(url)
        if got.status_code != 200:
            raise ProtocolError(f"download {url}: HTTP {got.status_code}")
        return time.perf_counter() - started, len(got.content)

    async def fetch(
        self, url: str, follow: bool = True, headers: dict | None = None
    ) -> httpx.Response:
        options = {"follow_redirects": follow, "timeout": self.timeout}
        async with httpx.AsyncClient(base_url=self.base, cookies=self.cookies, **options) as http:
            return await http.get(url, headers=headers)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None


def _element(element, shown: Page) -> None:
    kind = element.WhichOneof("type")
    if kind in TEXTS:
        proto = getattr(element, kind)
        body = getattr(proto, "body", "") or getattr(proto, "label", "")
        shown.texts.append(body if kind != "metric" else f"{proto.label}: {proto.body}")
    elif kind in WIDGETS:
        proto = getattr(element, kind)
        shown.widgets[proto.label] = (kind, proto)
    elif kind == "exception":
        shown.exceptions.append(f"{element.exception.type}: {element.exception.message}")


def _string(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, string_value=value)


def _trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)
