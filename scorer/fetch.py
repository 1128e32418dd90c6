"""Fetching a page by URL: http(s) only, a timeout, a size cap, few redirects, clear refusals.

By default an address that resolves to a private, loopback, link-local or otherwise reserved
network is refused, on the first request and on every redirect, so a service that fetches for
its callers cannot be pointed at the machine it runs on or at its neighbours. The check is made
again where the socket is opened, on the addresses it connects to, so a host that answers a
public address first and a private one a moment later (DNS rebinding) is refused too.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from scorer.documents import DEFAULT_MAX_BYTES, check_text, decode
from scorer.errors import InputError

DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
MAX_URL_CHARS = 2048
USER_AGENT = "sourcescore (+https://pypi.org/project/sourcescore/)"
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_url(value: str) -> bool:
    """Whether an argument names a web page rather than a file."""
    return value.lower().startswith(("http://", "https://"))


def check_url(url: str, allow_private: bool = False) -> str:
    """The URL, or an ``InputError`` if it is not http(s), has no host, or (unless allowed) points
    at a private or reserved address."""
    if not isinstance(url, str) or len(url) > MAX_URL_CHARS:
        raise InputError(f"a URL is text of at most {MAX_URL_CHARS} characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: only http:// and https:// URLs with a host are fetched")
    if not allow_private:
        _global_addresses(parts.hostname, parts.port, url)
    return url


def _global_addresses(host: str, port: int | None, where: str) -> list[tuple]:
    """The TCP addresses ``host`` resolves to, or an ``InputError`` if any of them is not global."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise InputError(f"{where}: host {host!r} not found") from exc
    for *_, address in infos:
        ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
        if not ip.is_global:
            raise InputError(f"{where}: refused: {host} is a private or reserved address ({ip})")
    return infos


def _connect_global(
    address: tuple[str, int], timeout: float | None = None, source_address: tuple[str, int] | None = None
) -> socket.socket:
    """``socket.create_connection`` to an address checked at this moment to be global."""
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in _global_addresses(host, port, host):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is None or isinstance(timeout, float | int):  # not http.client's "default" marker
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"cannot connect to {host}")


class _GlobalHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_global


class _GlobalHTTPSConnection(http.client.HTTPSConnection):  # certificates still checked against the host name
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_global


class _GlobalHTTP(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GlobalHTTPConnection, req)


class _GlobalHTTPS(urllib.request.HTTPSHandler):
    def __init__(self) -> None:
        self.tls = ssl.create_default_context()  # what urllib uses by default: certificates and host names checked
        super().__init__(context=self.tls)

    def https_open(self, req):
        return self.do_open(_GlobalHTTPSConnection, req, context=self.tls)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False
) -> str:
    """The page's text (HTML or plain), or an ``InputError`` that says what went wrong."""
    check_url(url, allow_private)
    handlers = [_Redirects(allow_private)] + ([] if allow_private else [_GlobalHTTP(), _GlobalHTTPS()])
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(_TEXT_TYPES)})
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in _TEXT_TYPES:
                raise InputError(f"{url}: {kind} is not a web page or text")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
            raw = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, InputError):
            raise reason from exc
        raise InputError(f"{url}: cannot fetch ({reason})") from exc
    except TimeoutError as exc:
        raise InputError(f"{url}: no answer within {timeout:g} s") from exc
    except (OSError, ValueError) as exc:  # a reset connection, a malformed response
        raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc
    if len(raw) > max_bytes:
        raise InputError(f"{url}: over the {max_bytes:,}-byte limit")
    if charset:
        try:
            return check_text(raw.decode(charset), url)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declared charset: decide from the bytes
    return check_text(decode(raw, url), url)
