"""A plain static file server for e2e tests, like python's http.server, that can also send the CORS header
static hosts such as GitHub Pages send (`Access-Control-Allow-Origin: *`), which cross-origin module scripts,
SRI-checked scripts and sandboxed (opaque-origin) embeds need. Usage: static_server.py DIR PORT [--cors]"""
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    cors = False

    def end_headers(self):
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    Handler.cors = "--cors" in sys.argv
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=directory))
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
