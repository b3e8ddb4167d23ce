#!/usr/bin/python3
"""openapi_test.py: checks the API against its document, docs/openapi.yaml.

Starts a real server on demo data (`samskab demo`, then `samskab serve` on
a port the kernel picks; the binary is $SAMSKAB_BIN, default
build/samskab) and, for every path the document describes:

  - fetches it with real ids (taken from the list the id comes from)
    and the example of every required query parameter, and validates the response against the schema the document gives for
    its status (JSON Schema 2020-12, with Debian's python3-jsonschema);
  - fetches every list with each documented filter (every value of an
    enum; for an id filter, a real id of that collection) and walks every
    page with a small per_page by following "next";
  - asks for something wrong (an unknown id, a malformed or unknown
    filter value, a per_page out of range, another method) and validates
    the error body;

and fails when src/routes.c has an /api/v1 route the document lacks, or
the document a path no route serves. Prints TAP; exit status 1 on any
failure. Run from the top of the source tree.
"""
import ctypes
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import jsonschema
import yaml

DIALECT = "https://json-schema.org/draft/2020-12/schema"
UNKNOWN_ID = 999999999


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, why=""):
        self.n += 1
        if ok:
            print("ok %d - %s" % (self.n, what))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, what))
            for line in str(why).splitlines()[:30]:
                print("#   " + line)
        sys.stdout.flush()
        return ok

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def die_with_this_test():
    """In the child, before exec: the kernel kills it when this test ends,
    however it ends (PR_SET_PDEATHSIG), so no server is left behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the test ended before prctl took effect
        os._exit(127)


class Server:
    """samskab serve on a fresh demo database in a temporary directory."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="samskab-openapi-")
        self.proc = None
        self.copier = None
        try:
            self.start(binary)
        except BaseException:
            self.stop()
            raise

    def start(self, binary):
        self.db = os.path.join(self.dir, "samskab.db")
        self.log = os.path.join(self.dir, "serve.log")
        subprocess.run([binary, "demo", "--db", self.db, "--log-level", "warn"], check=True,
                       stdout=subprocess.DEVNULL)
        self.proc = subprocess.Popen(
            [binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0", "--workers", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=die_with_this_test)
        # Read the server's log as it comes until it says where it listens
        # (or ends), with a deadline; then a thread copies the rest to
        # self.log, so the pipe never fills.
        log = open(self.log, "wb")
        err = self.proc.stderr.fileno()
        seen = b""
        self.port = None
        deadline = time.monotonic() + 30
        while self.port is None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([err], [], [], left)[0]:
                break
            chunk = os.read(err, 65536)
            if not chunk:
                break  # it ended
            log.write(chunk)
            seen += chunk
            m = re.search(rb"msg=listening .*? port=(\d+)", seen)
            if m:
                self.port = int(m.group(1))

        def copy():
            with log:
                for chunk in iter(lambda: os.read(err, 65536), b""):
                    log.write(chunk)

        self.copier = threading.Thread(target=copy, daemon=True)
        self.copier.start()
        if self.port is None:
            raise RuntimeError("samskab serve did not start: " + seen.decode("utf-8", "replace"))

    def get(self, path, method="GET"):
        """(status, content type, headers, parsed JSON or None, raw body)."""
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, path), method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, headers, body = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, e.headers, e.read()
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            data = None
        return status, headers.get("Content-Type", ""), headers, data, body

    def stop(self):
        """SIGTERM; the exit status (None if it had to be killed)."""
        try:
            if self.proc is None:
                return None
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        finally:
            if self.copier:
                self.copier.join(timeout=15)
            if self.proc:
                self.proc.stderr.close()
            shutil.rmtree(self.dir, ignore_errors=True)


class Document:
    """docs/openapi.yaml, with $ref resolution and schema validators."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)

    def deref(self, obj):
        while isinstance(obj, dict) and "$ref" in obj:
            node = self.doc
            for part in obj["$ref"].lstrip("#/").split("/"):
                node = node[part]
            obj = node
        return obj

    def schema(self, schema):
        """A validator for schema; its $refs point into the document."""
        root = {"$schema": DIALECT, "components": self.doc.get("components", {}), "allOf": [schema]}
        return jsonschema.Draft202012Validator(root, format_checker=jsonschema.FormatChecker())

    def operations(self):
        for path, item in self.doc.get("paths", {}).items():
            for method, op in item.items():
                if method in ("get", "put", "post", "delete", "patch", "head", "options"):
                    params = [self.deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
                    yield path, method, op, params

    def response_schema(self, op, status):
        """The JSON schema for a status of op (or its default), or None."""
        resp = op.get("responses", {}).get(str(status)) or op.get("responses", {}).get("default")
        resp = self.deref(resp)
        if not resp:
            return None
        content = resp.get("content", {}).get("application/json")
        return content and content.get("schema")


def errors_of(validator, data):
    errs = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return "\n".join("%s: %s" % ("/".join(map(str, e.absolute_path)) or "(top)", e.message[:300])
                     for e in errs[:10])


def fill(template, ids):
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), template)


def add(path, query):
    """path with query appended to its own query, if it has one."""
    return path + ("&" if "?" in path else "?") + query


class Contract:
    def __init__(self, tap, doc, srv):
        self.tap, self.doc, self.srv = tap, doc, srv
        self.paths = doc.doc.get("paths", {})

    def fetch(self, op, path, status, method="GET"):
        """Fetches path; (data if the status was right, else None, and
        what is wrong: the status, the type, or the body against the
        schema documented for the status it got)."""
        got, ctype, _, data, body = self.srv.get(path, method)
        why = []
        if got != status:
            why.append("status %d, expected %d: %s" % (got, status, body[:300]))
        if not ctype.startswith("application/json"):
            why.append("Content-Type %r" % ctype)
        if op is None:
            schema = {"$ref": "#/components/schemas/Error"}
        else:
            if str(got) not in op.get("responses", {}) and "default" not in op.get("responses", {}):
                why.append("status %d is not documented" % got)
            schema = self.doc.response_schema(op, got)
        if schema is None:
            why.append("no JSON schema documented for status %d" % got)
        elif data is None:
            why.append("the body is not JSON: %r" % body[:200])
        else:
            e = errors_of(self.doc.schema(schema), data)
            if e:
                why.append(e)
        return (data if got == status else None), why

    def expect(self, op, path, status, what, method="GET"):
        """fetch, reported as one test; returns the data."""
        data, why = self.fetch(op, path, status, method)
        self.tap.check(not why, "%s %s: %s" % (method, path, what), "\n".join(why))
        return data

    def refused(self, op, path, param, what):
        """A 400 whose error names the refused query parameter."""
        data = self.expect(op, path, 400, what)
        if data is not None:
            named = data.get("error", {}).get("parameter")
            self.tap.check(named == param, "GET %s: the error names parameter %s" % (path, param),
                           "parameter: %r" % (named,))

    def list_template(self, param, template):
        """Where the values of a path parameter come from: the path
        before "/{param}" (a documented list)."""
        head = template.split("/{%s}" % param)[0]
        return head if head in self.paths else None

    def candidates(self, template, limit=20):
        """Fillings of template's path parameters with real ids, at most
        limit, the nearest first."""
        params = re.findall(r"\{(\w+)\}", template)
        if not params:
            yield {}
            return
        last = params[-1]
        source = self.list_template(last, template)
        if source is None:
            raise RuntimeError("no documented list to take {%s} of %s from" % (last, template))
        count = 0
        for outer in self.candidates(source, limit):
            status, _, _, data, _ = self.srv.get(fill(source, outer) + "?per_page=100")
            for item in (data or {}).get("items", []) if status == 200 else []:
                yield dict(outer, **{last: item["id"]})
                count += 1
                if count >= limit:
                    return

    def real_ids(self, template):
        """A filling whose page (if the path is a list) is not empty."""
        first = None
        for ids in self.candidates(template):
            first = first or ids
            status, _, _, data, _ = self.srv.get(fill(template, ids))
            if status == 200 and not (isinstance(data, dict) and data.get("items") == []):
                return ids
        return first

    def id_filter_values(self, name):
        """Real ids for an id filter named after its collection (area ->
        /api/v1/areas)."""
        source = "/api/v1/%ss" % name
        if source not in self.paths:
            return None
        status, _, _, data, _ = self.srv.get(source + "?per_page=100")
        return [item["id"] for item in (data or {}).get("items", [])] if status == 200 else None

    def check_filtered(self, path, items, name, value):
        """Every item carries the filter's value in the field named for
        it: name ("sector", "status"; "theme": {"id": ...}), its plural
        ("areas": [{"id": ...}]) or current_name ("current_phase":
        {"kind": ...}). Nothing to check when no item has such a field."""
        def carries(field):
            if isinstance(field, list):
                return any(carries(f) for f in field)
            if isinstance(field, dict):
                return any(str(v) == str(value) for v in field.values())
            return str(field) == str(value)

        keys = (name, name + "s", "current_" + name)
        checked = [item for item in items if any(k in item for k in keys)]
        if not checked:
            return
        wrong = [item.get("id") for item in checked if not any(carries(item.get(k)) for k in keys if k in item)]
        self.tap.check(not wrong, "GET %s: all %d items have %s=%s" % (path, len(checked), name, value),
                       "items %s do not" % wrong)

    def walk_pages(self, op, path):
        """Follows next with per_page=2: every page valid, every item once."""
        url, seen, pages, total, why = add(path, "per_page=2"), [], 0, None, []
        while url and pages < 500 and not why:
            data, why = self.fetch(op, url, 200)
            if data is None:
                break
            pages += 1
            total = data["total"]
            # Ids are per kind where a list mixes kinds (search).
            seen += [(item.get("kind"), item.get("id")) for item in data["items"]]
            url = data["next"]
        if not why and (len(seen) != total or len(set(seen)) != len(seen)):
            why = ["saw %d items (%d distinct) in %d pages" % (len(seen), len(set(seen)), pages)]
        self.tap.check(not why, "GET %s: %d valid pages of 2 by next, all %s items once" % (path, pages, total),
                       "at %s: %s" % (url, "\n".join(why)))

    def operation(self, template, method, op, params):
        if method != "get":
            self.tap.check(False, "%s %s" % (method.upper(), template),
                           "the test only knows how to call GET operations")
            return
        path_params = [p for p in params if p["in"] == "path"]
        query_params = [p for p in params if p["in"] == "query"]
        ids = self.real_ids(template)
        if ids is None:
            self.tap.check(False, "GET %s: real ids" % template, "no list gave an id")
            return
        path = fill(template, ids)
        required = [p for p in query_params if p.get("required")]
        if required:
            path = add(path, "&".join("%s=%s" % (p["name"], p.get("example", "")) for p in required))
        self.expect(op, path, 200, "valid")

        # Filters and paging.
        for p in query_params:
            schema = self.doc.deref(p.get("schema", {}))
            name = p["name"]
            if p.get("required"):
                # Given above; without it, or empty, it is refused.
                bare = fill(template, ids)
                self.refused(op, add(bare, "%s=" % name), name, "an empty %s is refused" % name)
                if len(required) == 1:
                    self.refused(op, bare, name, "without %s it is refused" % name)
            elif name == "page":
                self.walk_pages(op, path)
                self.expect(op, add(path, "page=1000000"), 200, "a page past the end")
                self.refused(op, add(path, "page=0"), name, "page 0 is refused")
            elif name == "per_page":
                self.expect(op, add(path, "per_page=%d" % schema.get("maximum", 100)), 200, "largest per_page")
                self.refused(op, add(path, "per_page=0"), name, "per_page 0 is refused")
                self.refused(op, add(path, "per_page=%d" % (schema.get("maximum", 100) + 1)), name,
                             "per_page above the maximum is refused")
            elif "enum" in schema:
                for value in schema["enum"]:
                    data = self.expect(op, add(path, "%s=%s" % (name, value)), 200, "filter %s=%s" % (name, value))
                    if data is not None:
                        self.check_filtered(path, data.get("items", []), name, value)
                self.refused(op, add(path, "%s=no-such-%s" % (name, name)), name, "an unknown %s is refused" % name)
            elif schema.get("type") == "integer":
                values = self.id_filter_values(name)
                if not self.tap.check(values is not None and len(values) > 0,
                                      "GET %s: real values for filter %s" % (template, name),
                                      "no documented list /api/v1/%ss with items" % name):
                    continue
                for value in values[:20]:
                    data = self.expect(op, add(path, "%s=%s" % (name, value)), 200, "filter %s=%s" % (name, value))
                    if data is not None:
                        self.check_filtered(path, data.get("items", []), name, value)
                self.expect(op, add(path, "%s=x1" % name), 400, "a malformed %s is refused" % name)
                self.expect(op, add(path, "%s=-1" % name), 400, "a negative %s is refused" % name)
            else:
                self.tap.check(False, "GET %s: filter %s" % (template, name),
                               "the test does not know how to try this parameter")

        # Unknown ids, one parameter at a time.
        for p in path_params:
            wrong = dict(ids, **{p["name"]: UNKNOWN_ID})
            self.expect(op, fill(template, wrong), 404, "an unknown %s" % p["name"])

        # Any other method: 405 with the error body.
        got, _, headers, data, body = self.srv.get(path, "DELETE")
        ok = got == 405 and "GET" in headers.get("Allow", "") and data is not None
        e = errors_of(self.doc.schema({"$ref": "#/components/schemas/Error"}), data) if ok else ""
        self.tap.check(ok and not e, "DELETE %s: 405 with Allow and the error body" % path,
                       e or "status %d, Allow %r: %r" % (got, headers.get("Allow"), body[:200]))


def routes(path):
    """The (method, pattern) of every /api/v1 route in src/routes.c."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return {(m.group(1).lower(), m.group(2))
            for m in re.finditer(r'\{\s*HTTP_(\w+)\s*,\s*"(/api/v1(?:/[^"]*)?)"', text)}


def main():
    tap = Tap()
    doc = Document("docs/openapi.yaml")
    tap.check(str(doc.doc.get("openapi", "")).startswith("3.1."), "the document is OpenAPI 3.1",
              "openapi: %r" % doc.doc.get("openapi"))
    for name, schema in doc.doc.get("components", {}).get("schemas", {}).items():
        try:
            jsonschema.Draft202012Validator.check_schema(dict(schema, **{"$schema": DIALECT}))
            tap.check(True, "schema %s is valid JSON Schema 2020-12" % name)
        except jsonschema.SchemaError as e:
            tap.check(False, "schema %s is valid JSON Schema 2020-12" % name, e.message)

    documented = {(method, path) for path, method, _, _ in doc.operations()}
    served = routes("src/routes.c")
    for method, path in sorted(served - documented):
        tap.check(False, "route %s %s is documented" % (method.upper(), path), "missing from docs/openapi.yaml")
    for method, path in sorted(documented - served):
        tap.check(False, "documented %s %s has a route" % (method.upper(), path), "not in src/routes.c")
    tap.check(served and served <= documented, "every /api/v1 route in src/routes.c is documented (%d)" % len(served))

    srv = Server(os.environ.get("SAMSKAB_BIN", "build/samskab"))
    try:
        contract = Contract(tap, doc, srv)
        for path, method, op, params in doc.operations():
            try:
                contract.operation(path, method, op, params)
            except Exception as e:  # one broken path must not hide the others
                tap.check(False, "%s %s" % (method.upper(), path), "%s: %s" % (type(e).__name__, e))
        contract.expect(None, "/api/v1/no-such-thing", 404, "an unknown path has the error body")
    finally:
        status = srv.stop()
    tap.check(status == 0, "samskab serve stops cleanly on SIGTERM", "exit status %r" % status)
    return tap.done()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:
        print("not ok - openapi_test.py stopped: %s: %s" % (type(e).__name__, e))
        sys.exit(1)
