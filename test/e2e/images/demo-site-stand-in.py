# e2e fake of rycus86/demo-site, which cannot be pulled here: like the real app it serves pages
# on $HTTP_HOST:$HTTP_PORT, so the sidecar example deploys unchanged. Every page names its path
# and when it was rendered; while the file /tmp/fail exists it answers 500 instead, which is how
# the e2e makes the app fail (docker exec <app> touch /tmp/fail). Each request is logged.
import os
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAIL_SWITCH = '/tmp/fail'


class DemoSite(BaseHTTPRequestHandler):
    def do_GET(self):
        if os.path.exists(FAIL_SWITCH):
            self.answer(500, 'demo-site stand-in: failing on purpose\n')
        else:
            rendered = datetime.now(timezone.utc).isoformat()
            self.answer(200, f'<h1>demo-site stand-in</h1><p>page {self.path}, rendered at {rendered}</p>\n')

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


address = (os.environ.get('HTTP_HOST', '0.0.0.0'), int(os.environ.get('HTTP_PORT', '5000')))
print(f'demo-site stand-in listening on {address[0]}:{address[1]}', flush=True)
ThreadingHTTPServer(address, DemoSite).serve_forever()
