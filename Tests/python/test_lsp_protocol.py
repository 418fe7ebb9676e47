"""poclint lsp at the byte level: framing, errors, lifecycle and exit codes, with a raw client.

pytest-lsp cannot send malformed JSON or exit without shutting down; this small client can.
Every byte the server writes to stdout must parse as a frame.
"""
import json
import queue
import subprocess
import threading
import time

import pytest

from conftest import POCLINT

TIMEOUT = 60


class RawClient:
    def __init__(self, *args):
        self.proc = subprocess.Popen([POCLINT, "lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.notifications = []
        self.stray = []
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line == b"\r\n":
                    break
                if not line.endswith(b"\r\n") or b":" not in line:
                    self.stray.append(line)
                    continue
                name, value = line[:-2].split(b":", 1)
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers[b"content-length"]))
            self.inbox.put(json.loads(body.decode("utf-8")))

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def send_bytes(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, id, method, params=None):
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def next_response(self, timeout=TIMEOUT):
        """The next response (notifications and server requests are kept aside)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            assert message is not None, "the server closed its output"
            if "method" in message:
                self.notifications.append(message)
                continue
            return message

    def response(self, id, timeout=TIMEOUT):
        message = self.next_response(timeout)
        assert message.get("id") == id, message
        return message

    def initialize(self, capabilities=None):
        self.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}})
        result = self.response(1)["result"]
        self.notify("initialized", {})
        return result

    def close_input(self):
        self.proc.stdin.close()

    def wait(self, timeout=TIMEOUT):
        code = self.proc.wait(timeout=timeout)
        time.sleep(0.05)
        assert self.stray == [], f"stdout carried something that is not a frame: {self.stray!r}"
        return code


@pytest.fixture
def raw():
    client = RawClient()
    yield client
    if client.proc.poll() is None:
        client.proc.kill()
        client.proc.wait()


def open_doc(client, uri, text, version=1):
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": version, "text": text}})


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_after_shutdown_is_status_zero(raw):
    raw.initialize()
    raw.request(2, "shutdown")
    assert raw.response(2)["result"] is None
    raw.notify("exit")
    assert raw.wait() == 0


def test_exit_without_shutdown_is_status_one(raw):
    raw.initialize()
    raw.notify("exit")
    assert raw.wait() == 1


def test_end_of_input_without_shutdown_is_status_one(raw):
    raw.initialize()
    open_doc(raw, "file:///p/a.md", "# Acme\n")
    raw.close_input()
    assert raw.wait() == 1


def test_end_of_input_after_shutdown_is_status_zero(raw):
    raw.initialize()
    raw.request(2, "shutdown")
    raw.response(2)
    raw.close_input()
    assert raw.wait() == 0


def test_exit_before_initialize_is_status_one(raw):
    raw.notify("exit")
    assert raw.wait() == 1


# --- errors -------------------------------------------------------------------------------------

def test_malformed_json_is_a_parse_error_and_the_server_goes_on(raw):
    raw.initialize()
    for body in (b'{"jsonrpc": "2.0", "id": 7, "method": ', b"\xff\xfe not json", b"[1, 2"):
        raw.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        error = raw.next_response()
        assert error["id"] is None and error["error"]["code"] == -32700
    raw.request(3, "textDocument/hover", {"textDocument": {"uri": "file:///p/none.md"},
                                          "position": {"line": 0, "character": 0}})
    assert raw.response(3)["result"] is None
    raw.request(4, "shutdown")
    raw.response(4)
    raw.notify("exit")
    assert raw.wait() == 0
    assert b"parse error" in raw.stderr  # logged on stderr, never on stdout


def test_invalid_messages_get_invalid_request(raw):
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "id": 5})                       # no method
    assert raw.response(5)["error"]["code"] == -32600
    raw.send([1, 2, 3])                                          # not an object
    assert raw.next_response()["error"]["code"] == -32600
    raw.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})  # bad id
    assert raw.next_response()["error"]["code"] == -32600


def test_a_header_without_content_length_is_skipped(raw):
    raw.initialize()
    raw.send_bytes(b"Content-Type: application/vscode-jsonrpc\r\n\r\n")
    raw.request(2, "shutdown")
    assert raw.response(2)["result"] is None


def test_unknown_request_and_notification(raw):
    raw.initialize()
    raw.notify("poclint/unknownNotification", {"x": 1})          # ignored: no answer
    raw.notify("$/setTrace", {"value": "off"})
    raw.request(2, "poclint/unknownRequest", {})
    assert raw.response(2)["error"]["code"] == -32601
    raw.request("three", "$/unknownRequest")
    assert raw.response("three")["error"]["code"] == -32601


def test_requests_before_initialize_and_after_shutdown(raw):
    raw.request(1, "textDocument/hover", {"textDocument": {"uri": "file:///p/a.md"},
                                          "position": {"line": 0, "character": 0}})
    assert raw.response(1)["error"]["code"] == -32002
    open_doc(raw, "file:///p/a.md", "# Acme\n")  # a notification before initialize: dropped
    raw.request(2, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert "capabilities" in raw.response(2)["result"]
    raw.request(3, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert raw.response(3)["error"]["code"] == -32600
    raw.request(4, "shutdown")
    raw.response(4)
    raw.request(5, "textDocument/diagnostic", {"textDocument": {"uri": "file:///p/a.md"}})
    assert raw.response(5)["error"]["code"] == -32600
    raw.notify("exit")
    assert raw.wait() == 0
    assert not [n for n in raw.notifications if n["method"] == "textDocument/publishDiagnostics"]


def test_missing_params_are_invalid_params(raw):
    raw.initialize()
    raw.request(2, "textDocument/hover", {})
    assert raw.response(2)["error"]["code"] == -32602
    raw.request(3, "textDocument/hover", {"textDocument": {"uri": "file:///p/a.md"}})
    assert raw.response(3)["error"]["code"] == -32602


# --- content length, large documents, cancellation ---------------------------------------------

def huge_application(paragraphs):
    """A long application: many paragraphs in few sections (the engine's cost grows with
    sections times paragraphs, so thousands of sections would measure the engine, not the server)."""
    parts = ["# 🚀 Acme claims assistant", "## Use case", "Adjusters get draft replies to warranty claims.",
             "## Notes 🚀👍🏽"]
    parts += [f"Paragraph {i}: more about the adjusters, the claims and the policy PDF – “quoted” é 🚀."
              for i in range(paragraphs)]
    return "\n\n".join(parts) + "\n"


def test_content_length_counts_utf8_bytes_of_a_huge_document(raw):
    """About 2 MB of UTF-8 with emoji, pushed and pulled; diagnostics refer to the same text."""
    raw.initialize()
    text = huge_application(20000)
    assert len(text.encode("utf-8")) > 1_900_000
    open_doc(raw, "file:///p/huge.md", text)
    raw.request(2, "textDocument/diagnostic", {"textDocument": {"uri": "file:///p/huge.md"}})
    report = raw.response(2, timeout=120)["result"]
    assert report["kind"] == "full"
    codes = {d["code"] for d in report["items"]}
    assert "missing-component" in codes
    deadline = time.monotonic() + 120
    while not any(n["method"] == "textDocument/publishDiagnostics" for n in raw.notifications):
        assert time.monotonic() < deadline, "no diagnostics pushed for the huge document"
        try:
            raw.notifications.append(raw.inbox.get(timeout=1))
        except queue.Empty:
            pass
    raw.request(3, "shutdown")
    raw.response(3, timeout=120)
    raw.notify("exit")
    assert raw.wait() == 0


def test_cancel_request_answers_request_cancelled(raw):
    raw.initialize(capabilities={"textDocument": {"diagnostic": {"dynamicRegistration": False}}})
    open_doc(raw, "file:///p/huge.md", huge_application(20000))
    # The second pull waits behind the first on the lint queue; cancel it meanwhile.
    raw.request(2, "textDocument/diagnostic", {"textDocument": {"uri": "file:///p/huge.md"}})
    raw.request(3, "textDocument/diagnostic", {"textDocument": {"uri": "file:///p/huge.md"}})
    raw.notify("$/cancelRequest", {"id": 3})
    raw.notify("$/cancelRequest", {"id": 99})  # unknown id: ignored
    answers = {}
    for _ in range(2):
        message = raw.next_response(timeout=120)
        answers[message["id"]] = message
    assert answers[3]["error"]["code"] == -32800
    assert answers[2]["result"]["kind"] == "full"
    raw.request(4, "shutdown")
    raw.response(4, timeout=120)
    raw.notify("exit")
    assert raw.wait() == 0


def test_pull_clients_get_no_push(raw):
    raw.initialize(capabilities={"textDocument": {"diagnostic": {"dynamicRegistration": False}}})
    open_doc(raw, "file:///p/a.md", "# Acme\n")
    time.sleep(0.5)
    raw.request(2, "shutdown")
    raw.response(2)
    raw.notify("exit")
    assert raw.wait() == 0
    assert not [n for n in raw.notifications if n["method"] == "textDocument/publishDiagnostics"]


def test_publish_carries_version_and_lsp_shaped_diagnostics(raw):
    from lsprotocol import converters, types
    raw.initialize()
    open_doc(raw, "file:///p/a.md", "# Acme 🚀\r\n\r\n## Budget\r\n\r\nTBD\r\n", version=7)
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            message = raw.inbox.get(timeout=1)
        except queue.Empty:
            message = None
        if message and message.get("method") == "textDocument/publishDiagnostics":
            break
        assert time.monotonic() < deadline
    params = converters.get_converter().structure(message["params"], types.PublishDiagnosticsParams)
    assert params.version == 7 and params.uri == "file:///p/a.md"
    missing = [d for d in params.diagnostics if d.code == "missing-component"]
    assert len(missing) == 4
    assert all(d.severity in (1, 2, 3) and d.source == "poclint" for d in params.diagnostics)
