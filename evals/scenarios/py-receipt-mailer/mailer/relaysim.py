"""Local stand-in of the outbound mail relay (python -m mailer.relaysim SECONDS).

Prints host:port on the first line of stdout and speaks enough SMTP for smtplib. Like the
production relay (Postfix with postscreen) it waits before its 220 greeting; it accepts every
message and exits after SECONDS.
"""

import random
import socketserver
import sys
import threading
import time

GREETING_PAUSE_SECONDS = 0.045


class RelayHandler(socketserver.StreamRequestHandler):
    disable_nagle_algorithm = True

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        time.sleep(GREETING_PAUSE_SECONDS * random.uniform(0.8, 1.2))
        self.reply("220 relay.acme.example ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250-relay.acme.example")
                self.reply("250-SIZE 52428800")
                self.reply("250 8BITMIME")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 2.0.0 Ok")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.reply("250 2.0.0 Ok: queued")
            elif command == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Error: command not recognized")


class Relay(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Relay(("127.0.0.1", 0), RelayHandler)
    print(f"127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 60, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
