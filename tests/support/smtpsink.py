#!/usr/bin/python3
# smtpsink.py DIR: a real SMTP server for the tests (Debian's
# python3-aiosmtpd), started by tests/support/smtp.c. It listens on a free
# loopback port and writes the port to DIR/port; every message it accepts
# goes, as received (CRLF line endings), into DIR/NNNNNN.eml, written to a
# temporary name and renamed, so a reader never sees half a message. While
# DIR/refuse exists it answers MAIL FROM with 451 and counts the attempt
# in DIR/refused (one byte each). SIGTERM stops it. Without aiosmtpd it
# exits with status 3, which the tests report as a missing tool.
import asyncio
import os
import signal
import sys

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.exit(3)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def path(self, name):
        return os.path.join(self.folder, name)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if os.path.exists(self.path("refuse")):
            with open(self.path("refused"), "ab") as f:
                f.write(b"x")
            return "451 4.3.0 try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        tmp = self.path(".%06d.tmp" % self.count)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, self.path("%06d.eml" % self.count))
        return "250 OK queued"


async def main(folder):
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    sink = Sink(folder)  # one for every connection: it numbers the messages
    server = await loop.create_server(lambda: SMTP(sink), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(folder, ".port"), "w") as f:
        f.write("%d\n" % port)
    os.rename(os.path.join(folder, ".port"), os.path.join(folder, "port"))
    await stop
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
